/**
 * The facade's promises to the page, on the unit rig: the page's last word wins, nothing
 * outlives detach, every wait on `wx` or on the app's code is bounded, a rejected start() means
 * the library gave up, a suspended push comes back, and nothing is pushed from a hidden page.
 */
import { PUSHER_METHODS, type PusherMethods } from '../../src/index';
import { rejection, rig, settled, tick } from './rig';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** Arguments that pass each method's own checks. */
const GOOD_ARGS: { [M in keyof PusherMethods]?: unknown[] } = {
  snapshot: [{}],
  playBGM: [{ url: 'https://cdn.example.com/a.mp3' }],
  setBGMVolume: [0.5],
  setMICVolume: [0.5],
  sendMessage: ['hi'],
  setZoom: [2],
};
const call = (ctl: PusherMethods, method: keyof PusherMethods) =>
  (ctl[method] as (...a: unknown[]) => Promise<unknown>)(...(GOOD_ARGS[method] || []));

async function pushing(r: ReturnType<typeof rig>) {
  const started = r.ctl.start();
  await tick(10);
  await started;
  expect(r.ctl.status).toBe('pushing');
}

describe('a stop() aborts only the starts made before it', () => {
  it('stop(); stop(); start() in one tick after a failure: the start pushes', async () => {
    const r = rig();
    r.device.error(10001, 'camera refused');
    expect(r.ctl.status).toBe('failed');
    const first = settled(r.ctl.stop());
    const second = settled(r.ctl.stop());
    const started = settled(r.ctl.start());
    await tick(50);
    expect(started.error()).toBeUndefined();
    expect(started.done()).toBe(true);
    expect(r.ctl.status).toBe('pushing');
    expect(first.error()).toBeUndefined();
    expect(second.done()).toBe(true);
    expect(r.device.pushing).toBe(true);
  });

  it('a start() made before the stop() is still aborted by it', async () => {
    const r = rig();
    r.device.answers.start = { after: 20 };
    const started = rejection(r.ctl.start());
    await tick(1);
    const stopped = r.ctl.stop();
    await tick(50);
    expect(await started).toMatchObject({ code: 'ABORTED' });
    await stopped;
    expect(r.ctl.status).toBe('stopped');
    expect(r.device.pushing).toBe(false);
  });
});

describe('after detach', () => {
  it('every method rejects at once with NOT_READY, whatever the last status', async () => {
    const r = rig();
    await pushing(r);
    r.ctl.dispose();
    const results = PUSHER_METHODS.map((method) => settled(call(r.ctl, method)));
    await tick(0);
    PUSHER_METHODS.forEach((method, i) => {
      expect([method, results[i].done()]).toEqual([method, true]);
      expect([method, (results[i].error() as { code?: string }).code]).toEqual([method, 'NOT_READY']);
    });
  });

  it('settles calls waiting for the permission check and every call queued behind them, without any answer from wx', async () => {
    const r = rig();
    r.platform.answers.getSetting = 'hang';
    const calls = [r.ctl.start(), r.ctl.startPreview(), r.ctl.pause(), r.ctl.resume(), r.ctl.setZoom(2), r.ctl.snapshot()].map(
      (p: Promise<unknown>) => settled(p),
    );
    await tick(1);
    expect(calls.some((c) => c.done())).toBe(false);
    r.ctl.dispose();
    await tick(0);
    expect(calls.map((c) => [c.done(), (c.error() as { code?: string }).code])).toEqual(calls.map(() => [true, 'NOT_READY']));
    expect(jest.getTimerCount()).toBe(0);
  });

  it('settles openPermissionSettings() while the settings page is open', async () => {
    const r = rig();
    r.platform.openSetting = () => new Promise(() => undefined);
    const opened = settled(r.ctl.openPermissionSettings());
    await tick(1);
    r.ctl.dispose();
    await tick(0);
    expect((opened.error() as { code?: string }).code).toBe('NOT_READY');
  });

  it('keeps the status the page last heard: a stop in flight at detach does not move it', async () => {
    const r = rig();
    r.device.answers.start = { after: 10 };
    r.device.answers.stop = { after: 50 };
    const started = settled(r.ctl.start());
    await tick(1);
    expect(r.ctl.status).toBe('starting');
    const stopped = settled(r.ctl.stop());
    r.ctl.pageVisible(false);
    expect(r.ctl.status).toBe('suspended');
    await tick(10);
    expect(r.device.methods()).toEqual(['start', 'stop']);
    r.ctl.dispose();
    await tick(100);
    expect(r.statuses().pop()).toBe('suspended');
    expect(r.ctl.status).toBe('suspended');
    expect(started.done() && stopped.done()).toBe(true);
  });

  it('a waiting-image download started before detach leaves no timer and its late answer goes nowhere', async () => {
    const r = rig({ callTimeout: 100 });
    r.platform.holdDownloads = true;
    r.platform.downloads['https://cdn.example.com/wait.png'] = 'wxfile://wait.png';
    r.platform.md5['wxfile://wait.png'] = 'a'.repeat(32);
    r.ctl.setAttributes({ ...r.ctl.attrs, waitingImage: 'https://cdn.example.com/wait.png' });
    await tick(1);
    expect(r.platform.held).not.toBeNull();
    r.ctl.dispose();
    expect(jest.getTimerCount()).toBe(0);
    r.platform.finishDownload();
    await tick(1000);
    expect(r.platform.log.filter((l) => l.startsWith('fileMd5'))).toEqual([]);
    expect(r.patches).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('start() rejects only when the library has given up', () => {
  it('a native start that outlives the call timeout while 3002 came fails the push for good', async () => {
    const r = rig({ callTimeout: 20 });
    r.device.answers.start = { after: 39 };
    const started = rejection(r.ctl.start());
    await tick(10);
    r.device.code(3002);
    expect(r.ctl.status).toBe('reconnecting');
    await tick(10);
    const error = await started;
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(r.ctl.status).toBe('failed');
    await tick(5000);
    expect(r.ctl.status).toBe('failed');
    expect(r.statuses()).toEqual(['starting', 'reconnecting', 'failed']);
    // The late native start is undone: the device does not push while the page was told it failed.
    expect(r.device.pushing).toBe(false);
    expect(r.device.methods().slice(0, 2)).toEqual(['start', 'stop']);
    expect(r.device.methods().filter((m) => m === 'start')).toHaveLength(1);
  });
});

describe('zoom after a camera switch whose outcome is unknown', () => {
  it.each([
    ['answered after the call timeout', { after: 100 }],
    ['failed', { fail: 'busy' }],
  ] as const)('reads the maximum again after a switchCamera() %s', async (_name, answer) => {
    const r = rig({ callTimeout: 50 });
    r.device.answers.getMaxZoom = [{ result: { maxZoom: 3 } }, { result: { maxZoom: 1 } }];
    const max = settled(r.ctl.getMaxZoom());
    await tick(5);
    expect(max.value()).toBe(3);
    r.device.answers.switchCamera = answer;
    const switched = settled(r.ctl.switchCamera());
    const zoomed = settled(r.ctl.setZoom(1.5));
    await tick(200);
    expect(switched.error()).toBeDefined();
    expect(zoomed.error()).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(r.device.methods()).toEqual(['getMaxZoom', 'switchCamera', 'getMaxZoom']);
  });
});

describe('every wait on wx is bounded by the call timeout', () => {
  it.each(['getSetting', 'authorize'] as const)('start() goes on as with an unknown answer when %s never answers', async (api) => {
    const r = rig({ callTimeout: 100 });
    r.platform.setting = { 'scope.camera': undefined, 'scope.record': undefined };
    r.platform.answers[api] = 'hang';
    const started = settled(r.ctl.start());
    await tick(99);
    expect(r.device.methods()).toEqual([]);
    await tick(300);
    expect(started.done()).toBe(true);
    expect(started.error()).toBeUndefined();
    expect(r.ctl.status).toBe('pushing');
    expect(r.of('error')).toEqual([]);
  });

  it('a waiting-image download that never answers ends in the warning after the call timeout', async () => {
    const r = rig({ callTimeout: 100 });
    r.platform.answers.downloadFile = 'hang';
    r.ctl.setAttributes({ ...r.ctl.attrs, waitingImage: 'https://cdn.example.com/never.png' });
    await tick(99);
    expect(r.of('warning')).toEqual([]);
    await tick(1);
    expect(r.of('warning')).toEqual([expect.objectContaining({ name: 'WAITING_IMAGE_HASH' })]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a network check that never answers keeps no wait alive: the reconnect goes on', async () => {
    const r = rig({ callTimeout: 100 });
    await pushing(r);
    r.platform.answers.getNetworkType = 'hang';
    r.device.code(-1307);
    expect(r.ctl.status).toBe('reconnecting');
    await tick(2000);
    expect(r.ctl.status).toBe('pushing');
    r.ctl.dispose();
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('a URL refresher that never answers', () => {
  it('fails the refresh after the start timeout (URL_REFRESH_FAILED) and lets the start and the calls queued after it go on', async () => {
    const expiring = () => `rtmp://push.example.com/live/s?txSecret=abc&txTime=${Math.floor((Date.now() + 60000) / 1000).toString(16)}`;
    const r = rig({ startTimeout: 1000, attrs: { url: expiring() } });
    r.ctl.setUrlRefresher(() => new Promise<string>(() => undefined));
    const started = settled(r.ctl.start());
    const zoomed = settled(r.ctl.setZoom(1));
    const resumed = settled(r.ctl.resume());
    await tick(999);
    expect(started.done()).toBe(false);
    await tick(100);
    expect(r.of('error')).toEqual([expect.objectContaining({ code: 'URL_REFRESH_FAILED' })]);
    expect(started.done() && zoomed.done() && resumed.done()).toBe(true);
    expect(started.error()).toBeUndefined();
    expect(r.ctl.status).toBe('pushing');
  });
});

describe('a suspended push comes back', () => {
  it('on the page’s show even when no hide came before it (5000 first)', async () => {
    const r = rig();
    await pushing(r);
    r.device.code(5000);
    expect(r.ctl.status).toBe('suspended');
    r.ctl.pageVisible(true);
    await tick(20);
    expect(r.ctl.status).toBe('pushing');
    expect(r.device.methods()).toEqual(['start', 'stop', 'start']);
  });

  it('when the audio interruption ends (5001 without the page hidden)', async () => {
    const r = rig();
    await pushing(r);
    r.device.code(5001);
    expect(r.ctl.status).toBe('suspended');
    expect(r.platform.audioListeners.size).toBe(1);
    r.platform.interruptionEnd();
    await tick(20);
    expect(r.ctl.status).toBe('pushing');
    expect(r.platform.audioListeners.size).toBe(0);
  });

  it('not when resumeOnShow is off', async () => {
    const r = rig();
    r.ctl.setPolicies({ resumeOnShow: false });
    await pushing(r);
    r.device.code(5001);
    r.platform.interruptionEnd();
    r.ctl.pageVisible(true);
    await tick(20);
    expect(r.ctl.status).toBe('suspended');
    expect(r.device.methods()).toEqual(['start']);
  });
});

describe('nothing is pushed from a hidden page', () => {
  it('a push lost while hidden is restarted only after show', async () => {
    const r = rig();
    r.ctl.pageVisible(false);
    r.device.code(1002);
    expect(r.ctl.status).toBe('pushing');
    r.device.code(-1307);
    expect(r.ctl.status).toBe('reconnecting');
    await tick(60000);
    expect(r.device.methods()).toEqual([]);
    r.ctl.pageVisible(true);
    await tick(100);
    expect(r.device.methods()).toEqual(['stop', 'start']);
    expect(r.ctl.status).toBe('pushing');
  });
});

describe('after the page’s stop(), only its next start() pushes', () => {
  it('a stop() the device never answers, then hide and show: nothing restarts the push', async () => {
    const r = rig({ callTimeout: 50 });
    await pushing(r);
    r.device.answers.stop = 'hang';
    const stopped = settled(r.ctl.stop());
    await tick(1);
    // Hidden while the native stop is out: the suspension waits for its answer.
    r.ctl.pageVisible(false);
    await tick(100);
    expect((stopped.error() as { code?: string }).code).toBe('TIMEOUT');
    expect(r.ctl.status).toBe('suspended');
    r.ctl.pageVisible(true);
    await tick(100);
    expect(r.device.methods()).toEqual(['start', 'stop']);
    expect(r.ctl.status).toBe('suspended');
  });

  it('a loss reported after a refused stop() fails the push instead of reconnecting', async () => {
    const r = rig({ callTimeout: 50 });
    await pushing(r);
    r.device.answers.stop = { fail: 'busy' };
    await rejection(Promise.all([r.ctl.stop(), tick(10)]));
    r.device.code(-1307);
    await tick(60000);
    expect(r.ctl.status).toBe('failed');
    expect(r.of('reconnect')).toEqual([]);
    expect(r.device.methods()).toEqual(['start', 'stop']);
  });
});
