/**
 * Tencent Cloud (CSS) push and play URL signing:
 * `txTime` = upper-case hex of the expiry in unix seconds,
 * `txSecret` = lower-case hex md5(key + StreamName + txTime).
 */
import { createHash } from 'crypto';
import {
  checkDomain,
  checkKey,
  checkName,
  checkTxTime,
  invalid,
  LATEST_EXPIRY,
  MAX_UNIX_SECONDS,
  nowSeconds,
  toUnixSeconds,
  TX_TIME_LIMIT,
  usageProblem,
} from './arguments';

/** When a signed URL stops working: give exactly one of `expiresAt`, `ttlSeconds` or `txTime`. */
export interface ExpiryOptions {
  /** Absolute expiry: a `Date` or unix seconds. */
  readonly expiresAt?: Date | number;
  /** Lifetime in whole seconds from `now`. Tencent suggests about a day, so a host can resume after a network drop. */
  readonly ttlSeconds?: number;
  /** A ready `txTime` (hex unix seconds), e.g. to reproduce a URL; written in upper case. */
  readonly txTime?: string;
  /** The clock, as a `Date` or unix seconds; defaults to the system clock. */
  readonly now?: Date | number;
}

/** What `signStream` needs. */
export interface StreamSignOptions extends ExpiryOptions {
  /** Stream name (`StreamName`): letters, digits, `_`, `-`. */
  readonly stream: string;
  /** The push (or play) authentication key of the domain. */
  readonly key: string;
}

/** The signature of one stream: what goes after `?` in a Tencent URL. */
export interface StreamSignature {
  /** Lower-case hex md5(key + stream + txTime). */
  readonly txSecret: string;
  /** Upper-case hex unix seconds of the expiry. */
  readonly txTime: string;
  /** The expiry as a date. */
  readonly expiresAt: Date;
  /** `txSecret=…&txTime=…`, ready to append after `?`. */
  readonly query: string;
}

/** What `signPushUrl` needs. */
export interface PushUrlOptions extends StreamSignOptions {
  /** Push domain, optionally with a port: `push.example.com`, `127.0.0.1:1935`. */
  readonly domain: string;
  /** Application name (`AppName`); default `live`. */
  readonly app?: string;
}

/** What `signPlayUrls` needs; without `key` the URLs come unsigned (play authentication off). */
export interface PlayUrlOptions extends ExpiryOptions {
  /** Push domain; also the play domain unless `playDomain` is given. */
  readonly domain: string;
  /** Play domain; Tencent Cloud requires it to differ from the push domain. */
  readonly playDomain?: string;
  /** Application name (`AppName`); default `live`. */
  readonly app?: string;
  /** Stream name (`StreamName`). */
  readonly stream: string;
  /** The play authentication key, if the play domain has authentication on. */
  readonly key?: string;
  /** `https://` (default) or `http://` for the FLV and HLS URLs. */
  readonly secure?: boolean;
}

/** Play URLs of one stream, one per protocol. */
export interface PlayUrls {
  /** `rtmp://playDomain/app/stream`. */
  readonly rtmp: string;
  /** HTTP-FLV: `http(s)://playDomain/app/stream.flv`, what `<live-player>` plays with least delay. */
  readonly flv: string;
  /** HLS: `http(s)://playDomain/app/stream.m3u8`. */
  readonly hls: string;
  /** Tencent LEB: `webrtc://playDomain/app/stream`. */
  readonly webrtc: string;
}

/** Lower-case hex md5 of `key + stream + txTime`, the bytes exactly as they appear in the URL. */
export function txSecretOf(key: string, stream: string, txTime: string): string {
  return createHash('md5')
    .update(key + stream + txTime, 'utf8')
    .digest('hex');
}

/** What the three ways of giving an expiry are called where they were given: API options, or CLI flags. */
export interface ExpiryNames {
  readonly ttlSeconds: string;
  readonly expiresAt: string;
  readonly txTime: string;
}

const OPTION_NAMES: ExpiryNames = { ttlSeconds: 'ttlSeconds', expiresAt: 'expiresAt', txTime: 'txTime' };

/**
 * The expiry in unix seconds and its `txTime`, from exactly one of the three ways to say it;
 * refuses an expiry that is past or that 8 hex digits of `txTime` cannot hold.
 */
export function expiryOf(method: string, options: ExpiryOptions, names: ExpiryNames = OPTION_NAMES): { seconds: number; txTime: string } {
  const given = (['ttlSeconds', 'expiresAt', 'txTime'] as const).filter((name) => options[name] !== undefined);
  if (given.length !== 1) {
    const all = `${names.ttlSeconds}, ${names.expiresAt}, ${names.txTime}`;
    const got = given.map((name) => names[name]).join(' + ');
    throw usageProblem(
      `${method}: give exactly one of ${all}; got ${got || 'none of them'}`,
      `${method}：${all} 须且只能给一个；${got ? '实际给了 ' + got : '一个也没有给'}`,
      `Keep one of ${all}`,
      `只保留 ${all} 中的一个`,
    );
  }
  const now = nowSeconds(method, options.now);
  let seconds: number;
  let arg: string;
  if (options.txTime !== undefined) {
    arg = names.txTime;
    seconds = parseInt(checkTxTime(method, arg, options.txTime), 16);
  } else if (options.ttlSeconds !== undefined) {
    arg = names.ttlSeconds;
    const ttl = options.ttlSeconds;
    const most = MAX_UNIX_SECONDS - now;
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > most) {
      const [why, whyZh] = TX_TIME_LIMIT;
      invalid(
        method,
        arg,
        `a whole number of seconds from 1 to ${most} (the expiry must be ${LATEST_EXPIRY} at the latest, ${why})`,
        `1 到 ${most} 之间的整数秒数（过期时间不得晚于 ${LATEST_EXPIRY}，${whyZh}）`,
        ttl,
      );
    }
    seconds = now + ttl;
  } else {
    arg = names.expiresAt;
    seconds = toUnixSeconds(method, arg, options.expiresAt);
  }
  if (seconds <= now) {
    // A URL that is dead on arrival only surfaces later as a 3004 on the phone.
    invalid(method, arg, 'in the future', '晚于当前时间', new Date(seconds * 1000));
  }
  return { seconds, txTime: seconds.toString(16).toUpperCase() };
}

function signFor(method: string, options: StreamSignOptions): StreamSignature {
  const key = checkKey(method, options.key);
  const stream = checkName(method, 'stream', options.stream);
  const { seconds, txTime } = expiryOf(method, options);
  const txSecret = txSecretOf(key, stream, txTime);
  return { txSecret, txTime, expiresAt: new Date(seconds * 1000), query: `txSecret=${txSecret}&txTime=${txTime}` };
}

/** Signs one stream: `txSecret`, `txTime` and the query string, as Tencent Cloud computes them. */
export function signStream(options: StreamSignOptions): StreamSignature {
  return signFor('signStream', options);
}

/** A signed push URL: `rtmp://domain/app/stream?txSecret=…&txTime=…`. */
export function signPushUrl(options: PushUrlOptions): string {
  const method = 'signPushUrl';
  const domain = checkDomain(method, 'domain', options.domain);
  const app = checkName(method, 'app', options.app === undefined ? 'live' : options.app);
  const signature = signFor(method, options);
  return `rtmp://${domain}/${app}/${options.stream}?${signature.query}`;
}

/** Play URLs (RTMP, HTTP-FLV, HLS, WebRTC) of a stream, signed when `key` is given. */
export function signPlayUrls(options: PlayUrlOptions): PlayUrls {
  const method = 'signPlayUrls';
  const domain = checkDomain(
    method,
    options.playDomain === undefined ? 'domain' : 'playDomain',
    options.playDomain === undefined ? options.domain : options.playDomain,
  );
  if (options.playDomain !== undefined) checkDomain(method, 'domain', options.domain);
  const app = checkName(method, 'app', options.app === undefined ? 'live' : options.app);
  const stream = checkName(method, 'stream', options.stream);
  const query = options.key === undefined ? '' : '?' + signFor(method, { ...options, key: options.key }).query;
  const http = options.secure === false ? 'http' : 'https';
  const path = `${domain}/${app}/${stream}`;
  return {
    rtmp: `rtmp://${path}${query}`,
    flv: `${http}://${path}.flv${query}`,
    hls: `${http}://${path}.m3u8${query}`,
    webrtc: `webrtc://${path}${query}`,
  };
}
