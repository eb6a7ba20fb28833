import { argumentError, pusherError, PusherError } from './errors';
import { errorFromEvent, type PusherStateEvent } from './events';
import { redactUrl } from './redact';
import { signalOf, statusAfter, type LifecycleInput, type LifecycleMethod, type PushStatus } from './lifecycle';

/** The callbacks every native `LivePusherContext` method takes. */
export interface NativeCallOptions {
  success?: (result: unknown) => void;
  fail?: (error: unknown) => void;
  complete?: (result: unknown) => void;
  [option: string]: unknown;
}

/** The native context methods the controller uses (all callback-style). */
export type NativeMethod =
  | 'start' | 'stop' | 'pause' | 'resume' | 'switchCamera' | 'toggleTorch' | 'snapshot'
  | 'playBGM' | 'pauseBGM' | 'resumeBGM' | 'stopBGM' | 'setBGMVolume' | 'setMICVolume'
  | 'startPreview' | 'stopPreview' | 'sendMessage' | 'getMaxZoom' | 'setZoom' | 'exitPictureInPicture';

/** A `LivePusherContext` as the controller sees it; methods may be missing on old base libraries. */
export type NativePusherContext = { [M in NativeMethod]?: (options: NativeCallOptions) => void };

/** What caused a status change: a method, a native code, or the library. */
export type StatusCause = LifecycleInput | number | 'detached';

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

/** Timeouts, in ms. */
export interface ControllerOptions {
  /** How long `start()` waits for 1002 (default 15000). */
  startTimeout?: number;
  /** How long any native call waits for its callback (default 5000). */
  callTimeout?: number;
}

/** The promise facade every `<ts-pusher>` instance exposes. */
export interface PusherMethods {
  /** Starts pushing; resolves on 1002, rejects on the first fatal code or the timeout. */
  start(options?: { timeout?: number }): Promise<void>;
  /** Stops pushing; a pending `start()` rejects with `ABORTED`. */
  stop(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  switchCamera(): Promise<void>;
  toggleTorch(): Promise<void>;
  snapshot(options?: SnapshotOptions): Promise<SnapshotResult>;
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
  /** 1 to `getMaxZoom()`, one decimal. */
  setZoom(zoom: number): Promise<void>;
  exitPictureInPicture(): Promise<void>;
}

/** Names of the facade methods. */
export const PUSHER_METHODS: readonly (keyof PusherMethods)[] = [
  'start', 'stop', 'pause', 'resume', 'switchCamera', 'toggleTorch', 'snapshot', 'playBGM', 'pauseBGM',
  'resumeBGM', 'stopBGM', 'setBGMVolume', 'setMICVolume', 'startPreview', 'stopPreview', 'sendMessage',
  'getMaxZoom', 'setZoom', 'exitPictureInPicture',
];

interface PendingStart {
  resolve(): void;
  reject(error: PusherError): void;
}

type Timer = ReturnType<typeof setTimeout>;

/** Methods that are one native call with no options and no status change. */
const PLAIN: readonly NativeMethod[] = [
  'switchCamera', 'toggleTorch', 'pauseBGM', 'resumeBGM', 'stopBGM', 'startPreview', 'stopPreview', 'exitPictureInPicture',
];

/* The class merges with this interface: the plain methods are installed from `PLAIN` below. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface PusherController extends PusherMethods {}

/**
 * The promise facade and push lifecycle over a native context. Framework-free: it gets the
 * context through `getContext` and reports status changes through `onStatus`.
 * Members prefixed `_` are private (the phone build shortens their names).
 */
export class PusherController {
  /** The current push status. */
  status: PushStatus = 'idle';
  private _tail: Promise<unknown> = Promise.resolve();
  private _pending: PendingStart | null = null;
  private readonly _timers = new Set<Timer>();
  /** Rejecters of native calls in flight, so `dispose()` settles them. */
  private readonly _inflight = new Set<(error: PusherError | null, result?: unknown) => void>();
  private _maxZoom = 0;
  private _disposed = false;

  constructor(
    private readonly _getContext: () => NativePusherContext | null | undefined,
    private readonly _onStatus: (change: StatusChange) => void,
    private readonly _options: ControllerOptions = {},
  ) {}

  /** Feeds a mapped `statechange`/`error` event into the lifecycle. */
  handleEvent(event: PusherStateEvent): void {
    const signal = signalOf(event.code, event.kind);
    if (!signal) return;
    this._move(signal, event.code === null ? signal : event.code);
    const pending = this._pending;
    if (!pending) return;
    if (signal === 'pushBegin') pending.resolve();
    if (signal === 'fatal') pending.reject(errorFromEvent(event));
    if (signal === 'suspended') pending.reject(pusherError('ABORTED', { method: 'start', by: String(event.code) }));
  }

  /** Stops every timer and settles pending and later calls with `NOT_READY`. */
  dispose(): void {
    this._disposed = true;
    this._timers.forEach((t) => clearTimeout(t));
    this._timers.clear();
    this._inflight.forEach((done) => done(pusherError('NOT_READY', { method: 'call' })));
    if (this._pending) this._pending.reject(pusherError('NOT_READY', { method: 'start' }));
  }

  start(options: { timeout?: number } = {}): Promise<void> {
    const timeout = options.timeout || this._options.startTimeout || 15000;
    let begun: Promise<void> = Promise.resolve();
    // The queue holds the native call only; waiting for 1002 must not block stop() or switchCamera().
    return this._enqueue('start', async () => {
      this._transition('start');
      let pending!: PendingStart;
      begun = new Promise<void>((resolve, reject) => {
        const settle = (error?: PusherError) => {
          if (this._pending !== pending) return;
          this._pending = null;
          this._clear(timer);
          if (error) reject(error);
          else resolve();
        };
        const timer = this._after(timeout, () => {
          this._move('timeout', 'timeout');
          settle(pusherError('TIMEOUT', { method: 'start', ms: timeout }));
          this._call('stop').catch(() => undefined);
        });
        pending = this._pending = { resolve: () => settle(), reject: settle };
      });
      begun.catch(() => undefined);
      try {
        // The native `success` only means the call was taken; 1002 (handleEvent) resolves.
        await this._call('start');
      } catch (error) {
        if (this._pending === pending) {
          this._move('fatal', 'start');
          pending.reject(error as PusherError);
        }
      }
    }).then(() => begun);
  }

  stop(): Promise<void> {
    // stop() wins over a pending start(): refused at once, or when the queue reaches stop().
    const abort = () => this._pending && this._pending.reject(pusherError('ABORTED', { method: 'start', by: 'stop()' }));
    abort();
    return this._lifecycle('stop', abort);
  }

  pause(): Promise<void> {
    return this._lifecycle('pause');
  }

  resume(): Promise<void> {
    return this._lifecycle('resume');
  }

  snapshot(options: SnapshotOptions = {}): Promise<SnapshotResult> {
    const { quality, sourceType } = options;
    if (quality !== undefined && quality !== 'raw' && quality !== 'compressed') {
      return Promise.reject(argumentError('snapshot', 'quality', 'raw|compressed', 'raw|compressed', quality));
    }
    if (sourceType !== undefined && sourceType !== 'stream' && sourceType !== 'view') {
      return Promise.reject(argumentError('snapshot', 'sourceType', 'stream|view', 'stream|view', sourceType));
    }
    const args: NativeCallOptions = {};
    if (quality) args.quality = quality;
    if (sourceType) args.sourceType = sourceType;
    return this._plain('snapshot', args).then((result) => {
      const r = (result || {}) as { tempImagePath?: unknown; width?: unknown; height?: unknown };
      return { tempImagePath: String(r.tempImagePath || ''), width: Number(r.width) || 0, height: Number(r.height) || 0 };
    });
  }

  playBGM(options: BGMOptions): Promise<void> {
    if (!options || typeof options.url !== 'string' || !options.url) {
      return Promise.reject(argumentError('playBGM', 'url', 'a non-empty string', '非空字符串', options && options.url));
    }
    return this._void('playBGM', { ...options });
  }

  setBGMVolume(volume: number): Promise<void> {
    return this._volume('setBGMVolume', volume);
  }

  setMICVolume(volume: number): Promise<void> {
    return this._volume('setMICVolume', volume);
  }

  sendMessage(msg: string): Promise<void> {
    if (typeof msg !== 'string' || !msg) return Promise.reject(argumentError('sendMessage', 'msg', 'a non-empty string', '非空字符串', msg));
    return this._void('sendMessage', { msg });
  }

  getMaxZoom(): Promise<number> {
    return this._enqueue('getMaxZoom', () => this._readMaxZoom());
  }

  setZoom(zoom: number): Promise<void> {
    return this._enqueue('setZoom', async () => {
      const max = this._maxZoom || (await this._readMaxZoom());
      if (typeof zoom !== 'number' || !(zoom >= 1 && zoom <= max)) {
        throw argumentError('setZoom', 'zoom', `a number in 1–${max}`, ` 1–${max} 之间的数字`, zoom);
      }
      await this._call('setZoom', { zoom: Math.round(zoom * 10) / 10 });
    });
  }

  private _volume(method: 'setBGMVolume' | 'setMICVolume', volume: number): Promise<void> {
    if (typeof volume === 'number' && volume >= 0 && volume <= 1) return this._void(method, { volume });
    return Promise.reject(argumentError(method, 'volume', 'a number in 0–1', ' 0–1 之间的数字', volume));
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

  /** stop/pause/resume: refused unless the table allows it; the status moves on success. */
  private _lifecycle(method: 'stop' | 'pause' | 'resume', before?: () => void): Promise<void> {
    return this._enqueue(method, async () => {
      if (before) before();
      this._check(method);
      await this._call(method);
      this._transition(method);
    });
  }

  /** Runs calls one after another, so native calls never overlap. */
  private _enqueue<T>(method: string, task: () => Promise<T>): Promise<T> {
    const run = this._tail.then(() => {
      if (this._disposed) throw pusherError('NOT_READY', { method });
      return task();
    });
    this._tail = run.catch(() => undefined);
    return run;
  }

  private _check(method: LifecycleMethod): void {
    if (!statusAfter(this.status, method)) throw pusherError('INVALID_STATE', { method, status: this.status });
  }

  private _transition(method: LifecycleMethod): void {
    this._check(method);
    this._move(method, method);
  }

  /** Applies an input; inputs the table does not list leave the status as it is. */
  private _move(input: LifecycleInput, cause: StatusCause): void {
    const next = statusAfter(this.status, input);
    if (!next || next === this.status) return;
    const previous = this.status;
    this.status = next;
    this._onStatus({ status: next, previous, cause });
  }

  private _after(ms: number, fn: () => void): Timer {
    const timer = setTimeout(() => {
      this._timers.delete(timer);
      fn();
    }, ms);
    this._timers.add(timer);
    return timer;
  }

  private _clear(timer: Timer): void {
    clearTimeout(timer);
    this._timers.delete(timer);
  }

  /** One native call, bounded by the call timeout; every failure becomes a `PusherError`. */
  private _call(method: NativeMethod, args: NativeCallOptions = {}): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const context = this._disposed ? null : this._getContext();
      if (!context) return reject(pusherError('NOT_READY', { method }));
      const fn = context[method];
      if (typeof fn !== 'function') return reject(pusherError('UNSUPPORTED', { method }));
      const ms = this._options.callTimeout || 5000;
      const done = (error: PusherError | null, result?: unknown) => {
        this._clear(timer);
        this._inflight.delete(done);
        if (error) reject(error);
        else resolve(result);
      };
      const timer = this._after(ms, () => done(pusherError('TIMEOUT', { method, ms })));
      const fail = (error: unknown) => {
        const errMsg = error && typeof error === 'object' && 'errMsg' in error ? (error as { errMsg: unknown }).errMsg : error;
        done(pusherError('NATIVE_FAIL', { method, errMsg: redactUrl(String(errMsg)) }, error));
      };
      this._inflight.add(done);
      try {
        fn.call(context, { ...args, success: (result: unknown) => done(null, result), fail });
      } catch (error) {
        fail(error);
      }
    });
  }
}

for (const method of PLAIN) {
  (PusherController.prototype as unknown as Record<string, unknown>)[method] = function (this: PusherController) {
    return this._void(method);
  };
}
