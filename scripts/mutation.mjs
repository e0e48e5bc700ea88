// `npm run mutation [-- folder…]`: StrykerJS over the logic (stryker.config.json), then the
// mutation score of each scoped folder from its JSON report. Stryker's own `break` is one
// global score; this fails the run when any one folder is below the threshold.
// Incremental: the results are kept in reports/mutation/ (git-ignored), so a second run
// re-tests only the mutants whose code or covering tests changed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const config = JSON.parse(readFileSync('stryker.config.json', 'utf8'));
const threshold = config.thresholds.break;
// A folder named on the command line (`src/rules`) narrows the run to the scoped files in it,
// with an incremental file of its own so it does not overwrite the full run's.
const only = process.argv.slice(2).map((folder) => folder.replace(/\/+$/u, ''));
const mutate = only.length
  ? config.mutate.filter((glob) => only.some((folder) => glob.startsWith(`${folder}/`)))
  : config.mutate;
if (mutate.length === 0) {
  console.error(
    `mutation: no scoped files under ${only.join(', ')}; scoped: ${config.mutate.join(', ')}`,
  );
  process.exit(2);
}
const name = only.length ? only.map((folder) => path.basename(folder)).join('+') : 'all';
const report = `reports/mutation/${name}.json`;
const stryker = path.join('node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
// Stryker's CLI takes no reporter file names: the run's options go in a config of its own.
const runConfig = `reports/mutation/${name}.config.json`;
mkdirSync('reports/mutation', { recursive: true });
writeFileSync(
  runConfig,
  JSON.stringify({
    ...config,
    $schema: undefined,
    mutate,
    incrementalFile: `reports/mutation/${name}.incremental.json`,
    jsonReporter: { fileName: report },
    htmlReporter: { fileName: `reports/mutation/${name}.html` },
  }),
);
const run = spawnSync(process.execPath, [stryker, 'run', runConfig], { stdio: 'inherit' });

/** The folder a source file is scored under: its stage folder (`src/rules`, `src/run`…). */
const folderOf = (file) => file.split('/').slice(0, 2).join('/');
let data;
try {
  data = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  console.error(`mutation: Stryker wrote no report (${report}), exit ${run.status}`);
  process.exit(run.status || 2);
}
const detected = new Set(['Killed', 'Timeout']);
const counted = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);
const folders = new Map();
for (const [file, { mutants }] of Object.entries(data.files)) {
  const folder = folderOf(path.relative(process.cwd(), path.resolve(file)));
  const score = folders.get(folder) ?? { killed: 0, total: 0, survived: [] };
  for (const mutant of mutants) {
    if (!counted.has(mutant.status)) continue;
    score.total++;
    if (detected.has(mutant.status)) score.killed++;
    else score.survived.push(`${file}:${mutant.location.start.line} ${mutant.mutatorName}`);
  }
  folders.set(folder, score);
}
let failed = false;
console.log(`\nMutation score per folder (break below ${threshold}%):`);
for (const [folder, { killed, total }] of [...folders].sort()) {
  const score = total === 0 ? 100 : (100 * killed) / total;
  const below = score < threshold;
  failed ||= below;
  console.log(
    `  ${folder.padEnd(12)} ${score.toFixed(2).padStart(6)}%  (${killed}/${total})${below ? '  BELOW' : ''}`,
  );
}
process.exit(failed ? 1 : (run.status ?? 1));
