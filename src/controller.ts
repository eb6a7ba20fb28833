import { argumentError, isPusherError, pusherError, PusherError } from './errors';
import { errorFromEvent, type PusherNetStatus, type PusherStateEvent } from './events';
import { DEFAULT_ATTRIBUTES, check, int, type AttributeProblem, type PusherAttributes } from './attributes';
import { redactDeep, redactUrl } from './redact';
import { signalOf, statusAfter, type LifecycleInput, type LifecycleMethod, type PushStatus } from './lifecycle';
import { MAX_MS, DEFAULT_POLICIES, resolvePolicies, type Policy, type PolicyHost, type PolicyInput, type PusherPolicies, type RestartCause } from './policies/index';
import { boundedPlatform, type Platform } from './platform';
import { NATIVE_METHODS, type NativeCallOptions, type NativeMethod, type NativePusherContext } from './native';
import type { PusherEvents } from './pusher';
import { backgroundPolicy } from './policies/background';
import { permissionPolicy, type PermissionPolicy } from './policies/permissions';
import { qualityPolicy } from './policies/quality';
import { reconnectPolicy, type ReconnectPolicyState } from './policies/reconnect';
import { screenPolicy } from './policies/screen';
import { urlPolicy, type UrlPolicy, type UrlRefresher } from './policies/url';
import { waitingImagePolicy } from './policies/waiting-image';

/** What caused a status change: a method, a native code, a netstatus sample, the page, or the library. */
export type StatusCause = LifecycleInput | number | 'netstatus' | 'hide';

/** Detail of the `statuschange` event. */
export interface StatusChange {
  readonly status: PushStatus;
  readonly previous: PushStatus;
  readonly cause: StatusCause;
}

/** `snapshot()` options. */
export interface SnapshotOptions {
  /** `raw` or `compressed` (base library 2.10.0). */
  quality?: 'raw' | 'compressed';
  /** `stream` or `view` (base library 2.25.0). */
  sourceType?: 'stream' | 'view';
}

/** `snapshot()` result; sizes are numbers (the typings say strings). */
export interface SnapshotResult {
  readonly tempImagePath: string;
  readonly width: number;
  readonly height: number;
}

/** `playBGM()` options. */
export interface BGMOptions {
  url: string;
  /** ms (base library 2.31.0) */
  startTimeMs?: number;
  /** ms (base library 2.31.0) */
  endTimeMs?: number;
}

/** Timeouts, in ms (read at each call, so a component may change them). */
export interface ControllerOptions {
  /** How long a native start waits for 1002 (default 15000). */
  startTimeout?: number;
  /** How long any native call, or the wait for the context, lasts (default 5000). */
  callTimeout?: number;
}

const TIMEOUTS = { startTimeout: int(15000, 1, MAX_MS), callTimeout: int(5000, 1, MAX_MS) };

/** The `start-timeout` / `call-timeout` properties as given: `''`/`null` mean the default; a bad value is reported. */
export function normalizeTimeouts(given: { startTimeout?: unknown; callTimeout?: unknown }): { timeouts: ControllerOptions; problems: AttributeProblem[] } {
  const timeouts: ControllerOptions = {};
  const problems: AttributeProblem[] = [];
  for (const key of ['startTimeout', 'callTimeout'] as const) {
    const value = given[key];
    if (value === null || value === undefined || value === '') continue;
    const result = check(key, TIMEOUTS[key], value, TIMEOUTS[key].default);
    timeouts[key] = result.value as number;
    if (result.problem) problems.push(result.problem);
  }
  return { timeouts, problems };
}

/** What the controller needs from its component (or from a test). */
export interface ControllerHost {
  /** The native context, once the tag exists. */
  context(): NativePusherContext | null | undefined;
  /** Triggers an event (never called after `dispose()`). */
  emit<K extends keyof PusherEvents>(name: K, detail: PusherEvents[K]): void;
  /** The `wx` seam the policies use. */
  readonly platform: Platform;
  /** Puts library-chosen attribute values on the tag. */
  patch?(attrs: Partial<PusherAttributes>): void;
  /** Re-mounts the inner tag; resolves when a new context exists. */
  remount?(): Promise<void>;
}

/** The promise facade every `<ts-pusher>` instance exposes. Every method rejects only with `PusherError`. */
export interface PusherMethods {
  /** Starts pushing; resolves when pushing begins, rejects on a final failure or the timeout. */
  start(options?: { timeout?: number } | null): Promise<void>;
  /** Stops pushing and every policy; a pending `start()` rejects with `ABORTED`. */
  stop(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  switchCamera(): Promise<void>;
  toggleTorch(): Promise<void>;
  snapshot(options?: SnapshotOptions | null): Promise<SnapshotResult>;
  playBGM(options: BGMOptions): Promise<void>;
  pauseBGM(): Promise<void>;
  resumeBGM(): Promise<void>;
  stopBGM(): Promise<void>;
  /** 0–1 */
  setBGMVolume(volume: number): Promise<void>;
  /** 0–1 */
  setMICVolume(volume: number): Promise<void>;
  startPreview(): Promise<void>;
  stopPreview(): Promise<void>;
  /** Sends an SEI message inside the stream. */
  sendMessage(msg: string): Promise<void>;
  getMaxZoom(): Promise<number>;
  /** 1 to `getMaxZoom()`; sent with one decimal, never above the maximum. */
  setZoom(zoom: number): Promise<void>;
  exitPictureInPicture(): Promise<void>;
  /** Opens the settings page (call it from a tap); `true` when camera and microphone are now allowed. */
  openPermissionSettings(): Promise<boolean>;
}

/** Names of the facade methods: the native ones, and the permission settings. */
export const PUSHER_METHODS: readonly (keyof PusherMethods)[] = (NATIVE_METHODS as (keyof PusherMethods)[]).concat('openPermissionSettings');

interface PendingStart {
  resolve(): void;
  reject(error: PusherError): void;
}

type Timer = ReturnType<typeof setTimeout>;

/* The class merges with this interface: the plain methods (one native call, no options) are installed below. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface PusherController extends PusherMethods {}

/** Any thrown value as a `PusherError` (signatures hidden). */
function asPusherError(error: unknown, method: string): PusherError {
  if (isPusherError(error)) return error;
  const text = error && typeof error === 'object' ? (error as { errMsg?: unknown; message?: unknown }).errMsg || (error as { message?: unknown }).message : error;
  return pusherError('NATIVE_FAIL', { method, errMsg: redactUrl(String(text)) }, redactDeep(error));
}

/**
 * The promise facade, the push lifecycle and the policies over a native context.
 * Framework-free: the component (or a test) hands it a `ControllerHost`.
 *
 * Ordering rules: every native call goes through one queue, so calls never overlap; the status
 * moves when a call is issued (start) or has succeeded (stop, pause, resume); native codes that
 * arrive while stop/pause/resume is in flight are applied after it, in arrival order.
 * Members prefixed `_` are private (the phone build shortens their names).
 */
export class PusherController implements PolicyHost {
  /** The current push status. */
  status: PushStatus = 'idle';
  /** The page is shown. */
  visible = true;
  previewing = false;
  /** The attributes the page gave, validated. */
  attrs: PusherAttributes = DEFAULT_ATTRIBUTES;
  policies: PusherPolicies = DEFAULT_POLICIES;
  readonly platform: Platform;
  private _tail: Promise<unknown> = Promise.resolve();
  private _pending!: PendingStart | null;
  private readonly _timers = new Set<Timer>();
  /** Settlers of native calls in flight and of every wait (the context, wx, the refresher, a re-mount), so `dispose()` settles them. */
  private readonly _inflight = new Set<(error: PusherError | null, result?: unknown) => void>();
  /** Codes held while stop/pause/resume is in flight. */
  private _held!: [LifecycleInput, StatusCause, PusherError | undefined][] | null;
  /** Bounds `starting` and `reconnecting` while a native start is out. */
  private _watch!: Timer | null;
  /** A native start was issued since the last `retry` code: a netstatus with a bitrate means pushing. */
  private _issued!: boolean;
  /** Bumped by `start()`, `stop()` and `dispose()`: queued restarts of an older generation are dropped. */
  private _gen = 0;
  /** @internal A library restart asked for while the page is hidden, and the generation it belongs to: it runs on `show`. */
  private _deferred!: [RestartCause, number] | null;
  /** @internal The page's last word was stop(): no policy pushes again until its next start(). */
  private _halted!: boolean;
  /** @internal A stop after a given-up start is waiting in the queue. */
  private _cleaning!: boolean;
  private _maxZoom!: number;
  private _dead!: boolean;
  private readonly _reconnect: ReconnectPolicyState;
  private readonly _url: UrlPolicy;
  private readonly _permissions: PermissionPolicy;
  private readonly _hooks: Policy[];

  constructor(
    private readonly _host: ControllerHost,
    private readonly _options: ControllerOptions = {},
  ) {
    // Every wait on wx is bounded by the call timeout, and settled at detach.
    this.platform = boundedPlatform(_host.platform, (name, call, limited) => this._wait(call, limited ? this._callMs() : 0, name));
    this._reconnect = reconnectPolicy(this);
    this._url = urlPolicy(this);
    this._permissions = permissionPolicy(this);
    this._hooks = [this._url, this._reconnect, this._permissions, backgroundPolicy(this), screenPolicy(this), waitingImagePolicy(this), qualityPolicy(this)];
  }

  // ---------- what the component feeds in ----------

  /** Feeds a mapped `statechange` (or `binderror`, `fromError`) event: events, policies, lifecycle. */
  handleEvent(event: PusherStateEvent, fromError?: boolean): void {
    if (this._dead) return;
    if (!fromError) {
      this.emit('statechange', event);
      if (event.kind === 'warning') this.emit('warning', event);
    }
    this._each((p) => p._code && p._code(event));
    const signal = signalOf(event.code, event.kind);
    if (signal === 'fatal' || signal === 'lost') this.signal(signal, event.code as number, this._permissions._explain(event) || errorFromEvent(event));
    else if (fromError) this.emit('error', errorFromEvent(event));
    else if (signal) this.signal(signal, event.code as number);
    if (signal === 'retry') this._issued = false;
  }

  /** Feeds a mapped `netstatus`: the event, the quality policy, and pushing-begins without 1002. */
  handleNetStatus(status: PusherNetStatus): void {
    if (this._dead) return;
    this.emit('netstatus', status);
    this._each((p) => p._net && p._net(status));
    // Some base libraries never send 1002 although the push runs.
    const flowing = status.videoBitrate > 0 || status.audioBitrate > 0;
    if (flowing && (this.status === 'starting' || (this.status === 'reconnecting' && this._issued))) this.signal('pushBegin', 'netstatus');
  }

  /** The native context exists now (the component's `ready`, or a re-mount): calls waiting for it go on. */
  contextReady(): void {
    this._maxZoom = 0;
    this._waiters.splice(0).forEach((go) => go());
  }
  private readonly _waiters: (() => void)[] = [];

  /** The validated attributes the page gave. */
  setAttributes(attrs: PusherAttributes): void {
    if (attrs.devicePosition !== this.attrs.devicePosition) this._maxZoom = 0;
    this.attrs = attrs;
    this._each((p) => p._attrs && p._attrs(attrs));
  }

  /** Merges policy settings; a bad value throws `INVALID_ARGUMENT` naming each problem, and nothing changes. */
  setPolicies(input: PolicyInput): PusherPolicies {
    const { policies, problems } = resolvePolicies(input, this.policies);
    if (problems.length) {
      throw argumentError('setPolicies', problems.map((p) => p.attribute).join(', '), problems.map((p) => p.message).join('; '), problems.map((p) => p.messageZh).join('；'), input);
    }
    return this.applyPolicies(policies);
  }

  /** Takes already-checked settings (the component's `policies` property, through `resolvePolicies`). */
  applyPolicies(policies: PusherPolicies): PusherPolicies {
    this.policies = policies;
    this._each((p) => p._attrs && p._attrs(this.attrs));
    return policies;
  }

  /** The function asked for a new push URL when the current one expires or is refused. */
  setUrlRefresher(refresher: UrlRefresher | null): void {
    if (refresher !== null && typeof refresher !== 'function') throw argumentError('setUrlRefresher', 'refresher', 'a function or null', '函数或 null', refresher);
    this._url._refresher = refresher;
  }

  /** The page was shown (`true`) or hidden. */
  pageVisible(shown: boolean): void {
    // A `show` also brings back a push suspended without a `hide` first (5000/5001 may come alone).
    if (this._dead || (shown === this.visible && !(shown && this.status === 'suspended'))) return;
    this.visible = shown;
    this._each((p) => p._visible && p._visible(shown));
    const deferred = shown && this._deferred;
    this._deferred = null;
    if (deferred && deferred[1] === this._gen) this.restart(deferred[0]);
  }

  /** Stops every timer and listener and settles pending and later calls with `NOT_READY`. */
  dispose(): void {
    this._each((p) => p._stop && p._stop(true));
    this._dead = true;
    this._gen++;
    this._timers.forEach((t) => clearTimeout(t));
    this._timers.clear();
    this._inflight.forEach((done) => done(pusherError('NOT_READY', { method: 'call' })));
    this._settle(pusherError('NOT_READY', { method: 'start' }));
  }

  // ---------- PolicyHost ----------

  emit<K extends keyof PusherEvents>(name: K, detail: PusherEvents[K]): void {
    if (!this._dead) this._host.emit(name, detail);
  }

  patch(attrs: Partial<PusherAttributes>): void {
    if (!this._dead && this._host.patch) this._host.patch(attrs);
  }

  remount(): Promise<void> {
    return this._wait(() => (this._host.remount ? this._host.remount() : Promise.resolve()), 0, 'remount');
  }

  waitFor<T>(call: () => T | Promise<T>): Promise<T> {
    const ms = this._options.startTimeout || 15000;
    return this._wait(() => Promise.resolve(call()), ms, 'refresher');
  }

  /** Applies an input now, or after the stop/pause/resume in flight. */
  signal(input: LifecycleInput, cause: StatusCause, error?: PusherError): void {
    if (this._dead) return;
    if (this._held) this._held.push([input, cause, error]);
    else this._apply(input, cause, error);
  }

  restart(cause: RestartCause): void {
    const gen = this._gen;
    // A hidden mini-program cannot push: the library's restart waits for `show` (checked again before it goes out).
    const hidden = () => !this.visible && !!(this._deferred = [cause, gen]);
    // After the page's stop() (even one the device refused), only its next start() pushes.
    if (this._halted || hidden()) return;
    this._enqueue('start', async () => {
      if (cause !== 'rejected') await this._url._beforeRestart();
      // Dropped when the page stopped or started meanwhile, or the status moved on.
      if (gen !== this._gen || !(cause === 'show' ? this.status === 'suspended' : this.status === 'reconnecting') || hidden()) return;
      await this._call('stop').catch(() => undefined);
      await this._call('start', {}, () => {
        if (gen !== this._gen || hidden()) return false;
        if (cause === 'show') this._move('show', 'show');
        this._arm(this._options.startTimeout || 15000);
        return true;
      });
    }).catch((error: PusherError) => {
      // Called off at the last moment (ABORTED): nothing was lost.
      if (gen === this._gen && this.status !== 'failed' && error.code !== 'ABORTED') this.signal('lost', 'start', error);
    });
  }

  // ---------- the facade (each method is wrapped below: whatever it throws rejects as a PusherError) ----------

  start(options?: { timeout?: number } | null): Promise<void> {
    const timeout = this._timeoutArg(options);
    if (this._pending || !statusAfter(this.status, 'start')) {
      throw pusherError('INVALID_STATE', { method: 'start', status: this._pending ? 'starting' : this.status });
    }
    const gen = ++this._gen;
    this._halted = false;
    const started = new Promise<void>((resolve, reject) => (this._pending = { resolve, reject }));
    const pending = this._pending!;
    this._reconnect._reset();
    // Queued at once, so calls made after start() go after it; the permission check runs in its turn.
    this._enqueue('start', async () => {
      const denied = await this._permitted();
      // Settled meanwhile (a stop, a fatal code, detach): the page was told; nothing goes out.
      if (gen !== this._gen || pending !== this._pending || denied) return void (denied && pending === this._pending && this._settle(denied));
      if (!statusAfter(this.status, 'start')) throw pusherError('INVALID_STATE', { method: 'start', status: this.status });
      await this._url._beforeRestart();
      await this._call('start', {}, () => {
        // A stop(), a fatal code or a hidden page's end came while it waited for the tag or the URL.
        if (gen !== this._gen || pending !== this._pending) return false;
        this._move('start', 'start');
        this._arm(timeout);
        return true;
      });
    }).catch((error: PusherError) => {
      // Not issued (no context, unsupported): the status stays. Issued and refused or unanswered
      // (a code may have moved it on meanwhile): failed for good, so nothing goes on after the rejection.
      if (pending === this._pending && (this.status === 'starting' || this.status === 'reconnecting')) this._apply('fatal', 'start', error);
      else if (pending === this._pending) this._settle(error);
    });
    return started;
  }

  stop(): Promise<void> {
    // stop() wins over a pending start(), and ends reconnects, refreshes and restarts.
    const aborted = this._settle(pusherError('ABORTED', { method: 'start', by: 'stop()' }));
    this._gen++;
    this._halted = true;
    this._each((p) => p._stop && p._stop(false));
    return this._enqueue('stop', async () => {
      // Nothing reached the device yet: the aborted start was all there was to stop.
      if (aborted && !statusAfter(this.status, 'stop')) return;
      // The system already stopped a suspended push: a refused native stop changes nothing.
      await this._lifecycleCall('stop', this.status === 'suspended');
    });
  }

  pause(): Promise<void> {
    return this._enqueue('pause', () => this._lifecycleCall('pause'));
  }

  resume(): Promise<void> {
    return this._enqueue('resume', () => this._lifecycleCall('resume'));
  }

  async startPreview(): Promise<void> {
    const denied = await this._permitted();
    if (denied) throw denied;
    await this._plain('startPreview');
    this._setPreview(true);
  }

  stopPreview(): Promise<void> {
    return this._plain('stopPreview').then(() => this._setPreview(false));
  }

  switchCamera(): Promise<void> {
    // Forget the maximum zoom whatever the answer: a timed-out or failed switch may have switched.
    const forget = () => (this._maxZoom = 0);
    return this._enqueue('switchCamera', () => this._call('switchCamera').then(forget, (error) => Promise.reject((forget(), error)))).then(() => undefined);
  }

  openPermissionSettings(): Promise<boolean> {
    return this._permissions._open();
  }

  snapshot(options?: SnapshotOptions | null): Promise<SnapshotResult> {
    const given = this._optionsArg('snapshot', options);
    const args: NativeCallOptions = {};
    for (const [key, allowed] of [['quality', ['raw', 'compressed']], ['sourceType', ['stream', 'view']]] as const) {
      const value = given[key];
      if (value === undefined) continue;
      if ((allowed as readonly unknown[]).indexOf(value) < 0) throw argumentError('snapshot', key, allowed.join('|'), allowed.join('|'), value);
      args[key] = value;
    }
    return this._plain('snapshot', args).then((result) => {
      const r = (result || {}) as { tempImagePath?: unknown; width?: unknown; height?: unknown };
      return { tempImagePath: String(r.tempImagePath || ''), width: Number(r.width) || 0, height: Number(r.height) || 0 };
    });
  }

  playBGM(options: BGMOptions): Promise<void> {
    const given = (options || {}) as unknown as Record<string, unknown>;
    const args: NativeCallOptions = { url: this._text('playBGM', 'url', given.url) };
    for (const key of ['startTimeMs', 'endTimeMs']) {
      const value = given[key];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !(value >= 0 && value <= MAX_MS)) throw argumentError('playBGM', key, 'ms ≥ 0', '≥ 0 的毫秒数', value);
      args[key] = value;
    }
    return this._void('playBGM', args);
  }

  setBGMVolume(volume: number): Promise<void> {
    return this._volume('setBGMVolume', volume);
  }

  setMICVolume(volume: number): Promise<void> {
    return this._volume('setMICVolume', volume);
  }

  sendMessage(msg: string): Promise<void> {
    return this._void('sendMessage', { msg: this._text('sendMessage', 'msg', msg) });
  }

  getMaxZoom(): Promise<number> {
    return this._enqueue('getMaxZoom', () => this._readMaxZoom());
  }

  setZoom(zoom: number): Promise<void> {
    if (typeof zoom !== 'number' || !(zoom >= 1)) throw argumentError('setZoom', 'zoom', 'a number ≥ 1', '≥ 1 的数字', zoom);
    return this._enqueue('setZoom', async () => {
      const max = this._maxZoom || (await this._readMaxZoom());
      if (!(zoom <= max)) throw argumentError('setZoom', 'zoom', `a number in 1–${max}`, ` 1–${max} 之间的数字`, zoom);
      // One decimal, rounded, but never above the maximum (2.96 of 2.96 is sent as 2.9).
      await this._call('setZoom', { zoom: Math.min(Math.round(zoom * 10), Math.floor(max * 10 + 1e-9)) / 10 });
    });
  }

  // ---------- internals ----------

  /** Runs a hook of every policy (none after `dispose()`). */
  private _each(fn: (policy: Policy) => unknown): void {
    if (!this._dead) for (const policy of this._hooks) {
      try {
        fn(policy);
      } catch (error) {
        // A policy's bug must not break the push or the page's handler.
        console.error('[ts-pusher]', redactDeep(error));
      }
    }
  }

  /** The permission check; a refusal is also reported as an `error` event. */
  private async _permitted(): Promise<PusherError | null> {
    const denied = await this._permissions._check();
    if (denied) this.emit('error', denied);
    return denied;
  }

  private _text(method: string, arg: string, value: unknown): string {
    if (typeof value !== 'string' || !value) throw argumentError(method, arg, 'a non-empty string', '非空字符串', value);
    return value;
  }

  private _optionsArg(method: string, options: unknown): Record<string, unknown> {
    if (options === undefined || options === null) return {};
    if (typeof options !== 'object' || Array.isArray(options)) throw argumentError(method, 'options', 'an object', '对象', options);
    return options as Record<string, unknown>;
  }

  private _timeoutArg(options: unknown): number {
    const { timeout } = this._optionsArg('start', options);
    if (timeout === undefined) return this._options.startTimeout || 15000;
    if (typeof timeout !== 'number' || !(timeout >= 1 && timeout <= MAX_MS)) {
      throw argumentError('start', 'timeout', `ms in 1–${MAX_MS}`, ` 1–${MAX_MS} 毫秒`, timeout);
    }
    return timeout;
  }

  private _volume(method: 'setBGMVolume' | 'setMICVolume', volume: number): Promise<void> {
    if (typeof volume === 'number' && volume >= 0 && volume <= 1) return this._void(method, { volume });
    throw argumentError(method, 'volume', 'a number in 0–1', ' 0–1 之间的数字', volume);
  }

  private _setPreview(on: boolean): void {
    this.previewing = on;
    this._each((p) => p._attrs && p._attrs(this.attrs));
  }

  private async _readMaxZoom(): Promise<number> {
    const result = (await this._call('getMaxZoom')) as { maxZoom?: unknown } | undefined;
    return (this._maxZoom = Number(result && result.maxZoom) || 1);
  }

  private _plain(method: NativeMethod, args?: NativeCallOptions): Promise<unknown> {
    return this._enqueue(method, () => this._call(method, args));
  }

  /** A queued native call that resolves with nothing. */
  _void(method: NativeMethod, args?: NativeCallOptions): Promise<void> {
    return this._plain(method, args).then(() => undefined);
  }

  /**
   * stop/pause/resume: refused unless the table allows it; codes arriving meanwhile wait, and
   * the status moves when the device did it. `force`: move even when the native call failed.
   */
  private async _lifecycleCall(method: LifecycleMethod, force?: boolean): Promise<void> {
    if (!statusAfter(this.status, method)) throw pusherError('INVALID_STATE', { method, status: this.status });
    this._held = [];
    try {
      await this._call(method);
      this._move(method, method);
    } catch (error) {
      if (!force) {
        // A refused stop leaves what the device does unknown: a transient status still ends (failed) in time.
        if (this.status === 'starting' || this.status === 'reconnecting') this._arm(this._options.startTimeout || 15000, 'timeout');
        throw error;
      }
      this._move(method, method);
    } finally {
      const held = this._held || [];
      this._held = null;
      held.forEach(([input, cause, error]) => this.signal(input, cause, error));
    }
  }

  /** Runs calls one after another, so native calls never overlap. */
  private _enqueue<T>(method: string, task: () => Promise<T>): Promise<T> {
    const run = this._tail.then(() => {
      if (this._dead) throw pusherError('NOT_READY', { method });
      return task();
    });
    this._tail = run.catch(() => undefined);
    return run;
  }

  /** Settles a pending `start()`: resolves without an error; `true` when there was one. */
  private _settle(error?: PusherError): boolean {
    const pending = this._pending;
    this._pending = null;
    if (pending) {
      if (error) pending.reject(error);
      else pending.resolve();
    }
    return !!pending;
  }

  /** Bounds the transient status by the start timeout; firing fails, or reconnects (`lost`) unless told `timeout`. */
  private _arm(ms: number, input?: LifecycleInput): void {
    this._issued = true;
    this._disarm();
    if (this._dead) return;
    const timer = (this._watch = this._after(ms, () => {
      if (this._watch !== timer) return;
      this._watch = null;
      this.signal(input || (this.status === 'reconnecting' ? 'lost' : 'timeout'), 'timeout', pusherError('TIMEOUT', { method: 'start', ms }));
    }));
  }

  private _disarm(): void {
    if (this._watch) this._clear(this._watch);
    this._watch = null;
  }

  /** Applies an input: reconnect and URL policies may take a lost push over; otherwise the table. */
  private _apply(input: LifecycleInput, cause: StatusCause, error?: PusherError): void {
    if (input === 'lost' || input === 'fatal') {
      // The URL policy answers for refused URLs (3004, -1326); the reconnect policy for lost pushes.
      const url = !this._halted && (input === 'lost' || cause === -1326) ? this._url._lost(cause) : undefined;
      const taken = url === true || (url === undefined && input === 'lost' && !this._halted && this._reconnect._lost(this.status, error!));
      if (taken) {
        this._disarm();
        this._issued = false;
        this._move('lost', cause);
        return;
      }
      // Exhausted reconnects report the loss that began them, once.
      const final = this._reconnect._origin || error!;
      this._reconnect._reset();
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

  /** After the library gave up on a native start: make sure the device is not pushing. */
  private _cleanup(): void {
    // One stop waiting in the queue is enough (a timeout and a late answer may both ask).
    if (this._cleaning) return;
    this._cleaning = true;
    this._enqueue('stop', () => ((this._cleaning = false), this._call('stop'))).catch(() => undefined);
  }

  /** Moves the status by the table; `false` when the table has no such move. */
  private _move(input: LifecycleInput, cause: StatusCause, error?: PusherError): boolean {
    const next = statusAfter(this.status, input);
    // After detach the status stays what the page last heard.
    if (!next || next === this.status || this._dead) return false;
    const previous = this.status;
    this.status = next;
    if (next !== 'starting' && next !== 'reconnecting') this._disarm();
    // A push the app did not start, and a native reconnect, are bounded too.
    if (input === 'connected' || input === 'retry') this._arm(this._options.startTimeout || 15000);
    if (next === 'pushing') this._settle();
    else if (next === 'failed') this._settle(error || pusherError('TIMEOUT', { method: 'start', ms: 0 }));
    // stop() aborted the starts made before it when called: a start() made since goes on after it.
    else if (next === 'suspended' || (next === 'stopped' && input !== 'stop')) this._settle(pusherError('ABORTED', { method: 'start', by: String(cause) }));
    const change = { status: next, previous, cause };
    this.emit('statuschange', change);
    this._each((p) => p._status && p._status(change));
    return true;
  }

  private _after(ms: number, fn: () => void): Timer {
    const timer = setTimeout(() => {
      this._timers.delete(timer);
      fn();
    }, Math.min(ms, MAX_MS));
    this._timers.add(timer);
    return timer;
  }

  private _clear(timer: Timer): void {
    clearTimeout(timer);
    this._timers.delete(timer);
  }

  /** @internal */
  private _callMs(): number {
    return this._options.callTimeout || 5000;
  }

  /** A promise that `run` settles through `done`, or `late` after `ms` (never when 0); `dispose()` settles it too. */
  private _within<T>(run: (done: (error: unknown, result?: unknown) => void) => void, late: PusherError, ms = this._callMs()): Promise<T> {
    return new Promise((resolve, reject) => {
      const done = (error: unknown, result?: unknown) => {
        if (timer) this._clear(timer);
        if (this._inflight.delete(done)) error ? reject(error) : resolve(result as T);
      };
      const timer = ms ? this._after(ms, () => done(late)) : null;
      this._inflight.add(done);
      run(done);
    });
  }

  /** @internal A wait on the platform or the app's code: `TIMEOUT` after `ms` (none when 0), `NOT_READY` at detach, its own failure otherwise. */
  private _wait<T>(call: () => Promise<T>, ms: number, method: string): Promise<T> {
    if (this._dead) return Promise.reject(pusherError('NOT_READY', { method }));
    const late = pusherError('TIMEOUT', { method, ms });
    return this._within((done) => {
      new Promise<T>((resolve) => resolve(call())).then(
        (result) => done(null, result),
        // A rejection with nothing in it is still a failure.
        (error) => done(error || late),
      );
    }, late, ms);
  }

  /**
   * One native call, bounded by the call timeout (a context not there yet is waited for); `issue`
   * runs just before it goes out and may call it off (`false`: a stop() came while it waited).
   */
  private async _call(method: NativeMethod, args: NativeCallOptions = {}, issue?: () => boolean): Promise<unknown> {
    const missing = pusherError('NOT_READY', { method });
    if (!this._host.context() && !this._dead) await this._within((done) => this._waiters.push(() => done(null)), missing);
    const context = this._dead ? null : this._host.context();
    if (!context) throw missing;
    const fn = context[method];
    if (typeof fn !== 'function') throw pusherError('UNSUPPORTED', { method });
    return this._within((done) => {
      if (issue && !issue()) return void done(pusherError('ABORTED', { method, by: 'stop()' }));
      try {
        const success = (result: unknown) => {
          done(null, result);
          // A native start that succeeds after the library gave up on the push (timed out, a fatal code): undo it.
          if (method === 'start' && (this.status === 'failed' || this.status === 'stopped')) this._cleanup();
        };
        fn.call(context, { ...args, success, fail: (error: unknown) => done(asPusherError(error, method)) });
      } catch (error) {
        done(asPusherError(error, method));
      }
    }, pusherError('TIMEOUT', { method, ms: this._callMs() }));
  }
}

// Every facade method rejects, never throws, and only with a PusherError; the plain ones are one native call.
for (const method of PUSHER_METHODS) {
  const proto = PusherController.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const body = proto[method] || function (this: PusherController) {
    return this._void(method as NativeMethod);
  };
  proto[method] = function (this: PusherController, ...args: unknown[]) {
    // After detach nothing waits: every call rejects at once.
    if ((this as unknown as { _dead: boolean })._dead) return Promise.reject(pusherError('NOT_READY', { method }));
    try {
      return Promise.resolve(body.apply(this, args)).catch((error) => Promise.reject(asPusherError(error, method)));
    } catch (error) {
      return Promise.reject(asPusherError(error, method));
    }
  };
}
