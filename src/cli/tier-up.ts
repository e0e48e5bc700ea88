import v8 from 'node:v8';
import { performance } from 'node:perf_hooks';

/**
 * Deferred tier-up (the bin only, see launch.ts): for the first second of a run, V8 waits
 * eight times longer than usual before it sends a function to its optimizing compiler
 * (TurboFan), then goes back to its default.
 *
 * A check of a few hundred real articles is over in about a second, and most of it ran
 * on code V8 was still learning: in a check of simonw/til (578 files, ~0.95 s), TurboFan
 * compiled 143 functions for 1.2 s of CPU on its background thread, some of them up to four
 * times (each new kind of article deoptimized them), on a machine of two cores. Waiting
 * until the functions have seen more of the articles, measured in turns with the switch
 * off (`CITEPROOF_TIER_UP=v8`, medians of 5, whole process): simonw/til 0.98 → 0.81 s (CPU
 * 1.43 → 0.93 s), rust-lang's blog 2.45 → 2.15 s, 1,000 realistic articles 2.18 → 2.02 s,
 * a build of the first article 0.69 → 0.56 s. Longer runs (10,000 articles, 6–12 s) are
 * where they were: the budget goes back to the default after the first second.
 *
 * The budget is a V8 flag (process-wide) and part of the hash V8 checks a code cache
 * against, so it is raised only after the bundle's script is compiled from the cache and
 * put back before a cache is saved; `settle()` reports whether the flags are back where
 * they were. It is raised only on a V8 whose default budget is known (`defaultBudgets`,
 * checked against `node --v8-options` by tests/tier-up.test.ts), and never where Node's
 * command line sets the budget itself (NODE_OPTIONS may not).
 */
export const defaultBudgets: Readonly<Record<string, number>> = {
  // Node 20 (V8 11.3).
  '11.3': 67_584,
};

/** How many times the default budget a function spends before it is optimized, at first. */
export const deferral = 8;

/** How long into the process the deferral lasts (ms since the process started). */
export const deferredFor = 1000;

export interface TierUp {
  /** Back to V8's default budget once the deferral's time is over (cheap: call it often). */
  tick(): void;
  /** Back to V8's default budget now; whether V8's flags are as they were before. */
  settle(): boolean;
}

/** The default budget of this V8 (`11.3.244.8-node.38` → the entry of `11.3`), if known. */
export function defaultBudget(version: string = process.versions.v8): number | undefined {
  const [major, minor] = version.split('.');
  return defaultBudgets[`${major}.${minor}`];
}

/** Whether Node's command line sets the interrupt budget itself. */
export function budgetGiven(execArgv: readonly string[] = process.execArgv): boolean {
  return execArgv.some((flag) => /^--interrupt[-_]budget\b/.test(flag));
}

/**
 * Raise V8's interrupt budget for the deferral; undefined where it does not (see above).
 * `clock` gives the time since the process started (tests give their own).
 */
export function deferTierUp(clock: () => number = () => performance.now()): TierUp | undefined {
  const budget = defaultBudget();
  if (budget === undefined || budgetGiven()) return undefined;
  const before = v8.cachedDataVersionTag();
  v8.setFlagsFromString(`--interrupt-budget=${budget * deferral}`);
  let settled: boolean | undefined;
  const settle = (): boolean => {
    if (settled === undefined) {
      v8.setFlagsFromString(`--interrupt-budget=${budget}`);
      settled = v8.cachedDataVersionTag() === before;
    }
    return settled;
  };
  // A run that waits (watch, a build between its PDFs) settles on the timer; a check,
  // which seldom gives the timers a turn, on the articles it finishes (`tick`).
  setTimeout(settle, deferredFor - clock()).unref();
  return {
    tick: () => {
      if (settled === undefined && clock() >= deferredFor) settle();
    },
    settle,
  };
}
