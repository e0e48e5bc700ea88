import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '..', 'src');

/** The stages, in the order of flow; a stage imports only from stages it may depend on. */
const mayImport: Readonly<Record<string, readonly string[]>> = {
  // The switch between the speed paths and the plain path: every stage may ask it.
  speed: [],
  // What the PDF's embedded fonts can show: data the unsupported-character rule and the PDF share.
  fonts: [],
  model: ['parse', 'speed'],
  // The images an article shows and the path policy for their files: the missing-figure rule
  // reports with it, the run reads the PDF's figures and keys the cache with it.
  figures: ['model', 'parse', 'speed'],
  parse: ['speed'],
  read: ['parse', 'speed'],
  rules: ['model', 'parse', 'fonts', 'figures', 'speed'],
  editions: ['model', 'parse', 'fonts', 'figures', 'speed'],
  report: ['rules', 'speed'],
  import: ['model', 'parse', 'speed'],
  fix: ['model', 'parse', 'rules', 'speed'],
  run: ['read', 'parse', 'model', 'rules', 'editions', 'report', 'fonts', 'figures', 'speed'],
  cli: [
    'run',
    'read',
    'parse',
    'model',
    'rules',
    'editions',
    'report',
    'import',
    'fix',
    'fonts',
    'figures',
    'speed',
  ],
};

interface Edge {
  from: string;
  to: string;
}

/** Every relative import (static or dynamic) of every module under src/. */
export function importGraph(root: string): Edge[] {
  const files = readdirSync(root, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ts'));
  return files.flatMap((file) => {
    const text = readFileSync(path.join(root, file), 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)];
    return specifiers.map((match) => ({
      from: file,
      to: path
        .relative(root, path.resolve(root, path.dirname(file), match[1] ?? ''))
        .replace(/\.js$/, '.ts'),
    }));
  });
}

const stageOf = (file: string): string => file.split(path.sep)[0] ?? file;

/** Imports that go against the flow in `mayImport`. */
export function forbiddenEdges(edges: readonly Edge[]): string[] {
  return edges
    .filter((edge) => {
      const from = stageOf(edge.from);
      const to = stageOf(edge.to);
      if (from === to || !(from in mayImport)) return false;
      return !(mayImport[from] ?? []).includes(to);
    })
    .map((edge) => `${edge.from} → ${edge.to}`);
}

/** Cycles between modules, each as a path of files. */
export function cycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const state = new Map<string, 'open' | 'done'>();
  const found: string[][] = [];
  const visit = (file: string, trail: string[]): void => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      found.push([...trail.slice(trail.indexOf(file)), file]);
      return;
    }
    state.set(file, 'open');
    for (const to of next.get(file) ?? []) visit(to, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of next.keys()) visit(file, []);
  return found;
}

describe('architecture', () => {
  it('should have one folder per stage and nothing else but the public entry', () => {
    const entries = readdirSync(src).sort();
    expect(entries).toEqual([...Object.keys(mayImport), 'index.ts'].sort());
  });

  it('should import only along the flow (model and parse depend on no later stage)', () => {
    expect(forbiddenEdges(importGraph(src))).toEqual([]);
  });

  it('should have no import cycles', () => {
    expect(cycles(importGraph(src))).toEqual([]);
  });

  it('should catch a model module that imports a rule (the test can fail)', () => {
    const fixture = path.resolve(import.meta.dirname, 'fixtures', 'architecture', 'sideways');
    expect(forbiddenEdges(importGraph(fixture))).toEqual([
      `model${path.sep}article.ts → rules${path.sep}some-rule.ts`,
    ]);
    expect(cycles(importGraph(fixture))).toHaveLength(1);
  });
});
