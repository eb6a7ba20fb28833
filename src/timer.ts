/** Timers a part owns: each can be cleared, and all of them at once when the part is disposed. */

/** The longest delay a timer can hold (setTimeout overflows above it). */
export const MAX_MS = 2147483647;

/** A pending timer. */
export type Timer = ReturnType<typeof setTimeout>;

/** A set of timers, cleared together by `clearAll$()`. */
export class Timers {
  /** @internal */
  private readonly _set = new Set<Timer>();

  /** @internal Runs `fn` after `ms` (capped at `MAX_MS`). */
  after$(ms: number, fn: () => void): Timer {
    const timer = setTimeout(
      () => {
        this._set.delete(timer);
        fn();
      },
      Math.min(ms, MAX_MS),
    );
    this._set.add(timer);
    return timer;
  }

  /** @internal */
  clear$(timer: Timer): void {
    clearTimeout(timer);
    this._set.delete(timer);
  }

  /** @internal */
  clearAll$(): void {
    this._set.forEach((t) => clearTimeout(t));
    this._set.clear();
  }
}
