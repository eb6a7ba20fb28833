/**
 * The live room's wire format: custom messages with `extension: 'ts-pusher'` whose `data` is
 * JSON with `v: 1`. Documented in the README so a web or native audience can speak it.
 */

/** `payload.extension` of every ts-pusher custom message. */
export const ROOM_EXTENSION = 'ts-pusher';

/** The Chat service's limit for one message, in UTF-8 bytes. */
export const MAX_MESSAGE_BYTES = 12288;

/** What the audience is told about the push; `unknown` until a host's status arrives. */
export type RoomStatus = 'live' | 'paused' | 'reconnecting' | 'ended' | 'unknown';

/** A JSON value (what a gift may be). */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** One ts-pusher custom message, decoded. */
export type RoomMessage =
  | {
      readonly v: 1;
      readonly t: 'status';
      readonly status: Exclude<RoomStatus, 'unknown'>;
      readonly playUrl?: string;
      readonly seq: number;
      readonly ts: number;
    }
  | { readonly v: 1; readonly t: 'like'; readonly count: number }
  | { readonly v: 1; readonly t: 'gift'; readonly gift: Json };

const SENT_STATUSES = ['live', 'paused', 'reconnecting', 'ended'];

/** A whole number ≥ 0 (`Infinity % 1` is NaN, so finite too). */
export const isCount = (n: unknown): n is number => typeof n === 'number' && n >= 0 && n % 1 === 0;

/** Decodes a custom message's `data`; `null` for anything that is not a valid v1 message. */
export function parseRoomMessage(data: unknown): RoomMessage | null {
  let m: { [key: string]: unknown };
  try {
    m = JSON.parse(data as string);
  } catch {
    return null;
  }
  if (!m || m.v !== 1) return null;
  if (m.t === 'status') {
    const ok = SENT_STATUSES.indexOf(m.status as string) >= 0 && isCount(m.seq) && isCount(m.ts) && typeof (m.playUrl || '') === 'string';
    return ok ? (m as RoomMessage) : null;
  }
  if (m.t === 'like') return isCount(m.count) && m.count > 0 ? (m as RoomMessage) : null;
  return m.t === 'gift' && m.gift != null ? (m as RoomMessage) : null;
}

/** UTF-8 length of `text` (TextEncoder is missing from older WeChat base libraries). */
export function utf8Bytes(text: string): number {
  try {
    return encodeURIComponent(text).replace(/%../g, '.').length;
  } catch {
    // A lone surrogate: count its worst case.
    return text.length * 3;
  }
}
