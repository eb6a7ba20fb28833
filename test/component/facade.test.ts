/**
 * The promise facade and push lifecycle of `<ts-pusher>`, driven through a host page with the
 * project's own fake phone (`ts-pusher/testing`): callbacks on later ticks, 1001 then 1002
 * delivered on the component's `<live-pusher>` after a successful start. Fake timers.
 */
import { pusherOf, type PusherError, type PusherStateEvent } from '../../src/index';
import { hostEachTest, mount, rejection, tick, type Harness } from './setup';
import { SECRET, SIGNED_URL } from '../unit/helpers';

const open = hostEachTest();
/** The inner tag's instance, to send raw details as the native tag would. */
const nativeTag = (harness: Harness) =>
  (harness.node.instance as unknown as { selectComponent(s: string): { triggerEvent(n: string, d: unknown): void } }).selectComponent(
    '#pusher',
  );

describe('start()', () => {
  it('resolves when pushing really begins (1002), not on the native success', async () => {
    const t = open();
    let resolved = false;
    const started = t.pusher.start().then(() => (resolved = true));
    await tick(3);
    expect(t.device.methods).toEqual(['start']);
    expect(resolved).toBe(false);
    expect(t.pusher.status).toBe('starting');
    await tick(10);
    await started;
    expect(t.events('statuschange')).toEqual([
      { status: 'starting', previous: 'idle', cause: 'start' },
      { status: 'pushing', previous: 'starting', cause: 1002 },
    ]);
  });

  it('asks getSetting before the native start and starts nothing when the camera is denied', async () => {
    const t = open({ permissions: { camera: false, record: true } });
    const error = rejection<PusherError>(t.pusher.start());
    await tick(20);
    expect(await error).toMatchObject({ code: 'PERMISSION_DENIED', category: 'permission' });
    expect((await error).message).toContain('camera');
    expect(t.device.methods).toEqual([]);
    expect(t.pusher.status).toBe('idle');
    expect(t.events('permission')).toEqual([{ scope: 'camera', granted: false }]);
  });

  it('rejects with STATE_-1301 when the camera cannot open, and the status is failed', async () => {
    const t = open({ trace: [{ at: 1, code: -1301 }] });
    const error = rejection<PusherError>(t.pusher.start());
    await tick(20);
    expect(await error).toMatchObject({ name: 'PusherError', code: 'STATE_-1301', category: 'device', nativeCode: -1301 });
    expect(t.pusher.status).toBe('failed');
    expect(t.events('error')).toEqual([await error]);
  });

  it('goes through reconnecting and rejects with STATE_-1307 when reconnect is off', async () => {
    const t = open({
      trace: [
        { at: 1, code: 1001 },
        { at: 2, code: 1102 },
        { at: 3, code: 3002 },
        { at: 4, code: -1307 },
      ],
      data: { policies: { reconnect: false } },
    });
    const error = rejection<PusherError>(t.pusher.start());
    await tick(20);
    expect((await error).code).toBe('STATE_-1307');
    expect(t.statuses()).toEqual(['starting', 'reconnecting', 'failed']);
    expect(t.events<PusherStateEvent>('warning').map((w) => w.code)).toEqual([1102, 3002]);
  });

  it('rejects with TIMEOUT when no 1002 comes in time, then stops the native push and fails', async () => {
    const t = open({ trace: [{ at: 1, code: 1001 }] });
    const error = rejection<PusherError>(t.pusher.start({ timeout: 40 }));
    await tick(50);
    expect((await error).code).toBe('TIMEOUT');
    expect((await error).message).toContain('40');
    expect(t.pusher.status).toBe('failed');
    await tick(10);
    expect(t.device.methods).toEqual(['start', 'stop']);
  });

  it('takes the start timeout from the start-timeout property', async () => {
    const t = open({ trace: [], data: { startTimeout: 30 } });
    const error = rejection<PusherError>(t.pusher.start());
    await tick(50);
    expect((await error).message).toContain('30 ms');
  });

  it('rejects with NATIVE_FAIL carrying errMsg when the native start fails', async () => {
    const t = open();
    t.device.answer('start', { fail: 'jsapi has no permission' });
    const error = rejection<PusherError>(t.pusher.start());
    await tick(20);
    expect((await error).code).toBe('NATIVE_FAIL');
    expect((await error).message).toContain('jsapi has no permission');
    expect((await error).cause).toEqual({ errMsg: 'start:fail jsapi has no permission' });
    expect(t.pusher.status).toBe('failed');
  });

  it('rejects with PERMISSION_DENIED when binderror reports the camera denied', async () => {
    const t = open({ trace: [] });
    const started = rejection<PusherError>(t.pusher.start());
    await tick(10);
    t.device.error(10001, 'camera denied');
    await tick(0);
    expect(await started).toMatchObject({ code: 'PERMISSION_DENIED', nativeCode: 10001, category: 'permission' });
    expect(t.events('error')).toEqual([await started]);
  });

  it('gives the privacy advice when binderror says "Not allowed" although the camera was granted', async () => {
    const t = open({ trace: [] });
    const started = rejection<PusherError>(t.pusher.start());
    await tick(10);
    t.device.error(10001, 'Not allowed to use camera');
    await tick(0);
    expect((await started).message).toMatch(/privacy/);
    expect((await started).adviceZh).toContain('隐私');
  });

  it('can start again after a failure', async () => {
    const t = open({ trace: [{ at: 1, code: 1001 }] });
    const first = rejection<PusherError>(t.pusher.start());
    await tick(10);
    t.device.emit(-1301);
    expect((await first).code).toBe('STATE_-1301');
    const again = t.pusher.start();
    await tick(10);
    t.device.emit(1002);
    await again;
    expect(t.statuses()).toEqual(['starting', 'failed', 'starting', 'pushing']);
  });
});

describe('lifecycle rules', () => {
  it('rejects pause while idle with INVALID_STATE naming the status, without a native call', async () => {
    const t = open();
    const error = await rejection<PusherError>(t.pusher.pause());
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toContain('idle');
    expect(error.messageZh).toContain('idle');
    expect(t.device.methods).toEqual([]);
  });

  it('pauses and resumes a push', async () => {
    const t = open();
    const started = t.pusher.start();
    await tick(20);
    await started;
    const paused = t.pusher.pause();
    await tick(5);
    await paused;
    expect(t.pusher.status).toBe('paused');
    const resumed = t.pusher.resume();
    await tick(5);
    await resumed;
    expect(t.statuses()).toEqual(['starting', 'pushing', 'paused', 'pushing']);
  });

  it('suspends when the system stops the push (5000) and pushes again when the page is shown', async () => {
    const t = open();
    const started = t.pusher.start();
    await tick(20);
    await started;
    t.device.hide();
    t.device.emit(5000);
    await tick(5);
    expect(t.pusher.status).toBe('suspended');
    expect(t.events('statuschange').slice(-1)).toEqual([{ status: 'suspended', previous: 'pushing', cause: 'hide' }]);
    t.device.show();
    await tick(30);
    expect(t.pusher.status).toBe('pushing');
    expect(t.device.methods).toEqual(['start', 'stop', 'start']);
  });

  it('follows a push the app did not start (autopush): 1001 starting, 1002 pushing', async () => {
    const t = open();
    t.device.emit(1001);
    t.device.emit(1002);
    await tick(1);
    expect(t.events('statuschange')).toEqual([
      { status: 'starting', previous: 'idle', cause: 1001 },
      { status: 'pushing', previous: 'starting', cause: 1002 },
    ]);
    expect((await rejection<PusherError>(t.pusher.start())).code).toBe('INVALID_STATE');
  });

  it('lets stop() win over a pending start(): the start rejects with ABORTED', async () => {
    const t = open({ trace: [{ at: 1, code: 1001 }] });
    const started = rejection<PusherError>(t.pusher.start());
    await tick(10);
    const stopped = t.pusher.stop();
    await tick(10);
    expect((await started).code).toBe('ABORTED');
    await stopped;
    expect(t.pusher.status).toBe('stopped');
    expect(t.device.methods).toEqual(['start', 'stop']);
  });

  it('start() called before the component is ready (from onLoad) waits for the tag, then pushes', async () => {
    const t = open({ attach: false });
    const started = t.pusher.start();
    await tick(30);
    expect(t.device.methods).toEqual([]);
    expect(t.pusher.status).toBe('idle');
    mount(t.host);
    await tick(20);
    await started;
    expect(t.statuses()).toEqual(['starting', 'pushing']);
  });
});

describe('methods', () => {
  it('snapshot passes its options and returns sizes as numbers', async () => {
    const t = open();
    t.device.answer('snapshot', { result: { tempImagePath: 'wxfile://tmp/1.jpg', width: '720', height: '1280' } });
    const shot = t.pusher.snapshot({ quality: 'compressed', sourceType: 'view' });
    await tick(5);
    expect(await shot).toEqual({ tempImagePath: 'wxfile://tmp/1.jpg', width: 720, height: 1280 });
    expect(t.device.calls.filter((c) => c.method === 'snapshot')[0].options).toEqual({ quality: 'compressed', sourceType: 'view' });
  });

  it.each([
    ['switchCamera', []],
    ['toggleTorch', []],
    ['pauseBGM', []],
    ['resumeBGM', []],
    ['stopBGM', []],
    ['startPreview', []],
    ['stopPreview', []],
    ['exitPictureInPicture', []],
    ['playBGM', [{ url: 'https://cdn.example.com/a.mp3' }]],
    ['setBGMVolume', [0.5]],
    ['setMICVolume', [1]],
    ['sendMessage', ['hello']],
  ] as const)('%s resolves when the native call succeeds and rejects with NATIVE_FAIL when it fails', async (name, args) => {
    const t = open();
    const call = (t.pusher[name] as (...a: unknown[]) => Promise<unknown>).bind(t.pusher);
    const ok = call(...args);
    await tick(20);
    await expect(ok).resolves.toBeUndefined();
    t.device.answer(name, { fail: 'busy' });
    const failed = rejection<PusherError>(call(...args));
    await tick(20);
    expect((await failed).code).toBe('NATIVE_FAIL');
    expect((await failed).message).toContain(name);
    expect(t.device.methods).toEqual([name, name]);
  });

  it('rejects with TIMEOUT when a native call never answers (call-timeout property)', async () => {
    const t = open({ data: { callTimeout: 20 } });
    t.device.answer('switchCamera', 'hang');
    const error = rejection<PusherError>(t.pusher.switchCamera());
    await tick(30);
    expect((await error).code).toBe('TIMEOUT');
  });

  it('turns a native method that throws into NATIVE_FAIL', async () => {
    const t = open();
    t.device.answer('toggleTorch', 'throw');
    const error = await rejection<PusherError>(t.pusher.toggleTorch());
    expect(error.code).toBe('NATIVE_FAIL');
    expect(error.message).toContain('toggleTorch');
  });

  it('gives UNSUPPORTED for a method this WeChat version lacks', async () => {
    const t = open({ missing: ['getMaxZoom'] });
    const error = await rejection<PusherError>(t.pusher.getMaxZoom());
    expect(error.code).toBe('UNSUPPORTED');
  });

  it('returns promises that reject with PusherError for nonsense arguments, never throwing', async () => {
    const t = open();
    for (const call of [
      () => t.pusher.start({ timeout: 3e9 }),
      () => t.pusher.start('soon' as never),
      () => t.pusher.snapshot(5 as never),
      () => t.pusher.setZoom('max' as never),
      () => t.pusher.playBGM(null as never),
      () => t.pusher.setBGMVolume(2),
    ]) {
      const error = await rejection<PusherError>(call());
      expect(error).toMatchObject({ name: 'PusherError', code: 'INVALID_ARGUMENT' });
    }
    expect(t.device.methods).toEqual([]);
  });
});

describe('events', () => {
  it('emits statechange for every code and warning for warnings, typed', async () => {
    const t = open();
    t.device.emit(1101);
    t.device.emit(4999, 'mic on');
    t.device.emit(7777);
    await tick(1);
    const states = t.events<PusherStateEvent>('statechange');
    expect(states.map((s) => [s.kind, s.code, s.name])).toEqual([
      ['warning', 1101, 'PUSH_WARNING_NET_BUSY'],
      ['event', 4999, 'PUSH_EVT_MIC_ON'],
      ['unknown', 7777, 'UNKNOWN'],
    ]);
    expect(t.events('warning')).toEqual([states[0]]);
  });

  it('never throws on garbage details and reports them as unknown', async () => {
    const t = open();
    const tag = nativeTag(t);
    for (const detail of [null, 'x', { code: '1002' }, { code: NaN }]) tag.triggerEvent('statechange', detail);
    tag.triggerEvent('netstatus', null);
    tag.triggerEvent('error', 5);
    await tick(1);
    const states = t.events<PusherStateEvent>('statechange');
    expect(states).toHaveLength(4);
    expect(states.every((s) => s.kind === 'unknown')).toBe(true);
    expect(t.pusher.status).toBe('idle');
    expect(t.events('netstatus')).toEqual([expect.objectContaining({ valid: false, videoBitrate: 0 })]);
    expect(t.events('error')).toHaveLength(1);
  });

  it('keeps a room code with a missing message typed (not unknown)', async () => {
    const t = open();
    t.device.emit(1031);
    await tick(1);
    expect(t.events('statechange')).toEqual([
      expect.objectContaining({ kind: 'event', name: 'PUSH_EVT_ROOM_USER_ENTER', reason: 'missing-room-message' }),
    ]);
  });

  it('emits netstatus with numbers, the new fields included', async () => {
    const t = open();
    t.device.netstatus({
      videoBitrate: 812,
      audioBitrate: 48,
      videoFPS: 15,
      videoGOP: 2,
      netSpeed: 900,
      netJitter: 3,
      videoWidth: 720,
      videoHeight: 1280,
      netQualityLevel: 2,
      videoCache: 1,
      audioCache: 0,
    });
    await tick(1);
    expect(t.events('netstatus')).toEqual([expect.objectContaining({ videoBitrate: 812, netQualityLevel: 2, videoCache: 1, valid: true })]);
  });

  it('emits BGM, audio volume and picture-in-picture events with typed details', async () => {
    const t = open();
    const tag = nativeTag(t);
    tag.triggerEvent('bgmstart', {});
    tag.triggerEvent('bgmprogress', { progress: '3', duration: 120 });
    tag.triggerEvent('bgmcomplete', {});
    tag.triggerEvent('audiovolumenotify', { volume: 42 });
    tag.triggerEvent('enterpictureinpicture', {});
    tag.triggerEvent('leavepictureinpicture', {});
    await tick(1);
    expect(t.events('bgmstart')).toEqual([{}]);
    expect(t.events('bgmprogress')).toEqual([{ progress: 3, duration: 120 }]);
    expect(t.events('bgmcomplete')).toEqual([{}]);
    expect(t.events('audiovolume')).toEqual([{ volume: 42 }]);
    expect(t.events('enterpictureinpicture')).toEqual([{}]);
    expect(t.events('leavepictureinpicture')).toEqual([{}]);
  });

  it('hides signatures in every event and rejection, at any depth', async () => {
    const t = open();
    t.device.emit(3004, 'closed ' + SIGNED_URL);
    t.device.emit(1032, JSON.stringify({ userid: 'u', playurl: SIGNED_URL, more: [{ url: SIGNED_URL }] }));
    nativeTag(t).triggerEvent('netstatus', { info: { videoBitrate: 1, extra: { url: SIGNED_URL } } });
    t.device.answer('toggleTorch', { fail: 'torch ' + SIGNED_URL });
    const torch = rejection<PusherError>(t.pusher.toggleTorch());
    await tick(10);
    const error = await torch;
    const seen = JSON.stringify([
      t.events('statechange'),
      t.events('error'),
      t.events('netstatus'),
      t.events('warning'),
      { ...error, m: error.message, z: error.messageZh },
    ]);
    expect(seen).toContain('txSecret=***');
    expect(seen).not.toContain(SECRET);
  });
});

describe('pusherOf and detach', () => {
  it('pusherOf gives NOT_FOUND for a selector that matches nothing', () => {
    const t = open();
    let error: PusherError | undefined;
    try {
      pusherOf(t.host.instance, '#nope');
    } catch (e) {
      error = e as PusherError;
    }
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    expect(error!.message).toContain('#nope');
  });

  it('detach leaves no timer behind and settles a pending start with NOT_READY', async () => {
    const t = open();
    t.device.answer('start', 'hang');
    const started = rejection<PusherError>(t.pusher.start());
    await tick(10);
    t.host.setData({ shown: false });
    expect((await started).code).toBe('NOT_READY');
    const later = await rejection<PusherError>(t.pusher.switchCamera());
    expect(later.code).toBe('NOT_READY');
    t.device.uninstall();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('emits nothing after detach, whatever the old tag still dispatches', async () => {
    const t = open();
    const started = t.pusher.start();
    await tick(20);
    await started;
    const tag = nativeTag(t);
    t.host.setData({ shown: false });
    await tick(1);
    const count = (t.host.instance.received as unknown[]).length;
    tag.triggerEvent('statechange', { code: -1307 });
    tag.triggerEvent('statechange', { code: 5000 });
    tag.triggerEvent('netstatus', { info: { videoBitrate: 100 } });
    tag.triggerEvent('error', { errCode: 10001 });
    tag.triggerEvent('bgmstart', {});
    await tick(60000);
    expect((t.host.instance.received as unknown[]).length).toBe(count);
  });
});
