/** The two timeouts of a component (`start-timeout`, `call-timeout`): their defaults and their checks, in one place. */
import { check, int, type AttributeProblem } from './attributes';
import { MAX_MS } from './timer';

/** Timeouts, in ms. */
export interface ControllerOptions {
  /** How long a native start waits for 1002 (default 15000). */
  startTimeout?: number;
  /** How long any native call, or the wait for the context, lasts (default 5000). */
  callTimeout?: number;
}

/** The timeout specs; `.default` is the value when none is given. */
export const TIMEOUTS = { startTimeout: int(15000, 1, MAX_MS), callTimeout: int(5000, 1, MAX_MS) };

/** A timeout as given, or its default. */
export function timeoutOf(timeouts: ControllerOptions, key: keyof ControllerOptions): number {
  return timeouts[key] || (TIMEOUTS[key].default as number);
}

/** The `start-timeout` / `call-timeout` properties as given: `''`/`null` mean the default; a bad value is reported. */
export function normalizeTimeouts(given: { startTimeout?: unknown; callTimeout?: unknown }): {
  timeouts: ControllerOptions;
  problems: AttributeProblem[];
} {
  const timeouts: ControllerOptions = {};
  const problems: AttributeProblem[] = [];
  for (const key of Object.keys(TIMEOUTS) as (keyof ControllerOptions)[]) {
    const value = given[key];
    if (value === null || value === undefined || value === '') continue;
    const result = check(key, TIMEOUTS[key], value, TIMEOUTS[key].default);
    timeouts[key] = result.value as number;
    if (result.problem) problems.push(result.problem);
  }
  return { timeouts, problems };
}
