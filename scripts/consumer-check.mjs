// Installs the packed package (`npm pack`) into a fresh project, as a user would
// (`npm install --save-dev citeproof-<version>.tgz`), checks the install's footprint
// (at most 25 MB and 60 packages in node_modules: the package bundles its dependencies,
// scripts/bundle.mjs), and runs check, fix, build and the remark plugin there. Needs dist/
// built (npm run prepare) and the npm registry (the plugin's test installs remark, as a
// remark user has it). Run: `npm run consumer` (CI runs it). Exits 1 on a failure.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'citeproof-consumer-'));
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8' });
let failed = false;
const expect = (what, ok, detail = '') => {
  process.stdout.write(`${ok ? 'ok' : 'FAILED'}: ${what}${ok ? '' : `\n${detail}`}\n`);
  if (!ok) failed = true;
};

const [packed] = JSON.parse(
  npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], root),
);
const tarball = path.join(work, packed.filename);
const project = path.join(work, 'project');
mkdirSync(path.join(project, 'source'), { recursive: true });
writeFileSync(
  path.join(project, 'package.json'),
  '{ "name": "my-articles", "private": true, "type": "module" }\n',
);
const started = performance.now();
npm(['install', '--save-dev', tarball, '--no-audit', '--no-fund', '--loglevel=error'], project);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
// Packages as npm lists them (`npm ls --all`), the project itself left out.
const packages = npm(['ls', '--all', '--parseable'], project).trim().split('\n').length - 1;
const bytes = Number(
  execFileSync('du', ['-sb', path.join(project, 'node_modules')], { encoding: 'utf8' }).split(
    '\t',
  )[0],
);
process.stdout.write(
  `installed in ${seconds} s: ${(bytes / 1e6).toFixed(1)} MB, ${packages} package${packages === 1 ? '' : 's'} (tarball ${(packed.size / 1e6).toFixed(1)} MB)\n`,
);
expect('the install is at most 25 MB', bytes <= 25e6, `${bytes} bytes`);
expect('the install is at most 60 packages', packages <= 60, `${packages} packages`);
expect(
  'the package ships no code cache (it is made for the Node that runs it)',
  !readdirSync(path.join(project, 'node_modules', 'citeproof', 'dist')).some((name) =>
    name.endsWith('.cache'),
  ),
);

const seed = 'kazakhstan-france-relations.md';
copyFileSync(path.join(root, 'source', seed), path.join(project, 'source', seed));
copyFileSync(
  path.join(root, 'tests', 'fixtures', 'fix', 'seed-scrambled.md'),
  path.join(project, 'source', 'scrambled.md'),
);
// The dates of the committed editions come from the article, not SOURCE_DATE_EPOCH.
const { SOURCE_DATE_EPOCH: _, ...env } = process.env;
const citeproof = (...args) =>
  spawnSync(path.join(project, 'node_modules', '.bin', 'citeproof'), args, {
    cwd: project,
    env,
    encoding: 'utf8',
  });

let result = citeproof('check');
expect(
  'check finds the scrambled article’s warnings and the seed’s',
  result.status === 1 && /plain-citation/.test(result.stdout),
  result.stdout + result.stderr,
);
result = citeproof('fix');
expect(
  'fix rewrites the scrambled article into the seed',
  readFileSync(path.join(project, 'source', 'scrambled.md'), 'utf8') ===
    readFileSync(path.join(project, 'source', seed), 'utf8'),
  result.stdout + result.stderr,
);
result = citeproof('build', `source/${seed}`);
expect(
  'build writes both editions, the same bytes as the committed ones',
  /output\/kazakhstan-france-relations\.pdf: written/.test(result.stderr) &&
    ['.md', '.pdf'].every((extension) =>
      readFileSync(path.join(project, 'output', `kazakhstan-france-relations${extension}`)).equals(
        readFileSync(path.join(root, 'output', `kazakhstan-france-relations${extension}`)),
      ),
    ),
  result.stdout + result.stderr,
);
// A remark user's own setup: unified and the syntax plugins come from the project.
npm(
  [
    'install',
    '--save-dev',
    'unified@11',
    'remark-parse@11',
    'remark-gfm@4',
    'remark-frontmatter@5',
    'remark-stringify@11',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
  ],
  project,
);
writeFileSync(
  path.join(project, 'plugin.js'),
  `import remarkCiteproof from 'citeproof';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
const file = await unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter).use(remarkCiteproof).use(remarkStringify)
  .process('---\\ntitle: T\\nauthor: A\\nlang: en\\n---\\n\\nText.[^x]\\n');
console.log(file.messages.map((message) => message.ruleId).join(','));
`,
);
result = spawnSync(process.execPath, ['plugin.js'], { cwd: project, encoding: 'utf8' });
expect(
  'the remark plugin reports an undefined reference',
  result.stdout.trim() === 'undefined-reference',
  result.stdout + result.stderr,
);
process.stdout.write(`consumer project: ${project}\n`);
process.exitCode = failed ? 1 : 0;
