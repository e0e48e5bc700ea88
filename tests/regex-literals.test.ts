import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * esbuild writes a regular expression literal it does not pass through as it is (a `\p{…}`
 * outside a class, for one) as `new RegExp("…")`. At the top of a module that runs once;
 * inside a function it runs at every call, where a literal would cost almost nothing: 5,531
 * calls of `findDate` spent about 2 ms in `new RegExp("\\p{L}", "u")` alone. The bundle is
 * made by esbuild with this target (scripts/bundle.mjs).
 */
function regexpsMadePerCall(source: string, file = 'module.ts'): string[] {
  const { code } = transformSync(source, { loader: 'ts', target: 'node20', format: 'esm' });
  const tree = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found: string[] = [];
  const visit = (node: ts.Node, inFunction: boolean): void => {
    if (
      inFunction &&
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp' &&
      node.arguments?.[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    )
      found.push(node.getText(tree));
    ts.forEachChild(node, (child) => visit(child, inFunction || ts.isFunctionLike(node)));
  };
  visit(tree, false);
  return found;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => path.join(folder, name));
}

describe('regular expressions in the bundle', () => {
  it('should find a literal that esbuild makes again at every call, and leave a top-level one alone', () => {
    expect(
      regexpsMadePerCall('export function f(t: string) { return /\\p{L}/u.test(t); }'),
    ).toEqual(['new RegExp("\\\\p{L}", "u")']);
    expect(
      regexpsMadePerCall(
        'const letter = /\\p{L}/u;\nexport const f = (t: string) => letter.test(t) && /[\\p{L}\\d]/u.test(t);',
      ),
    ).toEqual([]);
  });

  it('should make no regular expression from a fixed string inside a function of src/', () => {
    const root = path.resolve(import.meta.dirname, '..', 'src');
    const found = sourceFiles(root).flatMap((file) =>
      regexpsMadePerCall(readFileSync(file, 'utf8'), file).map(
        (made) => `${path.relative(root, file)}: ${made}`,
      ),
    );
    expect(found).toEqual([]);
  });
});
