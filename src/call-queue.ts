/**
 * The native-call queue: one call at a time, each bounded by the call timeout, a context not
 * there yet waited for, and everything settled on dispose (calls in flight, waits for the
 * context, waits on `wx` or the app's code, and calls queued behind them). Generic over the
 * method names, so every component that drives a native context uses it.
 */
import { isPusherError, pusherError, type PusherError } from './errors';
import type { NativeCallOptions } from './native';
import { redactDeep, redactUrl } from './redact';
import type { Timers } from './timer';

/** A native context as the queue sees it: callback-style methods, any of which may be missing. */
export type NativeContextOf<M extends string> = { [K in M]?: (options: NativeCallOptions) => void };

/** Any thrown value as a `PusherError` (signatures hidden). */
export function asPusherError(error: unknown, method: string): PusherError {
  if (isPusherError(error)) return error;
  const text =
    error && typeof error === 'object'
      ? (error as { errMsg?: unknown; message?: unknown }).errMsg || (error as { message?: unknown }).message
      : error;
  return pusherError('NATIVE_FAIL', { method, errMsg: redactUrl(String(text)) }, redactDeep(error));
}

type Settle = (error: unknown, result?: unknown) => void;

/** One native call at a time, each bounded; see the module comment. */
export class CallQueue<M extends string> {
  /** @internal Disposed: every call and wait rejects `NOT_READY`. */
  dead$ = false;
  /** @internal */
  private _tail: Promise<unknown> = Promise.resolve();
  /** @internal Settlers of calls in flight and of every wait, so `dispose$()` settles them. */
  private readonly _inflight = new Set<Settle>();
  /** @internal Calls waiting for the context. */
  private readonly _waiters: (() => void)[] = [];

  /** @internal */
  private readonly _context: () => NativeContextOf<M> | null | undefined;
  /** @internal */
  private readonly _callMs: () => number;
  /** @internal */
  private readonly _timers: Timers;
  /** @internal */
  private readonly _answered: (method: M) => void;

  /**
   * @param context the native context, once the tag exists
   * @param callMs the call timeout now, in ms
   * @param timers the owner's timers (the owner clears them on dispose)
   * @param answered called when a native call succeeded (its promise is settled already)
   */
  constructor(context: () => NativeContextOf<M> | null | undefined, callMs: () => number, timers: Timers, answered: (method: M) => void) {
    this._context = context;
    this._callMs = callMs;
    this._timers = timers;
    this._answered = answered;
  }

  /** @internal Runs tasks one after another, so native calls never overlap. */
  run$<T>(method: string, task: () => Promise<T>): Promise<T> {
    const run = this._tail.then(() => {
      if (this.dead$) throw pusherError('NOT_READY', { method });
      return task();
    });
    this._tail = run.catch(() => undefined);
    return run;
  }

  /** @internal The context exists now (the tag's `ready`, or a re-mount): calls waiting for it go on. */
  ready$(): void {
    this._waiters.splice(0).forEach((go) => go());
  }

  /** @internal Rejects every call in flight and every wait with `NOT_READY`; later ones too. */
  dispose$(): void {
    this.dead$ = true;
    this._inflight.forEach((done) => done(pusherError('NOT_READY', { method: 'call' })));
  }

  /** @internal A promise that `run` settles through `done`, or `late` after `ms` (never when 0); `dispose$()` settles it too. */
  private _within<T>(run: (done: Settle) => void, late: PusherError, ms = this._callMs()): Promise<T> {
    return new Promise((resolve, reject) => {
      const done: Settle = (error, result) => {
        if (timer) this._timers.clear$(timer);
        if (this._inflight.delete(done)) error ? reject(error) : resolve(result as T);
      };
      const timer = ms ? this._timers.after$(ms, () => done(late)) : null;
      this._inflight.add(done);
      run(done);
    });
  }

  /** @internal A wait on the platform or the app's code: `TIMEOUT` after `ms` (none when 0), `NOT_READY` on dispose, its own failure otherwise. */
  wait$<T>(call: () => Promise<T>, ms: number, method: string): Promise<T> {
    if (this.dead$) return Promise.reject(pusherError('NOT_READY', { method }));
    const late = pusherError('TIMEOUT', { method, ms });
    return this._within(
      (done) => {
        new Promise<T>((resolve) => resolve(call())).then(
          (result) => done(null, result),
          // A rejection with nothing in it is still a failure.
          (error) => done(error || late),
        );
      },
      late,
      ms,
    );
  }

  /**
   * @internal One native call, bounded by the call timeout (a context not there yet is waited
   * for); `issue` runs just before it goes out and may call it off (`false`: aborted meanwhile).
   */
  async call$(method: M, args: NativeCallOptions = {}, issue?: () => boolean): Promise<unknown> {
    const missing = pusherError('NOT_READY', { method });
    if (!this._context() && !this.dead$) await this._within((done) => this._waiters.push(() => done(null)), missing);
    const context = this.dead$ ? null : this._context();
    if (!context) throw missing;
    const fn = context[method];
    if (typeof fn !== 'function') throw pusherError('UNSUPPORTED', { method });
    return this._within(
      (done) => {
        if (issue && !issue()) return void done(pusherError('ABORTED', { method, by: 'stop()' }));
        try {
          const success = (result: unknown) => {
            done(null, result);
            this._answered(method);
          };
          fn.call(context, { ...args, success, fail: (error: unknown) => done(asPusherError(error, method)) });
        } catch (error) {
          done(asPusherError(error, method));
        }
      },
      pusherError('TIMEOUT', { method, ms: this._callMs() }),
    );
  }
}
