/**
 * The player's policies in plain Node: resolvePlayerPolicies, playerQualityOf, the stall watch
 * and the src refresher on their own (a host written here), and every policy through the
 * player's controller on the fake native player and fake platform, with fake timers: reconnect,
 * background, screen and quality given the player's statuses.
 */
import { DEFAULT_PLAYER_POLICIES, playerQualityOf, resolvePlayerPolicies, srcPolicy, stallPolicy } from '../../../src/play/policies';
import type { PlayerPolicies, PlayerPolicyHost } from '../../../src/play/policies';
import { mapPlayerNetStatus, type PlayerNetStatus } from '../../../src/play/events';
import type { PlayStatus } from '../../../src/play/lifecycle';
import type { PusherError } from '../../../src/errors';
import { hasCjk } from '../helpers';
import { PLAY_URL, playerRig, rejection, settled, tick } from './rig';

beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-25T12:00:00Z') }));
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

/** A rig whose player plays (2004 arrived); the events of getting there are cleared. */
async function playing(options: Parameters<typeof playerRig>[0] = {}) {
  const r = playerRig(options);
  const played = settled(r.ctl.play());
  await tick(10);
  expect(played.error()).toBeUndefined();
  expect(r.ctl.status).toBe('playing');
  r.events.length = 0;
  return r;
}

/** A netstatus sample as the mapper reads it. */
const sample = (info: Record<string, unknown>): PlayerNetStatus => mapPlayerNetStatus({ info });

// ---------------------------------------------------------------------------------------------

describe('resolvePlayerPolicies', () => {
  it('gives the defaults for nothing given', () => {
    for (const input of [undefined, null, '', {}]) {
      expect(resolvePlayerPolicies(input)).toEqual({ policies: DEFAULT_PLAYER_POLICIES, problems: [] });
    }
  });

  it('reads every field: reconnect (off, on, partial), stallMs (ms, false, true), the three switches', () => {
    const base = resolvePlayerPolicies({ reconnect: false, stallMs: false, resumeOnShow: false, keepScreenOn: 'false', quality: false });
    expect(base).toEqual({
      policies: { reconnect: false, stallMs: false, resumeOnShow: false, keepScreenOn: false, quality: false },
      problems: [],
    });
    // Over that base: reconnect true brings the default series back, a partial one merges over it.
    const on = resolvePlayerPolicies(
      { reconnect: true, stallMs: true, resumeOnShow: 'true', keepScreenOn: true, quality: true },
      base.policies,
    );
    expect(on).toEqual({ policies: DEFAULT_PLAYER_POLICIES, problems: [] });
    const partial = resolvePlayerPolicies({ reconnect: { attempts: 3, capMs: '5000' }, stallMs: 2500 });
    expect(partial.problems).toEqual([]);
    expect(partial.policies).toEqual({ ...DEFAULT_PLAYER_POLICIES, reconnect: { attempts: 3, baseMs: 1000, capMs: 5000 }, stallMs: 2500 });
    expect(resolvePlayerPolicies({ reconnect: 'false', stallMs: 'false' }).policies).toMatchObject({ reconnect: false, stallMs: false });
    expect(resolvePlayerPolicies({ stallMs: 'true' }, base.policies).policies.stallMs).toBe(8000);
  });

  it.each([
    [{ stallMs: 999 }, 'policies.stallMs'],
    [{ stallMs: 'soon' }, 'policies.stallMs'],
    [{ reconnect: { attempts: 0 } }, 'policies.reconnect.attempts'],
    [{ reconnect: { baseMs: -1 } }, 'policies.reconnect.baseMs'],
    [{ reconnect: { capMs: 2 ** 40 } }, 'policies.reconnect.capMs'],
    [{ reconnect: { tries: 3 } }, 'policies.reconnect.tries'],
    [{ reconnect: 3 }, 'policies.reconnect'],
    [{ resumeOnShow: 'yes' }, 'policies.resumeOnShow'],
    [{ keepScreenOn: 1 }, 'policies.keepScreenOn'],
    [{ quality: [] }, 'policies.quality'],
    [{ waitingImageHash: true }, 'policies.waitingImageHash'], // the pusher's, not the player's
    ['fast', 'policies'],
    [[1], 'policies'],
  ] as [unknown, string][])('reports %p as a problem of %s in both languages, and keeps the base value', (input, attribute) => {
    const { policies, problems } = resolvePlayerPolicies(input);
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p.attribute).toBe(attribute);
    expect(p.message).toContain(attribute);
    expect(hasCjk(p.messageZh)).toBe(true);
    expect(p.advice.length).toBeGreaterThan(0);
    expect(hasCjk(p.adviceZh)).toBe(true);
    // Nothing valid was given besides: the settings stay the defaults (out-of-range numbers may be clamped into range).
    expect(Object.keys(policies).sort()).toEqual(Object.keys(DEFAULT_PLAYER_POLICIES).sort());
    expect(policies.resumeOnShow).toBe(true);
    expect(policies.keepScreenOn).toBe(true);
    expect(policies.quality).toBe(true);
  });

  it('never throws and always gives valid settings: 2,000 seeded inputs', () => {
    const seed = Number(process.env.FUZZ_SEED) || 20261207;
    let state = seed >>> 0;
    // mulberry32: a small seeded generator, so a failure is reproduced from its seed.
    const rand = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(values: readonly T[]): T => values[Math.floor(rand() * values.length)];
    const scalars: unknown[] = [
      undefined,
      null,
      '',
      true,
      false,
      'true',
      'false',
      0,
      -1,
      1,
      999,
      1000,
      8000,
      2 ** 31,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1.5,
      '2000',
      'abc',
      [],
      {},
      Symbol('s'),
      () => 1,
      BigInt(3),
    ];
    const keys = [
      'reconnect',
      'stallMs',
      'resumeOnShow',
      'keepScreenOn',
      'quality',
      'attempts',
      'baseMs',
      'capMs',
      'refreshUrlBeforeMs',
      '__proto__',
      'x',
    ];
    const value = (depth: number): unknown => {
      if (depth > 0 && rand() < 0.3) {
        const out: Record<string, unknown> = {};
        const n = Math.floor(rand() * 4);
        for (let i = 0; i < n; i++)
          Object.defineProperty(out, pick(keys), { value: value(depth - 1), enumerable: true, configurable: true, writable: true });
        return out;
      }
      return pick(scalars);
    };
    const checkMs = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= 2147483647;
    for (let round = 0; round < 2000; round++) {
      const input = value(2);
      const base = rand() < 0.5 ? DEFAULT_PLAYER_POLICIES : resolvePlayerPolicies({ reconnect: false, stallMs: false }).policies;
      let result: { policies: PlayerPolicies; problems: unknown[] };
      try {
        result = resolvePlayerPolicies(input, base);
      } catch (error) {
        throw new Error(`seed ${seed} round ${round}: resolvePlayerPolicies threw ${String(error)}`);
      }
      const { policies: p, problems } = result;
      const fail = (what: string) => {
        throw new Error(`seed ${seed} round ${round}: ${what} (policies ${JSON.stringify(p)})`);
      };
      if (p.reconnect !== false && !(checkMs(p.reconnect.attempts, 1) && checkMs(p.reconnect.baseMs, 1) && checkMs(p.reconnect.capMs, 1)))
        fail('reconnect invalid');
      if (p.stallMs !== false && !checkMs(p.stallMs, 1000)) fail('stallMs invalid');
      for (const key of ['resumeOnShow', 'keepScreenOn', 'quality'] as const) if (typeof p[key] !== 'boolean') fail(key + ' not a boolean');
      if (Object.keys(p).sort().join() !== 'keepScreenOn,quality,reconnect,resumeOnShow,stallMs') fail('unexpected keys');
      for (const problem of problems as { attribute: unknown; message: unknown; messageZh: unknown }[]) {
        if (typeof problem.attribute !== 'string' || !String(problem.attribute).startsWith('policies')) fail('problem without its field');
        if (typeof problem.message !== 'string' || !hasCjk(problem.messageZh)) fail('problem without both languages');
      }
    }
  });
});

describe('playerQualityOf', () => {
  it('reads netQualityLevel 1–6 as excellent … down', () => {
    const levels = [1, 2, 3, 4, 5, 6].map((level) => playerQualityOf(sample({ netQualityLevel: level, videoBitrate: 900, videoFPS: 25 })));
    expect(levels).toEqual([
      ['excellent', 'netQualityLevel'],
      ['good', 'netQualityLevel'],
      ['fair', 'netQualityLevel'],
      ['poor', 'netQualityLevel'],
      ['bad', 'netQualityLevel'],
      ['down', 'netQualityLevel'],
    ]);
  });

  it('falls back to the frame rate against 15 fps without a level (0, or out of 1–6)', () => {
    for (const netQualityLevel of [0, 7, -1]) {
      expect(playerQualityOf(sample({ netQualityLevel, videoBitrate: 900, audioBitrate: 48, videoFPS: 25 }))).toEqual([
        'excellent',
        'netstatus',
      ]);
      expect(playerQualityOf(sample({ netQualityLevel, videoBitrate: 900, audioBitrate: 48, videoFPS: 6 }))).toEqual(['fair', 'netstatus']);
      expect(playerQualityOf(sample({ netQualityLevel, videoBitrate: 0, audioBitrate: 0, videoFPS: 0 }))).toEqual(['down', 'netstatus']);
    }
    // Sound only (an audio stream): it arrives, with no frame rate to judge.
    expect(playerQualityOf(sample({ videoBitrate: 0, audioBitrate: 48, videoFPS: 0 }))).toEqual(['excellent', 'netstatus']);
    expect(playerQualityOf(sample({ videoBitrate: 900, audioBitrate: 0, videoFPS: 12 }))).toEqual(['excellent', 'netstatus']);
    expect(playerQualityOf(sample({ videoBitrate: 900, audioBitrate: 0, videoFPS: 9 }))).toEqual(['good', 'netstatus']);
    expect(playerQualityOf(sample({ videoBitrate: 900, audioBitrate: 0, videoFPS: 2 }))).toEqual(['bad', 'netstatus']);
    expect(playerQualityOf(sample({ videoBitrate: 900, audioBitrate: 0, videoFPS: 0 }))).toEqual(['down', 'netstatus']);
  });
});

// ---------------------------------------------------------------------------------------------

/** A player policy host written here: its status and policies set by the test, what it was asked recorded. */
function host(status: PlayStatus = 'playing', policies: Partial<PlayerPolicies> = {}) {
  const h = {
    status,
    policies: { ...DEFAULT_PLAYER_POLICIES, ...policies } as PlayerPolicies,
    src: PLAY_URL,
    stalls: [] as number[],
    patches: [] as string[],
    stalled() {
      h.stalls.push(Date.now());
    },
    patch(attrs: { src: string }) {
      h.patches.push(attrs.src);
      h.src = attrs.src;
    },
    waitFor<T>(call: () => T | Promise<T>): Promise<T> {
      return Promise.resolve().then(call);
    },
  };
  return h satisfies PlayerPolicyHost & Record<string, unknown>;
}

const TIMERS = {
  after$: (ms: number, fn: () => void) => setTimeout(fn, ms),
  clear$: (t: unknown) => clearTimeout(t as ReturnType<typeof setTimeout>),
};

const ZERO = sample({ videoBitrate: 0, audioBitrate: 0 });
const FLOWING = sample({ videoBitrate: 900, audioBitrate: 48, videoFPS: 25 });

describe('stall watch', () => {
  it('arms on a zero-bitrate sample while playing and asks for a restart once, stallMs later, however many samples come', async () => {
    const start = Date.now();
    const h = host('playing', { stallMs: 3000 });
    const policy = stallPolicy(h, TIMERS);
    for (let i = 0; i < 3; i++) {
      policy.onNet$!(ZERO);
      await tick(900);
    }
    expect(h.stalls).toEqual([]);
    await tick(300);
    expect(h.stalls).toEqual([start + 3000]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('disarms on a flowing sample while playing, but not while buffering (frames must come back first)', async () => {
    const h = host('playing', { stallMs: 3000 });
    const policy = stallPolicy(h, TIMERS);
    policy.onNet$!(ZERO);
    await tick(2000);
    policy.onNet$!(FLOWING);
    await tick(5000);
    expect(h.stalls).toEqual([]);
    h.status = 'buffering';
    policy.onStatus$!({ status: 'buffering' });
    await tick(2000);
    policy.onNet$!(FLOWING);
    await tick(1000);
    expect(h.stalls).toHaveLength(1);
  });

  it('arms on buffering and disarms on any other status', async () => {
    const h = host('buffering', { stallMs: 3000 });
    const policy = stallPolicy(h, TIMERS);
    policy.onStatus$!({ status: 'buffering' });
    await tick(2000);
    h.status = 'playing';
    policy.onStatus$!({ status: 'playing' });
    await tick(5000);
    expect(h.stalls).toEqual([]);
  });

  it('never arms outside playing and buffering, nor with stallMs false; turning it off disarms', async () => {
    for (const status of ['loading', 'reconnecting', 'paused', 'idle'] as PlayStatus[]) {
      const h = host(status, { stallMs: 1000 });
      stallPolicy(h, TIMERS).onNet$!(ZERO);
      expect(jest.getTimerCount()).toBe(0);
    }
    const off = host('playing', { stallMs: false });
    stallPolicy(off, TIMERS).onNet$!(ZERO);
    expect(jest.getTimerCount()).toBe(0);
    const h = host('playing', { stallMs: 1000 });
    const policy = stallPolicy(h, TIMERS);
    policy.onNet$!(ZERO);
    expect(jest.getTimerCount()).toBe(1);
    h.policies = { ...h.policies, stallMs: false };
    policy.onAttrs$!(undefined);
    expect(jest.getTimerCount()).toBe(0);
    policy.onNet$!(ZERO);
    policy.onStop$!(false);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('through the controller: a black screen restarts playback as a reconnect attempt with STALLED, once per stall', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const r = await playing();
    const zeros = setInterval(() => r.net({ videoBitrate: 0, audioBitrate: 0, videoFPS: 0 }), 1000);
    await tick(8999); // the first empty sample came at 1 s: the watch fires 8 s after it
    expect(r.ctl.status).toBe('playing');
    await tick(1);
    expect(r.ctl.status).toBe('reconnecting');
    expect(r.of('reconnect')).toHaveLength(0); // the first attempt waits its backoff
    await tick(1000);
    expect(r.of('reconnect')).toEqual([
      expect.objectContaining({ attempt: 1, delayMs: 1000, cause: expect.objectContaining({ code: 'STALLED' }) }),
    ]);
    expect(r.of('reconnect')[0].cause.message).toContain('8000');
    expect(hasCjk(r.of('reconnect')[0].cause.messageZh)).toBe(true);
    await tick(20);
    expect(r.ctl.status).toBe('playing');
    expect(r.device.methods()).toEqual(['play', 'stop', 'play']);
    clearInterval(zeros);
  });
});

describe('stall watch with the reconnect policy off', () => {
  it('fails playback with STALLED, reported once in both languages', async () => {
    const r = await playing();
    r.ctl.setPolicies({ reconnect: false, stallMs: 2000 });
    r.code(2007);
    await tick(1999);
    expect(r.ctl.status).toBe('buffering');
    await tick(1);
    expect(r.ctl.status).toBe('failed');
    expect(r.errors()).toEqual([expect.objectContaining({ code: 'STALLED', category: 'network' })]);
    expect(r.errors()[0].message).toContain('2000');
    expect(hasCjk(r.errors()[0].messageZh)).toBe(true);
    await tick(60000);
    expect(r.errors()).toHaveLength(1);
  });
});

describe('src refresher', () => {
  it('asks with the reason and the src on the tag, and puts a play URL on the tag', async () => {
    const h = host();
    const policy = srcPolicy(h);
    const asked: unknown[] = [];
    policy.set$((request) => (asked.push(request), PLAY_URL + '?sign=2'));
    expect(await policy.refresh$('restart')).toBeNull();
    expect(asked).toEqual([{ reason: 'restart', src: PLAY_URL }]);
    expect(h.patches).toEqual([PLAY_URL + '?sign=2']);
  });

  it('does nothing without a refresher', async () => {
    const h = host();
    const policy = srcPolicy(h);
    expect(policy.has$()).toBe(false);
    expect(await policy.refresh$('rejected')).toBeNull();
    expect(h.patches).toEqual([]);
  });

  it('refreshes at most 3 times in 5 minutes, then fails with URL_REFRESH_FAILED until the window passes', async () => {
    const h = host();
    const policy = srcPolicy(h);
    let n = 0;
    policy.set$(() => `${PLAY_URL}?sign=${++n}`);
    for (let i = 0; i < 3; i++) {
      expect(await policy.refresh$('restart')).toBeNull();
      await tick(60000);
    }
    const refused = await policy.refresh$('restart');
    expect(refused).toMatchObject({ code: 'URL_REFRESH_FAILED' });
    expect(refused!.message).toContain('3 refreshes in 5 min');
    expect(hasCjk(refused!.messageZh)).toBe(true);
    expect(n).toBe(3);
    await tick(121000); // the first refresh is over 5 minutes old now
    expect(await policy.refresh$('restart')).toBeNull();
    expect(n).toBe(4);
  });

  it('drops an answer that comes after stop()', async () => {
    const h = host();
    const policy = srcPolicy(h);
    let answer: (url: string) => void = () => undefined;
    policy.set$(() => new Promise<string>((resolve) => (answer = resolve)));
    const refreshed = policy.refresh$('restart');
    await tick(0);
    policy.onStop$!(false);
    answer(PLAY_URL + '?late=1');
    expect(await refreshed).toBeNull();
    expect(h.patches).toEqual([]);
  });

  it.each([['https://cdn.example.com/live/a.m3u8'], [''], [42], [null], [{ src: PLAY_URL }]])(
    'fails with URL_REFRESH_FAILED when the answer %p is not a play URL',
    async (answer) => {
      const h = host();
      const policy = srcPolicy(h);
      policy.set$(() => answer as string);
      const failed = await policy.refresh$('rejected');
      expect(failed).toMatchObject({ code: 'URL_REFRESH_FAILED' });
      expect(failed!.message).toContain('not a play URL');
      expect(h.patches).toEqual([]);
    },
  );

  it('fails with URL_REFRESH_FAILED when the refresher throws or rejects, naming why', async () => {
    const h = host();
    const policy = srcPolicy(h);
    policy.set$(() => {
      throw new Error('sign server down');
    });
    expect((await policy.refresh$('restart'))!.message).toContain('sign server down');
    policy.set$(() => Promise.reject({ errMsg: 'request:fail timeout' }));
    expect((await policy.refresh$('restart'))!.message).toContain('request:fail timeout');
    expect(h.patches).toEqual([]);
  });

  it('through the controller: -2302 asks for a new src (rejected) and plays it, spending no reconnect attempt', async () => {
    const r = await playing();
    r.ctl.configure({ timeouts: {}, policies: undefined, attributes: { src: PLAY_URL } });
    const asked: string[] = [];
    r.ctl.setSrcRefresher(({ reason }) => (asked.push(reason), PLAY_URL + '?sign=2'));
    r.code(-2302);
    expect(r.ctl.status).toBe('reconnecting');
    await tick(20);
    expect(asked).toEqual(['rejected']);
    expect(r.ctl.src).toBe(PLAY_URL + '?sign=2');
    expect(r.device.methods()).toEqual(['play', 'stop', 'play']);
    expect(r.ctl.status).toBe('playing');
    expect(r.of('reconnect')).toEqual([]);
    expect(r.errors()).toEqual([]);
  });

  it('through the controller: -2302 fails playback with URL_REFRESH_FAILED when the refresher cannot help, and play() asks again', async () => {
    const r = await playing();
    r.ctl.setSrcRefresher(() => 'not a url');
    r.code(-2302);
    await tick(20);
    expect(r.ctl.status).toBe('failed');
    expect(r.errors().map((e) => e.code)).toEqual(['URL_REFRESH_FAILED']);
    // A second -2302 while failed does not ask again; play() clears the refusal.
    await Promise.all([r.ctl.play(), tick(20)]);
    expect(r.ctl.status).toBe('playing');
  });

  it('through the controller: a refresh after -2302 that fails after `stop(); play()` leaves the later playback alone', async () => {
    const r = await playing();
    let fail: (error: unknown) => void = () => undefined;
    r.ctl.setSrcRefresher(() => new Promise<string>((_, reject) => (fail = reject)));
    r.code(-2302);
    await tick(5);
    await Promise.all([r.ctl.stop(), tick(5)]);
    const again = settled(r.ctl.play());
    await tick(10);
    expect(again.done() && again.error()).toBe(undefined);
    fail(new Error('sign server down'));
    await tick(10);
    expect(r.ctl.status).toBe('playing');
    expect(r.errors()).toEqual([]);
    expect(r.device.playing).toBe(true);
  });

  it('through the controller: a refresh after -2302 that succeeds after `stop(); play()` restarts nothing', async () => {
    const r = await playing();
    let answer: (url: string) => void = () => undefined;
    r.ctl.setSrcRefresher(() => new Promise<string>((resolve) => (answer = resolve)));
    r.code(-2302);
    await tick(5);
    await Promise.all([r.ctl.stop(), tick(5)]);
    await Promise.all([r.ctl.play(), tick(10)]);
    r.code(2103); // the later playback reconnects natively when the old answer comes
    answer(PLAY_URL + '?late=1');
    await tick(10);
    expect(r.device.methods()).toEqual(['play', 'stop', 'play']);
    expect(r.ctl.src).toBe('');
  });

  it('through the controller: stop() drops a refresh in flight; nothing is put on the tag or played', async () => {
    const r = await playing();
    let answer: (url: string) => void = () => undefined;
    r.ctl.setSrcRefresher(() => new Promise<string>((resolve) => (answer = resolve)));
    r.code(-2302);
    await tick(5);
    await Promise.all([r.ctl.stop(), tick(5)]);
    answer(PLAY_URL + '?late=1');
    await tick(100);
    expect(r.ctl.src).toBe('');
    expect(r.device.methods()).toEqual(['play', 'stop']);
    expect(r.ctl.status).toBe('stopped');
  });
});

// ---------------------------------------------------------------------------------------------

describe('reconnect, with the player’s statuses', () => {
  it('after -2301: reconnecting, one reconnect event, native stop then play, playing again', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const r = await playing();
    r.code(-2301);
    expect(r.ctl.status).toBe('reconnecting');
    await tick(999);
    expect(r.device.methods()).toEqual(['play']);
    await tick(1);
    expect(r.of('reconnect')).toEqual([
      expect.objectContaining({ attempt: 1, attempts: 6, delayMs: 1000, cause: expect.objectContaining({ nativeCode: -2301 }) }),
    ]);
    await tick(10);
    expect(r.device.methods()).toEqual(['play', 'stop', 'play']);
    expect(r.statuses()).toEqual(['reconnecting', 'playing']);
    expect(r.errors()).toEqual([]);
  });

  it('offline: spends no attempt during a 10-minute outage, and plays at once when the network returns', async () => {
    const r = await playing();
    r.offline();
    await tick(600000);
    expect(r.ctl.status).toBe('reconnecting');
    expect(r.of('reconnect')).toEqual([]);
    expect(r.device.plays).toBe(1);
    const back = Date.now();
    r.online();
    await tick(0);
    expect(r.of('reconnect')).toEqual([expect.objectContaining({ attempt: 1, delayMs: 0 })]);
    await tick(1);
    expect(r.device.calls.filter((c) => c.method === 'play').pop()!.at - back).toBeLessThanOrEqual(1);
    await tick(10);
    expect(r.ctl.status).toBe('playing');
    expect(r.device.playing).toBe(true);
  });

  it('the stream gone with the viewer online: attempts with backoff, then fails once with the -2301 that began it', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const r = await playing({ device: { retryMs: 100 } });
    r.ctl.setPolicies({ reconnect: { attempts: 2 } });
    r.device.streamGone();
    await tick(60000);
    expect(r.of('reconnect').map((e) => [e.attempt, e.delayMs])).toEqual([
      [1, 1000],
      [2, 2000],
    ]);
    expect(r.ctl.status).toBe('failed');
    expect(r.errors()).toEqual([expect.objectContaining({ code: 'STATE_-2301' })]);
    expect(r.device.plays).toBe(3);
  });

  it('the stream back during an attempt: playing again', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const r = await playing({ device: { retryMs: 100 } });
    r.device.streamGone();
    await tick(1500); // -2301 at ~400 ms, attempt 1 at ~1400 ms: it finds no stream and retries
    expect(r.ctl.status).toBe('reconnecting');
    r.device.streamBack();
    await tick(10);
    expect(r.ctl.status).toBe('playing');
  });

  it('starts a fresh series after 30 s of steady playing, and not before', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const r = await playing();
    r.code(-2301);
    await tick(1010);
    expect(r.ctl.status).toBe('playing');
    r.code(-2301);
    await tick(2010);
    expect(r.ctl.status).toBe('playing');
    await tick(30000);
    r.code(-2301);
    await tick(1010);
    expect(r.of('reconnect').map((e) => [e.attempt, e.delayMs])).toEqual([
      [1, 1000],
      [2, 2000],
      [1, 1000],
    ]);
  });

  it('keeps a pending play() pending through reconnects and settles it once, on playing', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const r = playerRig({ device: { retryMs: 100 } });
    r.device.streamGone(); // the broadcaster has not begun yet
    const played = settled(r.ctl.play());
    await tick(3000); // -2301 at ~400 ms, attempt 1 at ~1.4 s, -2301 again at ~1.8 s
    expect(r.ctl.status).toBe('reconnecting');
    expect(played.done()).toBe(false);
    expect(r.of('reconnect').length).toBeGreaterThanOrEqual(1);
    r.device.streamBack();
    await tick(4000);
    expect(played.done() && played.error()).toBe(undefined);
    expect(r.ctl.status).toBe('playing');
    expect(r.statuses().filter((s) => s === 'playing')).toHaveLength(1);
  });

  it('rejects a pending play() with the -2301 that began the series when the attempts run out', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const r = playerRig({ device: { retryMs: 100 } });
    r.ctl.setPolicies({ reconnect: { attempts: 1 } });
    r.device.streamGone();
    const error = rejection(r.ctl.play({ timeout: 60000 }));
    await tick(10000);
    expect(await error).toMatchObject({ code: 'STATE_-2301', nativeCode: -2301 });
    expect(r.ctl.status).toBe('failed');
    expect(r.device.plays).toBe(2);
    expect(r.errors()).toHaveLength(1);
  });

  it('is cancelled by stop(): no more native calls, no network listener', async () => {
    const r = await playing();
    r.code(-2301);
    await Promise.all([r.ctl.stop(), tick(5)]);
    await tick(60000);
    expect(r.device.methods()).toEqual(['play', 'stop']);
    expect(r.platform.listeners.size).toBe(0);
  });

  it('takes over a native reconnect that outlasts the start timeout', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const r = await playing({ startTimeout: 3000 });
    r.code(2103); // the native player says it reconnects, then falls silent
    expect(r.ctl.status).toBe('reconnecting');
    await tick(2999);
    expect(r.ctl.status).toBe('reconnecting');
    await tick(1);
    expect(r.of('reconnect')).toHaveLength(0); // the loss is taken over; attempt 1 waits its backoff
    await tick(1000);
    expect(r.of('reconnect')).toEqual([expect.objectContaining({ attempt: 1, cause: expect.objectContaining({ code: 'TIMEOUT' }) })]);
  });
});

describe('background, with the player’s statuses', () => {
  it('suspends on hide without a native call, and plays again from the live edge on show', async () => {
    const r = await playing();
    r.ctl.pageVisible(false);
    expect(r.ctl.status).toBe('suspended');
    await tick(60000);
    expect(r.device.methods()).toEqual(['play']);
    r.ctl.pageVisible(true);
    await tick(20);
    expect(r.device.methods()).toEqual(['play', 'stop', 'play']);
    expect(r.statuses()).toEqual(['suspended', 'loading', 'playing']);
  });

  it.each(['loading', 'buffering', 'reconnecting'])('suspends from %s too', async (status) => {
    const r = playerRig();
    if (status === 'loading') r.device.playCodes = [2001];
    void r.ctl.play().catch(() => undefined);
    await tick(10);
    if (status === 'buffering') r.code(2007);
    if (status === 'reconnecting') r.code(2103);
    expect(r.ctl.status).toBe(status);
    r.ctl.pageVisible(false);
    expect(r.ctl.status).toBe('suspended');
  });

  it('leaves a paused player paused: nothing to resume on show', async () => {
    const r = await playing();
    await Promise.all([r.ctl.pause(), tick(5)]);
    r.ctl.pageVisible(false);
    expect(r.ctl.status).toBe('paused');
    r.ctl.pageVisible(true);
    await tick(100);
    expect(r.ctl.status).toBe('paused');
    expect(r.device.methods()).toEqual(['play', 'pause']);
  });

  it('rejects a pending play with ABORTED when the page hides before it began', async () => {
    const r = playerRig();
    r.device.playCodes = [2001];
    const error = rejection(r.ctl.play());
    await tick(5);
    r.ctl.pageVisible(false);
    expect(await error).toMatchObject({ code: 'ABORTED' });
  });

  it('stays suspended on show with resumeOnShow off; play() leaves', async () => {
    const r = await playing();
    r.ctl.setPolicies({ resumeOnShow: false });
    r.ctl.pageVisible(false);
    r.ctl.pageVisible(true);
    await tick(100);
    expect(r.ctl.status).toBe('suspended');
    expect(r.device.methods()).toEqual(['play']);
    await Promise.all([r.ctl.play(), tick(20)]);
    expect(r.ctl.status).toBe('playing');
  });

  it('plays again when an audio interruption ends on a shown page', async () => {
    const r = await playing();
    r.ctl.signal('suspend', 'hide'); // the system took the audio, the page stayed on screen
    expect(r.ctl.status).toBe('suspended');
    r.platform.interruptionEnd();
    await tick(20);
    expect(r.ctl.status).toBe('playing');
    expect(r.platform.audioListeners.size).toBe(0);
  });

  it('keeps playing on hide after requestBackgroundPlayback(), suspends again after exitBackgroundPlayback()', async () => {
    const r = await playing();
    await Promise.all([r.ctl.requestBackgroundPlayback(), tick(5)]);
    r.ctl.pageVisible(false);
    expect(r.ctl.status).toBe('playing');
    r.ctl.pageVisible(true);
    await Promise.all([r.ctl.exitBackgroundPlayback(), tick(5)]);
    r.ctl.pageVisible(false);
    expect(r.ctl.status).toBe('suspended');
  });

  it('defers a reconnect attempt while hidden: show plays again', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const r = await playing();
    r.code(-2301);
    r.ctl.pageVisible(false);
    await tick(60000);
    expect(r.device.methods()).toEqual(['play']);
    r.ctl.pageVisible(true);
    await tick(20);
    expect(r.ctl.status).toBe('playing');
    expect(r.device.methods()).toEqual(['play', 'stop', 'play']);
  });
});

describe('keep the screen on, with the player’s statuses', () => {
  it('on while loading and playing, re-asserted every 20 s, off when paused and on stop', async () => {
    const r = await playing();
    expect(r.platform.screen).toEqual([true]);
    await tick(40000);
    expect(r.platform.screen).toEqual([true, true, true]);
    await Promise.all([r.ctl.pause(), tick(5)]);
    expect(r.platform.screen).toEqual([true, true, true, false]);
    await Promise.all([r.ctl.resume(), tick(5)]);
    await Promise.all([r.ctl.stop(), tick(5)]);
    expect(r.platform.screen).toEqual([true, true, true, false, true, false]);
  });

  it('stays on through buffering and reconnecting; off on hide, on again on show, off on failure and dispose', async () => {
    const r = await playing();
    r.code(2007);
    r.code(2103);
    expect(r.platform.screen).toEqual([true]);
    r.ctl.pageVisible(false);
    expect(r.platform.screen).toEqual([true, false]);
    r.ctl.pageVisible(true);
    await tick(20);
    expect(r.platform.screen).toEqual([true, false, true]);
    r.code(-2302);
    expect(r.platform.screen).toEqual([true, false, true, false]);
    await Promise.all([r.ctl.play(), tick(20)]);
    r.ctl.dispose();
    expect(r.platform.screen).toEqual([true, false, true, false, true, false]);
  });

  it('off (keepScreenOn: false): never touched', async () => {
    const r = playerRig();
    r.ctl.setPolicies({ keepScreenOn: false });
    await Promise.all([r.ctl.play(), tick(20)]);
    expect(r.platform.screen).toEqual([]);
  });
});

describe('quality, with the player’s codes', () => {
  const info = (netQualityLevel: number) => ({ netQualityLevel, videoBitrate: 900, audioBitrate: 48, videoFPS: 25 });

  it('uses netQualityLevel; a new level must hold for two samples', async () => {
    const r = await playing();
    r.net(info(1));
    expect(r.of('quality')).toEqual([]);
    r.net(info(1));
    r.net(info(3));
    r.net(info(1));
    r.net(info(3));
    r.net(info(3));
    expect(r.of('quality')).toEqual([
      { level: 'excellent', previous: null, source: 'netQualityLevel' },
      { level: 'fair', previous: 'excellent', source: 'netQualityLevel' },
    ]);
  });

  it.each([2103, -2301])('says down at once on %p, and only on a change', async (code) => {
    const r = await playing();
    r.net(info(2));
    r.net(info(2));
    r.code(code);
    r.code(code);
    expect(r.of('quality')).toEqual([
      { level: 'good', previous: null, source: 'netQualityLevel' },
      { level: 'down', previous: 'good', source: 'code' },
    ]);
  });

  it('is not down on the other warnings (3001–3005, 2007) nor on -2302', async () => {
    const r = await playing();
    for (const code of [3001, 3002, 3003, 3005, 2007, -2302]) r.code(code);
    expect(r.of('quality')).toEqual([]);
  });

  it('off (quality: false): no quality event', async () => {
    const r = await playing();
    r.ctl.setPolicies({ quality: false });
    for (let i = 0; i < 3; i++) r.net(info(4));
    r.code(2103);
    expect(r.of('quality')).toEqual([]);
  });
});

describe('dispose', () => {
  it('settles a pending play and a refresh in flight with NOT_READY, and leaves no timer, listener or screen lock', async () => {
    const r = await playing();
    r.ctl.setSrcRefresher(() => new Promise<string>(() => undefined));
    r.code(-2301);
    r.ctl.signal('suspend', 'hide');
    await tick(0);
    r.ctl.dispose();
    r.device.end();
    expect(jest.getTimerCount()).toBe(0);
    expect(r.platform.listeners.size + r.platform.audioListeners.size).toBe(0);
    expect(r.platform.screen[r.platform.screen.length - 1]).toBe(false);
    expect(await rejection<PusherError>(r.ctl.play())).toMatchObject({ code: 'NOT_READY' });
  });
});
