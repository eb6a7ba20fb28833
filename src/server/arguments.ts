/**
 * Input checks shared by signing, verifying and the ingest: one place decides what a stream
 * name, a domain, a key and an instant are, so every entry point refuses the same things with
 * the same bilingual `INVALID_ARGUMENT` error.
 */
import { argumentError } from '../errors';

/**
 * App and stream names: letters, digits, `_` and `-`. Tencent Cloud's documented safe set, and
 * exactly what node-media-server 4 accepts, so a name valid here works against both.
 */
export const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

/** A host name, IPv4 or `[IPv6]`, with an optional port: what goes between `rtmp://` and the app. */
const DOMAIN_PATTERN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** A `txTime`: hex unix seconds; eight digits reach 2106. */
export const TX_TIME_PATTERN = /^[0-9A-Fa-f]{1,8}$/;

/** The largest expiry a `txTime` of eight hex digits can carry. */
const MAX_UNIX_SECONDS = 0xffffffff;

/** Throws `argumentError(...)`. */
export function invalid(method: string, arg: string, expected: string, expectedZh: string, value: unknown): never {
  throw argumentError(method, arg, expected, expectedZh, value);
}

/** A non-empty key; the error never shows the key itself. */
export function checkKey(method: string, key: unknown, arg = 'key'): string {
  if (typeof key !== 'string' || key.length === 0) {
    // Report the type only: a wrong key is still a secret.
    invalid(method, arg, 'a non-empty string (the push authentication key)', '非空字符串（推流鉴权 Key）', typeof key === 'string' ? '""' : typeof key);
  }
  return key;
}

/** An app or stream name Tencent Cloud and node-media-server both accept. */
export function checkName(method: string, arg: string, name: unknown): string {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    invalid(method, arg, 'letters, digits, "_" or "-" only (what Tencent Cloud accepts)', '仅含英文字母、数字、“_” 或 “-”（腾讯云接受的字符）', name);
  }
  return name;
}

/** A bare host (optionally `:port`): people often paste `rtmp://host` or a trailing path. */
export function checkDomain(method: string, arg: string, domain: unknown): string {
  if (typeof domain !== 'string' || !DOMAIN_PATTERN.test(domain)) {
    invalid(method, arg, 'a host name such as push.example.com or 127.0.0.1:1935 (no scheme, no path)', '主机名，如 push.example.com 或 127.0.0.1:1935（不带协议和路径）', domain);
  }
  return domain;
}

/**
 * An instant as unix seconds, from a `Date` or a number of seconds. Numbers past 2106 are
 * refused because they are almost always `Date.now()` milliseconds passed by mistake.
 */
export function toUnixSeconds(method: string, arg: string, value: unknown): number {
  if (value instanceof Date && !isNaN(value.getTime())) return Math.floor(value.getTime() / 1000);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_UNIX_SECONDS) return value;
  return invalid(method, arg, 'a Date or unix seconds (not milliseconds)', 'Date 或 Unix 秒数（不是毫秒）', value);
}

/** The current instant in unix seconds, or the caller's clock. */
export function nowSeconds(method: string, now: unknown): number {
  return now === undefined ? Math.floor(Date.now() / 1000) : toUnixSeconds(method, 'now', now);
}
