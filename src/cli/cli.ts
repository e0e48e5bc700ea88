import { main } from './main.js';

/**
 * The bin (dist/cli.js runs it from the bundle): argv → main() → exit code. `tierUp` is
 * the start-up's deferred tier-up (tier-up.ts), told of each article done.
 */
export function runCli(tierUp?: { tick(): void }): void {
  const closed = new AbortController();
  const onOutputError =
    (stream: 'output' | 'messages') =>
    (error: NodeJS.ErrnoException): void => {
      closed.abort();
      // A reader that stops early (`citeproof check … | head`) closes the pipe: what is left
      // to write goes nowhere, `--watch` stops, and the exit code is the run's. Node would
      // otherwise end the process on the unhandled error, with a stack trace.
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
      process.exitCode = 2;
      if (stream === 'output')
        process.stderr.write(
          `citeproof: cannot write the output (${error.code ?? error.message})\n`,
        );
    };
  process.stdout.on('error', onOutputError('output'));
  process.stderr.on('error', onOutputError('messages'));
  void main({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    signal: closed.signal,
    ...(tierUp && { onArticle: () => tierUp.tick() }),
  }).then(
    (code) => {
      process.exitCode = Math.max(code, Number(process.exitCode ?? 0));
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
