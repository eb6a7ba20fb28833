/**
 * The player's native seam: what a `LivePlayerContext` is to ts-pusher (callback-style methods,
 * any of which may be missing on an old base library). The player's controller calls it through
 * the shared call queue; the emulator and the fakes implement it.
 */
import type { NativeCallOptions } from '../native';

/** The `LivePlayerContext` methods `<ts-player>` uses (all callback-style). */
export type PlayerNativeMethod =
  | 'play'
  | 'stop'
  | 'pause'
  | 'resume'
  | 'mute'
  | 'requestFullScreen'
  | 'exitFullScreen'
  | 'snapshot'
  | 'requestPictureInPicture'
  | 'exitPictureInPicture'
  | 'requestBackgroundPlayback'
  | 'exitBackgroundPlayback'
  | 'startCasting'
  | 'switchCasting'
  | 'reconnectCasting'
  | 'exitCasting';

/** A `LivePlayerContext` as the player's controller sees it; methods may be missing on old base libraries. */
export type NativePlayerContext = { [M in PlayerNativeMethod]?: (options: NativeCallOptions) => void };

/** Every `LivePlayerContext` method, `play` first (base library 2.32). */
export const PLAYER_NATIVE_METHODS =
  'play stop pause resume mute requestFullScreen exitFullScreen snapshot requestPictureInPicture exitPictureInPicture requestBackgroundPlayback exitBackgroundPlayback startCasting switchCasting reconnectCasting exitCasting'.split(
    ' ',
  ) as PlayerNativeMethod[];
