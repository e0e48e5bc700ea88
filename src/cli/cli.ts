import { main } from './main.js';

/**
 * The bin (dist/cli.js runs it from the bundle): argv → main() → exit code. `tierUp` is
 * the start-up's deferred tier-up (tier-up.ts), told of each article done.
 */
export function runCli(tierUp?: { tick(): void }): void {
  void main({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    ...(tierUp && { onArticle: () => tierUp.tick() }),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `citeproof: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      if (process.argv.includes('--debug') && error instanceof Error)
        process.stderr.write(`${error.stack ?? ''}\n`);
      process.exitCode = 2;
    },
  );
}
