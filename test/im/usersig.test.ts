/**
 * UserSig on the server: `genUserSig` is byte-identical to Tencent's `tls-sig-api-v2` at the
 * same clock (seeded property test), `verifyUserSig` refuses with each reason, and the
 * `ts-pusher usersig` command follows the CLI's conventions.
 */
import crypto from 'crypto';
import { execFile } from 'child_process';
import { join, resolve } from 'path';
import { deflateSync, inflateSync } from 'zlib';
import fc from 'fast-check';
import { runCli, type CliIo } from '../../src/cli/run';
import { EXIT } from '../../src/cli/help';
import { isPusherError } from '../../src/index';
import { genUserSig, verifyUserSig, USERSIG_REFUSAL_TEXT, type UserSigFailureReason } from '../../src/server';

/** tls-sig-api-v2 1.0.2 ships no typings. */
const { Api } = require('tls-sig-api-v2') as {
  Api: new (
    sdkAppId: number,
    key: string,
  ) => {
    genUserSig(userId: string, expire: number): string;
    genPrivateMapKey(userId: string, expire: number, roomId: number, privileges: number): string;
  };
};

const APP = 1400000001;
const KEY = 'ts-pusher-im-test-key-7a41';
const FC_PARAMS = { seed: 20300101, numRuns: 200 } as const;
const NOW = Date.UTC(2030, 0, 1) / 1000;

/** The TLS document inside a UserSig. */
const docOf = (sig: string) =>
  JSON.parse(inflateSync(Buffer.from(sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64')).toString('utf8'));
/** A UserSig around any document (for forged and broken ones). */
const sigOf = (doc: unknown) =>
  deflateSync(Buffer.from(JSON.stringify(doc)))
    .toString('base64')
    .replace(/\+/g, '*')
    .replace(/\//g, '-')
    .replace(/=/g, '_');

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('genUserSig', () => {
  it('is byte-identical to tls-sig-api-v2 at the same clock, for any user, key and lifetime (seeded)', () => {
    jest.useFakeTimers();
    const userId = fc.stringMatching(/^[\x21-\x7e]{1,32}$/);
    const key = fc.oneof(fc.string({ minLength: 1, maxLength: 64 }), fc.constantFrom('密钥-秘密', 'k', KEY));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        key,
        userId,
        fc.integer({ min: 1, max: 10 * 365 * 86400 }),
        fc.integer({ min: 1e9, max: 2e9 }),
        (app, secret, user, expire, clock) => {
          jest.setSystemTime(clock * 1000 + 999);
          const theirs = new Api(app, secret).genUserSig(user, expire);
          expect(genUserSig({ sdkAppId: app, secretKey: secret, userId: user, expireSeconds: expire })).toBe(theirs);
          expect(genUserSig({ sdkAppId: app, secretKey: secret, userId: user, expireSeconds: expire, now: clock })).toBe(theirs);
        },
      ),
      FC_PARAMS,
    );
  });

  it('holds the TLS 2.0 fields, in the base64url alphabet Chat uses', () => {
    const sig = genUserSig({ sdkAppId: APP, secretKey: KEY, userId: 'host-1', expireSeconds: 600, now: NOW });
    expect(sig).toMatch(/^[A-Za-z0-9*_-]+$/);
    expect(docOf(sig)).toEqual({
      'TLS.ver': '2.0',
      'TLS.identifier': 'host-1',
      'TLS.sdkappid': APP,
      'TLS.time': NOW,
      'TLS.expire': 600,
      'TLS.sig': expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
    });
  });

  it.each([
    ['sdkAppId', { sdkAppId: 0 }],
    ['sdkAppId', { sdkAppId: '1400000001' }],
    ['secretKey', { secretKey: '' }],
    ['userId', { userId: 'has space' }],
    ['userId', { userId: 'x'.repeat(33) }],
    ['userId', { userId: '用户' }],
    ['expireSeconds', { expireSeconds: 0 }],
    ['expireSeconds', { expireSeconds: 1.5 }],
    ['now', { now: Date.now() }],
  ])('refuses a bad %s with a bilingual INVALID_ARGUMENT', (arg, bad) => {
    let thrown: unknown;
    try {
      genUserSig({ sdkAppId: APP, secretKey: KEY, userId: 'u', expireSeconds: 60, ...bad } as Parameters<typeof genUserSig>[0]);
    } catch (error) {
      thrown = error;
    }
    expect(isPusherError(thrown)).toBe(true);
    expect(thrown).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining(arg),
      messageZh: expect.stringContaining(arg),
    });
  });

  it('never shows the secret key in an error', () => {
    let thrown: { message: string; messageZh: string } | undefined;
    try {
      genUserSig({ sdkAppId: APP, secretKey: KEY, userId: '', expireSeconds: 60 });
    } catch (error) {
      thrown = error as typeof thrown;
    }
    expect(thrown && thrown.message + thrown.messageZh).not.toContain(KEY);
  });
});

describe('verifyUserSig', () => {
  const sig = genUserSig({ sdkAppId: APP, secretKey: KEY, userId: 'host-1', expireSeconds: 600, now: NOW });
  const verify = (s: string, options: Partial<Parameters<typeof verifyUserSig>[1]> = {}) =>
    verifyUserSig(s, { sdkAppId: APP, secretKey: KEY, now: NOW + 1, ...options });

  it('accepts its own and tls-sig-api-v2 UserSigs (also a PrivateMapKey) with the user and expiry', () => {
    expect(verify(sig, { userId: 'host-1' })).toEqual({ ok: true, userId: 'host-1', expiresAt: new Date((NOW + 600) * 1000) });
    jest.useFakeTimers({ now: NOW * 1000 });
    expect(verify(new Api(APP, KEY).genUserSig('viewer_9', 86400))).toMatchObject({ ok: true, userId: 'viewer_9' });
    expect(verify(new Api(APP, KEY).genPrivateMapKey('viewer_9', 86400, 42, 255))).toMatchObject({ ok: true, userId: 'viewer_9' });
  });

  const refusals: [UserSigFailureReason, string, Partial<Parameters<typeof verifyUserSig>[1]>][] = [
    ['malformed', 'not a sig at all!', {}],
    ['malformed', Buffer.from('not deflated').toString('base64'), {}],
    ['malformed', deflateSync(Buffer.from('not json')).toString('base64'), {}],
    ['malformed', sigOf({ ...docOf(sig), 'TLS.ver': '1.0' }), {}],
    ['malformed', sigOf({ ...docOf(sig), 'TLS.time': '1893456000' }), {}],
    ['malformed', sigOf(null), {}],
    ['bad-signature', genUserSig({ sdkAppId: APP, secretKey: 'another-key', userId: 'host-1', expireSeconds: 600, now: NOW }), {}],
    ['bad-signature', sigOf({ ...docOf(sig), 'TLS.identifier': 'admin' }), {}],
    ['bad-signature', sigOf({ ...docOf(sig), 'TLS.expire': 600000 }), {}],
    ['bad-signature', sigOf({ ...docOf(sig), 'TLS.sig': 'short' }), {}],
    ['expired', sig, { now: NOW + 600 }],
    ['wrong-app', sig, { sdkAppId: APP + 1 }],
    ['wrong-user', sig, { userId: 'host-2' }],
  ];

  it.each(refusals)('refuses with %s', (reason, candidate, options) => {
    expect(verify(candidate, options)).toEqual({ ok: false, reason });
  });

  it('checks the signature before the expiry, the app and the user: a forgery is never "merely expired"', () => {
    const forged = genUserSig({ sdkAppId: APP + 1, secretKey: 'another-key', userId: 'x', expireSeconds: 1, now: NOW - 100 });
    expect(verify(forged, { userId: 'host-1' })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('compares the signature with crypto.timingSafeEqual', () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    verify(sig);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('has a bilingual text for every reason', () => {
    for (const [reason] of refusals) {
      const [en, zh] = USERSIG_REFUSAL_TEXT[reason];
      expect(en.length).toBeGreaterThan(5);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('refuses bad options with INVALID_ARGUMENT, not as a refusal', () => {
    expect(() => verifyUserSig(sig, { sdkAppId: APP, secretKey: '' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => verifyUserSig(sig, { sdkAppId: -1, secretKey: KEY })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('ts-pusher usersig', () => {
  async function cli(argv: string[], env: Record<string, string> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      env,
      untilStopped: () => new Promise(() => undefined),
    };
    const code = await runCli(argv, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('prints the UserSig genUserSig makes at this clock, which verifies for the user', async () => {
    jest.useFakeTimers({ now: NOW * 1000 });
    const { code, out, err } = await cli(['usersig', '--sdk-app-id', String(APP), '--user', 'host-1', '--key', KEY, '--ttl', '3600']);
    expect({ code, err }).toEqual({ code: EXIT.OK, err: '' });
    expect(out).toBe(new Api(APP, KEY).genUserSig('host-1', 3600));
    expect(verifyUserSig(out, { sdkAppId: APP, secretKey: KEY, userId: 'host-1', now: NOW })).toMatchObject({
      ok: true,
      expiresAt: new Date((NOW + 3600) * 1000),
    });
  });

  it('takes the key from TS_PUSHER_IM_KEY (never from the push key TS_PUSHER_KEY), lives a day by default, and prints JSON', async () => {
    jest.useFakeTimers({ now: NOW * 1000 });
    const { code, out } = await cli(['usersig', '--sdk-app-id', String(APP), '--user', 'host-1', '--json'], { TS_PUSHER_IM_KEY: KEY });
    expect(code).toBe(EXIT.OK);
    const json = JSON.parse(out);
    expect(json).toEqual({
      userSig: new Api(APP, KEY).genUserSig('host-1', 86400),
      sdkAppId: APP,
      userId: 'host-1',
      expireSeconds: 86400,
      expiresAt: new Date((NOW + 86400) * 1000).toISOString(),
    });
    const pushKeyOnly = await cli(['usersig', '--sdk-app-id', String(APP), '--user', 'host-1'], { TS_PUSHER_KEY: KEY });
    expect(pushKeyOnly.code).toBe(EXIT.USAGE);
    expect(pushKeyOnly.err).toContain('--key');
  });

  it.each([
    [['--user', 'u', '--key', KEY], '--sdk-app-id'],
    [['--sdk-app-id', 'abc', '--user', 'u', '--key', KEY], '--sdk-app-id'],
    [['--sdk-app-id', String(APP), '--key', KEY], '--user'],
    [['--sdk-app-id', String(APP), '--user', 'a b', '--key', KEY], '--user'],
    [['--sdk-app-id', String(APP), '--user', 'u', '--key', KEY, '--ttl', '0'], '--ttl'],
    [['--sdk-app-id', String(APP), '--user', 'u', '--key', KEY, '--domain', 'x'], 'option'],
  ])('exits 2 on %j naming %s, in English and Chinese', async (argv, named) => {
    const { code, err } = await cli(['usersig', ...argv]);
    expect(code).toBe(EXIT.USAGE);
    expect(err).toMatch(/^error: /m);
    expect(err).toMatch(/^错误：/m);
    expect(err).toContain(named);
    expect(err).toContain('See: ts-pusher usersig --help');
    expect(err).not.toContain(KEY);
  });

  it('reports every usage problem of the run at once, as one JSON object with --json', async () => {
    const { code, out } = await cli(['usersig', '--sdk-app-id', '0', '--ttl', 'soon', '--json']);
    expect(code).toBe(EXIT.USAGE);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      ok: false,
      exitCode: 2,
      error: { code: 'INVALID_ARGUMENT', messageZh: expect.any(String), advice: expect.any(String) },
    });
    const named = (json.problems as { message: string }[]).map((p) => /(--[a-z-]+)/.exec(p.message)?.[1]);
    expect(named.sort()).toEqual(['--key', '--sdk-app-id', '--ttl', '--user']);
  });

  it('has --help, and the overview lists it', async () => {
    const help = await cli(['usersig', '--help']);
    expect(help.code).toBe(EXIT.OK);
    expect(help.out).toContain('Usage: ts-pusher usersig --sdk-app-id N --user ID');
    expect(help.out).toContain('TS_PUSHER_IM_KEY');
    expect((await cli(['--help'])).out).toMatch(/^ {2}usersig /m);
  });

  it('runs as the built bin', async () => {
    const bin = join(resolve(__dirname, '../..'), 'dist/cli/bin.js');
    const env = { ...process.env, TS_PUSHER_IM_KEY: KEY };
    const result = await new Promise<{ code: number; out: string }>((done) => {
      execFile(
        process.execPath,
        [bin, 'usersig', '--sdk-app-id', String(APP), '--user', 'host-1', '--ttl', '60'],
        { env, timeout: 20000 },
        (error, stdout) => done({ code: error ? Number(error.code) : 0, out: stdout.trim() }),
      );
    });
    expect(result.code).toBe(0);
    expect(verifyUserSig(result.out, { sdkAppId: APP, secretKey: KEY, userId: 'host-1' })).toMatchObject({ ok: true });
  }, 30000);
});
