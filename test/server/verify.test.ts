// The module object itself (not an interop copy), so the spy sees the library's calls.
import crypto = require('crypto');
import { isPusherError } from '../../src/errors';
import { signPushUrl, txSecretOf } from '../../src/server/sign';
import { REFUSAL_TEXT, verifyPushParts, verifyPushUrl } from '../../src/server/verify';

const KEY = 'ts-pusher-test-key-5f2c';
const EXPIRY = 1893456000; // 2030-01-01T00:00:00Z
const NOW = EXPIRY - 3600;
const url = (stream = 'demo', domain = 'push.example.com'): string =>
  signPushUrl({ domain, stream, key: KEY, expiresAt: EXPIRY, now: NOW });

describe('verifyPushUrl', () => {
  it('accepts what signPushUrl signs (round trip) and reports stream and expiry', () => {
    expect(verifyPushUrl(url('room_42'), KEY, { now: NOW })).toEqual({
      ok: true,
      app: 'live',
      stream: 'room_42',
      expiresAt: new Date(EXPIRY * 1000),
    });
  });

  it('round-trips many names, apps and domains', () => {
    for (const [domain, app, stream] of [
      ['127.0.0.1:1935', 'live', 'a'],
      ['[::1]:1935', 'my-app', 'Z_9-x'],
      ['push.example.com', 'live', 'x'.repeat(200)],
    ]) {
      const signed = signPushUrl({ domain, app, stream, key: KEY, ttlSeconds: 60, now: NOW });
      expect(verifyPushUrl(signed, KEY, { now: NOW })).toMatchObject({ ok: true, app, stream });
    }
  });

  it('accepts the Tencent documentation vector (txTime 5867D600) before it expired', () => {
    const signed = 'rtmp://push.example.com/live/demo?txSecret=627d3322b8dfc2ff00b52d8586ccf81d&txTime=5867D600';
    expect(verifyPushUrl(signed, 'abcdef', { now: new Date('2016-12-31T00:00:00Z') })).toMatchObject({ ok: true, stream: 'demo' });
  });

  it('hashes the txTime bytes of the URL, so a lower-case txTime signed as such passes', () => {
    const signed = `rtmp://h/live/demo?txSecret=${txSecretOf('abcdef', 'demo', '5867d600')}&txTime=5867d600`;
    expect(verifyPushUrl(signed, 'abcdef', { now: 1483000000 }).ok).toBe(true);
    // ...while re-casing txTime after signing breaks the signature.
    const recased = signed.replace('5867d600', '5867D600');
    expect(verifyPushUrl(recased, 'abcdef', { now: 1483000000 })).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('accepts rtmps and webrtc push URLs, extra query parameters and any parameter order', () => {
    const [, query] = url().split('?');
    const [secret, time] = query.split('&');
    for (const candidate of [
      `rtmps://push.example.com/live/demo?${query}`,
      `webrtc://push.example.com/live/demo?${query}`,
      `rtmp://push.example.com/live/demo?${time}&foo=bar&${secret}`,
    ]) {
      expect(verifyPushUrl(candidate, KEY, { now: NOW }).ok).toBe(true);
    }
  });

  describe('refusal reasons', () => {
    it.each([
      ['not a URL', 'hello'],
      ['http scheme', url().replace('rtmp://', 'http://')],
      ['no app', 'rtmp://push.example.com/demo?txSecret=0&txTime=1'],
      ['three segments', url().replace('/live/', '/live/x/')],
      ['stream with a dot', url().replace('/demo?', '/de.mo?')],
      ['non-hex txTime', url().replace(/txTime=\w+/, 'txTime=XYZ')],
      ['txTime longer than 8 digits', url().replace(/txTime=(\w+)/, 'txTime=1$1')],
      ['repeated txSecret', url() + '&txSecret=abc'],
    ])('malformed: %s', (_name, candidate) => {
      expect(verifyPushUrl(candidate, KEY, { now: NOW })).toMatchObject({ ok: false, reason: 'malformed' });
    });

    it('malformed for a non-string url', () => {
      expect(verifyPushUrl(undefined as unknown as string, KEY)).toEqual({ ok: false, reason: 'malformed' });
    });

    it.each([
      ['no query', 'rtmp://push.example.com/live/demo'],
      ['no txSecret', url().replace(/txSecret=\w+&/, '')],
      ['no txTime', url().replace(/&txTime=\w+/, '')],
      ['empty txSecret', url().replace(/txSecret=\w+/, 'txSecret=')],
    ])('missing-signature: %s', (_name, candidate) => {
      expect(verifyPushUrl(candidate, KEY, { now: NOW })).toMatchObject({ ok: false, reason: 'missing-signature', stream: 'demo' });
    });

    it('expired: once the clock reaches txTime', () => {
      expect(verifyPushUrl(url(), KEY, { now: EXPIRY - 1 }).ok).toBe(true);
      expect(verifyPushUrl(url(), KEY, { now: EXPIRY })).toEqual({ ok: false, reason: 'expired', app: 'live', stream: 'demo' });
      expect(verifyPushUrl(url(), KEY, { now: new Date((EXPIRY + 86400) * 1000) })).toMatchObject({ reason: 'expired' });
    });

    it.each([
      ['another key', (u: string) => u, 'other-key'],
      ['another stream', (u: string) => u.replace('/demo?', '/demo2?'), KEY],
      ['a moved txTime', (u: string) => u.replace(/txTime=\w+/, 'txTime=7FFFFFFF'), KEY],
      ['one flipped digit', (u: string) => u.replace(/txSecret=(\w)/, (_m, c: string) => `txSecret=${c === 'a' ? 'b' : 'a'}`), KEY],
      ['an upper-case txSecret', (u: string) => u.replace(/txSecret=(\w+)/, (_m, s: string) => `txSecret=${s.toUpperCase()}`), KEY],
      ['a short txSecret', (u: string) => u.replace(/txSecret=\w+/, 'txSecret=abc'), KEY],
    ])('bad-signature: %s', (_name, edit, key) => {
      expect(verifyPushUrl(edit(url()), key, { now: NOW })).toMatchObject({ ok: false, reason: 'bad-signature' });
    });

    it('reports a forged URL as bad-signature even when its txTime is past', () => {
      const forged = url().replace(/txSecret=\w+/, 'txSecret=' + '0'.repeat(32));
      expect(verifyPushUrl(forged, KEY, { now: EXPIRY + 10 })).toMatchObject({ reason: 'bad-signature' });
    });

    it('has an English and a Chinese text for every reason', () => {
      for (const [en, zh] of Object.values(REFUSAL_TEXT)) {
        expect(en).toMatch(/\w/);
        expect(zh).toMatch(/[\u4e00-\u9fff]/);
      }
    });
  });

  it('compares the signature with crypto.timingSafeEqual', () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      verifyPushUrl(url(), KEY, { now: NOW });
      verifyPushUrl(url().replace(/txSecret=\w{4}/, 'txSecret=0000'), KEY, { now: NOW });
      expect(spy).toHaveBeenCalledTimes(2);
      const [given, expected] = spy.mock.calls[1] as unknown as [Buffer, Buffer];
      expect(given.length).toBe(32);
      expect(expected.length).toBe(32);
    } finally {
      spy.mockRestore();
    }
  });

  it('throws INVALID_ARGUMENT for an empty key or a bad clock, not a refusal', () => {
    for (const call of [() => verifyPushUrl(url(), ''), () => verifyPushUrl(url(), KEY, { now: Date.now() })]) {
      let caught: unknown;
      try {
        call();
      } catch (error) {
        caught = error;
      }
      expect(isPusherError(caught) && caught.code).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('verifyPushParts', () => {
  const query = (u: string): Record<string, string> => {
    const out: Record<string, string> = {};
    new URLSearchParams(u.split('?')[1]).forEach((value, name) => (out[name] = value));
    return out;
  };

  it('gives the same verdict as verifyPushUrl for parsed parts', () => {
    expect(verifyPushParts({ app: 'live', stream: 'demo', query: query(url()) }, KEY, { now: NOW })).toMatchObject({
      ok: true,
      stream: 'demo',
    });
    expect(verifyPushParts({ app: 'live', stream: 'other', query: query(url()) }, KEY, { now: NOW })).toMatchObject({
      reason: 'bad-signature',
    });
  });

  it('refuses repeated or nested values and bad names as malformed', () => {
    const q = query(url());
    expect(verifyPushParts({ app: 'live', stream: 'demo', query: { ...q, txTime: [q.txTime, q.txTime] } }, KEY, { now: NOW }).ok).toBe(
      false,
    );
    expect(verifyPushParts({ app: 'live', stream: 'demo', query: { ...q, txSecret: { a: 1 } } }, KEY, { now: NOW })).toMatchObject({
      reason: 'malformed',
    });
    expect(verifyPushParts({ app: 'li ve', stream: 'demo', query: q }, KEY, { now: NOW })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyPushParts({ app: 'live', stream: 'demo', query: null }, KEY, { now: NOW })).toMatchObject({ reason: 'missing-signature' });
  });
});
