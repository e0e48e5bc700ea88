import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixtures } from './helpers.js';

/** The seed article as scraped, split into its parts (the scrape debris left out). */
export function seedParts(): { title: string; body: string; sources: string[]; bio: string } {
  const text = readFileSync(path.join(fixtures, 'seed', '000_a63a872f8d55b19b.txt'), 'utf8');
  const paragraphs = text.split('\n\n').map((paragraph) => paragraph.trim());
  const title = paragraphs[0] ?? '';
  const rest = paragraphs.slice(3);
  const sources = rest
    .filter((paragraph) => /^\[\d+\] /.test(paragraph))
    .map((paragraph) => paragraph.replace(/^\[\d+\] /, ''));
  const firstSource = rest.findIndex((paragraph) => /^\[\d+\] /.test(paragraph));
  const body = rest
    .slice(0, firstSource)
    .join('\n\n')
    .replace(/\[\d+\]/g, '');
  const bio = rest[rest.length - 1] ?? '';
  return { title, body, sources, bio };
}

export function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** The words of `expected` that are not found in `text` in order (empty when all are). */
export function missingInOrder(text: string, expected: readonly string[]): string[] {
  const missing: string[] = [];
  let at = 0;
  for (const word of expected) {
    const found = text.indexOf(word, at);
    if (found === -1) missing.push(word);
    else at = found + word.length;
  }
  return missing;
}
