/**
 * The player's `bindstatechange` and `bindnetstatus` details as typed values, with the pusher's
 * machinery (../events.ts): the same event shape, the same numeric reading, signatures hidden.
 */
import type { CodeInfo, UnknownCodeInfo } from '../codes';
import {
  NET_FIELDS as PUSHER_NET_FIELDS,
  mapper,
  readNetFields,
  type NetStatusField,
  type PusherUnknownEvent,
  type StateEventBase,
} from '../events';
import { describePlayerCode, type PlayerCode, type PlayerCodeCategory, type PlayerCodeName } from './codes';

/** Names of one kind of code, by prefix. */
type NamesOf<P extends string> = Extract<PlayerCodeName, `${P}${string}`>;

/** A progress event (2001 connected, 2004 playing, 2007 loading, …). */
export interface PlayerProgressEvent extends StateEventBase {
  readonly kind: 'event';
  readonly code: PlayerCode;
  readonly name: NamesOf<'PLAY_EVT_'>;
  readonly category: PlayerCodeCategory;
}

/** A warning: the native player recovers by itself (2103 reconnects, 3001–3005 retry). */
export interface PlayerWarningEvent extends StateEventBase {
  readonly kind: 'warning';
  readonly code: PlayerCode;
  readonly name: NamesOf<'PLAY_WARNING_'>;
  readonly category: PlayerCodeCategory;
}

/** A fatal code: playback stopped (-2301) or cannot start (-2302). */
export interface PlayerFatalEvent extends StateEventBase {
  readonly kind: 'fatal';
  readonly code: PlayerCode;
  readonly name: NamesOf<'PLAY_ERR_'>;
  readonly category: PlayerCodeCategory;
}

/** Anything the player's catalogue cannot type (the same shape as the pusher's): the raw detail is kept. */
export type PlayerUnknownEvent = PusherUnknownEvent;

/** A mapped `<live-player>` `bindstatechange` event, discriminated by `kind`. */
export type PlayerStateEvent = PlayerProgressEvent | PlayerWarningEvent | PlayerFatalEvent | PlayerUnknownEvent;

/** Maps a raw `bindstatechange` detail `{ code, message }`; never throws, signatures hidden at any depth. */
export const mapPlayerStateChange: (detail: unknown) => PlayerStateEvent = mapper<PlayerStateEvent>(
  'code',
  'message',
  describePlayerCode as (code: number) => CodeInfo | UnknownCodeInfo,
  ['player', '播放'],
);

/** A numeric field of `PlayerNetStatus`. */
export type PlayerNetStatusField =
  | NetStatusField
  | 'vDecCacheSize'
  | 'vSumCacheSize'
  | 'avPlayInterval'
  | 'avRecvInterval'
  | 'audioCacheThreshold';

/**
 * Every field: the pusher's eleven, then the player's own. Those from `netQualityLevel` on are
 * optional (newer base libraries, or one platform only: `vDecCacheSize` is Android's).
 */
const NET_FIELDS = (PUSHER_NET_FIELDS as readonly PlayerNetStatusField[]).concat(
  'vDecCacheSize vSumCacheSize avPlayInterval avRecvInterval audioCacheThreshold'.split(' ') as PlayerNetStatusField[],
);
const OPTIONAL_FROM = 8;

/** A `<live-player>` netstatus: bitrates in kbps, GOP in seconds, sizes in pixels, caches and intervals in ms. */
export interface PlayerNetStatus {
  readonly videoBitrate: number;
  readonly audioBitrate: number;
  readonly videoFPS: number;
  readonly videoGOP: number;
  readonly netSpeed: number;
  readonly netJitter: number;
  readonly videoWidth: number;
  readonly videoHeight: number;
  /** 0 unknown, 1 best … 6 unusable (0 when the device does not send it). */
  readonly netQualityLevel: number;
  readonly videoCache: number;
  readonly audioCache: number;
  /** Frames waiting for the decoder (Android hardware decoding only; 0 elsewhere). */
  readonly vDecCacheSize: number;
  readonly vSumCacheSize: number;
  readonly avPlayInterval: number;
  readonly avRecvInterval: number;
  readonly audioCacheThreshold: number;
  /**
   * False when `info` was missing, a field up to `videoHeight` was absent or not a number (then
   * it reads 0), or a later, optional field was present but not a number.
   */
  readonly valid: boolean;
  /** The fields that were absent or not numbers. */
  readonly invalidFields: readonly PlayerNetStatusField[];
  /** The detail as received, signatures hidden. */
  readonly raw: unknown;
}

/** Maps a raw `<live-player>` `bindnetstatus` detail `{ info: {...} }` to numbers; never throws. */
export function mapPlayerNetStatus(detail: unknown): PlayerNetStatus {
  return readNetFields(detail, NET_FIELDS, OPTIONAL_FROM);
}
