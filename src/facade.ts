/**
 * The promise facade of `<ts-pusher>`: its method types and the checks of their arguments
 * (options objects, non-empty text, volumes, timeouts). A bad argument throws `INVALID_ARGUMENT`;
 * the controller turns every throw into a rejection.
 */
import { argumentError } from './errors';
import type { NativeCallOptions, NativeMethod } from './native';
import { NATIVE_METHODS } from './native';
import { rangeText } from './text';
import { MAX_MS } from './timer';

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
export const PUSHER_METHODS: readonly (keyof PusherMethods)[] = (NATIVE_METHODS as (keyof PusherMethods)[]).concat(
  'openPermissionSettings',
);

/** An options argument: `undefined`/`null` are `{}`; anything but a plain object is refused. */
export function optionsArg(method: string, options: unknown): Record<string, unknown> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) throw argumentError(method, 'options', 'an object', '对象', options);
  return options as Record<string, unknown>;
}

/** A non-empty string argument. */
export function textArg(method: string, arg: string, value: unknown): string {
  if (typeof value !== 'string' || !value) throw argumentError(method, arg, 'a non-empty string', '非空字符串', value);
  return value;
}

const NUMBER = ['a number', '数字'] as const;
const MS = ['milliseconds', '毫秒数'] as const;

/** A number argument in `min`–`max` (`Infinity`: no upper bound); `what` names it in English and Chinese. */
function numberArg(method: string, arg: string, value: unknown, min: number, max: number, what: readonly [string, string]): number {
  if (typeof value === 'number' && value >= min && value <= max) return value;
  const range = rangeText(min, max);
  throw argumentError(method, arg, `${what[0]} ${range}`, ` ${range} 的${what[1]}`, value);
}

/** A refresher argument: a function, or `null` for none. */
export function refresherArg<F>(method: string, refresher: F | null): F | null {
  if (refresher !== null && typeof refresher !== 'function')
    throw argumentError(method, 'refresher', 'a function or null', '函数或 null', refresher);
  return refresher;
}

/** `start({ timeout })` / `play({ timeout })`: the given timeout, or `fallback`. */
export function startTimeoutArg(options: unknown, fallback: number, method: string): number {
  const { timeout } = optionsArg(method, options);
  return timeout === undefined ? fallback : numberArg(method, 'timeout', timeout, 1, MAX_MS, MS);
}

export function volumeArgs(method: NativeMethod, volume: unknown): NativeCallOptions {
  return { volume: numberArg(method, 'volume', volume, 0, 1, NUMBER) };
}

/** `snapshot()` options, checked, as the native call's options. */
export function snapshotArgs(options: unknown): NativeCallOptions {
  const given = optionsArg('snapshot', options);
  const args: NativeCallOptions = {};
  for (const [key, allowed] of [
    ['quality', ['raw', 'compressed']],
    ['sourceType', ['stream', 'view']],
  ] as const) {
    const value = given[key];
    if (value === undefined) continue;
    const list = allowed.join('|');
    if ((allowed as readonly unknown[]).indexOf(value) < 0) throw argumentError('snapshot', key, list, list, value);
    args[key] = value;
  }
  return args;
}

/** The native answer of `snapshot`, with numbers for sizes. */
export function snapshotResult(result: unknown): SnapshotResult {
  const r = (result || {}) as { tempImagePath?: unknown; width?: unknown; height?: unknown };
  return { tempImagePath: String(r.tempImagePath || ''), width: Number(r.width) || 0, height: Number(r.height) || 0 };
}

/** `playBGM()` options, checked, as the native call's options. */
export function bgmArgs(options: unknown): NativeCallOptions {
  const given = (options || {}) as Record<string, unknown>;
  const args: NativeCallOptions = { url: textArg('playBGM', 'url', given.url) };
  for (const key of ['startTimeMs', 'endTimeMs']) {
    const value = given[key];
    if (value !== undefined) args[key] = numberArg('playBGM', key, value, 0, MAX_MS, MS);
  }
  return args;
}

/**
 * `setZoom(zoom)`: a number ≥ 1 (checked at the call), and at most `max` once the maximum is
 * known; the zoom to send: one decimal, rounded, but never above the maximum (2.96 of 2.96 is sent as 2.9).
 */
export function zoomArg(zoom: unknown, max = Infinity): number {
  const z = numberArg('setZoom', 'zoom', zoom, 1, max, NUMBER);
  return Math.min(Math.round(z * 10), Math.floor(max * 10 + 1e-9)) / 10;
}
