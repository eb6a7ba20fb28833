/**
 * The player's controller in plain Node, on the fake native player with fake timers: the status
 * table driven by codes, the promise facade and its ordering rules (one native call at a time,
 * the status moving when a play is issued or a stop/pause/resume succeeded, codes during those
 * applied after), `configure()`, `setPolicies`, `setSrcRefresher` and dispose.
 */
import { PLAYER_METHODS, type PlayerMethods } from '../../../src/play/controller';
import { DEFAULT_PLAYER_POLICIES } from '../../../src/play/policies';
import { hasCjk } from '../helpers';
import { PLAY_URL, playerRig, rejection, settled, tick, type PlayerRig } from './rig';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** A rig whose player plays (2004 arrived); the events of getting there are cleared. */
async function playing(options: Parameters<typeof playerRig>[0] = {}): Promise<PlayerRig> {
  const r = playerRig(options);
  const played = settled(r.ctl.play());
  await tick(10);
  expect(played.done() && played.error()).toBe(undefined);
  expect(r.ctl.status).toBe('playing');
  r.events.length = 0;
  return r;
}

describe('play(): the status follows the native player', () => {
  it('moves to loading when the native play is issued and resolves on 2004, reporting each status', async () => {
    const r = playerRig();
    const played = settled(r.ctl.play());
    await tick(0);
    expect(r.device.methods()).toEqual(['play']);
    expect(r.ctl.status).toBe('loading'); // issued, not answered yet
    await tick(1);
    expect(played.done()).toBe(false); // answered; 2001 next
    await tick(4);
    expect(played.done()).toBe(true);
    expect(played.error()).toBeUndefined();
    expect(r.changes()).toEqual([
      { status: 'loading', previous: 'idle', cause: 'play' },
      { status: 'playing', previous: 'loading', cause: 2004 },
    ]);
  });

  it('counts the first netstatus with a bitrate as playing when 2004 never comes', async () => {
    const r = playerRig();
    r.device.playCodes = [2001, 2002];
    const played = settled(r.ctl.play());
    await tick(10);
    r.net({ videoBitrate: 0, audioBitrate: 0 });
    expect(r.ctl.status).toBe('loading');
    r.net({ videoBitrate: 700, audioBitrate: 0 });
    await tick(0);
    expect(played.done() && played.error()).toBe(undefined);
    expect(r.changes().pop()).toEqual({ status: 'playing', previous: 'loading', cause: 'netstatus' });
  });

  it('plays again from the live edge after a pause: native stop, then play', async () => {
    const r = await playing();
    await Promise.all([r.ctl.pause(), tick(5)]);
    expect(r.ctl.status).toBe('paused');
    await Promise.all([r.ctl.play(), tick(10)]);
    expect(r.device.methods()).toEqual(['play', 'pause', 'stop', 'play']);
    expect(r.ctl.status).toBe('playing');
  });

  it('refuses play() while playing and while a play is pending, naming the status', async () => {
    const r = playerRig();
    const first = r.ctl.play();
    expect(await rejection(r.ctl.play())).toMatchObject({ code: 'INVALID_STATE' });
    await Promise.all([first, tick(10)]);
    const error = await rejection(r.ctl.play());
    expect(error).toMatchObject({ code: 'INVALID_STATE' });
    expect(error.message).toContain('playing');
    expect(r.device.plays).toBe(1);
  });
});

describe('the status table, driven by native codes', () => {
  const FROM_PLAYING: [number[], string][] = [
    [[2007], 'buffering'],
    [[2103], 'reconnecting'],
    [[3001], 'reconnecting'],
    [[3002], 'reconnecting'],
    [[3003], 'reconnecting'],
    [[3005], 'reconnecting'],
    [[2006], 'ended'],
    [[-2301], 'reconnecting'], // the reconnect policy takes the loss over
    [[-2302], 'failed'],
    [[2001], 'playing'],
    [[2002], 'playing'],
    [[2007, 2004], 'playing'],
    [[2007, 2032], 'playing'],
    [[2103, 2004], 'playing'],
  ];
  it.each(FROM_PLAYING)('playing, then %p: %s', async (codes, status) => {
    const r = await playing();
    for (const code of codes) r.code(code);
    expect(r.ctl.status).toBe(status);
  });

  it('2001 and 2002 start a playback the app did not start (autoplay), 2004 and 2032 begin it', async () => {
    for (const [codes, statuses] of [
      [
        [2001, 2004],
        ['loading', 'playing'],
      ],
      [
        [2002, 2032],
        ['loading', 'playing'],
      ],
      [[2004], ['playing']],
    ] as [number[], string[]][]) {
      const r = playerRig();
      for (const code of codes) r.code(code);
      expect(r.statuses()).toEqual(statuses);
    }
  });

  it('-2301 with the reconnect policy off fails playback and reports the code once', async () => {
    const r = await playing();
    r.ctl.setPolicies({ reconnect: false });
    r.code(-2301);
    expect(r.ctl.status).toBe('failed');
    expect(r.errors()).toEqual([expect.objectContaining({ code: 'STATE_-2301', nativeCode: -2301 })]);
  });

  it('-2302 fails a pending play with the code, in both languages', async () => {
    const r = playerRig();
    r.device.playCodes = [2001, -2302];
    const error = rejection(r.ctl.play());
    await tick(10);
    const e = await error;
    expect(e).toMatchObject({ code: 'STATE_-2302', nativeCode: -2302 });
    expect(hasCjk(e.messageZh)).toBe(true);
    expect(r.ctl.status).toBe('failed');
    expect(r.errors()).toHaveLength(1);
  });

  it('2006 ends playback; a pending play rejects ABORTED', async () => {
    const r = playerRig();
    r.device.playCodes = [2001, 2006];
    const error = rejection(r.ctl.play());
    await tick(10);
    expect(await error).toMatchObject({ code: 'ABORTED' });
    expect(r.ctl.status).toBe('ended');
  });

  it.each([2027, 2029, 6000])('unknown code %p changes nothing and never throws, in any status', async (code) => {
    const r = playerRig();
    expect(() => r.code(code)).not.toThrow();
    expect(r.ctl.status).toBe('idle');
    const p = await playing();
    expect(() => p.code(code)).not.toThrow();
    expect(p.ctl.status).toBe('playing');
    expect(p.of('statechange')).toEqual([expect.objectContaining({ kind: 'unknown', code })]);
    expect(p.statuses()).toEqual([]);
    expect(p.errors()).toEqual([]);
  });

  it('maps warnings to a warning event as well as statechange', async () => {
    const r = await playing();
    r.code(2103);
    expect(r.of('warning').map((w) => w.code)).toEqual([2103]);
    expect(r.of('statechange').map((e) => e.code)).toEqual([2103]);
  });
});

describe('one native call at a time; codes during stop/pause/resume applied after', () => {
  it('never has two native calls in flight, whatever the page calls at once', async () => {
    const r = await playing();
    const calls = [
      r.ctl.mute(),
      r.ctl.snapshot(),
      r.ctl.pause(),
      r.ctl.requestFullScreen({ direction: 90 }),
      r.ctl.resume(),
      r.ctl.exitFullScreen(),
    ];
    await tick(50);
    await Promise.all(calls);
    expect(r.device.maxInFlight).toBe(1);
    expect(r.device.methods().slice(1)).toEqual(['mute', 'snapshot', 'pause', 'requestFullScreen', 'resume', 'exitFullScreen']);
  });

  it('pause() moves the status only when the native pause succeeded; a 2103 during it is applied after (paused has no retry)', async () => {
    const r = await playing();
    r.device.answers.pause = { after: 20 };
    const paused = settled(r.ctl.pause());
    await tick(5);
    expect(r.ctl.status).toBe('playing');
    r.code(2103);
    expect(r.ctl.status).toBe('playing');
    await tick(20);
    expect(paused.done() && paused.error()).toBe(undefined);
    expect(r.ctl.status).toBe('paused');
    expect(r.statuses()).toEqual(['paused']);
  });

  it('resume(): a 2007 arriving during it is applied after it, in arrival order', async () => {
    const r = await playing();
    await Promise.all([r.ctl.pause(), tick(5)]);
    r.device.answers.resume = { after: 20 };
    const resumed = settled(r.ctl.resume());
    await tick(5);
    r.code(2007);
    expect(r.ctl.status).toBe('paused');
    await tick(20);
    expect(resumed.error()).toBeUndefined();
    // Then the frames the resumed native player sends again (2004) end the buffering.
    expect(r.statuses()).toEqual(['paused', 'playing', 'buffering', 'playing']);
  });

  it('stop(): a 2004 arriving during it is applied after it and moves nothing (stopped)', async () => {
    const r = await playing();
    r.device.answers.stop = { after: 20 };
    const stopped = settled(r.ctl.stop());
    await tick(5);
    r.code(2004);
    expect(r.ctl.status).toBe('playing');
    await tick(20);
    expect(stopped.done() && stopped.error()).toBe(undefined);
    expect(r.statuses()).toEqual(['stopped']);
    expect(r.device.playing).toBe(false);
  });

  it('a failed pause leaves the status, and a -2302 that came during it is applied after the failure', async () => {
    const r = await playing();
    r.device.answers.pause = { fail: 'busy', after: 20 };
    const error = rejection(r.ctl.pause());
    await tick(5);
    r.code(-2302);
    expect(r.ctl.status).toBe('playing');
    await tick(20);
    expect(await error).toMatchObject({ code: 'NATIVE_FAIL' });
    expect(r.statuses()).toEqual(['failed']);
  });

  it('refuses pause while idle and resume while playing with INVALID_STATE naming the status', async () => {
    const r = playerRig();
    const e1 = await rejection(r.ctl.pause());
    expect(e1).toMatchObject({ code: 'INVALID_STATE' });
    expect(e1.message).toContain('idle');
    const p = await playing();
    const e2 = await rejection(p.ctl.resume());
    expect(e2.message).toContain('playing');
    expect(p.device.methods()).toEqual(['play']);
  });
});

describe("play's timeout and the clean-up stop", () => {
  it('rejects TIMEOUT and fails when playback does not begin in time, then stops the native player', async () => {
    const r = playerRig();
    r.device.playCodes = [2001, 2002];
    const error = rejection(r.ctl.play({ timeout: 50 }));
    await tick(49);
    expect(r.ctl.status).toBe('loading');
    await tick(1);
    expect(await error).toMatchObject({ code: 'TIMEOUT' });
    expect(r.ctl.status).toBe('failed');
    await tick(5);
    expect(r.device.methods()).toEqual(['play', 'stop']);
    expect(r.device.playing).toBe(false);
  });

  it('sends the clean-up stop only after the hanging native play timed out, never overlapping it', async () => {
    const r = playerRig({ callTimeout: 80 });
    r.device.answers.play = 'hang';
    const error = rejection(r.ctl.play({ timeout: 20 }));
    await tick(20);
    expect(await error).toMatchObject({ code: 'TIMEOUT' });
    expect(r.device.methods()).toEqual(['play']);
    await tick(70);
    expect(r.device.methods()).toEqual(['play', 'stop']);
    expect(r.device.calls[1].at - r.device.calls[0].at).toBeGreaterThanOrEqual(80);
  });

  it('stops a native play that succeeds after the library gave up exactly once', async () => {
    const r = playerRig({ callTimeout: 200 });
    r.device.answers.play = { after: 40 };
    const error = rejection(r.ctl.play({ timeout: 20 }));
    await tick(100);
    expect(await error).toMatchObject({ code: 'TIMEOUT' });
    expect(r.device.methods()).toEqual(['play', 'stop']);
    expect(r.device.maxInFlight).toBe(1);
    expect(r.device.playing).toBe(false);
    expect(r.statuses()).toEqual(['loading', 'failed']);
  });

  it('stops a native play that succeeds after a -2302 failed it, once', async () => {
    const r = playerRig({ callTimeout: 200 });
    r.device.answers.play = { after: 40 };
    const error = rejection(r.ctl.play());
    await tick(10);
    r.code(-2302);
    await tick(100);
    expect(await error).toMatchObject({ code: 'STATE_-2302' });
    expect(r.device.methods()).toEqual(['play', 'stop']);
    expect(r.device.playing).toBe(false);
  });

  it('refuses a timeout setTimeout cannot hold, and one below 1 ms, without a native call', async () => {
    const r = playerRig();
    for (const timeout of [2 ** 31, 0, -5, Number.NaN, '100' as never]) {
      expect(await rejection(r.ctl.play({ timeout }))).toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    await tick(10);
    expect(r.device.methods()).toEqual([]);
    expect(r.ctl.status).toBe('idle');
  });
});

describe('stop() aborts only the plays made before it', () => {
  it('rejects a pending play with ABORTED; nothing reaches the device when it had not yet', async () => {
    const r = playerRig({ context: 'later' });
    const error = rejection(r.ctl.play());
    const stopped = r.ctl.stop();
    r.ready();
    await tick(10);
    expect(await error).toMatchObject({ code: 'ABORTED' });
    await stopped;
    expect(r.device.methods()).toEqual([]);
    expect(r.ctl.status).toBe('idle');
  });

  it('`stop(); play()` in one tick keeps the later play', async () => {
    const r = playerRig();
    const first = rejection(r.ctl.play());
    const stopped = settled(r.ctl.stop());
    const second = settled(r.ctl.play());
    await tick(20);
    expect(await first).toMatchObject({ code: 'ABORTED' });
    expect(stopped.error()).toBeUndefined();
    expect(second.done() && second.error()).toBe(undefined);
    expect(r.ctl.status).toBe('playing');
    expect(r.device.playing).toBe(true);
  });

  it('`stop(); play()` from ended plays again after the stop', async () => {
    const r = await playing();
    r.code(2006);
    expect(r.ctl.status).toBe('ended');
    const stopped = settled(r.ctl.stop());
    const again = settled(r.ctl.play());
    await tick(20);
    expect(stopped.error()).toBeUndefined();
    expect(again.done() && again.error()).toBe(undefined);
    expect(r.statuses()).toEqual(['ended', 'stopped', 'loading', 'playing']);
    expect(r.device.playing).toBe(true);
  });

  it('play() after stop() while reconnecting starts a fresh series and plays', async () => {
    const r = await playing();
    r.code(-2301);
    expect(r.ctl.status).toBe('reconnecting');
    await Promise.all([r.ctl.stop(), tick(5)]);
    expect(r.ctl.status).toBe('stopped');
    await tick(60000);
    expect(r.device.plays).toBe(1); // no policy restart after the page's stop()
    await Promise.all([r.ctl.play(), tick(10)]);
    expect(r.ctl.status).toBe('playing');
  });
});

describe('the player’s own methods', () => {
  it('requestFullScreen() takes 0, 90 or -90 and refuses anything else before any native call', async () => {
    const r = await playing();
    for (const direction of [45, '90', null, 180]) {
      const error = await rejection(r.ctl.requestFullScreen({ direction: direction as never }));
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect(error.message).toContain('direction');
      expect(hasCjk(error.messageZh)).toBe(true);
    }
    expect(r.device.methods()).toEqual(['play']);
    await Promise.all([r.ctl.requestFullScreen({ direction: -90 }), tick(5)]);
    expect(r.device.calls[1]).toMatchObject({ method: 'requestFullScreen', options: expect.objectContaining({ direction: -90 }) });
  });

  it('snapshot() resolves with the image the native player gave', async () => {
    const r = await playing({ device: { results: { snapshot: { tempImagePath: 'wxfile://tmp/s.jpg', width: 360, height: 640 } } } });
    const shot = settled(r.ctl.snapshot());
    await tick(5);
    expect(shot.value()).toEqual({ tempImagePath: 'wxfile://tmp/s.jpg', width: 360, height: 640 });
  });

  it('rejects UNSUPPORTED for a method the base library lacks, and the queue goes on', async () => {
    const r = await playing({ device: { missing: ['startCasting'] } });
    expect(await rejection(r.ctl.startCasting())).toMatchObject({ code: 'UNSUPPORTED' });
    await Promise.all([r.ctl.mute(), tick(5)]);
    expect(r.device.methods()).toEqual(['play', 'mute']);
  });

  it('play() before the tag is ready waits for it, then plays', async () => {
    const r = playerRig({ context: 'later' });
    const played = settled(r.ctl.play());
    await tick(100);
    expect(r.device.methods()).toEqual([]);
    expect(r.ctl.status).toBe('idle');
    r.ready();
    await tick(10);
    expect(played.done() && played.error()).toBe(undefined);
    expect(r.ctl.status).toBe('playing');
  });

  it('rejects NOT_READY after the call timeout when the tag never comes, and leaves the status alone', async () => {
    const r = playerRig({ context: 'later', callTimeout: 300 });
    const error = rejection(r.ctl.play());
    await tick(300);
    expect(await error).toMatchObject({ code: 'NOT_READY' });
    expect(r.ctl.status).toBe('idle');
    expect(r.errors()).toEqual([]);
  });
});

describe('configure()', () => {
  const input = (attributes: Record<string, unknown> = {}, policies: unknown = undefined, timeouts: Record<string, unknown> = {}) => ({
    timeouts,
    policies,
    attributes,
  });

  it('renders only the attributes that changed, and reports bad values without throwing', async () => {
    const r = playerRig();
    expect(r.ctl.configure(input({ src: PLAY_URL, muted: true }))).toEqual([]);
    expect(r.renders).toEqual([{ src: PLAY_URL, muted: true }]);
    expect(r.ctl.configure(input({ src: PLAY_URL, muted: true }))).toEqual([]);
    expect(r.renders).toHaveLength(1);
    const problems = r.ctl.configure(input({ src: 'https://example.com/a.m3u8', muted: false }));
    expect(problems.map((p) => [p.code, p.attribute])).toEqual([['INVALID_URL', 'src']]);
    expect(hasCjk(problems[0].messageZh)).toBe(true);
    // The bad src falls back to the default ''; muted changes back.
    expect(r.renders[1]).toEqual({ src: '', muted: false });
    expect(r.ctl.attrs.src).toBe('');
  });

  it('applies the timeouts: a start-timeout of 40 bounds the next play', async () => {
    const r = playerRig();
    r.device.playCodes = [2001];
    expect(r.ctl.configure(input({}, undefined, { startTimeout: 40, callTimeout: '' }))).toEqual([]);
    const error = rejection(r.ctl.play());
    await tick(41);
    expect(await error).toMatchObject({ code: 'TIMEOUT' });
    const problems = r.ctl.configure(input({}, undefined, { startTimeout: -1 }));
    expect(problems.map((p) => p.attribute)).toEqual(['startTimeout']);
  });

  it('applies the policies only when they changed: a setPolicies() in between is not undone by the same property', async () => {
    const r = playerRig();
    r.ctl.configure(input({}, { stallMs: 2000 }));
    expect(r.ctl.policies.stallMs).toBe(2000);
    r.ctl.setPolicies({ stallMs: 3000 });
    r.ctl.configure(input({}, { stallMs: 2000 }));
    expect(r.ctl.policies.stallMs).toBe(3000);
    const problems = r.ctl.configure(input({}, { stallMs: 4000, nope: 1 }));
    expect(r.ctl.policies.stallMs).toBe(4000);
    expect(problems.map((p) => [p.code, p.attribute])).toEqual([['UNKNOWN_ATTRIBUTE', 'policies.nope']]);
  });

  it('keeps a refreshed src on the tag until the page changes its own', async () => {
    const r = await playing();
    r.ctl.configure(input({ src: PLAY_URL }));
    const fresh = PLAY_URL + '?sign=2';
    r.ctl.setSrcRefresher(() => fresh);
    r.offline();
    await tick(10000); // 2103 ×3, -2301: the policy waits for the network
    r.online();
    await tick(20);
    expect(r.ctl.src).toBe(fresh);
    expect(r.renders.pop()).toEqual({ src: fresh });
    const rendered = r.renders.length;
    // The page re-renders with its own, unchanged src: the refreshed one stays.
    r.ctl.configure(input({ src: PLAY_URL, muted: false }));
    expect(r.ctl.src).toBe(fresh);
    expect(r.renders).toHaveLength(rendered);
    // The page changes its src: its own wins.
    const other = 'rtmp://play.example.com/live/stream2';
    r.ctl.configure(input({ src: other }));
    expect(r.ctl.src).toBe(other);
    expect(r.renders.pop()).toEqual({ src: other });
  });
});

describe('setPolicies()', () => {
  it('merges over the current settings', () => {
    const r = playerRig();
    r.ctl.setPolicies({ reconnect: { attempts: 2 } });
    r.ctl.setPolicies({ quality: false });
    expect(r.ctl.policies).toEqual({ ...DEFAULT_PLAYER_POLICIES, reconnect: { attempts: 2, baseMs: 1000, capMs: 30000 }, quality: false });
  });

  it('throws INVALID_ARGUMENT naming each bad field, in both languages, and changes nothing', () => {
    const r = playerRig();
    const before = r.ctl.policies;
    let thrown: unknown;
    try {
      r.ctl.setPolicies({ stallMs: 5, reconnect: { attempts: 0 }, keepScreenOn: 'yes', quality: false });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'INVALID_ARGUMENT' });
    const e = thrown as { message: string; messageZh: string };
    for (const name of ['policies.stallMs', 'policies.reconnect.attempts', 'policies.keepScreenOn']) {
      expect(e.message).toContain(name);
      expect(e.messageZh).toContain(name);
    }
    expect(hasCjk(e.messageZh)).toBe(true);
    expect(r.ctl.policies).toBe(before); // quality: false, a good value, was not applied either
  });

  it('stallMs: false turns the watch off; true brings the default back', () => {
    const r = playerRig();
    expect(r.ctl.setPolicies({ stallMs: false }).stallMs).toBe(false);
    expect(r.ctl.setPolicies({ stallMs: true }).stallMs).toBe(8000);
    expect(r.ctl.setPolicies({ stallMs: 'false' as never }).stallMs).toBe(false);
  });
});

describe('setSrcRefresher()', () => {
  it('takes a function or null, and throws INVALID_ARGUMENT in both languages otherwise', () => {
    const r = playerRig();
    expect(() => r.ctl.setSrcRefresher(() => PLAY_URL)).not.toThrow();
    expect(() => r.ctl.setSrcRefresher(null)).not.toThrow();
    for (const bad of ['rtmp://x', 1, {}, undefined]) {
      let thrown: unknown;
      try {
        r.ctl.setSrcRefresher(bad as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect((thrown as Error).message).toContain('refresher');
      expect(hasCjk((thrown as { messageZh: string }).messageZh)).toBe(true);
    }
  });
});

describe('dispose()', () => {
  it('settles every pending call with NOT_READY and leaves no timer', async () => {
    const r = playerRig();
    r.ctl.setSrcRefresher(() => new Promise<string>(() => undefined));
    r.device.answers.play = 'hang';
    const played = rejection(r.ctl.play());
    const muted = rejection(r.ctl.mute());
    await tick(1);
    r.ctl.dispose();
    expect(await played).toMatchObject({ code: 'NOT_READY' });
    expect(await muted).toMatchObject({ code: 'NOT_READY' });
    for (const method of PLAYER_METHODS) {
      const call = (r.ctl[method] as (this: PlayerMethods) => Promise<unknown>).call(r.ctl);
      expect(await rejection(call)).toMatchObject({ code: 'NOT_READY' });
    }
    r.device.end();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('leaves no timer after disposing a player reconnecting offline with every policy armed', async () => {
    const r = await playing();
    r.net({ videoBitrate: 0, audioBitrate: 0 }); // the stall watch arms
    r.ctl.setSrcRefresher(() => new Promise<string>(() => undefined));
    r.offline();
    await tick(5000);
    expect(r.ctl.status).toBe('reconnecting');
    r.ctl.dispose();
    r.device.end();
    expect(jest.getTimerCount()).toBe(0);
    expect(r.platform.listeners.size).toBe(0);
    const events = r.events.length;
    r.code(2004);
    r.net({ videoBitrate: 900, audioBitrate: 48 });
    r.ctl.pageVisible(false);
    expect(r.events).toHaveLength(events);
  });
});

describe('any sequence of codes, samples, page changes and calls (seeded sweep)', () => {
  it('never throws, keeps one native call at a time, ends every transient status, only rejects with PusherError, and leaves no timer after dispose', async () => {
    const seed = Number(process.env.FUZZ_SEED) || 20261207;
    let state = seed >>> 0;
    const rand = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(values: readonly T[]): T => values[Math.floor(rand() * values.length)];
    const CODES = [2001, 2002, 2003, 2004, 2006, 2007, 2027, 2029, 2032, 2103, 2104, 3001, 3002, 3003, 3005, -2301, -2302, 6000, 0, -1];
    const CALLS = ['play', 'stop', 'pause', 'resume', 'mute', 'snapshot', 'requestBackgroundPlayback', 'exitBackgroundPlayback'] as const;
    const STATUSES = ['idle', 'loading', 'playing', 'buffering', 'paused', 'reconnecting', 'suspended', 'ended', 'stopped', 'failed'];
    for (let round = 0; round < 60; round++) {
      const where = (step: number, what: string) => `seed ${seed} round ${round} step ${step}: ${what}`;
      const r = playerRig({ startTimeout: 3000, callTimeout: 1000, device: { retryMs: 200 } });
      if (rand() < 0.5) r.ctl.setSrcRefresher(() => (rand() < 0.7 ? `${PLAY_URL}?n=${round}` : 'bad'));
      const outcomes: ReturnType<typeof settled<unknown>>[] = [];
      for (let step = 0; step < 40; step++) {
        const action = rand();
        try {
          if (action < 0.3) r.code(pick(CODES));
          else if (action < 0.4) r.net({ videoBitrate: pick([0, 800]), audioBitrate: pick([0, 48]), videoFPS: pick([0, 15]) });
          else if (action < 0.45) r.ctl.pageVisible(rand() < 0.5);
          else if (action < 0.5) (rand() < 0.5 ? r.offline : r.online)();
          else if (action < 0.55) (rand() < 0.5 ? r.device.streamGone : r.device.streamBack).call(r.device);
          else if (action < 0.6) r.device.answers[pick(CALLS)] = pick([{}, { fail: 'busy' }, { after: 50 }]);
          else outcomes.push(settled((r.ctl[pick(CALLS)] as () => Promise<unknown>).call(r.ctl)));
        } catch (error) {
          throw new Error(where(step, `threw ${String(error)}`));
        }
        await tick(Math.floor(rand() * 400));
        if (STATUSES.indexOf(r.ctl.status) < 0) throw new Error(where(step, `status ${r.ctl.status}`));
        if (r.device.maxInFlight > 1) throw new Error(where(step, 'two native calls in flight'));
      }
      // Left alone on a shown page with the network and the stream back, no transient status lasts
      // (a hidden page's restarts wait for show by design).
      r.device.answers = {};
      r.online();
      r.device.streamBack();
      r.ctl.pageVisible(true);
      await tick(300000);
      if (r.ctl.status === 'loading' || r.ctl.status === 'reconnecting') throw new Error(where(40, `still ${r.ctl.status} 5 min later`));
      r.ctl.dispose();
      await tick(0);
      for (const outcome of outcomes) {
        if (!outcome.done()) throw new Error(where(40, 'a call never settled after dispose'));
        const error = outcome.error() as { code?: unknown } | undefined;
        if (error !== undefined && !(error && typeof error.code === 'string' && error.constructor.name === 'PusherError'))
          throw new Error(where(40, `rejected with ${String(error)}`));
      }
      r.device.end();
      if (jest.getTimerCount() !== 0) throw new Error(where(40, `${jest.getTimerCount()} timers left after dispose`));
    }
  });
});
