import { describeCode, unknownCode, type CodeCategory, type CodeInfo, type CodeName, type UnknownCodeInfo } from './codes';
import type { AttributeProblem } from './attributes';
import { PusherError, type PusherErrorInit } from './errors';
import type { StatusChange } from './lifecycle';
import { redactDeep, redactUrl } from './redact';

/** Fields every mapped state event carries (the player's events too). */
export interface StateEventBase {
  /** The native code (`null` when the detail held none that is usable). */
  readonly code: number | null;
  readonly message: string;
  readonly messageZh: string;
  /** What the app or the person should do (empty for progress events). */
  readonly advice: string;
  readonly adviceZh: string;
  /** The native message text, if any (its language varies between WeChat versions). */
  readonly nativeMessage?: string;
  /** The raw event detail, as received. */
  readonly raw: unknown;
}

/** A progress event (1001 connected, 1002 pushing, …). */
export interface PusherProgressEvent extends StateEventBase {
  readonly kind: 'event';
  readonly code: number;
  readonly name: CodeName;
  readonly category: CodeCategory;
  /** Parsed JSON `message` of room codes 1031–1034 (signatures hidden). */
  readonly room?: Readonly<Record<string, unknown>>;
  /** Why a room code (1031–1034) has no `room`: its message was missing or not a JSON object. */
  readonly reason?: 'missing-room-message' | 'invalid-room-message';
}

/** A warning: the native SDK recovers by itself (or the push paused, 5000/5001). */
export interface PusherWarningEvent extends StateEventBase {
  readonly kind: 'warning';
  readonly code: number;
  readonly name: CodeName;
  readonly category: CodeCategory;
}

/** A warning of ts-pusher itself (not a native code): e.g. the waiting-image hash could not be computed. */
export interface PusherLibraryWarning extends StateEventBase {
  readonly kind: 'warning';
  readonly code: null;
  readonly name: 'WAITING_IMAGE_HASH';
  readonly category: 'media';
}

/** A fatal code: the push stopped or cannot start. */
export interface PusherFatalEvent extends StateEventBase {
  readonly kind: 'fatal';
  readonly code: number;
  readonly name: CodeName;
  readonly category: CodeCategory;
}

/** Why an event could not be mapped to the catalogue. */
export type UnknownReason = 'unknown-code' | 'invalid-code' | 'missing-detail';

/** Anything the catalogue cannot type: the raw detail is kept. */
export interface PusherUnknownEvent extends StateEventBase {
  readonly kind: 'unknown';
  readonly name: 'UNKNOWN';
  readonly category: 'unknown';
  readonly reason: UnknownReason;
}

/** A mapped `bindstatechange` or `binderror` event, discriminated by `kind`. */
export type PusherStateEvent = PusherProgressEvent | PusherWarningEvent | PusherFatalEvent | PusherUnknownEvent;

/** Bitrates in kbps, GOP in seconds, sizes in pixels. */
export interface PusherNetStatus {
  /** 0 unknown, 1 best … 6 unusable (base library 1.9.0+; 0 when the device does not send it). */
  readonly netQualityLevel: number;
  /** Frames and audio waiting to be sent (0 when the device does not send them). */
  readonly videoCache: number;
  readonly audioCache: number;
  readonly videoBitrate: number;
  readonly audioBitrate: number;
  readonly videoFPS: number;
  readonly videoGOP: number;
  readonly netSpeed: number;
  readonly netJitter: number;
  readonly videoWidth: number;
  readonly videoHeight: number;
  /**
   * False when `info` was missing, a field was absent or not a number (then it reads 0), or an
   * optional field (`netQualityLevel`, `videoCache`, `audioCache`) was present but not a number.
   */
  readonly valid: boolean;
  /** The fields that were absent or not numbers. */
  readonly invalidFields: readonly NetStatusField[];
  readonly raw: unknown;
}

/** A numeric field of `PusherNetStatus`. */
export type NetStatusField =
  | 'videoBitrate'
  | 'audioBitrate'
  | 'videoFPS'
  | 'videoGOP'
  | 'netSpeed'
  | 'netJitter'
  | 'videoWidth'
  | 'videoHeight'
  | 'netQualityLevel'
  | 'videoCache'
  | 'audioCache';

/** Every field; those from `netQualityLevel` on are optional (newer base libraries only). The player's list extends it. */
export const NET_FIELDS =
  'videoBitrate audioBitrate videoFPS videoGOP netSpeed netJitter videoWidth videoHeight netQualityLevel videoCache audioCache'.split(
    ' ',
  ) as NetStatusField[];
const OPTIONAL_FROM = 8;

type Detail = { readonly [key: string]: unknown };

/** The detail as an object to read fields from, or `null`. */
export function asDetail(detail: unknown): Detail | null {
  return detail !== null && typeof detail === 'object' ? (detail as Detail) : null;
}

/**
 * An event from a catalogue entry (`unverified` left out), with the raw detail, the native text
 * and `extra`; `E` is the event type of the catalogue (the pusher's, or the player's).
 */
export function eventOf<E = PusherStateEvent>(
  info: CodeInfo | UnknownCodeInfo | object,
  raw: unknown,
  nativeMessage: string | undefined,
  extra?: object,
): E {
  // Object.assign, not spread: the phone bundle (ES2017) would nest one call per part.
  const event: Record<string, unknown> = Object.assign({}, info, { raw }, extra) as Record<string, unknown>;
  delete event.unverified;
  if (nativeMessage !== undefined) event.nativeMessage = nativeMessage;
  return event as unknown as E;
}

/**
 * Anything a catalogue cannot type: an unknown code keeps its `unknown` entry's texts, the rest
 * says why; `subject` names whose event it is (`[English, Chinese]`: the player passes its own).
 */
export function unknownEvent<E = PusherStateEvent>(
  code: number | null,
  reason: UnknownReason,
  raw: unknown,
  nativeMessage?: string,
  subject: readonly [string, string] = ['pusher', '推流'],
): E {
  const extra: Record<string, unknown> = { code, reason };
  if (reason !== 'unknown-code') {
    extra.message = `Unreadable ${subject[0]} event (${reason})`;
    extra.messageZh = `无法解析的${subject[1]}事件（${reason}）`;
  }
  return eventOf<E>(unknownCode(code as number), raw, nativeMessage, extra);
}

/** `describe`: the tag's catalogue (the player passes its own), `subject` whose events they are. */
function fromCode(
  code: unknown,
  raw: unknown,
  nativeMessage: unknown,
  describe: (code: number) => CodeInfo | UnknownCodeInfo,
  subject?: readonly [string, string],
): PusherStateEvent {
  const text = typeof nativeMessage === 'string' ? redactUrl(nativeMessage) : undefined;
  // Number.isInteger is false for anything but a number.
  if (!Number.isInteger(code)) return unknownEvent(null, 'invalid-code', raw, text, subject);
  const info = describe(code as number);
  if (info.kind === 'unknown') return unknownEvent(code as number, 'unknown-code', raw, text, subject);
  // Room codes 1031–1034 (the pusher's) carry a JSON message.
  if (info.code < 1031 || info.code > 1034) return eventOf(info, raw, text);
  const room = parseRoomMessage(nativeMessage);
  if (room) return eventOf(info, raw, undefined, { room: redactDeep(room) });
  return eventOf(info, raw, text, {
    reason: nativeMessage === undefined || nativeMessage === null || nativeMessage === '' ? 'missing-room-message' : 'invalid-room-message',
  });
}

function parseRoomMessage(message: unknown): Record<string, unknown> | null {
  try {
    const parsed = asDetail(typeof message === 'string' ? JSON.parse(message) : null);
    return parsed && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * @internal A mapper of details whose code and text sit under the given keys, over a catalogue
 * (`describe`, the pusher's by default) and a subject for the texts of unreadable events.
 */
export const mapper =
  <E = PusherStateEvent>(
    codeKey: string,
    textKey: string,
    describe: (code: number) => CodeInfo | UnknownCodeInfo = describeCode,
    subject?: readonly [string, string],
  ) =>
  (detail: unknown): E => {
    const d = asDetail(detail);
    const raw = redactDeep(detail);
    return (
      d ? fromCode(d[codeKey], raw, d[textKey], describe, subject) : unknownEvent(null, 'missing-detail', raw, undefined, subject)
    ) as E;
  };

/** Maps a raw `bindstatechange` detail `{ code, message }`; never throws. */
export const mapStateChange = mapper('code', 'message');

/** Maps a raw `binderror` detail `{ errCode, errMsg }`; never throws. */
export const mapError = mapper('errCode', 'errMsg');

function toNumber(value: unknown): number | null {
  // Numeric text too, but not blank text (Number('') is 0).
  const n = typeof value === 'number' || (typeof value === 'string' && value.trim()) ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

/**
 * Reads `detail.info`'s `fields` as numbers (numeric text too): an absent or non-numeric field
 * reads 0 and is listed in `invalidFields`, except that fields from index `optionalFrom` on may be
 * absent. Never throws; `raw` is the redacted detail.
 */
export function readNetFields<F extends string>(
  detail: unknown,
  fields: readonly F[],
  optionalFrom: number,
): { [K in F]: number } & { valid: boolean; invalidFields: F[]; raw: unknown } {
  const d = asDetail(detail);
  const info = d && asDetail(d.info);
  const invalidFields: F[] = [];
  const status: Record<string, unknown> = { raw: redactDeep(detail) };
  fields.forEach((field, i) => {
    const n = info ? toNumber(info[field]) : null;
    if (n === null && (i < optionalFrom || (info && info[field] !== undefined))) invalidFields.push(field);
    status[field] = n === null ? 0 : n;
  });
  status.valid = invalidFields.length === 0;
  status.invalidFields = invalidFields;
  return status as { [K in F]: number } & { valid: boolean; invalidFields: F[]; raw: unknown };
}

/** Maps a raw `bindnetstatus` detail `{ info: {...} }` to numbers; never throws. */
export function mapNetStatus(detail: unknown): PusherNetStatus {
  return readNetFields(detail, NET_FIELDS, OPTIONAL_FROM);
}

/** The `PusherError` a fatal or unknown state event stands for (`STATE_<n>`, or `PERMISSION_DENIED`). */
export function errorFromEvent(event: PusherStateEvent): PusherError {
  const code = event.code;
  // The event's category and texts, as they are.
  return new PusherError(
    Object.assign({}, event, {
      code: code === 10001 || code === 10002 ? 'PERMISSION_DENIED' : code === null ? 'NATIVE_FAIL' : `STATE_${code}`,
      nativeCode: code,
      cause: event.raw,
    }) as PusherErrorInit,
  );
}

/** Network quality, best first. */
export type QualityLevel = 'excellent' | 'good' | 'fair' | 'poor' | 'bad' | 'down';

/** Where a quality level came from. */
export type QualitySource = 'netQualityLevel' | 'netstatus' | 'code';

/** A permission as the `permission` event names it. */
export type PermissionScope = 'camera' | 'record';

/** Every event `<ts-pusher>` triggers: name → `detail`. Drives `triggerEvent` and handler types. */
export interface PusherEvents {
  /** Every mapped `bindstatechange` code. */
  statechange: PusherStateEvent;
  /** The push status moved. */
  statuschange: StatusChange;
  /** A warning code (the SDK recovers, or the push paused), or a warning of ts-pusher itself. */
  warning: PusherWarningEvent | PusherLibraryWarning;
  /** A fatal code or a `binderror`, as a `PusherError`. */
  error: PusherError;
  /** Network metrics, as numbers. */
  netstatus: PusherNetStatus;
  bgmstart: Record<string, never>;
  bgmprogress: { readonly progress: number; readonly duration: number };
  bgmcomplete: Record<string, never>;
  audiovolume: { readonly volume: number };
  enterpictureinpicture: Record<string, never>;
  leavepictureinpicture: Record<string, never>;
  /** Attributes (or policies, timeouts) that were repaired before use. */
  invalid: { readonly problems: readonly AttributeProblem[] };
  /** The reconnect policy is about to push again (`delayMs` after the loss, or 0 when the network returned). */
  reconnect: { readonly attempt: number; readonly attempts: number; readonly delayMs: number; readonly cause: PusherError };
  /** The push URL's `txTime` is near (`refreshUrlBeforeMs`); the refresher, if any, is asked now. */
  urlexpiring: { readonly expiresAt: number; readonly inMs: number };
  /** Network quality changed. */
  quality: { readonly level: QualityLevel; readonly previous: QualityLevel | null; readonly source: QualitySource };
  /** A camera (`camera`) or microphone (`record`) permission became known or changed. */
  permission: { readonly scope: PermissionScope; readonly granted: boolean };
}
