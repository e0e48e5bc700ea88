// What dist/ is built from, hashed: src/, scripts/, the TypeScript and package
// configuration, the lockfile (the fonts and esbuild) and Node's version (the code
// cache is V8's). `npm ci`'s prepare writes the stamp after building, and the tests'
// global setup skips the build (about 20 s of CPU: tsc, then the bundle, shaping
// tables and code cache) when the stamp matches: a change to any input rebuilds.
// `node scripts/build-stamp.mjs` writes the stamp for the inputs as they are now.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const inputs = ['src', 'scripts', 'tsconfig.json', 'package.json', 'package-lock.json'];

/** The hash of every build input under `root`, file names included. */
export function buildInputsHash(root) {
  const hash = createHash('sha256').update(
    `${process.version} ${process.platform} ${process.arch}\n`,
  );
  const add = (relative) => {
    const full = path.join(root, relative);
    if (!existsSync(full)) return;
    const entries = readdirSync(path.dirname(full), { withFileTypes: true });
    const entry = entries.find((candidate) => candidate.name === path.basename(full));
    if (entry?.isDirectory()) {
      for (const name of readdirSync(full).sort()) add(path.join(relative, name));
    } else {
      hash.update(`${relative}\0`).update(readFileSync(full)).update('\0');
    }
  };
  for (const input of inputs) add(input);
  return hash.digest('hex');
}

/** dist/*.cache is left out of the package, and scripts/bundle.mjs removes it when it starts. */
export const stampFile = (root) => path.join(root, 'dist', 'build-stamp.cache');

/** Whether dist/ was built from the inputs as they are now. */
export function isBuilt(root) {
  try {
    return (
      existsSync(path.join(root, 'dist', 'cli.js')) &&
      readFileSync(stampFile(root), 'utf8') === buildInputsHash(root)
    );
  } catch {
    return false;
  }
}

export function writeStamp(root, hash = buildInputsHash(root)) {
  writeFileSync(stampFile(root), hash);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeStamp(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
}
