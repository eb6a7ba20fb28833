/**
 * Checks a Tencent-format push URL the way the cloud does: the signature is recomputed from
 * the URL's own bytes and compared in constant time, then the expiry is checked.
 */
import { timingSafeEqual } from 'crypto';
import { parse as parseQuery } from 'querystring';
import { checkKey, NAME_PATTERN, nowSeconds, TX_TIME_PATTERN } from './arguments';
import { txSecretOf } from './sign';

/** Why a push URL is refused. */
export type VerifyFailureReason = 'malformed' | 'missing-signature' | 'expired' | 'bad-signature';

/** A push URL that is signed with the key and still valid. */
export interface VerifiedPush {
  readonly ok: true;
  /** Application name (`AppName`). */
  readonly app: string;
  /** Stream name (`StreamName`). */
  readonly stream: string;
  /** When the URL stops working. */
  readonly expiresAt: Date;
}

/** A refused push URL; `app` and `stream` are there when the path could be read. */
export interface RefusedPush {
  readonly ok: false;
  readonly reason: VerifyFailureReason;
  readonly app?: string;
  readonly stream?: string;
}

/** The answer of `verifyPushUrl`. */
export type VerifyResult = VerifiedPush | RefusedPush;

/** Options of `verifyPushUrl`. */
export interface VerifyOptions {
  /** The clock, as a `Date` or unix seconds; defaults to the system clock. */
  readonly now?: Date | number;
}

/** The parts of a push the ingest sees: names from the path, the query already parsed. */
export interface PushParts {
  readonly app: string;
  readonly stream: string;
  /** Parsed query (`querystring.parse` shape); repeated keys arrive as arrays and are refused. */
  readonly query: unknown;
}

/** `rtmp://host[:port]/app/stream[?query]`; `rtmps` and `webrtc` push URLs share the format. */
const PUSH_URL = /^(?:rtmps?|webrtc):\/\/[^/?#\s]+\/([^/?#\s]+)\/([^/?#\s]+)(?:\?([^#\s]*))?$/;

/** A lower-case md5 hex, the only form Tencent issues. */
const TX_SECRET_PATTERN = /^[0-9a-f]{32}$/;

function refuse(reason: VerifyFailureReason, app?: string, stream?: string): RefusedPush {
  return app === undefined ? { ok: false, reason } : { ok: false, reason, app, stream };
}

/** One query value as a string; absent, repeated or nested values are not. */
function single(query: unknown, name: string): string | undefined | null {
  if (typeof query !== 'object' || query === null) return undefined;
  const value = (query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : null;
}

/**
 * Verifies already-split push parts, so the ingest and `verifyPushUrl` apply one rule.
 * The key is checked like everywhere else; a bad key is the caller's bug, not a refusal.
 */
export function verifyPushParts(parts: PushParts, key: string, options: VerifyOptions = {}): VerifyResult {
  checkKey('verifyPushUrl', key);
  const now = nowSeconds('verifyPushUrl', options.now);
  const { app, stream } = parts;
  if (!NAME_PATTERN.test(app) || !NAME_PATTERN.test(stream)) return refuse('malformed');
  const txSecret = single(parts.query, 'txSecret');
  const txTime = single(parts.query, 'txTime');
  if (txSecret === null || txTime === null) return refuse('malformed', app, stream);
  if (!txSecret || !txTime) return refuse('missing-signature', app, stream);
  if (!TX_TIME_PATTERN.test(txTime)) return refuse('malformed', app, stream);
  // The hash takes txTime exactly as the URL spells it, as Tencent's does.
  const expected = Buffer.from(txSecretOf(key, stream, txTime), 'latin1');
  const given = Buffer.from(txSecret, 'latin1');
  // Length and alphabet are public (every real txSecret is 32 lower-case hex digits); only the
  // digits are secret, and those go through the constant-time comparison.
  const matches = TX_SECRET_PATTERN.test(txSecret) && given.length === expected.length && timingSafeEqual(given, expected);
  if (!matches) return refuse('bad-signature', app, stream);
  // Expiry comes after the signature, so a forged URL is never reported as merely expired.
  const expiresAt = parseInt(txTime, 16);
  if (expiresAt <= now) return refuse('expired', app, stream);
  return { ok: true, app, stream, expiresAt: new Date(expiresAt * 1000) };
}

/** Checks a push URL's `txSecret` against the key and its `txTime` against the clock. */
export function verifyPushUrl(url: string, key: string, options: VerifyOptions = {}): VerifyResult {
  checkKey('verifyPushUrl', key);
  nowSeconds('verifyPushUrl', options.now);
  const match = typeof url === 'string' ? PUSH_URL.exec(url.trim()) : null;
  if (!match) return refuse('malformed');
  // Same query parser as node-media-server, so the ingest and this function read one URL alike.
  return verifyPushParts({ app: match[1], stream: match[2], query: parseQuery(match[3] || '') }, key, options);
}

/** Why a push was refused, for people: `[English, Chinese]` by reason. */
export const REFUSAL_TEXT: { readonly [R in VerifyFailureReason | 'stream-in-use']: readonly [string, string] } = {
  malformed: [
    'not a push URL of the form rtmp://domain/app/stream?txSecret=…&txTime=… (path, characters or txTime wrong)',
    '不是 rtmp://域名/应用/流名?txSecret=…&txTime=… 形式的推流地址（路径、字符或 txTime 有误）',
  ],
  'missing-signature': ['txSecret or txTime is missing: sign the URL', '缺少 txSecret 或 txTime：请先签名'],
  expired: ['txTime is in the past: sign a new URL', 'txTime 已过期：请重新签名'],
  'bad-signature': [
    'txSecret does not match key + stream + txTime (wrong key, other stream, or an edited URL)',
    'txSecret 与 key + 流名 + txTime 不符（密钥或流名不对，或地址被改动）',
  ],
  'stream-in-use': ['another client is already pushing this stream', '已有其他客户端在推这路流'],
};
