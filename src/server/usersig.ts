/**
 * Tencent Cloud Chat UserSig (TLS 2.0), as `tls-sig-api-v2` computes it: base64 of the zlib
 * deflate of `{ "TLS.ver", "TLS.identifier", "TLS.sdkappid", "TLS.time", "TLS.expire",
 * "TLS.sig" }`, with `+ / =` written `* - _`; `TLS.sig` is the base64 HMAC-SHA256, keyed with
 * the app's secret key, of `TLS.identifier:…\nTLS.sdkappid:…\nTLS.time:…\nTLS.expire:…\n`.
 * Node only: the secret key never leaves the server.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import { deflateSync, inflateSync } from 'zlib';
import { checkKey, invalid, nowSeconds } from './arguments';

/** What `genUserSig` needs. */
export interface UserSigOptions {
  /** The Chat application's SDKAppID. */
  readonly sdkAppId: number;
  /** The application's secret key (console: Chat → Application → Basic configuration). */
  readonly secretKey: string;
  /** The user the signature logs in: printable ASCII without spaces, at most 32 bytes. */
  readonly userId: string;
  /** Lifetime in whole seconds. */
  readonly expireSeconds: number;
  /** The clock, as a `Date` or unix seconds; defaults to the system clock. */
  readonly now?: Date | number;
}

/** Options of `verifyUserSig`. */
export interface UserSigVerifyOptions {
  readonly sdkAppId: number;
  readonly secretKey: string;
  /** When given, a signature for anyone else is refused (`wrong-user`). */
  readonly userId?: string;
  /** The clock, as a `Date` or unix seconds; defaults to the system clock. */
  readonly now?: Date | number;
}

/** Why a UserSig is refused. */
export type UserSigFailureReason = 'malformed' | 'bad-signature' | 'expired' | 'wrong-app' | 'wrong-user';

/** A UserSig signed with the key, for this app (and user), still valid. */
export interface VerifiedUserSig {
  readonly ok: true;
  readonly userId: string;
  /** When it stops working. */
  readonly expiresAt: Date;
}

/** A refused UserSig. */
export interface RefusedUserSig {
  readonly ok: false;
  readonly reason: UserSigFailureReason;
}

/** The answer of `verifyUserSig`. */
export type UserSigVerifyResult = VerifiedUserSig | RefusedUserSig;

/** Why a UserSig was refused, for people: `[English, Chinese]` by reason. */
export const USERSIG_REFUSAL_TEXT: { readonly [R in UserSigFailureReason]: readonly [string, string] } = {
  malformed: ['not a UserSig (base64url of deflated TLS 2.0 JSON)', '不是 UserSig（TLS 2.0 JSON 经 deflate 后的 base64url）'],
  'bad-signature': [
    'TLS.sig does not match the secret key (wrong key or an edited UserSig)',
    'TLS.sig 与密钥不符（密钥不对或 UserSig 被改动）',
  ],
  expired: ['TLS.time + TLS.expire is in the past: sign a new one', 'TLS.time + TLS.expire 已过期：请重新签发'],
  'wrong-app': ['signed for another SDKAppID', '签发给了其他 SDKAppID'],
  'wrong-user': ['signed for another user', '签发给了其他用户'],
};

/** Printable ASCII without spaces, 1 to 32 bytes: what Chat accepts as a UserID. */
const USER_ID_PATTERN = /^[\x21-\x7e]{1,32}$/;

/** What the Chat secret key is, for messages: `[English, Chinese]`. */
export const CHAT_KEY = ['a non-empty string (the Chat secret key)', '非空字符串（即时通信密钥）'] as const;

/** A Chat SDKAppID: a positive integer. */
export function checkSdkAppId(method: string, sdkAppId: unknown, arg = 'sdkAppId'): number {
  if (typeof sdkAppId !== 'number' || !Number.isInteger(sdkAppId) || sdkAppId <= 0)
    invalid(method, arg, 'a positive integer (the SDKAppID)', '正整数（SDKAppID）', sdkAppId);
  return sdkAppId as number;
}

/** A Chat user ID. */
export function checkUserId(method: string, userId: unknown, arg = 'userId'): string {
  if (typeof userId !== 'string' || !USER_ID_PATTERN.test(userId))
    invalid(method, arg, 'printable ASCII without spaces, 1 to 32 bytes', '不含空格的可打印 ASCII 字符，1 到 32 字节', userId);
  return userId as string;
}

function checkOptions(method: string, options: { sdkAppId: unknown; secretKey: unknown }): void {
  const { sdkAppId, secretKey } = options || ({} as { sdkAppId: unknown; secretKey: unknown });
  checkSdkAppId(method, sdkAppId);
  checkKey(method, secretKey, 'secretKey', CHAT_KEY);
}

/** The base64 HMAC-SHA256 over the TLS fields, exactly as tls-sig-api-v2 lays them out. */
function tlsSig(secretKey: string, userId: string, sdkAppId: number, time: number, expire: number, userBuf?: string): string {
  const userBufLine = userBuf === undefined ? '' : `TLS.userbuf:${userBuf}\n`;
  const content = `TLS.identifier:${userId}\nTLS.sdkappid:${sdkAppId}\nTLS.time:${time}\nTLS.expire:${expire}\n${userBufLine}`;
  return createHmac('sha256', secretKey).update(content, 'utf8').digest('base64');
}

/** A Chat UserSig for `userId`, byte-identical to `tls-sig-api-v2`'s `genUserSig` at the same clock. */
export function genUserSig(options: UserSigOptions): string {
  const method = 'genUserSig';
  checkOptions(method, options);
  const { sdkAppId, secretKey, expireSeconds } = options;
  const userId = checkUserId(method, options.userId);
  if (typeof expireSeconds !== 'number' || !Number.isInteger(expireSeconds) || expireSeconds < 1) {
    invalid(method, 'expireSeconds', 'a positive whole number of seconds', '正整数秒数', expireSeconds);
  }
  const time = nowSeconds(method, options.now);
  // Key order matters: the JSON text is what gets deflated.
  const doc = {
    'TLS.ver': '2.0',
    'TLS.identifier': userId,
    'TLS.sdkappid': sdkAppId,
    'TLS.time': time,
    'TLS.expire': expireSeconds,
    'TLS.sig': tlsSig(secretKey, userId, sdkAppId, time, expireSeconds),
  };
  return deflateSync(Buffer.from(JSON.stringify(doc), 'utf8'))
    .toString('base64')
    .replace(/\+/g, '*')
    .replace(/\//g, '-')
    .replace(/=/g, '_');
}

/** The TLS document inside a UserSig, or `null` when it is not one. */
function decode(sig: unknown): { [key: string]: unknown } | null {
  if (typeof sig !== 'string' || !/^[A-Za-z0-9*_-]+$/.test(sig)) return null;
  try {
    const doc = JSON.parse(
      inflateSync(Buffer.from(sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64')).toString('utf8'),
    );
    const numbers = ['TLS.sdkappid', 'TLS.time', 'TLS.expire'].every((key) => Number.isInteger(doc[key]) && doc[key] >= 0);
    const strings = ['TLS.identifier', 'TLS.sig'].every((key) => typeof doc[key] === 'string');
    const userBuf = doc['TLS.userbuf'] === undefined || typeof doc['TLS.userbuf'] === 'string';
    return doc && doc['TLS.ver'] === '2.0' && numbers && strings && userBuf ? doc : null;
  } catch {
    return null;
  }
}

/**
 * Checks a UserSig: the signature is recomputed from the document's own fields and compared
 * in constant time first (a forged one is never reported as merely expired), then the app,
 * the user and the expiry.
 */
export function verifyUserSig(sig: string, options: UserSigVerifyOptions): UserSigVerifyResult {
  const method = 'verifyUserSig';
  checkOptions(method, options);
  if (options.userId !== undefined) checkUserId(method, options.userId);
  const now = nowSeconds(method, options.now);
  const doc = decode(sig);
  if (!doc) return { ok: false, reason: 'malformed' };
  const userId = doc['TLS.identifier'] as string;
  const time = doc['TLS.time'] as number;
  const expire = doc['TLS.expire'] as number;
  const expected = Buffer.from(
    tlsSig(options.secretKey, userId, doc['TLS.sdkappid'] as number, time, expire, doc['TLS.userbuf'] as string | undefined),
    'latin1',
  );
  const given = Buffer.from(doc['TLS.sig'] as string, 'latin1');
  // The length of a base64 SHA-256 (44) is public; only its bytes go through the comparison.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  if (doc['TLS.sdkappid'] !== options.sdkAppId) return { ok: false, reason: 'wrong-app' };
  if (options.userId !== undefined && userId !== options.userId) return { ok: false, reason: 'wrong-user' };
  if (time + expire <= now) return { ok: false, reason: 'expired' };
  return { ok: true, userId, expiresAt: new Date((time + expire) * 1000) };
}
