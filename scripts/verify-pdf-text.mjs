// CI check with poppler's pdftotext (not an npm tool, so not in the test suite): every word of
// the seed's title, body, sources and bio is in the PDF edition's text, in order, and the
// Turkish and Cyrillic strings come out exactly.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const seed = readFileSync('tests/fixtures/seed/000_a63a872f8d55b19b.txt', 'utf8');
const pdfText = execFileSync('pdftotext', ['output/kazakhstan-france-relations.pdf', '-'], {
  encoding: 'utf8',
}).replace(/\s+/g, ' ');
const paragraphs = seed.split('\n\n').map((paragraph) => paragraph.trim());
const parts = [
  paragraphs[0],
  ...paragraphs
    .slice(3)
    .filter(
      (paragraph) =>
        !/^\[\d+\] /.test(paragraph) && paragraph !== paragraphs[paragraphs.length - 1],
    ),
].map((paragraph) => paragraph.replace(/\[\d+\]/g, ' '));
const sources = paragraphs
  .filter((paragraph) => /^\[\d+\] /.test(paragraph))
  .map((paragraph) => paragraph.replace(/^\[\d+\] /, ''));
const bio = paragraphs[paragraphs.length - 1];
const missing = [];
for (const group of [parts.join(' '), sources.join(' '), bio]) {
  let at = 0;
  for (const word of group.split(/\s+/).filter(Boolean)) {
    const found = pdfText.indexOf(word, at);
    if (found === -1) missing.push(word);
    else at = found + word.length;
  }
}
for (const exact of [
  'Токаев: «90% торговли Франции с Центральной Азией приходится на Казахстан»',
  'Sakarya Üniversitesi Uluslararası İlişkiler Bölümü',
]) {
  if (!pdfText.includes(exact)) missing.push(exact);
}
if (missing.length > 0) {
  console.error(
    `pdftotext: ${missing.length} words of the seed missing or out of order: ${missing.slice(0, 10).join(' | ')}`,
  );
  process.exit(1);
}
console.log('pdftotext: every word of the seed is in the PDF edition, in order');
