/**
 * The native seam: what a `LivePusherContext` is to ts-pusher (callback-style methods that may be
 * missing on old base libraries). The controller calls it; the emulator and the fakes implement it.
 */

/** The callbacks every native `LivePusherContext` method takes. */
export interface NativeCallOptions {
  success?: (result: unknown) => void;
  fail?: (error: unknown) => void;
  complete?: (result: unknown) => void;
  [option: string]: unknown;
}

/** The native context methods the controller uses (all callback-style). */
export type NativeMethod =
  | 'start'
  | 'stop'
  | 'pause'
  | 'resume'
  | 'switchCamera'
  | 'toggleTorch'
  | 'snapshot'
  | 'playBGM'
  | 'pauseBGM'
  | 'resumeBGM'
  | 'stopBGM'
  | 'setBGMVolume'
  | 'setMICVolume'
  | 'startPreview'
  | 'stopPreview'
  | 'sendMessage'
  | 'getMaxZoom'
  | 'setZoom'
  | 'exitPictureInPicture';

/** A `LivePusherContext` as the controller sees it; methods may be missing on old base libraries. */
export type NativePusherContext = { [M in NativeMethod]?: (options: NativeCallOptions) => void };

/** The methods of a native context (base library 2.31). */
export const NATIVE_METHODS =
  'start stop pause resume switchCamera toggleTorch snapshot playBGM pauseBGM resumeBGM stopBGM setBGMVolume setMICVolume startPreview stopPreview sendMessage getMaxZoom setZoom exitPictureInPicture'.split(
    ' ',
  ) as NativeMethod[];
