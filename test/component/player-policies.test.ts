/**
 * `<ts-player>`'s policies on a compiled page with the kit's fake phone: reconnect with backoff,
 * the stall watch, resume on show, keep-screen-on, quality, the src refresher, and a detach in
 * the middle of it all. Math.random is 0.5 (player-setup), so backoff delays are exact.
 */
import type { PlayerStatusChange, PusherError, PusherEvents } from '../../src/index';
import type { SrcRefreshRequest } from '../../src/play/index';
import { playerEachTest, rejection, tick, type PlayerHarness } from './player-setup';

const open = playerEachTest();
const SRC = 'rtmp://play.example.com/live/room1';
const signed = (n: number) => `rtmp://play.example.com/live/room1?txSecret=s${n}&txTime=7FFFFFFF`;

async function playing(options: Parameters<typeof open>[0] = {}): Promise<PlayerHarness> {
  const t = open(options);
  await Promise.all([t.player.play(), tick(20)]);
  expect(t.player.status).toBe('playing');
  return t;
}

/** A netstatus sample; `level` is netQualityLevel (left out when undefined). */
const sample = (videoBitrate: number, level?: number) => ({
  videoBitrate,
  audioBitrate: videoBitrate ? 48 : 0,
  videoFPS: videoBitrate ? 15 : 0,
  videoGOP: 2,
  netSpeed: videoBitrate + 60,
  netJitter: 5,
  videoWidth: 360,
  videoHeight: 640,
  ...(level === undefined ? {} : { netQualityLevel: level }),
});

const plays = (t: PlayerHarness) => t.device.player.methods.filter((m) => m === 'play').length;
const reconnects = (t: PlayerHarness) => t.events<PusherEvents['reconnect']>('reconnect');

describe('reconnect', () => {
  it('plays again after -2301 with backoff 1000, 2000, 4000 ms, a reconnect event before each', async () => {
    const t = await playing();
    for (const delay of [1000, 2000, 4000]) {
      const before = plays(t);
      t.device.player.emit(-2301);
      await tick(0);
      expect(t.player.status).toBe('reconnecting');
      await tick(delay - 1);
      expect(plays(t)).toBe(before);
      await tick(1);
      await tick(20);
      expect(plays(t)).toBe(before + 1);
      expect(t.player.status).toBe('playing');
    }
    expect(reconnects(t).map((r) => [r.attempt, r.attempts, r.delayMs])).toEqual([
      [1, 6, 1000],
      [2, 6, 2000],
      [3, 6, 4000],
    ]);
    expect(reconnects(t)[0].cause).toMatchObject({ code: 'STATE_-2301', nativeCode: -2301 });
    // Each attempt stops the native player first, then plays.
    expect(t.device.player.methods).toEqual(['play', 'stop', 'play', 'stop', 'play', 'stop', 'play']);
    expect(t.events('error')).toEqual([]);
  });

  it('30 s of steady playing starts a fresh series: the next loss is attempt 1 after 1000 ms again', async () => {
    const t = await playing();
    t.device.player.emit(-2301);
    await tick(1020);
    t.device.player.emit(-2301);
    await tick(2020);
    await tick(31000);
    t.device.player.emit(-2301);
    await tick(1020);
    expect(reconnects(t).map((r) => [r.attempt, r.delayMs])).toEqual([
      [1, 1000],
      [2, 2000],
      [1, 1000],
    ]);
  });

  it('the delays follow the policy’s baseMs and capMs', async () => {
    const t = await playing({ data: { policies: { reconnect: { baseMs: 300, capMs: 1000, attempts: 4 } } } });
    t.device.player.streamGone();
    await tick(60000);
    expect(reconnects(t).map((r) => r.delayMs)).toEqual([300, 600, 1000, 1000]);
  });

  it('offline: no attempt is spent while the network is away, the first goes out at once when it returns', async () => {
    const t = await playing();
    t.device.player.emit(-2301);
    await tick(0);
    t.device.offline();
    await tick(300000);
    expect(reconnects(t)).toEqual([]);
    expect(plays(t)).toBe(1);
    t.device.online();
    await tick(0);
    expect(reconnects(t).map((r) => [r.attempt, r.delayMs])).toEqual([[1, 0]]);
    await tick(20);
    expect(plays(t)).toBe(2);
    expect(t.player.status).toBe('playing');
  });

  it('attempts exhausted: failed, with the -2301 error once, whose advice says the broadcaster may have stopped', async () => {
    const t = await playing({ data: { policies: { reconnect: { attempts: 2 } } } });
    t.device.player.streamGone();
    await tick(120000);
    expect(t.player.status).toBe('failed');
    expect(reconnects(t)).toHaveLength(2);
    const errors = t.events<PusherError>('error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'STATE_-2301' });
    expect(errors[0].advice).toContain('broadcaster may have stopped');
    expect(errors[0].adviceZh).toBeTruthy();
    const last = plays(t);
    await tick(300000);
    expect(plays(t)).toBe(last);
  });

  it('a stream that comes back before the attempts run out plays again, and the series starts afresh', async () => {
    const t = await playing();
    t.device.player.streamGone();
    await tick(6000);
    expect(t.player.status).toBe('reconnecting');
    t.device.player.streamBack();
    await tick(10000);
    expect(t.player.status).toBe('playing');
    expect(t.events('error')).toEqual([]);
  });

  it('policies { reconnect: false }: -2301 fails playback, nothing plays again', async () => {
    const t = await playing({ data: { policies: { reconnect: false } } });
    t.device.player.emit(-2301);
    await tick(60000);
    expect(t.player.status).toBe('failed');
    expect(reconnects(t)).toEqual([]);
    expect(t.events<PusherError>('error').map((e) => e.code)).toEqual(['STATE_-2301']);
    expect(plays(t)).toBe(1);
  });

  it('a pending play() is not failed by a -2301 the policy takes over: it resolves when playback begins', async () => {
    const t = open({ player: { trace: [{ at: 1, code: 2001 }] } });
    const played = t.player.play();
    await tick(10);
    t.device.player.emit(-2301);
    await tick(1010);
    expect(reconnects(t)).toHaveLength(1);
    t.device.player.emit(2004);
    await tick(0);
    await played;
    expect(t.statuses()).toEqual(['loading', 'reconnecting', 'playing']);
  });

  it('a native reconnect (2103) that outlasts the start timeout counts as a loss: the policy plays again', async () => {
    const t = await playing({ data: { startTimeout: 3000 } });
    t.device.player.emit(2103);
    await tick(2990);
    expect(t.player.status).toBe('reconnecting');
    expect(reconnects(t)).toEqual([]);
    await tick(10);
    await tick(1000);
    expect(reconnects(t)).toMatchObject([{ attempt: 1, delayMs: 1000, cause: { code: 'TIMEOUT' } }]);
    await tick(20);
    expect(t.player.status).toBe('playing');
    expect(t.device.player.methods).toEqual(['play', 'stop', 'play']);
  });

  it('a native reconnect that recovers in time (2103 then 2004) needs no restart', async () => {
    const t = await playing({ data: { startTimeout: 3000 } });
    t.device.player.emit(2103);
    await tick(1500);
    t.device.player.emit(2004);
    await tick(10000);
    expect(t.statuses()).toEqual(['loading', 'playing', 'reconnecting', 'playing']);
    expect(reconnects(t)).toEqual([]);
    expect(t.device.player.methods).toEqual(['play']);
  });
});

describe('stall watch', () => {
  it('samples with no bitrate while playing for stallMs: restarted as a reconnect attempt with the STALLED error as cause', async () => {
    const t = await playing();
    for (let at = 0; at < 8000; at += 1000) {
      t.device.player.netstatus(sample(0));
      await tick(1000);
    }
    expect(t.player.status).toBe('reconnecting');
    expect(t.events<PlayerStatusChange>('statuschange').pop()).toMatchObject({ status: 'reconnecting', cause: 'stall' });
    await tick(1000);
    const [reconnect] = reconnects(t);
    expect(reconnect).toMatchObject({ attempt: 1, delayMs: 1000, cause: { code: 'STALLED' } });
    expect(reconnect.cause.message).toContain('8000');
    await tick(20);
    expect(t.player.status).toBe('playing');
    expect(t.device.player.methods).toEqual(['play', 'stop', 'play']);
  });

  it('a sample with a bitrate in between resets the clock', async () => {
    const t = await playing();
    t.device.player.netstatus(sample(0));
    await tick(6000);
    t.device.player.netstatus(sample(900));
    t.device.player.netstatus(sample(0));
    await tick(6000);
    expect(t.player.status).toBe('playing');
    await tick(2000);
    expect(t.player.status).toBe('reconnecting');
  });

  it('buffering (2007) for stallMs: restarted; frames again before it: no restart', async () => {
    const t = await playing({ data: { policies: { stallMs: 3000 } } });
    t.device.player.emit(2007);
    await tick(2000);
    expect(t.player.status).toBe('buffering');
    t.device.player.netstatus(sample(900));
    await tick(0);
    expect(t.player.status).toBe('playing');
    await tick(5000);
    expect(reconnects(t)).toEqual([]);
    t.device.player.emit(2007);
    await tick(3000);
    expect(t.player.status).toBe('reconnecting');
    await tick(1000);
    expect(reconnects(t)).toMatchObject([{ cause: { code: 'STALLED' } }]);
  });

  it('stallMs: false turns the watch off', async () => {
    const t = await playing({ data: { policies: { stallMs: false } } });
    t.device.player.emit(2007);
    for (let i = 0; i < 30; i++) {
      t.device.player.netstatus(sample(0));
      await tick(2000);
    }
    expect(t.player.status).toBe('buffering');
    expect(reconnects(t)).toEqual([]);
    expect(t.device.player.methods).toEqual(['play']);
  });

  it('setPolicies({ stallMs }) changes the watch of a playing player', async () => {
    const t = await playing();
    expect(t.player.setPolicies({ stallMs: 2000 }).stallMs).toBe(2000);
    t.device.player.netstatus(sample(0));
    await tick(2000);
    expect(t.player.status).toBe('reconnecting');
  });
});

describe('resume on show', () => {
  it('hide while playing: suspended; show: loading, then playing again with a native stop and play', async () => {
    const t = await playing();
    t.device.hide();
    await tick(10);
    expect(t.player.status).toBe('suspended');
    expect(t.device.player.methods).toEqual(['play']);
    t.device.show();
    await tick(20);
    expect(t.statuses()).toEqual(['loading', 'playing', 'suspended', 'loading', 'playing']);
    expect(t.device.player.methods).toEqual(['play', 'stop', 'play']);
  });

  it('a paused player stays paused on hide and on show', async () => {
    const t = await playing();
    await Promise.all([t.player.pause(), tick(10)]);
    t.device.hide();
    await tick(10);
    t.device.show();
    await tick(20);
    expect(t.player.status).toBe('paused');
    expect(t.device.player.methods).toEqual(['play', 'pause']);
  });

  it('resumeOnShow: false leaves a suspended player suspended on show; the end of an audio interruption then resumes it once allowed', async () => {
    const t = await playing({ data: { policies: { resumeOnShow: false } } });
    t.device.hide();
    await tick(10);
    t.device.show();
    await tick(20);
    expect(t.player.status).toBe('suspended');
    expect(t.device.player.methods).toEqual(['play']);
    t.device.interruptionEnd();
    await tick(20);
    expect(t.player.status).toBe('suspended');
    t.player.setPolicies({ resumeOnShow: true });
    t.device.interruptionEnd();
    await tick(20);
    expect(t.player.status).toBe('playing');
    expect(t.device.player.methods).toEqual(['play', 'stop', 'play']);
  });

  it('the end of an audio interruption while the page is still hidden plays nothing', async () => {
    const t = await playing();
    t.device.hide();
    await tick(10);
    t.device.interruptionEnd();
    await tick(20);
    expect(t.player.status).toBe('suspended');
    expect(t.device.player.methods).toEqual(['play']);
  });

  it('with background playback a loss while hidden is restarted while hidden', async () => {
    const t = await playing();
    await Promise.all([t.player.requestBackgroundPlayback(), tick(10)]);
    t.device.hide();
    await tick(10);
    expect(t.player.status).toBe('playing');
    t.device.player.emit(-2301);
    await tick(1000 + 20);
    expect(t.device.player.methods).toEqual(['play', 'requestBackgroundPlayback', 'stop', 'play']);
    expect(t.player.status).toBe('playing');
  });

  it('a reconnect due while hidden waits for show', async () => {
    const t = await playing();
    t.device.player.emit(-2301);
    await tick(0);
    t.device.hide();
    await tick(60000);
    expect(t.device.player.methods).toEqual(['play']);
    t.device.show();
    await tick(20);
    expect(t.player.status).toBe('playing');
    expect(t.device.player.methods).toEqual(['play', 'stop', 'play']);
  });
});

describe('keep screen on', () => {
  it('on while loading, playing, buffering and reconnecting; off when stopped', async () => {
    const t = open({ player: { trace: [{ at: 1, code: 2001 }] } });
    expect(t.device.screenOn).toBe(false);
    const played = t.player.play();
    await tick(5);
    expect(t.player.status).toBe('loading');
    expect(t.device.screenOn).toBe(true);
    t.device.player.emit(2004);
    await played;
    expect(t.device.screenOn).toBe(true);
    t.device.player.emit(2007);
    await tick(0);
    expect([t.player.status, t.device.screenOn]).toEqual(['buffering', true]);
    t.device.player.emit(2103);
    await tick(0);
    expect([t.player.status, t.device.screenOn]).toEqual(['reconnecting', true]);
    await Promise.all([t.player.stop(), tick(10)]);
    expect([t.player.status, t.device.screenOn]).toEqual(['stopped', false]);
  });

  it('off when the page hides, on again when it shows and playback resumes', async () => {
    const t = await playing();
    t.device.hide();
    await tick(10);
    expect(t.device.screenOn).toBe(false);
    t.device.show();
    await tick(20);
    expect(t.device.screenOn).toBe(true);
  });

  it('off when playback fails', async () => {
    const t = await playing({ data: { policies: { reconnect: false } } });
    t.device.player.emit(-2301);
    await tick(0);
    expect([t.player.status, t.device.screenOn]).toEqual(['failed', false]);
  });

  it('keepScreenOn: false never keeps it on', async () => {
    const t = await playing({ data: { policies: { keepScreenOn: false } } });
    expect(t.device.calls.filter((c) => c.method === 'wx.setKeepScreenOn' && c.options.keepScreenOn)).toEqual([]);
    expect(t.device.screenOn).toBe(false);
  });
});

describe('quality', () => {
  it('follows netQualityLevel once a new level holds for two samples', async () => {
    const t = await playing();
    for (const level of [1, 1, 4, 1, 4, 4, 2]) t.device.player.netstatus(sample(900, level));
    await tick(0);
    expect(t.events<PusherEvents['quality']>('quality')).toEqual([
      { level: 'excellent', previous: null, source: 'netQualityLevel' },
      { level: 'poor', previous: 'excellent', source: 'netQualityLevel' },
    ]);
  });

  it('is down at once on 2103 and on -2301', async () => {
    const t = await playing();
    t.device.player.netstatus(sample(900, 2));
    t.device.player.netstatus(sample(900, 2));
    t.device.player.emit(2103);
    await tick(0);
    expect(t.events<PusherEvents['quality']>('quality').map((q) => [q.level, q.source])).toEqual([
      ['good', 'netQualityLevel'],
      ['down', 'code'],
    ]);
    t.device.player.emit(2004);
    t.device.player.netstatus(sample(900, 2));
    t.device.player.netstatus(sample(900, 2));
    t.device.player.emit(-2301);
    await tick(0);
    expect(t.events<PusherEvents['quality']>('quality').map((q) => q.level)).toEqual(['good', 'down', 'good', 'down']);
  });

  it('without netQualityLevel, reads the frame rate against 15 fps: no data is down', async () => {
    const t = await playing({ data: { policies: { stallMs: false } } });
    for (let i = 0; i < 2; i++) t.device.player.netstatus(sample(900));
    for (let i = 0; i < 2; i++) t.device.player.netstatus(sample(0));
    await tick(0);
    expect(t.events<PusherEvents['quality']>('quality').map((q) => [q.level, q.source])).toEqual([
      ['excellent', 'netstatus'],
      ['down', 'netstatus'],
    ]);
  });

  it('quality: false emits none', async () => {
    const t = await playing({ data: { policies: { quality: false } } });
    for (const level of [1, 1, 5, 5]) t.device.player.netstatus(sample(900, level));
    t.device.player.emit(2103);
    await tick(0);
    expect(t.events('quality')).toEqual([]);
  });
});

describe('src refresher', () => {
  it('is asked { reason: "restart", src } before each policy restart, and its src reaches the tag; not before the page’s play()', async () => {
    const asked: SrcRefreshRequest[] = [];
    const t = open({ data: { src: signed(0) } });
    let n = 0;
    t.player.setSrcRefresher((request) => {
      asked.push(request);
      return signed(++n);
    });
    await Promise.all([t.player.play(), tick(20)]);
    expect(asked).toEqual([]);
    t.device.player.emit(-2301);
    await tick(1000 + 20);
    expect(asked).toEqual([{ reason: 'restart', src: signed(0) }]);
    expect(t.tag()!.data.src).toBe(signed(1));
    expect(t.player.status).toBe('playing');
    t.device.hide();
    await tick(10);
    t.device.show();
    await tick(20);
    expect(asked[1]).toEqual({ reason: 'restart', src: signed(1) });
    expect(t.tag()!.data.src).toBe(signed(2));
    // The src went onto the tag before the native play that uses it.
    expect(t.device.player.methods).toEqual(['play', 'stop', 'play', 'stop', 'play']);
  });

  it('an async refresher is waited for', async () => {
    const t = open();
    t.player.setSrcRefresher(() => new Promise<string>((resolve) => setTimeout(() => resolve(signed(7)), 500)));
    await Promise.all([t.player.play(), tick(20)]);
    t.device.player.emit(-2301);
    await tick(1000 + 400);
    expect(plays(t)).toBe(1);
    await tick(120);
    expect(plays(t)).toBe(2);
    expect(t.tag()!.data.src).toBe(signed(7));
  });

  it('after -2302 is asked { reason: "rejected" }, then plays again with the new src; the pending play() resolves', async () => {
    const t = open({ data: { src: signed(0) }, player: { trace: [{ at: 1, code: 2001 }] } });
    const refresher = jest.fn((request: SrcRefreshRequest) => (request.reason === 'rejected' ? signed(9) : signed(99)));
    t.player.setSrcRefresher(refresher);
    const played = t.player.play();
    await tick(10);
    t.device.player.emit(-2302, 'play URL refused: 403');
    await tick(20);
    expect(refresher.mock.calls).toEqual([[{ reason: 'rejected', src: signed(0) }]]);
    expect(t.tag()!.data.src).toBe(signed(9));
    expect(t.device.player.methods).toEqual(['play', 'stop', 'play']);
    t.device.player.emit(2004);
    await tick(0);
    await played;
    expect(t.events('error')).toEqual([]);
  });

  it('a refresher answering a URL that does not play (.m3u8) after -2302: error URL_REFRESH_FAILED, play() rejects, failed', async () => {
    const t = open({ player: { trace: [{ at: 1, code: -2302 }] } });
    t.player.setSrcRefresher(() => 'https://play.example.com/live/room1.m3u8');
    const error = await Promise.all([rejection(t.player.play()), tick(50)]).then(([e]) => e);
    expect(error).toMatchObject({ code: 'URL_REFRESH_FAILED' });
    expect(t.player.status).toBe('failed');
    expect(t.events<PusherError>('error').map((e) => e.code)).toEqual(['URL_REFRESH_FAILED']);
    expect(t.tag()!.data.src).toBe(SRC);
    expect(plays(t)).toBe(1);
  });

  it('a refresher that throws before a restart: error URL_REFRESH_FAILED with its message, and the restart goes on with the old src', async () => {
    const t = await playing();
    t.player.setSrcRefresher(() => {
      throw new Error('signing service down');
    });
    t.device.player.emit(-2301);
    await tick(1000 + 20);
    const errors = t.events<PusherError>('error');
    expect(errors.map((e) => e.code)).toEqual(['URL_REFRESH_FAILED']);
    expect(errors[0].message).toContain('signing service down');
    expect(errors[0].messageZh).toBeTruthy();
    expect(t.tag()!.data.src).toBe(SRC);
    expect(t.player.status).toBe('playing');
  });

  it('a rejecting async refresher is reported the same way', async () => {
    const t = await playing();
    t.player.setSrcRefresher(() => Promise.reject({ errMsg: 'request:fail timeout' }));
    t.device.player.emit(-2301);
    await tick(1000 + 20);
    const [error] = t.events<PusherError>('error');
    expect(error).toMatchObject({ code: 'URL_REFRESH_FAILED' });
    expect(error.message).toContain('request:fail timeout');
  });

  it('refreshes at most 3 times in 5 minutes; the fourth restart is reported and goes on with the src it has', async () => {
    const t = await playing();
    let n = 0;
    const refresher = jest.fn(() => signed(++n));
    t.player.setSrcRefresher(refresher);
    for (let i = 0; i < 4; i++) {
      t.device.player.emit(-2301);
      await tick(10000);
      expect(t.player.status).toBe('playing');
    }
    expect(refresher).toHaveBeenCalledTimes(3);
    expect(t.tag()!.data.src).toBe(signed(3));
    const errors = t.events<PusherError>('error');
    expect(errors.map((e) => e.code)).toEqual(['URL_REFRESH_FAILED']);
    expect(errors[0].message).toContain('3 refreshes');
    // Five minutes after the first, it is asked again.
    await tick(300000);
    t.device.player.emit(-2301);
    await tick(10000);
    expect(refresher).toHaveBeenCalledTimes(4);
  });

  it('a URL refused again after each refresh: at most 3 refreshes, then play() rejects URL_REFRESH_FAILED and playback fails', async () => {
    const t = open({ player: { trace: [{ at: 1, code: -2302 }] } });
    let n = 0;
    const refresher = jest.fn((_request: SrcRefreshRequest) => signed(++n));
    t.player.setSrcRefresher(refresher);
    const error = await Promise.all([rejection(t.player.play()), tick(60000)]).then(([e]) => e);
    expect(error).toMatchObject({ code: 'URL_REFRESH_FAILED' });
    expect(error.message).toContain('3 refreshes');
    expect(refresher.mock.calls.map(([r]) => r.reason)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(plays(t)).toBe(4);
    expect(t.player.status).toBe('failed');
    expect(t.events<PusherError>('error').map((e) => e.code)).toEqual(['URL_REFRESH_FAILED']);
  });

  it('a refresher that never answers holds a restart for the start timeout at most: reported, then played with the old src', async () => {
    const t = await playing({ data: { startTimeout: 3000 } });
    t.player.setSrcRefresher(() => new Promise<string>(() => undefined));
    t.device.player.emit(-2301);
    await tick(1000 + 2900);
    expect(plays(t)).toBe(1);
    await tick(150);
    expect(plays(t)).toBe(2);
    expect(t.events<PusherError>('error')).toMatchObject([{ code: 'URL_REFRESH_FAILED' }]);
    expect(t.tag()!.data.src).toBe(SRC);
  });

  it('stop() while the refresher is asked: stops at once, and the refresher’s late answer reaches no tag', async () => {
    const t = await playing();
    let answer: (src: string) => void = () => undefined;
    t.player.setSrcRefresher(() => new Promise<string>((resolve) => (answer = resolve)));
    t.device.player.emit(-2301);
    await tick(1000);
    const stopped = t.player.stop();
    await tick(10);
    await stopped;
    expect(t.player.status).toBe('stopped');
    expect(t.device.player.methods).toEqual(['play', 'stop']);
    answer(signed(3));
    await tick(60000);
    expect(t.tag()!.data.src).toBe(SRC);
    expect(t.device.player.methods).toEqual(['play', 'stop']);
    expect(t.events('error')).toEqual([]);
  });

  it('a src the page sets after a refresh wins over the refreshed one', async () => {
    const t = await playing();
    t.player.setSrcRefresher(() => signed(1));
    t.device.player.emit(-2301);
    await tick(1020);
    expect(t.tag()!.data.src).toBe(signed(1));
    t.host.setData({ src: 'rtmp://play.example.com/live/room2' });
    await tick(0);
    expect(t.tag()!.data.src).toBe('rtmp://play.example.com/live/room2');
  });

  it('setSrcRefresher refuses what is not a function with INVALID_ARGUMENT; null removes it', async () => {
    const t = await playing();
    expect(() => t.player.setSrcRefresher('https://sign.example.com' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    const refresher = jest.fn(() => signed(1));
    t.player.setSrcRefresher(refresher);
    t.player.setSrcRefresher(null);
    t.device.player.emit(-2301);
    await tick(1020);
    expect(refresher).not.toHaveBeenCalled();
    expect(t.player.status).toBe('playing');
  });
});

describe('detach', () => {
  it('mid-reconnect leaves no timer and makes no native call', async () => {
    const t = await playing();
    t.player.setSrcRefresher(() => signed(1));
    t.device.player.streamGone();
    await tick(3500);
    expect(t.player.status).toBe('reconnecting');
    const methods = t.device.player.methods.length;
    t.host.setData({ shown: false });
    await tick(0);
    expect(t.events<PlayerStatusChange>('statuschange').pop()!.status).toBe('reconnecting');
    // The screen may sleep again: the last wx call.
    expect(t.device.calls[t.device.calls.length - 1]).toEqual({ method: 'wx.setKeepScreenOn', options: { keepScreenOn: false } });
    const calls = t.device.calls.length;
    t.device.uninstall();
    expect(jest.getTimerCount()).toBe(0);
    await tick(600000);
    expect(t.device.calls.length).toBe(calls);
    expect(t.device.player.methods.length).toBe(methods);
  });

  it('while a refresher is being asked: its answer reaches no tag and nothing plays', async () => {
    const t = await playing();
    let answer: (src: string) => void = () => undefined;
    t.player.setSrcRefresher(() => new Promise<string>((resolve) => (answer = resolve)));
    t.device.player.emit(-2301);
    await tick(1000);
    const calls = t.device.player.methods.length;
    t.host.setData({ shown: false });
    await tick(0);
    answer(signed(5));
    await tick(60000);
    expect(t.device.player.methods.length).toBe(calls);
    expect(t.events('error')).toEqual([]);
  });
});
