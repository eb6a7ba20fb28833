/**
 * The push lifecycle of `<ts-pusher>`, assembled from the parts: the call queue
 * (`call-queue.ts`), the lifecycle driver (`machine.ts`) over `TRANSITIONS`, the timers
 * (`timer.ts`) and the seven policies, each through its typed interface. It holds the
 * attributes (the page's, the policies' overlay, what the tag has) and renders through the host.
 *
 * Ordering rules: every native call goes through one queue, so calls never overlap; the status
 * moves when a call is issued (start) or has succeeded (stop, pause, resume); native codes that
 * arrive while stop/pause/resume is in flight are applied after it, in arrival order.
 * Members starting with `_` or ending in `$` are the library's own (the phone build shortens them).
 */
import { DEFAULT_ATTRIBUTES, type PusherAttributes } from './attributes';
import { CallQueue } from './call-queue';
import { argumentError, pusherError, type PusherError } from './errors';
import { errorFromEvent, type PusherEvents, type PusherNetStatus, type PusherStateEvent } from './events';
import {
  signalOf,
  TRANSITIONS,
  type LifecycleInput,
  type LifecycleMethod,
  type PushStatus,
  type StatusCause,
  type StatusChange,
} from './lifecycle';
import { StatusMachine } from './machine';
import type { NativeMethod, NativePusherContext } from './native';
import { boundedPlatform, type Platform } from './platform';
import { backgroundPolicy } from './policies/background';
import {
  DEFAULT_POLICIES,
  resolvePolicies,
  type Policy,
  type PolicyHost,
  type PolicyInput,
  type PusherPolicies,
  type RestartCause,
} from './policies/index';
import { permissionPolicy, type PermissionPolicy } from './policies/permissions';
import { qualityPolicy } from './policies/quality';
import { reconnectPolicy, type ReconnectPolicyState } from './policies/reconnect';
import { screenPolicy } from './policies/screen';
import { urlPolicy, type UrlPolicy, type UrlRefresher } from './policies/url';
import { waitingImagePolicy } from './policies/waiting-image';
import { redactDeep } from './redact';
import { Timers } from './timer';
import { timeoutOf, type ControllerOptions } from './timeouts';

/** What the controller needs from its component (or from a test). */
export interface ControllerHost {
  /** The native context, once the tag exists. */
  context(): NativePusherContext | null | undefined;
  /** Triggers an event (never called after `dispose()`). */
  emit<K extends keyof PusherEvents>(name: K, detail: PusherEvents[K]): void;
  /** The `wx` seam the policies use. */
  readonly platform: Platform;
  /** Puts attribute values on the tag: those `configure()` changed, and those a policy chose. */
  render?(attrs: Partial<PusherAttributes>): void;
  /** Re-mounts the inner tag; resolves when a new context exists. */
  remount?(): Promise<void>;
}

interface PendingStart {
  resolve(): void;
  reject(error: PusherError): void;
}

/** @internal Equal values (JSON-equal objects count as equal). */
export const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The push lifecycle of `<ts-pusher>` over the parts: what each input and each move means
 * (settling `start()`, the watchdog, restarts, the clean-up stop), the policies and the host.
 * `PusherController` adds the promise facade.
 */
export class PushDriver extends StatusMachine<PushStatus, LifecycleInput, StatusCause, PusherError> implements PolicyHost {
  /** The page is shown. */
  visible = true;
  previewing = false;
  /** The attributes the page gave, validated. */
  attrs: PusherAttributes = DEFAULT_ATTRIBUTES;
  policies: PusherPolicies = DEFAULT_POLICIES;
  readonly platform: Platform;
  /** @internal */
  protected readonly _q: CallQueue<NativeMethod>;
  /** @internal */
  protected _pending!: PendingStart | null;
  /** @internal A native start was issued since the last `retry` code: a netstatus with a bitrate means pushing. */
  protected _issued!: boolean;
  /** @internal Bumped by `start()`, `stop()` and `dispose()`: queued restarts of an older generation are dropped. */
  protected _gen = 0;
  /** @internal A library restart asked for while the page is hidden, and the generation it belongs to: it runs on `show`. */
  protected _deferred!: [RestartCause, number] | null;
  /** @internal The page's last word was stop(): no policy pushes again until its next start(). */
  protected _halted!: boolean;
  /** @internal A stop after a given-up start is waiting in the queue. */
  protected _cleaning!: boolean;
  /** @internal */
  protected _maxZoom!: number;
  /** @internal Values the policies put on the tag, until the page changes them. */
  protected _overlay: Partial<PusherAttributes> = {};
  /** @internal What the tag has now (through `render`). */
  protected readonly _shown: PusherAttributes = { ...DEFAULT_ATTRIBUTES };
  /** @internal The `policies` property last applied. */
  protected _given: unknown;
  /** @internal */
  protected readonly _reconnect: ReconnectPolicyState;
  /** @internal */
  protected readonly _url: UrlPolicy;
  /** @internal */
  protected readonly _permissions: PermissionPolicy;
  /** @internal */
  protected readonly _hooks: Policy[];

  /** @internal */
  protected readonly _host: ControllerHost;
  /** @internal Timeouts: `configure()` replaces the object, never changes it in place. */
  protected _timeouts: ControllerOptions;

  /** `timeouts`: until `configure()` gives others (a test's, or the defaults). */
  constructor(host: ControllerHost, timeouts: ControllerOptions = {}) {
    super('idle', TRANSITIONS, new Timers());
    this._host = host;
    this._timeouts = timeouts;
    this._q = new CallQueue<NativeMethod>(
      () => host.context(),
      () => this._callMs(),
      this._timers,
      // A native start that succeeds after the library gave up on the push (timed out, a fatal code): undo it.
      (method) => method === 'start' && (this.status === 'failed' || this.status === 'stopped') && this._cleanup(),
    );
    // Every wait on wx is bounded by the call timeout, and settled at detach.
    this.platform = boundedPlatform(host.platform, (name, call, limited) => this._q.wait$(call, limited ? this._callMs() : 0, name));
    this._reconnect = reconnectPolicy(this);
    this._url = urlPolicy(this);
    this._permissions = permissionPolicy(this);
    this._hooks = [
      this._url,
      this._reconnect,
      this._permissions,
      backgroundPolicy(this),
      screenPolicy(this),
      waitingImagePolicy(this),
      qualityPolicy(this),
    ];
  }

  // ---------- what the component feeds in ----------

  /** Feeds a mapped `statechange` (or `binderror`, `fromError`) event: events, policies, lifecycle. */
  handleEvent(event: PusherStateEvent, fromError?: boolean): void {
    if (this.dead$) return;
    if (!fromError) {
      this.emit('statechange', event);
      if (event.kind === 'warning') this.emit('warning', event);
    }
    this._each((p) => p.onCode$, event);
    const signal = signalOf(event.code, event.kind);
    if (signal === 'fatal' || signal === 'lost')
      this.signal(signal, event.code as number, this._permissions.explain$(event) || errorFromEvent(event));
    else if (fromError) this.emit('error', errorFromEvent(event));
    else if (signal) this.signal(signal, event.code as number);
    if (signal === 'retry') this._issued = false;
  }

  /** Feeds a mapped `netstatus`: the event, the quality policy, and pushing-begins without 1002. */
  handleNetStatus(status: PusherNetStatus): void {
    if (this.dead$) return;
    this.emit('netstatus', status);
    this._each((p) => p.onNet$, status);
    // Some base libraries never send 1002 although the push runs.
    const flowing = status.videoBitrate > 0 || status.audioBitrate > 0;
    if (flowing && (this.status === 'starting' || (this.status === 'reconnecting' && this._issued))) this.signal('pushBegin', 'netstatus');
  }

  /** The native context exists now (the component's `ready`, or a re-mount): calls waiting for it go on. */
  contextReady(): void {
    this._maxZoom = 0;
    this._q.ready$();
  }

  /** The validated attributes the page gave (`configure()` validates and renders them first). */
  setAttributes(attrs: PusherAttributes): void {
    if (attrs.devicePosition !== this.attrs.devicePosition) this._maxZoom = 0;
    this.attrs = attrs;
    this._each((p) => p.onAttrs$, attrs);
  }

  /** Merges policy settings; a bad value throws `INVALID_ARGUMENT` naming each problem, and nothing changes. */
  setPolicies(input: PolicyInput): PusherPolicies {
    const { policies, problems } = resolvePolicies(input, this.policies);
    if (problems.length) {
      throw argumentError(
        'setPolicies',
        problems.map((p) => p.attribute).join(', '),
        problems.map((p) => p.message).join('; '),
        problems.map((p) => p.messageZh).join('；'),
        input,
      );
    }
    return this.applyPolicies(policies);
  }

  /** Takes already-checked settings (from `resolvePolicies`). */
  applyPolicies(policies: PusherPolicies): PusherPolicies {
    this.policies = policies;
    this._each((p) => p.onAttrs$, this.attrs);
    return policies;
  }

  /** The function asked for a new push URL when the current one expires or is refused. */
  setUrlRefresher(refresher: UrlRefresher | null): void {
    if (refresher !== null && typeof refresher !== 'function')
      throw argumentError('setUrlRefresher', 'refresher', 'a function or null', '函数或 null', refresher);
    this._url.setRefresher$(refresher);
  }

  /** The page was shown (`true`) or hidden. */
  pageVisible(shown: boolean): void {
    // A `show` also brings back a push suspended without a `hide` first (5000/5001 may come alone).
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
    this._settle(pusherError('NOT_READY', { method: 'start' }));
  }

  // ---------- PolicyHost ----------

  emit<K extends keyof PusherEvents>(name: K, detail: PusherEvents[K]): void {
    if (!this.dead$) this._host.emit(name, detail);
  }

  patch(attrs: Partial<PusherAttributes>): void {
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

  restart(cause: RestartCause): void {
    const gen = this._gen;
    // A hidden mini-program cannot push: the library's restart waits for `show` (checked again before it goes out).
    const hidden = () => !this.visible && !!(this._deferred = [cause, gen]);
    // After the page's stop() (even one the device refused), only its next start() pushes.
    if (this._halted || hidden()) return;
    this._q
      .run$('start', async () => {
        if (cause !== 'rejected') await this._url.beforeRestart$();
        // Dropped when the page stopped or started meanwhile, or the status moved on.
        if (gen !== this._gen || !(cause === 'show' ? this.status === 'suspended' : this.status === 'reconnecting') || hidden()) return;
        await this._q.call$('stop').catch(() => undefined);
        await this._q.call$('start', {}, () => {
          if (gen !== this._gen || hidden()) return false;
          if (cause === 'show') this._move('show', 'show');
          this._arm(this._startMs());
          return true;
        });
      })
      .catch((error: PusherError) => {
        // Called off at the last moment (ABORTED): nothing was lost.
        if (gen === this._gen && this.status !== 'failed' && error.code !== 'ABORTED') this.signal('lost', 'start', error);
      });
  }

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
  protected _render(attrs: Partial<PusherAttributes>): void {
    const changed: Record<string, unknown> = {};
    for (const name of Object.keys(attrs) as (keyof PusherAttributes)[])
      if (!same(attrs[name], this._shown[name])) changed[name] = attrs[name];
    Object.assign(this._shown, changed);
    if (Object.keys(changed).length && this._host.render) this._host.render(changed);
  }

  /** @internal Runs a hook of every policy that has it (none after `dispose()`); hooks are plain functions, called without `this`. */
  protected _each<A>(hook: (policy: Policy) => ((arg: A) => void) | undefined, arg: A): void {
    if (!this.dead$)
      for (const policy of this._hooks) {
        try {
          const fn = hook(policy);
          if (fn) fn(arg);
        } catch (error) {
          // A policy's bug must not break the push or the page's handler.
          console.error('[ts-pusher]', redactDeep(error));
        }
      }
  }

  /** @internal The permission check; a refusal is also reported as an `error` event. */
  protected async _permitted(): Promise<PusherError | null> {
    const denied = await this._permissions.check$();
    if (denied) this.emit('error', denied);
    return denied;
  }

  /**
   * @internal stop/pause/resume: refused unless the table allows it; codes arriving meanwhile
   * wait, and the status moves when the device did it. `force`: move even when the native call failed.
   */
  protected async _lifecycleCall(method: LifecycleMethod, force?: boolean): Promise<void> {
    if (!this.next$(method)) throw pusherError('INVALID_STATE', { method, status: this.status });
    this.hold$();
    try {
      await this._q.call$(method);
      this._move(method, method);
    } catch (error) {
      if (!force) {
        // A refused stop leaves what the device does unknown: a transient status still ends (failed) in time.
        if (this.status === 'starting' || this.status === 'reconnecting') this._arm(this._startMs(), 'timeout');
        throw error;
      }
      this._move(method, method);
    } finally {
      this.release$();
    }
  }

  /** @internal Settles a pending `start()`: resolves without an error; `true` when there was one. */
  protected _settle(error?: PusherError): boolean {
    const pending = this._pending;
    this._pending = null;
    if (pending) {
      if (error) pending.reject(error);
      else pending.resolve();
    }
    return !!pending;
  }

  /** @internal Bounds the transient status by the start timeout; firing fails, or reconnects (`lost`) unless told `timeout`. */
  protected _arm(ms: number, input?: LifecycleInput): void {
    this._issued = true;
    this.arm$(ms, () =>
      this.signal(
        input || (this.status === 'reconnecting' ? 'lost' : 'timeout'),
        'timeout',
        pusherError('TIMEOUT', { method: 'start', ms }),
      ),
    );
  }

  /** @internal Applies an input: reconnect and URL policies may take a lost push over; otherwise the table. */
  protected _apply(input: LifecycleInput, cause: StatusCause, error?: PusherError): void {
    if (input === 'lost' || input === 'fatal') {
      // The URL policy answers for refused URLs (3004, -1326); the reconnect policy for lost pushes.
      const url = !this._halted && (input === 'lost' || cause === -1326) ? this._url.lost$(cause) : undefined;
      const taken = url === true || (url === undefined && input === 'lost' && !this._halted && this._reconnect.lost$(this.status, error!));
      if (taken) {
        this.disarm$();
        this._issued = false;
        this._move('lost', cause);
        return;
      }
      // Exhausted reconnects report the loss that began them, once.
      const final = this._reconnect.origin$() || error!;
      this._reconnect.reset$();
      const failed = this._move('fatal', cause, final);
      if (failed || this.status !== 'suspended') this.emit('error', final);
      // A native start not answered in time may still start pushing.
      if (failed && error && error.code === 'TIMEOUT') this._cleanup();
      return;
    }
    if (input === 'timeout') {
      if (this._move('timeout', cause, error)) this._cleanup();
      return;
    }
    this._move(input, cause);
  }

  /** @internal After the library gave up on a native start: make sure the device is not pushing. */
  protected _cleanup(): void {
    // One stop waiting in the queue is enough (a timeout and a late answer may both ask).
    if (this._cleaning) return;
    this._cleaning = true;
    this._q.run$('stop', () => ((this._cleaning = false), this._q.call$('stop'))).catch(() => undefined);
  }

  /** @internal Moves the status by the table and reacts (watchdog, pending start, event, policies); `false` when no move. */
  protected _move(input: LifecycleInput, cause: StatusCause, error?: PusherError): boolean {
    const change: StatusChange | null = this.move$(input, cause);
    if (!change) return false;
    const next = change.status;
    if (next !== 'starting' && next !== 'reconnecting') this.disarm$();
    // A push the app did not start, and a native reconnect, are bounded too.
    if (input === 'connected' || input === 'retry') this._arm(this._startMs());
    if (next === 'pushing') this._settle();
    else if (next === 'failed') this._settle(error || pusherError('TIMEOUT', { method: 'start', ms: 0 }));
    // stop() aborted the starts made before it when called: a start() made since goes on after it.
    else if (next === 'suspended' || (next === 'stopped' && input !== 'stop'))
      this._settle(pusherError('ABORTED', { method: 'start', by: String(cause) }));
    this.emit('statuschange', change);
    this._each((p) => p.onStatus$, change);
    return true;
  }
}
