/**
 * `<ts-pusher>`'s controller: the push lifecycle (`push-driver.ts`, assembled from the call
 * queue, the lifecycle driver and the policies) plus the promise facade, whose argument checks
 * live in `facade.ts`. Framework-free: the component (or a test) hands it a `ControllerHost`
 * and configures it with one call, `configure()`.
 */
import * as args from './facade';
import type { BGMOptions, PusherMethods } from './facade';
import { NATIVE_METHODS } from './native';
import { PushDriver } from './push-driver';

export type { StatusCause, StatusChange } from './lifecycle';
export type { BGMOptions, PusherMethods, SnapshotOptions, SnapshotResult } from './facade';
export { PUSHER_METHODS } from './facade';
export type { ControllerOptions } from './timeouts';
export { normalizeTimeouts } from './timeouts';
export type { ControllerHost } from './push-driver';

export type { ControllerInput } from './live-controller';

/** The promise facade, the push lifecycle and the policies over a native context. Every facade method rejects only with `PusherError`. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface below declares the plain methods the loop defines on the prototype
export class PusherController extends PushDriver implements PusherMethods {
  // ---------- the facade: every method rejects, never throws, and only with a PusherError ----------

  start(options?: { timeout?: number } | null): Promise<void> {
    // The permission check runs in its turn; a refusal settles the start (the page was told).
    return this._begin(options, async (pending) => {
      const denied = await this._permitted();
      if (denied && pending === this._pending) this._settle(denied);
      return !!denied;
    });
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

  openPermissionSettings(): Promise<boolean> {
    return this._guard('openPermissionSettings', () => this._permissions.open$());
  }

  playBGM(options: BGMOptions): Promise<void> {
    return this._void('playBGM', () => args.bgmArgs(options));
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

  // ---------- internals ----------

  /** @internal */
  protected _setPreview(on: boolean): void {
    this.previewing = on;
    this._each((p) => p.onAttrs$, this.attrs as never);
  }

  /** @internal */
  protected async _readMaxZoom(): Promise<number> {
    const result = (await this._q.call$('getMaxZoom')) as { maxZoom?: unknown } | undefined;
    return (this._maxZoom = Number(result && result.maxZoom) || 1);
  }
}

/** The methods that are one native call with no argument and no answer. */
type PlainMethod = 'toggleTorch' | 'pauseBGM' | 'resumeBGM' | 'stopBGM' | 'exitPictureInPicture';

/** The plain methods, defined on the prototype below. */
export interface PusherController extends Pick<PusherMethods, PlainMethod> {}

/** One queued native call each, for the native methods the classes above do not define (one small loop in the phone bundle). */
for (const method of NATIVE_METHODS as PlainMethod[])
  if (!(method in PusherController.prototype))
    PusherController.prototype[method] = function (this: PusherController) {
      return this._void(method);
    };
