/**
 * The lifecycle driver both tags share, `<ts-pusher>`'s push and `<ts-player>`'s playback,
 * assembled from the parts: the call queue (`call-queue.ts`), the status machine (`machine.ts`)
 * over the tag's table, the timers, the `wx` seam and the policies. It holds the attributes (the
 * page's, the policies' overlay, what the tag has) and renders through the host; it settles the
 * pending start/play, bounds the transient statuses, restarts for the policies and cleans up
 * after a given-up start. The tag's words for its roles come in `words`.
 *
 * Ordering rules: every native call goes through one queue, so calls never overlap; the status
 * moves when a start/play is issued or when stop/pause/resume have succeeded; native codes that
 * arrive while stop/pause/resume is in flight are applied after it, in arrival order.
 * Members starting with `_` or ending in `$` are the library's own (the phone build shortens them).
 */
import { CallQueue, type NativeContextOf } from './call-queue';
import { pusherError, type PusherError } from './errors';
import { StatusMachine, type Move, type TransitionTable } from './machine';
import { boundedPlatform, type Platform } from './platform';
import type { AttributeProblem } from './attributes';
import type { QualityLevel, QualitySource } from './events';
import { backgroundPolicy } from './policies/background';
import type { LiveHost, Policy, RestartCause } from './policies/index';
import { qualityPolicy } from './policies/quality';
import { reconnectPolicy } from './policies/reconnect';
import { screenPolicy } from './policies/screen';
import type { ReconnectPolicyState } from './policies/reconnect';
import { redactDeep } from './redact';
import { Timers } from './timer';
import { timeoutOf, type ControllerOptions } from './timeouts';

/** @internal Equal values (JSON-equal objects count as equal). */
export const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** What a driver needs from its component (or from a test). `E`: its events, `A`: its attributes. */
export interface DriverHost<E, A, X> {
  /** The native context, once the tag exists. */
  context(): X | null | undefined;
  /** Triggers an event (never called after `dispose()`). */
  emit<K extends keyof E>(name: K, detail: E[K]): void;
  /** The `wx` seam the policies use. */
  readonly platform: Platform;
  /** Puts attribute values on the tag: those `configure()` changed, and those a policy chose. */
  render?(attrs: Partial<A>): void;
  /** Re-mounts the inner tag; resolves when a new context exists. */
  remount?(): Promise<void>;
}

/** The tag's words for the driver's roles: `[starting, steady, start, begin]`, e.g. `['loading', 'playing', 'play', 'begin']`. */
export type DriverWords<S, I> = readonly [S, S, I, I];

/** @internal A pending start/play's settlers. */
export interface Pending {
  resolve(): void;
  reject(error: PusherError): void;
}

type AnyPolicy = Policy<{ readonly status: string }, { readonly code: number | null }, never, never>;

/**
 * The shared lifecycle (see the module comment). `S` statuses, `I` inputs (they include `stop`,
 * `pause`, `resume`, `lost`, `fatal`, `timeout`, `show`, `connected`, `retry`), `C` causes,
 * `M` native methods, `A` attributes, `P` policies, `E` events.
 */
export abstract class LiveDriver<S extends string, I extends string, C, M extends string, A extends object, P, E> extends StatusMachine<
  S,
  I,
  C,
  PusherError
> {
  /** The page is shown. */
  visible = true;
  /** @internal The tag keeps running while the page is hidden (the player's background playback): restarts need no `show`. */
  protected _background = false;
  /** The attributes the page gave, validated. */
  attrs: A;
  policies: P;
  readonly platform: Platform;
  /** @internal */
  protected readonly _q: CallQueue<M>;
  /** @internal */
  protected _pending: Pending | null = null;
  /** @internal A native start was issued since the last `retry` code: a netstatus with a bitrate means it runs. */
  protected _issued = false;
  /** @internal Bumped by start/play, `stop()` and `dispose()`: queued restarts of an older generation are dropped. */
  protected _gen = 0;
  /** @internal A library restart asked for while the page is hidden, and the generation it belongs to: it runs on `show`. */
  protected _deferred: [RestartCause, number] | null = null;
  /** @internal The page's last word was stop(): no policy starts again until its next start/play. */
  protected _halted = false;
  /** @internal A stop after a given-up start is waiting in the queue. */
  protected _cleaning = false;
  /** @internal Values the policies put on the tag, until the page changes them. */
  protected _overlay: Partial<A> = {};
  /** @internal What the tag has now (through `render`). */
  protected readonly _shown: A;
  /** @internal Set by the tag's driver once its policies exist. */
  protected _reconnect!: ReconnectPolicyState<S>;
  /** @internal Every policy, in hook order. */
  protected _hooks!: AnyPolicy[];
  /** @internal */
  protected readonly _host: DriverHost<E, A, NativeContextOf<M>>;
  /** @internal Timeouts: `configure()` replaces the object, never changes it in place. */
  protected _timeouts: ControllerOptions;
  /** @internal The tag's words for the roles. */
  protected readonly _w: DriverWords<S, I>;
  /** @internal The default policies (the `policies` property is merged over them). */
  protected readonly _p0: P;
  /** @internal Checks the tag's attributes (never throws). */
  protected readonly _normalize: (input: unknown) => { attributes: A; problems: readonly AttributeProblem<string>[] };
  /** @internal Checks policy settings over `base` (never throws). */
  protected readonly _resolve: (input: unknown, base: P) => { policies: P; problems: AttributeProblem[] };

  constructor(
    host: DriverHost<E, A, NativeContextOf<M>>,
    timeouts: ControllerOptions,
    table: TransitionTable<S, I>,
    words: DriverWords<S, I>,
    attrs: A,
    policies: P,
    normalize: (input: unknown) => { attributes: A; problems: readonly AttributeProblem<string>[] },
    resolve: (input: unknown, base: P) => { policies: P; problems: AttributeProblem[] },
  ) {
    super('idle' as S, table, new Timers());
    this._host = host;
    this._timeouts = timeouts;
    this._w = words;
    this.attrs = attrs;
    this._shown = { ...attrs };
    this.policies = this._p0 = policies;
    this._normalize = normalize;
    this._resolve = resolve;
    this._q = new CallQueue<M>(
      () => host.context(),
      () => this._callMs(),
      this._timers,
      // A native start that succeeds after the library gave up (timed out, a fatal code): undo it.
      (method) => (method as string) === words[2] && (this.status === 'failed' || this.status === 'stopped') && this._cleanup(),
    );
    // Every wait on wx is bounded by the call timeout, and settled at detach.
    this.platform = boundedPlatform(host.platform, (name, call, limited) => this._q.wait$(call, limited ? this._callMs() : 0, name));
  }

  /**
   * @internal The four policies both tags have, given the tag's statuses (the pusher's are the
   * defaults): reconnect (`live`: a loss is taken over from these, the steady one second),
   * background and keep-screen-on (`awake`), quality (`levelOf` a sample, `down` codes).
   */
  protected _shared(
    live?: readonly S[],
    awake?: readonly S[],
    levelOf?: (status: never) => [QualityLevel, QualitySource],
    down?: readonly number[],
  ): AnyPolicy[] {
    const host = this as unknown as LiveHost<S>;
    return [
      (this._reconnect = reconnectPolicy(host, live)),
      backgroundPolicy(host, awake),
      screenPolicy(host, awake),
      qualityPolicy(host, levelOf, down),
    ] as AnyPolicy[];
  }

  // ---------- what the component feeds in ----------

  /** Feeds a mapped `netstatus`: the event, the policies, and begin-without-its-code (some base libraries never send it). */
  handleNetStatus(status: { readonly videoBitrate: number; readonly audioBitrate: number }): void {
    if (this.dead$) return;
    this.emit('netstatus' as keyof E, status as never);
    this._each((p) => p.onNet$, status as never);
    const flowing = status.videoBitrate > 0 || status.audioBitrate > 0;
    if (flowing && (this.status === this._w[0] || (this.status === 'reconnecting' && this._issued)))
      this.signal(this._w[3], 'netstatus' as C);
  }

  /**
   * @internal A mapped state code's part every tag shares: `statechange` (and `warning`) unless
   * `quiet` (a `binderror`), the policies' hook, then the lifecycle (`fatal` and `lost` signals
   * carry `error()`); a `retry` code means no native start is in flight.
   */
  protected _code(
    event: { readonly code: number | null; readonly kind: string },
    signal: I | null,
    error: () => PusherError,
    quiet?: boolean,
  ): void {
    if (!quiet) {
      this.emit('statechange' as keyof E, event as never);
      if (event.kind === 'warning') this.emit('warning' as keyof E, event as never);
    }
    this._each((p) => p.onCode$, event);
    if (signal === 'fatal' || signal === 'lost') this.signal(signal, event.code as C, error());
    else if (signal) this.signal(signal, event.code as C);
    if (signal === 'retry') this._issued = false;
  }

  /** The native context exists now (the component's `ready`, or a re-mount): calls waiting for it go on. */
  contextReady(): void {
    this._q.ready$();
  }

  /** The validated attributes the page gave (`configure()` validates and renders them first). */
  setAttributes(attrs: A): void {
    this.attrs = attrs;
    this._each((p) => p.onAttrs$, attrs as never);
  }

  /** Takes already-checked settings. */
  applyPolicies(policies: P): P {
    this.policies = policies;
    this._each((p) => p.onAttrs$, this.attrs as never);
    return policies;
  }

  /** The page was shown (`true`) or hidden. */
  pageVisible(shown: boolean): void {
    // A `show` also brings back a suspended one without a `hide` first (the system may suspend alone).
    if (this.dead$ || (shown === this.visible && !(shown && this.status === 'suspended'))) return;
    this.visible = shown;
    this._each((p) => p.onVisible$, shown);
    const deferred = shown && this._deferred;
    this._deferred = null;
    if (deferred && deferred[1] === this._gen) this.restart(deferred[0]);
  }

  /** Stops every timer and listener and settles pending and later calls with `NOT_READY`. */
  dispose(): void {
    this._each((p) => p.onStop$, true);
    this.dead$ = true;
    this._gen++;
    this._timers.clearAll$();
    this._q.dispose$();
    this._settle(pusherError('NOT_READY', { method: this._w[2] }));
  }

  // ---------- what the policies see ----------

  emit<K extends keyof E>(name: K, detail: E[K]): void {
    if (!this.dead$) this._host.emit(name, detail);
  }

  patch(attrs: Partial<A>): void {
    if (this.dead$) return;
    Object.assign(this._overlay, attrs);
    this._render(attrs);
  }

  remount(): Promise<void> {
    return this._q.wait$(() => (this._host.remount ? this._host.remount() : Promise.resolve()), 0, 'remount');
  }

  waitFor<T>(call: () => T | Promise<T>): Promise<T> {
    return this._q.wait$(() => Promise.resolve(call()), this._startMs(), 'refresher');
  }

  /** Starts again through the call queue: native `stop` (its failure ignored), then the start. */
  restart(cause: RestartCause): void {
    const gen = this._gen;
    // A hidden mini-program cannot push (or play, unless in background playback): the library's restart waits for `show` (checked again before it goes out).
    const hidden = () => !this.visible && !this._background && !!(this._deferred = [cause, gen]);
    // After the page's stop() (even one the device refused), only its next start/play goes.
    if (this._halted || hidden()) return;
    this._q
      .run$(this._w[2], async () => {
        await this._beforeRestart(cause);
        // Dropped when the page stopped or started meanwhile, or the status moved on.
        if (gen !== this._gen || !(cause === 'show' ? this.status === 'suspended' : this.status === 'reconnecting') || hidden()) return;
        await this._q.call$('stop' as M).catch(() => undefined);
        await this._q.call$(this._w[2] as string as M, {}, () => {
          if (gen !== this._gen || hidden()) return false;
          if (cause === 'show') this._move('show' as I, 'show' as C);
          this._arm(this._startMs());
          return true;
        });
      })
      .catch((error: PusherError) => {
        // Called off at the last moment (ABORTED): nothing was lost.
        if (gen === this._gen && this.status !== 'failed' && error.code !== 'ABORTED')
          this.signal('lost' as I, this._w[2] as string as C, error);
      });
  }

  // ---------- what each tag says ----------

  /** @internal Runs before a policy's restart (not after a refused URL) and before the page's start: refreshes a URL when needed. */
  protected abstract _beforeRestart(cause: RestartCause): Promise<unknown>;

  /** @internal A lost or fatal input the tag's own policies take over (a refused URL): `true` taken, `false` known bad, `undefined` not theirs. */
  protected abstract _takeOver(input: I, cause: C): boolean | undefined;

  // ---------- internals ----------

  /** @internal */
  protected _startMs(): number {
    return timeoutOf(this._timeouts, 'startTimeout');
  }

  /** @internal */
  protected _callMs(): number {
    return timeoutOf(this._timeouts, 'callTimeout');
  }

  /** @internal Puts the values of `attrs` that differ from the tag's on it. */
  protected _render(attrs: Partial<A>): void {
    const changed: Record<string, unknown> = {};
    for (const name of Object.keys(attrs) as (keyof A)[]) if (!same(attrs[name], this._shown[name])) changed[name as string] = attrs[name];
    Object.assign(this._shown, changed);
    if (Object.keys(changed).length && this._host.render) this._host.render(changed as Partial<A>);
  }

  /** @internal Runs a hook of every policy that has it (none after `dispose()`); hooks are plain functions, called without `this`. */
  protected _each<T>(hook: (policy: AnyPolicy) => ((arg: T) => void) | undefined, arg: T): void {
    if (!this.dead$)
      for (const policy of this._hooks) {
        try {
          const fn = hook(policy);
          if (fn) fn(arg);
        } catch (error) {
          // A policy's bug must not break the tag or the page's handler.
          console.error('[ts-pusher]', redactDeep(error));
        }
      }
  }

  /**
   * @internal stop/pause/resume: refused unless the table allows it; codes arriving meanwhile
   * wait, and the status moves when the device did it. `force`: move even when the native call failed.
   */
  protected async _lifecycleCall(method: 'stop' | 'pause' | 'resume', force?: boolean): Promise<void> {
    const input = method as string as I;
    if (!this.next$(input)) throw pusherError('INVALID_STATE', { method, status: this.status });
    this.hold$();
    try {
      await this._q.call$(method as string as M);
      this._move(input, method as string as C);
    } catch (error) {
      if (!force) {
        // A refused stop leaves what the device does unknown: a transient status still ends (failed) in time.
        if (this.status === this._w[0] || this.status === 'reconnecting') this._arm(this._startMs(), 'timeout' as I);
        throw error;
      }
      this._move(input, method as string as C);
    } finally {
      this.release$();
    }
  }

  /** @internal Settles a pending start: resolves without an error; `true` when there was one. */
  protected _settle(error?: PusherError): boolean {
    const pending = this._pending;
    this._pending = null;
    if (pending) {
      if (error) pending.reject(error);
      else pending.resolve();
    }
    return !!pending;
  }

  /** @internal Bounds the transient status by the start timeout; firing fails, or counts as a loss when reconnecting (unless told `timeout`). */
  protected _arm(ms: number, input?: I): void {
    this._issued = true;
    this.arm$(ms, () =>
      this.signal(
        input || ((this.status === 'reconnecting' ? 'lost' : 'timeout') as I),
        'timeout' as C,
        pusherError('TIMEOUT', { method: this._w[2], ms }),
      ),
    );
  }

  /** @internal Applies an input: the tag's URL policy and the reconnect policy may take a loss over; otherwise the table. */
  protected _apply(input: I, cause: C, error?: PusherError): void {
    if (input === 'lost' || input === 'fatal') {
      const url = this._halted ? undefined : this._takeOver(input, cause);
      const taken = url === true || (url === undefined && input === 'lost' && !this._halted && this._reconnect.lost$(this.status, error!));
      if (taken) {
        this.disarm$();
        this._issued = false;
        this._move('lost' as I, cause);
        return;
      }
      // Exhausted reconnects report the loss that began them, once.
      const final = this._reconnect.origin$() || error!;
      this._reconnect.reset$();
      const failed = this._move('fatal' as I, cause, final);
      if (failed || this.status !== 'suspended') this.emit('error' as keyof E, final as never);
      // A native start not answered in time may still start; a stalled player still runs.
      if (failed && error && (error.code === 'TIMEOUT' || error.code === 'STALLED')) this._cleanup();
      return;
    }
    if (input === 'timeout') {
      if (this._move(input, cause, error)) this._cleanup();
      return;
    }
    this._move(input, cause);
  }

  /** @internal After the library gave up on a native start: make sure the device is not running it. */
  protected _cleanup(): void {
    // One stop waiting in the queue is enough (a timeout and a late answer may both ask).
    if (this._cleaning) return;
    this._cleaning = true;
    this._q.run$('stop', () => ((this._cleaning = false), this._q.call$('stop' as M))).catch(() => undefined);
  }

  /** @internal Moves the status by the table and reacts (watchdog, pending start, event, policies); `false` when no move. */
  protected _move(input: I, cause: C, error?: PusherError): boolean {
    const change: Move<S, C> | null = this.move$(input, cause);
    if (!change) return false;
    const next = change.status as string;
    if (next !== this._w[0] && next !== 'reconnecting') this.disarm$();
    // A start the app did not make (autopush, autoplay), and a native reconnect, are bounded too.
    if (input === 'connected' || input === 'retry') this._arm(this._startMs());
    if (next === this._w[1]) this._settle();
    else if (next === 'failed') this._settle(error || pusherError('TIMEOUT', { method: this._w[2], ms: 0 }));
    // stop() aborted the starts made before it when called: a start made since goes on after it.
    else if (next === 'suspended' || next === 'ended' || (next === 'stopped' && input !== 'stop'))
      this._settle(pusherError('ABORTED', { method: this._w[2], by: String(cause) }));
    this.emit('statuschange' as keyof E, change as never);
    this._each((p) => p.onStatus$, change);
    return true;
  }
}
