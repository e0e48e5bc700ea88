#!/usr/bin/env node
// citeproof's benchmark against its peers, all measured in the same run on the same corpora.
// Usage: node bench/run.mjs [--runs N] [--sizes 1000,10000] [--out BENCHMARKS.md]
// Needs the peers (npm ci --prefix bench) and a compiled citeproof (npm ci at the top).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    sizes: { type: 'string', default: '1000,10000' },
    out: { type: 'string', default: path.join(root, 'BENCHMARKS.md') },
  },
});
const runs = Number(values.runs);
const sizes = values.sizes.split(',').map(Number);
const cli = path.join(root, 'dist', 'cli.js');
const bin = (name) => path.join(here, 'node_modules', '.bin', name);
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const seedArticle = path.join(root, 'source', 'kazakhstan-france-relations.md');

/** Run a command once: wall seconds and peak memory (MB, of the largest process, via GNU time). */
function measure(command, args, cwd, env = {}) {
  const started = process.hrtime.bigint();
  const result = gnuTime
    ? spawnSync(gnuTime, ['-f', '%M', command, ...args], {
        cwd,
        env: { ...process.env, ...env },
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      })
    : spawnSync(command, args, {
        cwd,
        env: { ...process.env, ...env },
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const lines = result.stderr.trim().split('\n');
  const peakMb = gnuTime ? Number(lines[lines.length - 1]) / 1024 : Number.NaN;
  return { seconds, peakMb, status: result.status, stdout: result.stdout };
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function repeat(times, once) {
  const samples = Array.from({ length: times }, once);
  return {
    seconds: median(samples.map((sample) => sample.seconds)),
    peakMb: median(samples.map((sample) => sample.peakMb)),
    last: samples[samples.length - 1],
  };
}

function corpus(size) {
  const folder = path.join(here, '.corpus', String(size));
  if (!existsSync(path.join(folder, 'expected.json'))) {
    rmSync(folder, { recursive: true, force: true });
    execFileSync(
      process.execPath,
      [path.join(here, 'gen-corpus.mjs'), folder, String(size), String(size)],
      { stdio: 'inherit' },
    );
  }
  writeFileSync(
    path.join(folder, '.remarkrc.json'),
    JSON.stringify({
      plugins: [
        'remark-gfm',
        'remark-lint-no-undefined-references',
        'remark-lint-no-unused-definitions',
        'remark-lint-no-duplicate-definitions',
      ],
    }),
  );
  writeFileSync(
    path.join(folder, '.markdownlint-cli2.jsonc'),
    JSON.stringify({ config: { default: false, MD052: { shortcut_syntax: true }, MD053: true } }),
  );
  return folder;
}

/** Precision and recall of citeproof's JSON report against the planted defects. */
function accuracy(folder, report) {
  const kinds = {
    undefined: 'undefined-reference',
    unused: 'unused-source',
    duplicate: 'duplicate-source',
  };
  const planted = JSON.parse(readFileSync(path.join(folder, 'expected.json'), 'utf8'));
  const expected = new Set(
    Object.entries(planted).flatMap(([file, defects]) =>
      defects.map((d) => `${file} ${kinds[d.kind]} ${d.line}`),
    ),
  );
  const found = new Set(
    JSON.parse(report).flatMap((file) =>
      file.messages.map(
        (m) => `${path.relative(folder, path.resolve(folder, file.path))} ${m.ruleId} ${m.line}`,
      ),
    ),
  );
  const right = [...found].filter((each) => expected.has(each)).length;
  return {
    precision: found.size ? right / found.size : 1,
    recall: expected.size ? right / expected.size : 1,
    found: found.size,
    expected: expected.size,
  };
}

const rows = [];
const notes = [];
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
for (const size of sizes) {
  const folder = corpus(size);
  const cacheDir = path.join(folder, '.citeproof-cache');
  rmSync(cacheDir, { recursive: true, force: true });
  console.error(`\n== ${size} articles`);
  const cold = repeat(runs, () =>
    measure(
      process.execPath,
      [cli, 'check', '.', '--no-cache', '--quiet', '--format', 'json'],
      folder,
    ),
  );
  const score = accuracy(folder, cold.last.stdout);
  measure(process.execPath, [cli, 'check', '.', '--quiet', '--format', 'json'], folder); // fills the cache
  const warm = repeat(runs, () =>
    measure(process.execPath, [cli, 'check', '.', '--quiet', '--format', 'json'], folder),
  );
  const remark = repeat(runs, () =>
    measure(bin('remark'), ['.', '--quiet', '--no-stdout', '--frail'], folder),
  );
  const markdownlint = repeat(runs, () => measure(bin('markdownlint-cli2'), ['**/*.md'], folder));
  rows.push({ size, cold, warm, remark, markdownlint, score });
  console.error(
    `citeproof cold ${fmt(cold.seconds)} s, warm ${fmt(warm.seconds)} s; remark-cli ${fmt(remark.seconds)} s; markdownlint-cli2 ${fmt(markdownlint.seconds)} s`,
  );
}

// Both editions for 1,000 articles, cold, into a scratch folder.
const buildFolder = corpus(1000);
const buildOut = path.join(here, '.corpus', 'out');
const build = repeat(Math.min(runs, 2), () => {
  rmSync(buildOut, { recursive: true, force: true });
  return measure(
    process.execPath,
    [cli, 'build', '.', '--no-cache', '--quiet', '--out', buildOut],
    buildFolder,
  );
});

// Cold start of one article, whole process.
const scratchOut = path.join(here, '.corpus', 'one');
mkdirSync(scratchOut, { recursive: true });
const startBuild = repeat(Math.max(runs, 5), () => {
  rmSync(scratchOut, { recursive: true, force: true });
  return measure(
    process.execPath,
    [cli, 'build', seedArticle, '--no-cache', '--out', scratchOut],
    root,
  );
});
// Warm time per article: render the first article's PDF again and again in one process.
const warmRender = await (async () => {
  const { readArticle } = await import(path.join(root, 'dist', 'read.js'));
  const { parseAndCheck } = await import(path.join(root, 'dist', 'check.js'));
  const { toArticle } = await import(path.join(root, 'dist', 'article.js'));
  const { renderPdf } = await import(path.join(root, 'dist', 'editions', 'pdf', 'index.js'));
  const samples = [];
  let pages = 0;
  for (let index = 0; index < 25; index++) {
    const started = process.hrtime.bigint();
    const file = await readArticle(path.relative(root, seedArticle), root);
    const tree = await parseAndCheck(file);
    const bytes = await renderPdf(toArticle(tree, file));
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    pages = (bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  }
  return { ms: median(samples.slice(5)), first: samples[0], pages };
})();

const startCheck = repeat(Math.max(runs, 5), () =>
  measure(process.execPath, [cli, 'check', seedArticle, '--no-cache'], root),
);

const ratio = (peer, ours) => (ours > 0 ? `${(peer / ours).toFixed(1)}×` : 'n/a');
const lines = [
  '# Benchmarks',
  '',
  `Measured by \`npm run bench\` (\`node bench/run.mjs --runs ${runs} --sizes ${sizes.join(',')}\`) on ${new Date().toISOString().slice(0, 10)}:`,
  `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
  `Each number is the median of ${runs} runs; every tool runs on the same generated corpus in the same run (\`bench/gen-corpus.mjs\`, seed = size).`,
  'Peak memory is the largest resident set of one process (GNU time); citeproof spreads work over worker threads inside one process.',
  'The machine is shared and noisy: compare ratios within a run, not numbers across runs.',
  '',
  '## Citation check',
  '',
  '| articles | citeproof cold | citeproof re-check (cache) | remark-cli + 3 remark-lint rules | markdownlint-cli2 (MD052, MD053) | vs remark-cli | vs markdownlint-cli2 | accuracy |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    ({ size, cold, warm, remark, markdownlint, score }) =>
      `| ${size} | ${fmt(cold.seconds)} s, ${fmt(cold.peakMb)} MB | ${fmt(warm.seconds)} s, ${fmt(warm.peakMb)} MB | ${fmt(remark.seconds)} s, ${fmt(remark.peakMb)} MB | ${fmt(markdownlint.seconds)} s, ${fmt(markdownlint.peakMb)} MB | ${ratio(remark.seconds, cold.seconds)} | ${ratio(markdownlint.seconds, cold.seconds)} | precision ${(score.precision * 100).toFixed(1)}%, recall ${(score.recall * 100).toFixed(1)}% (${score.found}/${score.expected}) |`,
  ),
  '',
  '## Editions and start-up',
  '',
  '| what | median |',
  '| --- | --- |',
  `| build of both editions, 1,000 articles, cold | ${fmt(build.seconds)} s, ${fmt(build.peakMb)} MB |`,
  `| \`citeproof build\` of the first article, whole process | ${fmt(startBuild.seconds)} s |`,
  `| \`citeproof check\` of the first article, whole process | ${fmt(startCheck.seconds)} s |`,
  `| check and PDF of the first article (${warmRender.pages} pages), warm, in one process | ${warmRender.ms.toFixed(0)} ms (the first, cold: ${warmRender.first.toFixed(0)} ms) |`,
  '',
  ...notes,
];
writeFileSync(values.out, `${lines.join('\n')}\n`);
console.error(`\nwrote ${values.out}`);
