import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { budgetGiven, defaultBudget } from '../src/cli/tier-up.js';
import { root } from './helpers.js';

const distCli = path.join(root, 'dist', 'cli');

/** Run an ES module in a Node of its own (no NODE_OPTIONS, no flags unless given); its JSON line. */
function inProcess(code: string, env: Record<string, string> = {}, flags: string[] = []): unknown {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'citeproof-tier-up-'));
  const script = path.join(folder, 'run.mjs');
  writeFileSync(script, code);
  const base = { ...process.env };
  for (const name of [
    'NODE_OPTIONS',
    'CITEPROOF_REFERENCE',
    'CITEPROOF_TIER_UP',
    'CITEPROOF_CODE_CACHE',
  ])
    delete base[name];
  const child = spawnSync(process.execPath, [...flags, script], {
    encoding: 'utf8',
    cwd: folder,
    env: { ...base, ...env },
  });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout);
}

const tierUpModule = JSON.stringify(path.join(distCli, 'tier-up.js'));

describe('deferred tier-up (cli/tier-up.ts)', () => {
  it("should know this Node's default interrupt budget as `node --v8-options` gives it", () => {
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    const given = /default: --interrupt-budget=(\d+)\b/.exec(options);
    expect(given).not.toBeNull();
    expect(defaultBudget()).toBe(Number(given?.[1]));
    expect(defaultBudget('11.3.244.8-node.38')).toBe(67_584);
    expect(defaultBudget('99.1.0')).toBeUndefined();
  });

  it('should raise the budget for the first second, then put V8’s flags back as they were', () => {
    const result = inProcess(`import v8 from 'node:v8';
import { deferTierUp } from ${tierUpModule};
let now = 200;
const before = v8.cachedDataVersionTag();
const tierUp = deferTierUp(() => now);
const raised = v8.cachedDataVersionTag();
tierUp.tick();
const early = v8.cachedDataVersionTag();
now = 1000;
tierUp.tick();
const after = v8.cachedDataVersionTag();
console.log(JSON.stringify({ raised: raised !== before, early: early === raised, back: after === before, settled: tierUp.settle() }));
`);
    expect(result).toEqual({ raised: true, early: true, back: true, settled: true });
  });

  it('should put the budget back on a timer in a run that waits', () => {
    const result = inProcess(`import v8 from 'node:v8';
import { deferTierUp } from ${tierUpModule};
const before = v8.cachedDataVersionTag();
deferTierUp(() => 900);
const raised = v8.cachedDataVersionTag() !== before;
setTimeout(() => console.log(JSON.stringify({ raised, back: v8.cachedDataVersionTag() === before })), 300);
`);
    expect(result).toEqual({ raised: true, back: true });
  });

  it('should leave alone a budget that Node’s command line gives', () => {
    expect(budgetGiven(['--interrupt-budget=1000'])).toBe(true);
    expect(budgetGiven(['--cpu-prof', '--interrupt_budget=5000'])).toBe(true);
    expect(budgetGiven(['--cpu-prof', '--max-old-space-size=4096'])).toBe(false);
    expect(budgetGiven([])).toBe(false);
    const result = inProcess(
      `import { deferTierUp } from ${tierUpModule};
console.log(JSON.stringify({ deferred: deferTierUp() !== undefined }));
`,
      {},
      ['--interrupt-budget=100000'],
    );
    expect(result).toEqual({ deferred: false });
  });

  it("should let the bin save a code cache its next start accepts (V8 checks the cache's flags)", () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'citeproof-tier-up-bundle-'));
    const bundle = path.join(folder, 'bundle.cjs');
    writeFileSync(bundle, 'module.exports.answer = 42;\n');
    const start = `import { launch } from ${JSON.stringify(path.join(distCli, 'launch.js'))};
const { script, tierUp } = launch(${JSON.stringify(bundle)}, { deferTierUp: true });
console.log(JSON.stringify({ rejected: script.cachedDataRejected ?? null, deferred: tierUp !== undefined }));
`;
    expect(inProcess(start)).toEqual({ rejected: null, deferred: true });
    expect(inProcess(start)).toEqual({ rejected: false, deferred: true });
    expect(inProcess(start, { CITEPROOF_TIER_UP: 'v8' })).toEqual({
      rejected: false,
      deferred: false,
    });
  });
});
