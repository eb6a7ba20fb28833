/**
 * Input checks shared by signing, verifying and the ingest: one place decides what a stream
 * name, a domain, a key and an instant are, so every entry point refuses the same things with
 * the same bilingual `INVALID_ARGUMENT` error.
 */
import { argumentError, PusherError } from '../errors';

/**
 * App and stream names: letters, digits, `_` and `-`. Tencent Cloud's documented safe set, and
 * exactly what node-media-server 4 accepts, so a name valid here works against both.
 */
export const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

/** A host name, IPv4 or `[IPv6]`, with an optional port: what goes between `rtmp://` and the app. */
const DOMAIN_PATTERN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** A `txTime`: hex unix seconds; eight digits reach 2106. */
export const TX_TIME_PATTERN = /^[0-9A-Fa-f]{1,8}$/;

/** The latest expiry a `txTime` of eight hex digits can carry: `FFFFFFFF`, 2106-02-07T06:28:15Z. */
export const MAX_UNIX_SECONDS = 0xffffffff;

/** `MAX_UNIX_SECONDS` as a date. */
export const LATEST_EXPIRY = '2106-02-07T06:28:15Z';

/** Why `MAX_UNIX_SECONDS` is the limit, for messages: `[English, Chinese]`. */
export const TX_TIME_LIMIT = ['the most 8 hex digits of txTime hold', '8 位十六进制 txTime 的上限'] as const;

/** Throws `argumentError(...)`. */
export function invalid(method: string, arg: string, expected: string, expectedZh: string, value: unknown): never {
  throw argumentError(method, arg, expected, expectedZh, value);
}

/** An `INVALID_ARGUMENT` error worded freely, for problems the `{arg} must be {expected}` form cannot say. */
export function usageProblem(message: string, messageZh: string, advice: string, adviceZh: string): PusherError {
  return new PusherError({ code: 'INVALID_ARGUMENT', category: 'usage', message, messageZh, advice, adviceZh });
}

/** What a push key is, for messages: `[English, Chinese]`. */
const PUSH_KEY = ['a non-empty string (the push authentication key)', '非空字符串（推流鉴权 Key）'] as const;

/** A non-empty key (`expected` says which, default the push key); the error never shows the key itself. */
export function checkKey(method: string, key: unknown, arg = 'key', expected: readonly [string, string] = PUSH_KEY): string {
  if (typeof key !== 'string' || key.length === 0) {
    // Only an empty string or the type is shown: a wrong key is still a secret.
    const shown = typeof key === 'string' ? '""' : key === undefined || key === null ? String(key) : `a ${typeof key}`;
    throw usageProblem(
      `${method}: ${arg} must be ${expected[0]}, got ${shown}`,
      `${method}：${arg} 应为${expected[1]}，实为 ${shown}`,
      `Pass ${expected[0]}`,
      `请传入${expected[1]}`,
    );
  }
  return key;
}

/** An app or stream name Tencent Cloud and node-media-server both accept. */
export function checkName(method: string, arg: string, name: unknown): string {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    invalid(
      method,
      arg,
      'letters, digits, "_" or "-" only (what Tencent Cloud accepts)',
      '仅含英文字母、数字、“_” 或 “-”（腾讯云接受的字符）',
      name,
    );
  }
  return name;
}

/** A bare host (optionally `:port`): people often paste `rtmp://host` or a trailing path. */
export function checkDomain(method: string, arg: string, domain: unknown): string {
  if (typeof domain !== 'string' || !DOMAIN_PATTERN.test(domain)) {
    invalid(
      method,
      arg,
      'a host name such as push.example.com or 127.0.0.1:1935 (no scheme, no path)',
      '主机名，如 push.example.com 或 127.0.0.1:1935（不带协议和路径）',
      domain,
    );
  }
  return domain;
}

/** A `txTime` as written in a URL: 1 to 8 hex digits. */
export function checkTxTime(method: string, arg: string, txTime: unknown): string {
  if (typeof txTime !== 'string' || !TX_TIME_PATTERN.test(txTime)) {
    invalid(method, arg, 'hex unix seconds, 1 to 8 hex digits (e.g. 6789ABCD)', '十六进制 Unix 秒数，1 到 8 位（如 6789ABCD）', txTime);
  }
  return txTime;
}

/**
 * An instant as unix seconds, from a `Date` or a number of seconds, from 1970 to
 * `MAX_UNIX_SECONDS`: later instants do not fit a `txTime`, and such numbers are almost always
 * `Date.now()` milliseconds passed by mistake.
 */
export function toUnixSeconds(method: string, arg: string, value: unknown): number {
  const date = value instanceof Date && !Number.isNaN(value.getTime());
  const seconds = date ? Math.floor((value as Date).getTime() / 1000) : value;
  if (typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_UNIX_SECONDS) return seconds;
  const [why, whyZh] = TX_TIME_LIMIT;
  if (date)
    return invalid(
      method,
      arg,
      `a date from 1970 to ${LATEST_EXPIRY} (${why})`,
      `1970 年至 ${LATEST_EXPIRY} 之间的日期（${whyZh}）`,
      value,
    );
  const [what, whatZh] = typeof value === 'number' ? ['unix seconds', 'Unix 秒数'] : ['a Date or unix seconds', 'Date 或 Unix 秒数'];
  return invalid(
    method,
    arg,
    `${what} from 0 to ${MAX_UNIX_SECONDS} (${LATEST_EXPIRY}, ${why}; not milliseconds)`,
    `${whatZh}，取值 0 到 ${MAX_UNIX_SECONDS}（${LATEST_EXPIRY}，${whyZh}；不是毫秒）`,
    value,
  );
}

/** The current instant in unix seconds, or the caller's clock. */
export function nowSeconds(method: string, now: unknown): number {
  return now === undefined ? Math.floor(Date.now() / 1000) : toUnixSeconds(method, 'now', now);
}
