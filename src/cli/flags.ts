/**
 * Checks of CLI option values, in the shape `OptionSpec.check` takes: each names the flag the
 * person typed, and reuses the library's own check where there is one, so the CLI and
 * `ts-pusher/server` refuse the same things.
 */
import { checkKey, invalid, toUnixSeconds } from '../server/arguments';
import type { ExpiryNames, ExpiryOptions } from '../server/sign';
import type { ParsedArgs } from './args';

/** The expiry flags, by the API option each stands for. */
export const EXPIRY_FLAGS: ExpiryNames = { ttlSeconds: '--ttl', expiresAt: '--expires', txTime: '--tx-time' };

/** `--expires 1893456000` or `--expires 2030-01-01T00:00:00Z` as the API takes it. */
export function instantOf(text: string): Date | number {
  return /^\d+$/.test(text) ? Number(text) : new Date(text);
}

/** Unix seconds or an ISO date, within what a `txTime` holds. */
export function checkInstant(command: string, flag: string, text: string): number {
  const instant = instantOf(text);
  if (instant instanceof Date && Number.isNaN(instant.getTime())) {
    invalid(command, flag, 'unix seconds or an ISO date (2030-01-01T00:00:00Z)', 'Unix 秒数或 ISO 日期（2030-01-01T00:00:00Z）', text);
  }
  return toUnixSeconds(command, flag, instant);
}

/** A whole number of seconds, at least 1. */
export function checkSeconds(command: string, flag: string, text: string): number {
  if (!/^[1-9]\d*$/.test(text)) invalid(command, flag, 'a whole number of seconds, at least 1', '不小于 1 的整数秒数', text);
  return Number(text);
}

/** A TCP port; 0 asks for a free one. */
export function checkPort(command: string, flag: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535)
    invalid(command, flag, 'a port from 0 (pick a free one) to 65535', '0（自动选择空闲端口）到 65535 之间的端口号', text);
  return Number(text);
}

/** A non-empty key, never shown. */
export function checkKeyFlag(command: string, flag: string, text: string): string {
  return checkKey(command, text, flag);
}

/** Something other than the empty string. */
export function checkNotEmpty(command: string, flag: string, text: string): string {
  if (!text) invalid(command, flag, 'a value', '一个值', text);
  return text;
}

/** `en` or `zh`. */
export function checkLang(command: string, flag: string, text: string): string {
  if (text !== 'en' && text !== 'zh') invalid(command, flag, 'en or zh', 'en 或 zh', text);
  return text;
}

/** The expiry flags of `args` as API options; `fallbackTtl` when none is given. */
export function expiryOptions(args: ParsedArgs, fallbackTtl: number | undefined): ExpiryOptions {
  const value = (name: string): string | undefined => {
    const given = args.options[name];
    return typeof given === 'string' ? given : undefined;
  };
  const ttl = value('ttl');
  const expires = value('expires');
  const txTime = value('tx-time');
  const none = ttl === undefined && expires === undefined && txTime === undefined;
  return {
    ttlSeconds: ttl !== undefined ? Number(ttl) : none ? fallbackTtl : undefined,
    expiresAt: expires === undefined ? undefined : instantOf(expires),
    txTime,
  };
}
