import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * esbuild writes a regular expression literal it does not pass through as it is (a `\p{…}`
 * outside a class, for one) as `new RegExp("…")`. At the top of a module that runs once;
 * inside a function it runs at every call, where a literal would cost almost nothing: 5,531
 * calls of `findDate` spent about 2 ms in `new RegExp("\\p{L}", "u")` alone. Transformed with
 * the bundle's own target (scripts/bundle.mjs). A class field's initializer runs for every
 * instance, so it counts as inside a function; a static block runs once.
 */
const bundleTarget =
  /target: '(node\d+)'/.exec(
    readFileSync(path.resolve(import.meta.dirname, '..', 'scripts', 'bundle.mjs'), 'utf8'),
  )?.[1] ?? 'the target of scripts/bundle.mjs, not found';

function regexpsMadePerCall(source: string, file = 'module.ts'): string[] {
  const { code } = transformSync(source, { loader: 'ts', target: bundleTarget, format: 'esm' });
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
    const perCall =
      ts.isFunctionLike(node) ||
      (ts.isPropertyDeclaration(node) &&
        !node.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword));
    ts.forEachChild(node, (child) => visit(child, inFunction || perCall));
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
  it('should find a literal that esbuild makes again at every call or instance, and leave a top-level or static one alone', () => {
    expect(bundleTarget).toMatch(/^node\d+$/);
    expect(
      regexpsMadePerCall('export function f(t: string) { return /\\p{L}/u.test(t); }'),
    ).toEqual(['new RegExp("\\\\p{L}", "u")']);
    expect(
      regexpsMadePerCall(
        'const letter = /\\p{L}/u;\nexport const f = (t: string) => letter.test(t) && /[\\p{L}\\d]/u.test(t);',
      ),
    ).toEqual([]);
    expect(
      regexpsMadePerCall(
        'export class A { re = /\\p{L}/u; static once = /\\p{L}/u; static { /\\p{M}/u.test(""); } }',
      ),
    ).toEqual(['new RegExp("\\\\p{L}", "u")']);
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
