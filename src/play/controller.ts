/**
 * `<ts-player>`'s controller: the play lifecycle (`driver.ts`) and the shared facade (`play`,
 * `stop`, `pause`, `resume`, `setPolicies`, `configure()`) plus the player's own methods. Every
 * method rejects only with `PusherError`, never throws; after detach every call rejects at once
 * with `NOT_READY`. Framework-free: the component (or a test) hands it a `PlayerHost`.
 */
import { argumentError } from '../errors';
import { optionsArg, refresherArg, type SnapshotOptions, type SnapshotResult } from '../facade';
import { PlayDriver } from './driver';
import { PLAYER_NATIVE_METHODS } from './native';
import type { SrcRefresher } from './policies';

export type { PlayerHost } from './driver';

/** `requestFullScreen`'s direction: 0 portrait, 90 or -90 landscape (the tag's values). */
export type FullScreenDirection = 0 | 90 | -90;

/** The promise facade of `<ts-player>`. */
export interface PlayerMethods {
  /** Plays (again from the live edge after a pause, an end or a failure); resolves when playback begins (2004, or the first netstatus with a bitrate), rejects on a final failure or the timeout. */
  play(options?: { timeout?: number } | null): Promise<void>;
  /** Stops playback and every policy; a pending `play()` rejects with `ABORTED`. */
  stop(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Toggles the sound (the tag's own `mute`). */
  mute(): Promise<void>;
  requestFullScreen(options?: { direction?: FullScreenDirection } | null): Promise<void>;
  exitFullScreen(): Promise<void>;
  snapshot(options?: SnapshotOptions | null): Promise<SnapshotResult>;
  requestPictureInPicture(): Promise<void>;
  exitPictureInPicture(): Promise<void>;
  /** Keeps playing while the mini-program is in the background (base library 2.14.3): a hidden page no longer suspends. */
  requestBackgroundPlayback(): Promise<void>;
  exitBackgroundPlayback(): Promise<void>;
  /** Casting (base library 2.32.0; call it from a tap). */
  startCasting(): Promise<void>;
  switchCasting(): Promise<void>;
  reconnectCasting(): Promise<void>;
  exitCasting(): Promise<void>;
}

/** Every promise method of `PlayerMethods`: the native context's methods, the same names. */
export const PLAYER_METHODS = PLAYER_NATIVE_METHODS as readonly (keyof PlayerMethods)[];

/** The methods that are one native call with no argument and no answer. */
type PlainMethod = Exclude<keyof PlayerMethods, 'play' | 'stop' | 'pause' | 'resume' | 'requestFullScreen' | 'snapshot'>;

/** The promise facade, the play lifecycle and the policies over a native player context. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface below declares the plain methods the loop defines on the prototype
export class PlayerController extends PlayDriver implements PlayerMethods {
  /** The function asked for a fresh play URL before each policy restart and after -2302 (`null`: none). */
  setSrcRefresher(refresher: SrcRefresher | null): void {
    this._src.set$(refresherArg('setSrcRefresher', refresher));
  }

  play(options?: { timeout?: number } | null): Promise<void> {
    return this._begin(options, async (pending) => {
      this._refused = false;
      // From a pause, an end or a failure: the native player starts again at the live edge (a play
      // settled while it waited in the queue, e.g. by playback that began by itself, stops nothing).
      if (pending === this._pending && this.status !== 'idle' && this.status !== 'stopped')
        await this._q.call$('stop').catch(() => undefined);
    });
  }

  requestFullScreen(options?: { direction?: FullScreenDirection } | null): Promise<void> {
    return this._void('requestFullScreen', () => {
      const { direction = 0 } = optionsArg('requestFullScreen', options);
      if (direction !== 0 && direction !== 90 && direction !== -90)
        throw argumentError('requestFullScreen', 'direction', '0, 90 or -90', '0、90 或 -90', direction);
      return { direction };
    });
  }
}

/** The plain methods, defined on the prototype below. */
export interface PlayerController extends Pick<PlayerMethods, PlainMethod> {}

/** One queued native call each, for the native methods the classes above do not define (written once: the phone bundle carries one small loop instead of ten methods). */
for (const method of PLAYER_NATIVE_METHODS as PlainMethod[]) {
  if (!(method in PlayerController.prototype))
    PlayerController.prototype[method] = function (this: PlayerController) {
      // Background playback on: a hidden page keeps playing (no suspend); off: it suspends again.
      const background = method.indexOf('Background') > 0 ? method[0] === 'r' : undefined;
      return this._void(method).then(() => void (background === undefined || (this._background = background)));
    };
}
