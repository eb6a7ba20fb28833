import { createHash } from 'crypto';
import { isPusherError, type PusherError } from '../../src/errors';
import { signPlayUrls, signPushUrl, signStream, txSecretOf } from '../../src/server/sign';

const KEY = 'ts-pusher-test-key-5f2c';
/** 2030-01-01T00:00:00Z. */
const EXPIRY = 1893456000;
const NOW = EXPIRY - 3600;

/** The error thrown by `fn`, asserted to be an `INVALID_ARGUMENT` PusherError. */
function invalidArgument(fn: () => unknown): PusherError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(isPusherError(caught)).toBe(true);
  const error = caught as PusherError;
  expect(error.code).toBe('INVALID_ARGUMENT');
  expect(error.message.length).toBeGreaterThan(0);
  expect(error.messageZh.length).toBeGreaterThan(0);
  return error;
}

describe('txSecretOf', () => {
  it('matches a literal vector checked with md5sum: md5("abcdef" + "demo" + "5867D600")', () => {
    // printf '%s' 'abcdefdemo5867D600' | md5sum  →  627d3322b8dfc2ff00b52d8586ccf81d
    expect(txSecretOf('abcdef', 'demo', '5867D600')).toBe('627d3322b8dfc2ff00b52d8586ccf81d');
  });

  it('hashes txTime as given, so a lower-case txTime gives another signature', () => {
    expect(txSecretOf('abcdef', 'demo', '5867d600')).toBe('18d27102092c55fa0d3297efe554e11d');
  });
});

describe('signPushUrl', () => {
  it('builds rtmp://domain/app/stream?txSecret=md5(key+stream+txTime)&txTime=HEX as Tencent does', () => {
    const txTime = EXPIRY.toString(16).toUpperCase();
    const txSecret = createHash('md5').update(KEY + 'room_42' + txTime).digest('hex');
    expect(signPushUrl({ domain: 'push.example.com', stream: 'room_42', key: KEY, expiresAt: EXPIRY, now: NOW })).toBe(
      `rtmp://push.example.com/live/room_42?txSecret=${txSecret}&txTime=${txTime}`,
    );
  });

  it('writes txTime in upper case and txSecret in lower case', () => {
    const url = signPushUrl({ domain: 'push.example.com', stream: 's', key: KEY, expiresAt: EXPIRY, now: NOW });
    expect(url).toMatch(/txSecret=[0-9a-f]{32}&txTime=[0-9A-F]+$/);
    expect(url).toContain('txTime=70DBD880');
  });

  it('takes a custom app, a domain with a port, and a Date expiry', () => {
    const url = signPushUrl({ domain: '127.0.0.1:1935', app: 'test-app', stream: 's', key: KEY, expiresAt: new Date(EXPIRY * 1000), now: NOW });
    expect(url.startsWith('rtmp://127.0.0.1:1935/test-app/s?')).toBe(true);
  });

  it('counts ttlSeconds from now', () => {
    const sig = signStream({ stream: 's', key: KEY, ttlSeconds: 3600, now: NOW });
    expect(sig.txTime).toBe(EXPIRY.toString(16).toUpperCase());
    expect(sig.expiresAt.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(sig.query).toBe(`txSecret=${sig.txSecret}&txTime=${sig.txTime}`);
  });

  it('reproduces a URL from a given txTime, upper-casing it', () => {
    const sig = signStream({ stream: 'demo', key: 'abcdef', txTime: '5867d600', now: 1483000000 });
    expect(sig).toMatchObject({ txTime: '5867D600', txSecret: '627d3322b8dfc2ff00b52d8586ccf81d' });
  });

  it('uses the system clock by default', () => {
    const before = Math.floor(Date.now() / 1000);
    const sig = signStream({ stream: 's', key: KEY, ttlSeconds: 60 });
    const seconds = parseInt(sig.txTime, 16);
    expect(seconds).toBeGreaterThanOrEqual(before + 60);
    expect(seconds).toBeLessThanOrEqual(before + 62);
  });

  describe('refuses bad input with INVALID_ARGUMENT', () => {
    const ok = { domain: 'push.example.com', stream: 's', key: KEY, expiresAt: EXPIRY, now: NOW };

    it('an empty key, without echoing any key', () => {
      const error = invalidArgument(() => signPushUrl({ ...ok, key: '' }));
      expect(error.message).toContain('key');
      const other = invalidArgument(() => signPushUrl({ ...ok, key: 42 as unknown as string }));
      expect(other.message).toContain('number');
    });

    it.each(['', 'a b', 'room/1', '中文', 'a?b', 'a.b', 'x%20'])('stream name %j', (stream) => {
      const error = invalidArgument(() => signPushUrl({ ...ok, stream }));
      expect(error.message).toContain('stream');
    });

    it('a bad app name', () => {
      invalidArgument(() => signPushUrl({ ...ok, app: 'live/x' }));
    });

    it.each(['rtmp://push.example.com', 'push.example.com/live', '', 'a b', '-bad.example.com'])('domain %j', (domain) => {
      expect(invalidArgument(() => signPushUrl({ ...ok, domain })).message).toContain('domain');
    });

    it('a non-hex txTime', () => {
      const error = invalidArgument(() => signPushUrl({ ...ok, expiresAt: undefined, txTime: '12XY' }));
      expect(error.message).toContain('txTime');
      invalidArgument(() => signPushUrl({ ...ok, expiresAt: undefined, txTime: '123456789' }));
    });

    it('an expiry in the past or now', () => {
      expect(invalidArgument(() => signPushUrl({ ...ok, expiresAt: NOW - 1 })).message).toContain('future');
      invalidArgument(() => signPushUrl({ ...ok, expiresAt: NOW }));
      invalidArgument(() => signPushUrl({ ...ok, expiresAt: undefined, txTime: '5867D600' }));
    });

    it('milliseconds where seconds are expected', () => {
      expect(invalidArgument(() => signPushUrl({ ...ok, expiresAt: EXPIRY * 1000 })).message).toContain('milliseconds');
      invalidArgument(() => signPushUrl({ ...ok, now: Date.now() }));
    });

    it('no expiry, or two ways of giving it', () => {
      invalidArgument(() => signPushUrl({ ...ok, expiresAt: undefined }));
      expect(invalidArgument(() => signPushUrl({ ...ok, ttlSeconds: 60 })).message).toContain('expiresAt + ttlSeconds');
    });

    it.each([0, -5, 1.5, NaN])('ttlSeconds %p', (ttlSeconds) => {
      invalidArgument(() => signPushUrl({ ...ok, expiresAt: undefined, ttlSeconds }));
    });
  });
});

describe('signPlayUrls', () => {
  it('signs rtmp, flv, hls and webrtc on the play domain with one signature', () => {
    const urls = signPlayUrls({ domain: 'push.example.com', playDomain: 'play.example.com', stream: 's1', key: KEY, expiresAt: EXPIRY, now: NOW });
    const query = `?txSecret=${txSecretOf(KEY, 's1', '70DBD880')}&txTime=70DBD880`;
    expect(urls).toEqual({
      rtmp: `rtmp://play.example.com/live/s1${query}`,
      flv: `https://play.example.com/live/s1.flv${query}`,
      hls: `https://play.example.com/live/s1.m3u8${query}`,
      webrtc: `webrtc://play.example.com/live/s1${query}`,
    });
  });

  it('uses the push domain and http when asked, and leaves URLs unsigned without a key', () => {
    expect(signPlayUrls({ domain: 'cdn.example.com', app: 'app2', stream: 's', secure: false })).toEqual({
      rtmp: 'rtmp://cdn.example.com/app2/s',
      flv: 'http://cdn.example.com/app2/s.flv',
      hls: 'http://cdn.example.com/app2/s.m3u8',
      webrtc: 'webrtc://cdn.example.com/app2/s',
    });
  });

  it('refuses a bad play domain and a key without expiry', () => {
    expect(invalidArgument(() => signPlayUrls({ domain: 'a.example.com', playDomain: 'http://b', stream: 's' })).message).toContain('playDomain');
    invalidArgument(() => signPlayUrls({ domain: 'a.example.com', stream: 's', key: KEY }));
  });
});
