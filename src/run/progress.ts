/** Progress on a terminal for long runs; silent in CI and when stderr is not a terminal. */
export interface Progress {
  update: (done: number, total: number) => void;
  end: () => void;
}

const quiet: Progress = { update: () => undefined, end: () => undefined };

/** Runs shorter than this many articles show no progress. */
const minimum = 200;

export function progressReporter(
  stream: { write(text: string): unknown; isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
  now: () => number = () => performance.now(),
): Progress {
  if (stream.isTTY !== true || env['CI'] || env['TERM'] === 'dumb') return quiet;
  const started = now();
  let shown = 0;
  let drawn = false;
  return {
    update(done, total) {
      const time = now();
      if (total < minimum || (time - shown < 100 && done < total)) return;
      shown = time;
      drawn = true;
      const rate = done / Math.max((time - started) / 1000, 0.001);
      const left = rate > 0 ? Math.ceil((total - done) / rate) : 0;
      stream.write(`\r\u001b[K${progressLine(done, total, rate, left)}`);
    },
    end() {
      if (drawn) stream.write('\r\u001b[K');
    },
  };
}

/** `[1200/10000] 640 articles/s, about 14 s left` */
export function progressLine(
  done: number,
  total: number,
  rate: number,
  secondsLeft: number,
): string {
  return `[${done}/${total}] ${Math.round(rate)} articles/s, about ${secondsLeft} s left`;
}
