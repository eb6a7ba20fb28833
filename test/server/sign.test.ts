import { createHash } from 'crypto';
import { isPusherError, type PusherError } from '../../src/errors';
import fc from 'fast-check';
import { signPlayUrls, signPushUrl, signStream, txSecretOf } from '../../src/server/sign';
import { verifyPushUrl } from '../../src/server/verify';

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
    const txSecret = createHash('md5')
      .update(KEY + 'room_42' + txTime)
      .digest('hex');
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
    const url = signPushUrl({
      domain: '127.0.0.1:1935',
      app: 'test-app',
      stream: 's',
      key: KEY,
      expiresAt: new Date(EXPIRY * 1000),
      now: NOW,
    });
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
      expect(invalidArgument(() => signPushUrl({ ...ok, ttlSeconds: 60 })).message).toBe(
        'signPushUrl: give exactly one of ttlSeconds, expiresAt, txTime; got ttlSeconds + expiresAt',
      );
      expect(invalidArgument(() => signPushUrl({ ...ok, expiresAt: undefined })).messageZh).toBe(
        'signPushUrl：ttlSeconds, expiresAt, txTime 须且只能给一个；一个也没有给',
      );
    });

    it.each([0, -5, 1.5, NaN])('ttlSeconds %p', (ttlSeconds) => {
      invalidArgument(() => signPushUrl({ ...ok, expiresAt: undefined, ttlSeconds }));
    });
  });
});

describe('the txTime limit: 8 hex digits, 2106-02-07T06:28:15Z', () => {
  const LIMIT = 0xffffffff;
  const base = { domain: 'push.example.com', stream: 's', key: KEY };

  it('signs an expiry of exactly FFFFFFFF, which verifyPushUrl accepts', () => {
    const url = signPushUrl({ ...base, expiresAt: new Date('2106-02-07T06:28:15Z'), now: NOW });
    expect(url).toMatch(/&txTime=FFFFFFFF$/);
    expect(verifyPushUrl(url, KEY, { now: NOW })).toMatchObject({ ok: true });
    expect(signStream({ ...base, ttlSeconds: LIMIT - NOW, now: NOW }).txTime).toBe('FFFFFFFF');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['ttlSeconds 99999999999', { ttlSeconds: 99999999999 }, 'ttlSeconds'],
    ['ttlSeconds one past the limit', { ttlSeconds: LIMIT - NOW + 1 }, 'ttlSeconds'],
    ['expiresAt 2200-01-01 as a Date', { expiresAt: new Date('2200-01-01T00:00:00Z') }, 'expiresAt'],
    ['expiresAt one second past the limit as a Date', { expiresAt: new Date((LIMIT + 1) * 1000) }, 'expiresAt'],
    ['expiresAt 4294967296 as seconds', { expiresAt: LIMIT + 1 }, 'expiresAt'],
  ])('refuses %s in signPushUrl, signStream and signPlayUrls, naming the limit in both languages', (_name, expiry, arg) => {
    const calls: Array<[string, () => unknown]> = [
      ['signPushUrl', () => signPushUrl({ ...base, ...expiry, now: NOW })],
      ['signStream', () => signStream({ stream: 's', key: KEY, ...expiry, now: NOW })],
      ['signPlayUrls', () => signPlayUrls({ ...base, ...expiry, now: NOW })],
    ];
    for (const [method, call] of calls) {
      const error = invalidArgument(call);
      expect(error.message).toMatch(new RegExp(`^${method}: ${arg} must be .*2106-02-07T06:28:15Z.*8 hex digits of txTime`));
      expect(error.messageZh).toMatch(/2106-02-07T06:28:15Z.*8 位十六进制 txTime 的上限/);
    }
  });

  it('never signs a txTime verifyPushUrl calls malformed (seeded: 5000 random clocks and lifetimes)', () => {
    const seed = 20250107;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: LIMIT }),
        fc.oneof(
          fc.integer({ min: 1, max: 2 ** 33 }),
          fc.maxSafeNat().filter((n) => n > 0),
        ),
        (now, ttlSeconds) => {
          let url: string;
          try {
            url = signPushUrl({ ...base, ttlSeconds, now });
          } catch (error) {
            expect(now + ttlSeconds).toBeGreaterThan(LIMIT);
            expect((error as Error).message).toContain('2106-02-07T06:28:15Z');
            return;
          }
          expect(now + ttlSeconds).toBeLessThanOrEqual(LIMIT);
          expect(verifyPushUrl(url, KEY, { now })).toMatchObject({ ok: true });
        },
      ),
      { seed, numRuns: 5000 },
    );
  });
});

describe('signPlayUrls', () => {
  it('signs rtmp, flv, hls and webrtc on the play domain with one signature', () => {
    const urls = signPlayUrls({
      domain: 'push.example.com',
      playDomain: 'play.example.com',
      stream: 's1',
      key: KEY,
      expiresAt: EXPIRY,
      now: NOW,
    });
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
    expect(invalidArgument(() => signPlayUrls({ domain: 'a.example.com', playDomain: 'http://b', stream: 's' })).message).toContain(
      'playDomain',
    );
    invalidArgument(() => signPlayUrls({ domain: 'a.example.com', stream: 's', key: KEY }));
  });
});
