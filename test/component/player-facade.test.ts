/**
 * `<ts-player>`'s promise facade on a compiled page with the kit's fake phone: when play()
 * settles, what stop/pause/resume do to the status and the device, the player's own methods,
 * argument checks, one native call at a time, detach, and the tag's events as the page sees them.
 */
import type { PlayerNetStatus, PlayerStatusChange, PusherError } from '../../src/index';
import { playerEachTest, rejection, tick, type PlayerHarness } from './player-setup';

const open = playerEachTest();

/** A playing player (the default trace: 2001…2004 on the fake's ticks). */
async function playing(options: Parameters<typeof open>[0] = {}): Promise<PlayerHarness> {
  const t = open(options);
  await Promise.all([t.player.play(), tick(20)]);
  expect(t.player.status).toBe('playing');
  return t;
}

/** A netstatus sample as the tag sends it. */
const sample = (videoBitrate: number, extra: Record<string, number> = {}) => ({
  videoBitrate,
  audioBitrate: videoBitrate ? 48 : 0,
  videoFPS: videoBitrate ? 15 : 0,
  videoGOP: 2,
  netSpeed: videoBitrate + 60,
  netJitter: 5,
  videoWidth: 360,
  videoHeight: 640,
  ...extra,
});

/** Whether a promise has settled, without letting fake time pass. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

describe('play()', () => {
  it('resolves on 2004, not on the codes before it', async () => {
    const t = open({
      player: {
        trace: [
          { at: 1, code: 2001 },
          { at: 2, code: 2002 },
          { at: 500, code: 2004 },
        ],
      },
    });
    const played = t.player.play();
    await tick(400);
    expect(await settled(played)).toBe(false);
    expect(t.player.status).toBe('loading');
    await tick(200);
    await played;
    expect(t.statuses()).toEqual(['loading', 'playing']);
    expect(t.events<PlayerStatusChange>('statuschange')[1].cause).toBe(2004);
  });

  it('resolves on the first netstatus with a bitrate when 2004 never comes; a sample with none does not', async () => {
    const t = open({ player: { trace: [{ at: 1, code: 2001 }] } });
    const played = t.player.play();
    await tick(50);
    t.device.player.netstatus(sample(0));
    await tick(0);
    expect(await settled(played)).toBe(false);
    t.device.player.netstatus(sample(900));
    await tick(0);
    await played;
    expect(t.events<PlayerStatusChange>('statuschange').map((c) => [c.status, c.cause])).toEqual([
      ['loading', 'play'],
      ['playing', 'netstatus'],
    ]);
    expect(t.events<PlayerNetStatus>('netstatus').map((s) => s.videoBitrate)).toEqual([0, 900]);
  });

  it('rejects on -2302 when no src refresher is set: failed, the error event says why', async () => {
    const t = open({ player: { trace: [{ at: 1, code: -2302 }] } });
    const error = await Promise.all([rejection(t.player.play()), tick(20)]).then(([e]) => e);
    expect(error).toMatchObject({ code: 'STATE_-2302', nativeCode: -2302 });
    expect(error.advice).toBeTruthy();
    expect(t.player.status).toBe('failed');
    expect(t.events<PusherError>('error').map((e) => e.code)).toEqual(['STATE_-2302']);
    // No restart follows a refused URL.
    await tick(60000);
    expect(t.device.player.methods.filter((m) => m === 'play')).toHaveLength(1);
  });

  it('play({ timeout }) rejects TIMEOUT when playback never begins, then stops the native play', async () => {
    const t = open({ player: { trace: [{ at: 1, code: 2001 }] } });
    const played = t.player.play({ timeout: 3000 });
    played.catch(() => undefined);
    await tick(2990);
    expect(await settled(played)).toBe(false);
    await tick(20);
    expect(await rejection(played)).toMatchObject({ code: 'TIMEOUT' });
    expect(t.player.status).toBe('failed');
    await tick(20);
    expect(t.device.player.methods).toEqual(['play', 'stop']);
    expect(t.device.player.playing).toBe(false);
  });

  it('refuses a bad timeout with INVALID_ARGUMENT and plays nothing', async () => {
    const t = open();
    for (const timeout of [0, -1, 'soon', Infinity]) {
      expect(await rejection(t.player.play({ timeout } as never))).toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect(await rejection(t.player.play('fast' as never))).toMatchObject({ code: 'INVALID_ARGUMENT' });
    await tick(20);
    expect(t.device.player.methods).toEqual([]);
    expect(t.player.status).toBe('idle');
  });

  it('refuses a second play() while one is pending with INVALID_STATE; the first goes on', async () => {
    const t = open();
    const first = t.player.play();
    expect(await rejection(t.player.play())).toMatchObject({ code: 'INVALID_STATE' });
    await tick(20);
    await first;
    expect(t.device.player.methods).toEqual(['play']);
  });

  it('from paused, ended and failed: stops the native player first, then plays from the live edge', async () => {
    const t = await playing();
    await Promise.all([t.player.pause(), tick(10)]);
    await Promise.all([t.player.play(), tick(20)]);
    expect(t.device.player.methods).toEqual(['play', 'pause', 'stop', 'play']);
    t.device.player.emit(2006);
    await tick(0);
    expect(t.player.status).toBe('ended');
    await Promise.all([t.player.play(), tick(20)]);
    expect(t.device.player.methods.slice(4)).toEqual(['stop', 'play']);
    await t.player.setPolicies({ reconnect: false });
    t.device.player.emit(-2301);
    await tick(0);
    expect(t.player.status).toBe('failed');
    await Promise.all([t.player.play(), tick(20)]);
    expect(t.device.player.methods.slice(6)).toEqual(['stop', 'play']);
    expect(t.statuses()).toEqual([
      'loading',
      'playing',
      'paused',
      'loading',
      'playing',
      'ended',
      'loading',
      'playing',
      'failed',
      'loading',
      'playing',
    ]);
  });

  it('from idle and stopped: plays without a stop first', async () => {
    const t = await playing();
    await Promise.all([t.player.stop(), tick(10)]);
    await Promise.all([t.player.play(), tick(20)]);
    expect(t.device.player.methods).toEqual(['play', 'stop', 'play']);
  });
});

describe('without play()', () => {
  it('autoplay: the tag plays by itself; its codes take the status through loading to playing, and stop() stops it', async () => {
    const t = open({ data: { autoplay: 'true' } });
    await tick(0);
    expect(t.tag()!.data.autoplay).toBe(true);
    t.device.player.emit(2001);
    await tick(0);
    expect(t.player.status).toBe('loading');
    t.device.player.emit(2004);
    await tick(0);
    expect(t.statuses()).toEqual(['loading', 'playing']);
    expect(t.device.player.methods).toEqual([]);
    await Promise.all([t.player.stop(), tick(10)]);
    expect(t.player.status).toBe('stopped');
    expect(t.device.player.methods).toEqual(['stop']);
  });

  it('an autoplay that never begins fails after the start timeout', async () => {
    const t = open({ data: { autoplay: true, startTimeout: 2000 } });
    t.device.player.emit(2001);
    await tick(1990);
    expect(t.player.status).toBe('loading');
    await tick(20);
    expect(t.events<PlayerStatusChange>('statuschange').pop()).toMatchObject({ status: 'failed', cause: 'timeout' });
  });

  it('codes the catalogue does not know (2027, 6000) are passed on as unknown and move nothing', async () => {
    const t = await playing();
    t.device.player.emit(2027, 'something new');
    t.device.player.emit(6000);
    await tick(0);
    const unknown = t.events<{ code: number; kind: string }>('statechange').filter((e) => e.code === 2027 || e.code === 6000);
    expect(unknown.map((e) => [e.code, e.kind])).toEqual([
      [2027, 'unknown'],
      [6000, 'unknown'],
    ]);
    expect(t.player.status).toBe('playing');
    expect(t.events('error')).toEqual([]);
  });

  it('play() while playing is refused with INVALID_STATE', async () => {
    const t = await playing();
    expect(await rejection(t.player.play())).toMatchObject({ code: 'INVALID_STATE' });
    expect(t.device.player.methods).toEqual(['play']);
  });
});

describe('stop()', () => {
  it('aborts a pending play() with ABORTED and stops the device', async () => {
    const t = open({ player: { trace: [{ at: 1, code: 2001 }] } });
    const played = t.player.play();
    await tick(10);
    const stopped = t.player.stop();
    expect(await rejection(played)).toMatchObject({ code: 'ABORTED' });
    await tick(10);
    await stopped;
    expect(t.player.status).toBe('stopped');
    expect(t.device.player.methods).toEqual(['play', 'stop']);
    expect(t.device.player.playing).toBe(false);
  });

  it('aborts a play() still waiting in the queue: nothing reaches the device', async () => {
    const t = open();
    t.device.player.answer('snapshot', { after: 300 });
    const shot = t.player.snapshot();
    const played = t.player.play();
    const stopped = t.player.stop();
    expect(await rejection(played)).toMatchObject({ code: 'ABORTED' });
    await tick(400);
    await shot;
    await stopped;
    expect(t.device.player.methods).toEqual(['snapshot']);
    expect(t.player.status).toBe('idle');
  });

  it('ends the policies: a -2301 after stop() starts no reconnect, the screen may sleep', async () => {
    const t = await playing();
    expect(t.device.screenOn).toBe(true);
    await Promise.all([t.player.stop(), tick(10)]);
    expect(t.device.screenOn).toBe(false);
    t.device.player.emit(-2301);
    await tick(120000);
    expect(t.events('reconnect')).toEqual([]);
    expect(t.device.player.methods).toEqual(['play', 'stop']);
    expect(t.player.status).toBe('stopped');
  });

  it('refuses stop() before anything played with INVALID_STATE', async () => {
    const t = open();
    expect(await rejection(t.player.stop())).toMatchObject({ code: 'INVALID_STATE' });
    expect(t.device.player.methods).toEqual([]);
  });
});

describe('pause() and resume()', () => {
  it('move the status only once the device did it', async () => {
    const t = await playing();
    t.device.player.answer('pause', { after: 500 });
    const paused = t.player.pause();
    await tick(400);
    expect(t.player.status).toBe('playing');
    expect(t.device.player.playing).toBe(true);
    await tick(200);
    await paused;
    expect(t.player.status).toBe('paused');
    expect(t.device.player.playing).toBe(false);
    t.device.player.answer('resume', { after: 500 });
    const resumed = t.player.resume();
    await tick(400);
    expect(t.player.status).toBe('paused');
    await tick(200);
    await resumed;
    expect(t.player.status).toBe('playing');
    expect(t.device.player.methods).toEqual(['play', 'pause', 'resume']);
  });

  it('a pause the device refuses rejects NATIVE_FAIL and the status stays playing', async () => {
    const t = await playing();
    t.device.player.answer('pause', { fail: 'pause:fail busy' });
    const error = await Promise.all([rejection(t.player.pause()), tick(10)]).then(([e]) => e);
    expect(error).toMatchObject({ code: 'NATIVE_FAIL' });
    expect(error.message).toContain('busy');
    expect(t.player.status).toBe('playing');
  });

  it('refuse what the status does not allow with INVALID_STATE: pause while idle, resume while playing, pause while paused', async () => {
    const t = open();
    expect(await rejection(t.player.pause())).toMatchObject({ code: 'INVALID_STATE' });
    expect(await rejection(t.player.resume())).toMatchObject({ code: 'INVALID_STATE' });
    await Promise.all([t.player.play(), tick(20)]);
    expect(await rejection(t.player.resume())).toMatchObject({ code: 'INVALID_STATE' });
    await Promise.all([t.player.pause(), tick(10)]);
    expect(await rejection(t.player.pause())).toMatchObject({ code: 'INVALID_STATE' });
    expect(t.device.player.methods).toEqual(['play', 'pause']);
  });
});

describe('the player’s own methods', () => {
  it('mute() calls the tag’s mute', async () => {
    const t = await playing();
    await Promise.all([t.player.mute(), tick(10)]);
    expect(t.device.player.methods).toEqual(['play', 'mute']);
  });

  it('requestFullScreen({ direction }) passes 0, 90 or -90 (0 when not given); the tag’s fullscreenchange reaches the page', async () => {
    const t = await playing();
    await Promise.all([t.player.requestFullScreen({ direction: 90 }), tick(10)]);
    await Promise.all([t.player.exitFullScreen(), tick(10)]);
    await Promise.all([t.player.requestFullScreen({ direction: -90 }), tick(10)]);
    await Promise.all([t.player.requestFullScreen(), tick(10)]);
    const calls = t.device.calls.filter((c) => c.method.startsWith('player.') && /FullScreen/.test(c.method));
    expect(calls).toEqual([
      { method: 'player.requestFullScreen', options: { direction: 90 } },
      { method: 'player.exitFullScreen', options: {} },
      { method: 'player.requestFullScreen', options: { direction: -90 } },
      { method: 'player.requestFullScreen', options: { direction: 0 } },
    ]);
    expect(t.events('fullscreenchange')).toEqual([
      { direction: 'horizontal', fullScreen: true },
      { direction: 'vertical', fullScreen: false },
      { direction: 'horizontal', fullScreen: true },
      { direction: 'vertical', fullScreen: true },
    ]);
  });

  it('requestFullScreen refuses direction 45 (and a non-object) with INVALID_ARGUMENT, calling nothing', async () => {
    const t = await playing();
    const error = await rejection(t.player.requestFullScreen({ direction: 45 as never }));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(error.message).toContain('direction');
    expect(await rejection(t.player.requestFullScreen(90 as never))).toMatchObject({ code: 'INVALID_ARGUMENT' });
    await tick(10);
    expect(t.device.player.methods).toEqual(['play']);
  });

  it('snapshot({ quality, sourceType }) passes them and answers numbers where the tag gives text', async () => {
    const t = await playing();
    t.device.player.answer('snapshot', { result: { tempImagePath: 'wxfile://tmp/a.jpg', width: '720', height: '1280' } });
    const [shot] = await Promise.all([t.player.snapshot({ quality: 'compressed', sourceType: 'view' }), tick(10)]);
    expect(shot).toEqual({ tempImagePath: 'wxfile://tmp/a.jpg', width: 720, height: 1280 });
    expect(t.device.calls.filter((c) => c.method === 'player.snapshot')).toEqual([
      { method: 'player.snapshot', options: { quality: 'compressed', sourceType: 'view' } },
    ]);
    expect(await rejection(t.player.snapshot({ quality: 'best' as never }))).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('picture-in-picture and casting methods each call the tag’s method of the same name', async () => {
    const t = await playing();
    const names = [
      'requestPictureInPicture',
      'exitPictureInPicture',
      'startCasting',
      'switchCasting',
      'reconnectCasting',
      'exitCasting',
    ] as const;
    for (const name of names) await Promise.all([t.player[name](), tick(10)]);
    expect(t.device.player.methods).toEqual(['play', ...names]);
  });

  it('a method the base library lacks rejects UNSUPPORTED, calling nothing; the others still work', async () => {
    const t = await playing({ player: { missing: ['startCasting'] } });
    expect(await rejection(t.player.startCasting())).toMatchObject({ code: 'UNSUPPORTED' });
    await Promise.all([t.player.exitCasting(), tick(10)]);
    expect(t.device.player.methods).toEqual(['play', 'exitCasting']);
  });

  it('a method the device refuses rejects NATIVE_FAIL with its errMsg', async () => {
    const t = await playing();
    t.device.player.answer('requestPictureInPicture', { fail: 'requestPictureInPicture:fail not allowed' });
    const error = await Promise.all([rejection(t.player.requestPictureInPicture()), tick(10)]).then(([e]) => e);
    expect(error).toMatchObject({ code: 'NATIVE_FAIL' });
    expect(error.message).toContain('not allowed');
  });
});

describe('background playback', () => {
  it('a hidden page suspends playback, but no longer after requestBackgroundPlayback(); exitBackgroundPlayback() brings it back', async () => {
    const t = await playing();
    await Promise.all([t.player.requestBackgroundPlayback(), tick(10)]);
    t.device.hide();
    await tick(10);
    expect(t.player.status).toBe('playing');
    t.device.show();
    await Promise.all([t.player.exitBackgroundPlayback(), tick(10)]);
    t.device.hide();
    await tick(10);
    expect(t.player.status).toBe('suspended');
    expect(t.device.player.methods).toEqual(['play', 'requestBackgroundPlayback', 'exitBackgroundPlayback']);
  });

  it('a refused requestBackgroundPlayback() leaves the hidden page suspending', async () => {
    const t = await playing();
    t.device.player.answer('requestBackgroundPlayback', { fail: 'requestBackgroundPlayback:fail' });
    await Promise.all([rejection(t.player.requestBackgroundPlayback()), tick(10)]);
    t.device.hide();
    await tick(10);
    expect(t.player.status).toBe('suspended');
  });
});

describe('one native call at a time', () => {
  it('a call waits until the one before it answered', async () => {
    const t = await playing();
    t.device.player.answer('snapshot', { after: 300 });
    const all = Promise.all([t.player.snapshot(), t.player.mute(), t.player.requestFullScreen({ direction: 90 }), t.player.pause()]);
    await tick(200);
    expect(t.device.player.methods).toEqual(['play', 'snapshot']);
    await tick(150);
    await all;
    expect(t.device.player.methods).toEqual(['play', 'snapshot', 'mute', 'requestFullScreen', 'pause']);
    const at = (method: string) => t.device.calls.map((c) => c.method).indexOf('player.' + method);
    expect(at('mute')).toBeGreaterThan(at('snapshot'));
  });

  it('a hanging native call is given up after call-timeout and the next one goes out', async () => {
    const t = await playing({ data: { callTimeout: 1000 } });
    t.device.player.answer('mute', 'hang');
    const muted = t.player.mute();
    muted.catch(() => undefined);
    const shot = t.player.snapshot();
    await tick(900);
    expect(t.device.player.methods).toEqual(['play', 'mute']);
    await tick(200);
    expect(await rejection(muted)).toMatchObject({ code: 'TIMEOUT' });
    await tick(10);
    await shot;
    expect(t.device.player.methods).toEqual(['play', 'mute', 'snapshot']);
  });
});

describe('detach', () => {
  it('every method rejects NOT_READY at once after detach, calling nothing', async () => {
    const t = await playing();
    const player = t.player;
    t.host.setData({ shown: false });
    await tick(0);
    const before = t.device.calls.length;
    const methods = [
      () => player.play(),
      () => player.stop(),
      () => player.pause(),
      () => player.resume(),
      () => player.mute(),
      () => player.requestFullScreen({ direction: 90 }),
      () => player.exitFullScreen(),
      () => player.snapshot(),
      () => player.requestPictureInPicture(),
      () => player.exitPictureInPicture(),
      () => player.requestBackgroundPlayback(),
      () => player.exitBackgroundPlayback(),
      () => player.startCasting(),
      () => player.switchCasting(),
      () => player.reconnectCasting(),
      () => player.exitCasting(),
    ];
    for (const call of methods) {
      const promise = call();
      expect(await settled(promise)).toBe(true);
      expect(await rejection(promise)).toMatchObject({ code: 'NOT_READY' });
    }
    await tick(1000);
    expect(t.device.calls.length).toBe(before);
  });

  it('a pending play() rejects NOT_READY on detach', async () => {
    const t = open({ player: { trace: [{ at: 1, code: 2001 }] } });
    const played = t.player.play();
    await tick(10);
    t.host.setData({ shown: false });
    expect(await rejection(played)).toMatchObject({ code: 'NOT_READY' });
  });

  it('events the old tag still sends after detach never reach the page', async () => {
    const t = await playing();
    const fire = t.fire.from();
    t.host.setData({ shown: false });
    await tick(0);
    const received = (t.host.instance.received as unknown[]).length;
    fire('statechange', { code: 2103 });
    fire('netstatus', { info: sample(800) });
    fire('error', { errMsg: 'late' });
    fire('fullscreenchange', { direction: 'horizontal', fullScreen: true });
    fire('audiovolumenotify', { volume: 3 });
    fire('castinginterrupt', {});
    t.device.player.emit(-2301);
    await tick(60000);
    expect((t.host.instance.received as unknown[]).length).toBe(received);
  });
});

describe('the tag’s events, mapped', () => {
  it('fullscreenchange keeps the tag’s direction and fullScreen', async () => {
    const t = await playing();
    t.fire('fullscreenchange', { direction: 'horizontal', fullScreen: true });
    t.fire('fullscreenchange', { direction: 'vertical', fullScreen: false });
    // A base library that sends degrees: ±90 is landscape.
    t.fire('fullscreenchange', { direction: -90, fullScreen: true });
    await tick(0);
    expect(t.events('fullscreenchange')).toEqual([
      { direction: 'horizontal', fullScreen: true },
      { direction: 'vertical', fullScreen: false },
      { direction: 'horizontal', fullScreen: true },
    ]);
  });

  it('audiovolumenotify becomes audiovolume with a number', async () => {
    const t = await playing();
    t.fire('audiovolumenotify', { volume: '37' });
    t.fire('audiovolumenotify', {});
    await tick(0);
    expect(t.events('audiovolume')).toEqual([{ volume: 37 }, { volume: 0 }]);
  });

  it('casting events carry the tag’s state (and type); picture-in-picture and interrupts carry nothing', async () => {
    const t = await playing();
    t.fire('castinguserselect', { state: 'success' });
    t.fire('castingstatechange', { type: 'connect', state: 'success', extra: 1 });
    t.fire('castinginterrupt', { why: 'x' });
    t.fire('enterpictureinpicture', { a: 1 });
    t.fire('leavepictureinpicture', {});
    await tick(0);
    expect(t.events('castinguserselect')).toEqual([{ state: 'success' }]);
    expect(t.events('castingstatechange')).toEqual([{ type: 'connect', state: 'success' }]);
    expect(t.events('castinginterrupt')).toEqual([{}]);
    expect(t.events('enterpictureinpicture')).toEqual([{}]);
    expect(t.events('leavepictureinpicture')).toEqual([{}]);
  });

  it('binderror reaches the page as a PusherError; warnings as warning and statechange', async () => {
    const t = await playing();
    t.device.player.error('decoder:fail out of memory');
    t.device.player.emit(2105);
    await tick(0);
    expect(t.events<PusherError>('error')).toMatchObject([{ code: 'NATIVE_FAIL' }]);
    expect(t.events<PusherError>('error')[0].message).toContain('out of memory');
    expect(t.events<{ code: number }>('warning').map((w) => w.code)).toEqual([2105]);
    expect(t.events<{ code: number }>('statechange').map((w) => w.code)).toContain(2105);
    expect(t.player.status).toBe('playing');
  });
});
