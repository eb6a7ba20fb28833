/**
 * `<ts-pusher>`'s controller: the push lifecycle (`push-driver.ts`, assembled from the call
 * queue, the lifecycle driver and the policies) plus the promise facade, whose argument checks
 * live in `facade.ts`. Framework-free: the component (or a test) hands it a `ControllerHost`
 * and configures it with one call, `configure()`.
 */
import { ATTRIBUTE_NAMES, normalizeAttributes, type AttributeProblem } from './attributes';
import { asPusherError } from './call-queue';
import { pusherError, type PusherError } from './errors';
import * as args from './facade';
import type { BGMOptions, PusherMethods, SnapshotOptions, SnapshotResult } from './facade';
import type { NativeCallOptions, NativeMethod } from './native';
import { resolvePolicies } from './policies/index';
import { PushDriver, same } from './push-driver';
import { normalizeTimeouts } from './timeouts';

export type { StatusCause, StatusChange } from './lifecycle';
export type { BGMOptions, PusherMethods, SnapshotOptions, SnapshotResult } from './facade';
export { PUSHER_METHODS } from './facade';
export type { ControllerOptions } from './timeouts';
export { normalizeTimeouts } from './timeouts';
export type { ControllerHost } from './push-driver';

/** What `configure()` takes: the component's properties as given (each checked, a bad one reported). */
export interface ControllerInput {
  /** `startTimeout`, `callTimeout` as given (`''`/`null`: the default). */
  readonly timeouts: { readonly startTimeout?: unknown; readonly callTimeout?: unknown };
  /** The `policies` property as given; applied only when it changed since the last call. */
  readonly policies: unknown;
  /** The tag's attributes (and `scenario`) as given. */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** The promise facade, the push lifecycle and the policies over a native context. Every facade method rejects only with `PusherError`. */
export class PusherController extends PushDriver implements PusherMethods {
  // ---------- what the component feeds in ----------

  /**
   * The component's properties, in one call: timeouts, then policies (when changed), then the
   * attributes (the changed ones are rendered through the host). Returns every problem found.
   */
  configure(input: ControllerInput): AttributeProblem[] {
    const { timeouts, problems } = normalizeTimeouts(input.timeouts);
    this._timeouts = timeouts;
    if (!same(input.policies, this._given)) {
      this._given = input.policies;
      const resolved = resolvePolicies(input.policies);
      this.applyPolicies(resolved.policies);
      problems.push(...resolved.problems);
    }
    const normalized = normalizeAttributes(input.attributes);
    // A value the page changes wins over the one a policy put on the tag.
    for (const name of ATTRIBUTE_NAMES) if (!same(normalized.attributes[name], this.attrs[name])) delete this._overlay[name];
    this._render(Object.assign({}, normalized.attributes, this._overlay));
    this.setAttributes(normalized.attributes);
    problems.push(...normalized.problems);
    return problems;
  }

  // ---------- the facade: every method rejects, never throws, and only with a PusherError ----------

  start(options?: { timeout?: number } | null): Promise<void> {
    return this._guard('start', () => {
      const timeout = args.startTimeoutArg(options, this._startMs());
      if (this._pending || !this.next$('start')) {
        throw pusherError('INVALID_STATE', { method: 'start', status: this._pending ? 'starting' : this.status });
      }
      const gen = ++this._gen;
      this._halted = false;
      const started = new Promise<void>((resolve, reject) => (this._pending = { resolve, reject }));
      const pending = this._pending!;
      this._reconnect.reset$();
      // Queued at once, so calls made after start() go after it; the permission check runs in its turn.
      this._q
        .run$('start', async () => {
          const denied = await this._permitted();
          // Settled meanwhile (a stop, a fatal code, detach): the page was told; nothing goes out.
          if (gen !== this._gen || pending !== this._pending || denied)
            return void (denied && pending === this._pending && this._settle(denied));
          if (!this.next$('start')) throw pusherError('INVALID_STATE', { method: 'start', status: this.status });
          await this._url.beforeRestart$();
          await this._q.call$('start', {}, () => {
            // A stop(), a fatal code or a hidden page's end came while it waited for the tag or the URL.
            if (gen !== this._gen || pending !== this._pending) return false;
            this._move('start', 'start');
            this._arm(timeout);
            return true;
          });
        })
        .catch((error: PusherError) => {
          // Not issued (no context, unsupported): the status stays. Issued and refused or unanswered
          // (a code may have moved it on meanwhile): failed for good, so nothing goes on after the rejection.
          if (pending === this._pending && (this.status === 'starting' || this.status === 'reconnecting'))
            this._apply('fatal', 'start', error);
          else if (pending === this._pending) this._settle(error);
        });
      return started;
    });
  }

  stop(): Promise<void> {
    return this._guard('stop', () => {
      // stop() wins over a pending start(), and ends reconnects, refreshes and restarts.
      const aborted = this._settle(pusherError('ABORTED', { method: 'start', by: 'stop()' }));
      this._gen++;
      this._halted = true;
      this._each((p) => p.onStop$, false);
      return this._q.run$('stop', async () => {
        // Nothing reached the device yet: the aborted start was all there was to stop.
        if (aborted && !this.next$('stop')) return;
        // The system already stopped a suspended push: a refused native stop changes nothing.
        await this._lifecycleCall('stop', this.status === 'suspended');
      });
    });
  }

  pause(): Promise<void> {
    return this._queued('pause', () => this._lifecycleCall('pause'));
  }

  resume(): Promise<void> {
    return this._queued('resume', () => this._lifecycleCall('resume'));
  }

  startPreview(): Promise<void> {
    return this._guard('startPreview', async () => {
      const denied = await this._permitted();
      if (denied) throw denied;
      await this._plain('startPreview');
      this._setPreview(true);
    });
  }

  stopPreview(): Promise<void> {
    return this._guard('stopPreview', () => this._plain('stopPreview').then(() => this._setPreview(false)));
  }

  switchCamera(): Promise<void> {
    return this._guard('switchCamera', () => {
      // Forget the maximum zoom whatever the answer: a timed-out or failed switch may have switched.
      const forget = () => (this._maxZoom = 0);
      return this._q
        .run$('switchCamera', () => this._q.call$('switchCamera').then(forget, (error) => Promise.reject((forget(), error))))
        .then(() => undefined);
    });
  }

  toggleTorch(): Promise<void> {
    return this._void('toggleTorch');
  }

  openPermissionSettings(): Promise<boolean> {
    return this._guard('openPermissionSettings', () => this._permissions.open$());
  }

  snapshot(options?: SnapshotOptions | null): Promise<SnapshotResult> {
    return this._guard('snapshot', () => this._plain('snapshot', args.snapshotArgs(options)).then(args.snapshotResult));
  }

  playBGM(options: BGMOptions): Promise<void> {
    return this._void('playBGM', () => args.bgmArgs(options));
  }

  pauseBGM(): Promise<void> {
    return this._void('pauseBGM');
  }

  resumeBGM(): Promise<void> {
    return this._void('resumeBGM');
  }

  stopBGM(): Promise<void> {
    return this._void('stopBGM');
  }

  setBGMVolume(volume: number): Promise<void> {
    return this._void('setBGMVolume', () => args.volumeArgs('setBGMVolume', volume));
  }

  setMICVolume(volume: number): Promise<void> {
    return this._void('setMICVolume', () => args.volumeArgs('setMICVolume', volume));
  }

  sendMessage(msg: string): Promise<void> {
    return this._void('sendMessage', () => ({ msg: args.textArg('sendMessage', 'msg', msg) }));
  }

  getMaxZoom(): Promise<number> {
    return this._queued('getMaxZoom', () => this._readMaxZoom());
  }

  setZoom(zoom: number): Promise<void> {
    return this._guard('setZoom', () => {
      args.zoomArg(zoom);
      return this._q.run$('setZoom', async () => {
        const max = this._maxZoom || (await this._readMaxZoom());
        await this._q.call$('setZoom', { zoom: args.zoomArg(zoom, max) });
      });
    });
  }

  exitPictureInPicture(): Promise<void> {
    return this._void('exitPictureInPicture');
  }

  // ---------- internals ----------

  /** @internal A facade call: after detach it rejects at once; whatever `body` throws rejects as a `PusherError`. */
  private _guard<T>(method: keyof PusherMethods, body: () => T | Promise<T>): Promise<T> {
    // After detach nothing waits: every call rejects at once.
    if (this.dead$) return Promise.reject(pusherError('NOT_READY', { method }));
    try {
      return Promise.resolve(body()).catch((error) => Promise.reject(asPusherError(error, method)));
    } catch (error) {
      return Promise.reject(asPusherError(error, method));
    }
  }

  /** @internal A facade call whose work is one task of the queue. */
  private _queued<T>(method: NativeMethod, task: () => Promise<T>): Promise<T> {
    return this._guard(method, () => this._q.run$(method, task));
  }

  /** @internal A facade method that is one queued native call resolving with nothing; `options` checks its arguments. */
  private _void(method: NativeMethod, options?: () => NativeCallOptions): Promise<void> {
    return this._guard(method, () => this._plain(method, options && options()).then(() => undefined));
  }

  /** @internal */
  private _plain(method: NativeMethod, options?: NativeCallOptions): Promise<unknown> {
    return this._q.run$(method, () => this._q.call$(method, options));
  }

  /** @internal */
  protected _setPreview(on: boolean): void {
    this.previewing = on;
    this._each((p) => p.onAttrs$, this.attrs);
  }

  /** @internal */
  protected async _readMaxZoom(): Promise<number> {
    const result = (await this._q.call$('getMaxZoom')) as { maxZoom?: unknown } | undefined;
    return (this._maxZoom = Number(result && result.maxZoom) || 1);
  }
}
