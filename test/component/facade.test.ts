/**
 * The promise facade and push lifecycle of `<ts-pusher>`, driven through a host page with a
 * fake native context that answers like a device: callbacks on later ticks, 1001 then 1002
 * dispatched on the tag after a successful start.
 */
import { pusherOf, type PusherError, type PusherInstance, type StatusChange } from '../../src/index';
import { FakeContext, loadHost } from './setup';
import { mount, simulate, type SimNode, type SimRoot } from '../simulate';

let hostId: string;
beforeAll(() => {
  hostId = loadHost();
});

interface Harness {
  host: SimRoot;
  fake: FakeContext;
  pusher: PusherInstance;
  tag: SimNode;
  /** Events the host page received, by type (the library's own details only). */
  events(type: string): unknown[];
  statuses(): string[];
}

function setUp(options: { context?: 'missing'; data?: Record<string, unknown> } = {}): Harness {
  const fake = new FakeContext();
  jest.spyOn(wx, 'createLivePusherContext').mockImplementation(() => (options.context === 'missing' ? null : fake.methods()) as never);
  const host = simulate.render(hostId, options.data || {});
  mount(host);
  const pusherNode = host.querySelector('#pusher')!;
  const tag = pusherNode.querySelector('#pusher')!;
  // j-component lets the tag's native events bubble out of the component (a phone does not):
  // remember the native details, so the host's record keeps only what <ts-pusher> triggered.
  const native = new WeakSet<object>();
  const dispatch = tag.dispatchEvent.bind(tag);
  tag.dispatchEvent = (name, options) => {
    if (options && options.detail && typeof options.detail === 'object') native.add(options.detail);
    dispatch(name, options);
  };
  fake.bind(tag);
  const received = host.instance.received as { type: string; detail: unknown }[];
  const own = (e: { type: string; detail: unknown }) => !(e.detail && typeof e.detail === 'object' && native.has(e.detail));
  return {
    host,
    fake,
    tag,
    pusher: pusherOf(host.instance, '#pusher'),
    events: (type) => received.filter((e) => e.type === type && own(e)).map((e) => e.detail),
    statuses: () => received.filter((e) => e.type === 'statuschange').map((e) => (e.detail as StatusChange).status),
  };
}

/** The rejection of a promise, which must reject. */
async function rejection(promise: Promise<unknown>): Promise<PusherError> {
  try {
    await promise;
  } catch (error) {
    return error as PusherError;
  }
  throw new Error('expected the promise to reject');
}

beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

describe('start()', () => {
  it('resolves when pushing really begins (1002), not on the native success', async () => {
    const h = setUp();
    let resolved = false;
    const started = h.pusher.start().then(() => (resolved = true));
    await simulate.sleep(3); // native success has arrived, 1002 not yet
    expect(h.fake.calls.map((c) => c.method)).toEqual(['start']);
    expect(resolved).toBe(false);
    expect(h.pusher.status).toBe('starting');
    await started;
    expect(h.pusher.status).toBe('pushing');
    expect(h.statuses()).toEqual(['starting', 'pushing']);
    expect(h.events('statuschange')).toEqual([
      { status: 'starting', previous: 'idle', cause: 'start' },
      { status: 'pushing', previous: 'starting', cause: 1002 },
    ]);
  });

  it('rejects with STATE_-1301 when the camera cannot open, and the status is failed', async () => {
    const h = setUp();
    h.fake.startCodes = [-1301];
    const error = await rejection(h.pusher.start());
    expect(error).toMatchObject({ name: 'PusherError', code: 'STATE_-1301', category: 'device', nativeCode: -1301 });
    expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(error.advice).not.toBe('');
    expect(h.pusher.status).toBe('failed');
    expect(h.events('error')).toEqual([error]);
  });

  it('goes through reconnecting and rejects with STATE_-1307 when the SDK gives up', async () => {
    const h = setUp();
    h.fake.startCodes = [1001, 1102, 3002, -1307];
    const error = await rejection(h.pusher.start());
    expect(error.code).toBe('STATE_-1307');
    expect(h.statuses()).toEqual(['starting', 'reconnecting', 'failed']);
    expect((h.events('warning') as { code: number }[]).map((w) => w.code)).toEqual([1102, 3002]);
  });

  it('rejects with TIMEOUT when no 1002 comes in time, stops the native push and fails', async () => {
    const h = setUp();
    h.fake.startCodes = [1001];
    const error = await rejection(h.pusher.start({ timeout: 40 }));
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(error.message).toContain('40');
    expect(h.pusher.status).toBe('failed');
    await simulate.sleep(5);
    expect(h.fake.calls.map((c) => c.method)).toEqual(['start', 'stop']);
  });

  it('takes the start timeout from the startTimeout property', async () => {
    const h = setUp();
    h.host.querySelector('#pusher')!.setData({ startTimeout: 30 });
    h.fake.startCodes = [];
    const error = await rejection(h.pusher.start());
    expect(error.message).toContain('30 ms');
  });

  it('rejects with NATIVE_FAIL carrying errMsg when the native start fails', async () => {
    const h = setUp();
    h.fake.answers.start = { fail: 'jsapi has no permission' };
    const error = await rejection(h.pusher.start());
    expect(error.code).toBe('NATIVE_FAIL');
    expect(error.message).toContain('jsapi has no permission');
    expect(error.cause).toEqual({ errMsg: 'start:fail jsapi has no permission' });
    expect(h.pusher.status).toBe('failed');
  });

  it('rejects with PERMISSION_DENIED when binderror reports the camera denied', async () => {
    const h = setUp();
    h.fake.startCodes = [];
    const started = h.pusher.start();
    await simulate.sleep(4);
    h.tag.dispatchEvent('error', { detail: { errCode: 10001, errMsg: 'camera denied' } });
    const error = await rejection(started);
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED', nativeCode: 10001, category: 'permission' });
    expect(h.events('error')).toEqual([error]);
  });

  it('can start again after a failure', async () => {
    const h = setUp();
    h.fake.startCodes = [-1307];
    await rejection(h.pusher.start());
    h.fake.startCodes = [1001, 1002];
    await h.pusher.start();
    expect(h.pusher.status).toBe('pushing');
  });
});

describe('lifecycle rules', () => {
  it('rejects pause while idle with INVALID_STATE naming the status', async () => {
    const h = setUp();
    const error = await rejection(h.pusher.pause());
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toContain('idle');
    expect(error.messageZh).toContain('idle');
    expect(h.fake.calls).toEqual([]);
  });

  it('rejects resume while pushing', async () => {
    const h = setUp();
    await h.pusher.start();
    const error = await rejection(h.pusher.resume());
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toContain('pushing');
  });

  it('rejects a second start while the first is starting', async () => {
    const h = setUp();
    h.fake.startCodes = [1001];
    const first = h.pusher.start({ timeout: 200 });
    const error = await rejection(h.pusher.start());
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toContain('starting');
    await rejection(first);
  });

  it('pauses and resumes a push', async () => {
    const h = setUp();
    await h.pusher.start();
    await h.pusher.pause();
    expect(h.pusher.status).toBe('paused');
    await h.pusher.resume();
    expect(h.statuses()).toEqual(['starting', 'pushing', 'paused', 'pushing']);
  });

  it('stops when the system suspends the mini-program (5000)', async () => {
    const h = setUp();
    await h.pusher.start();
    h.fake.emit(5000);
    await simulate.sleep(6);
    expect(h.pusher.status).toBe('stopped');
    expect(h.events('statuschange').pop()).toEqual({ status: 'stopped', previous: 'pushing', cause: 5000 });
  });

  it('follows a push the app did not start (autopush): 1001 starting, 1002 pushing', async () => {
    const h = setUp();
    h.fake.emit(1001);
    await simulate.sleep(4);
    h.fake.emit(1002);
    await simulate.sleep(4);
    expect(h.events('statuschange')).toEqual([
      { status: 'starting', previous: 'idle', cause: 1001 },
      { status: 'pushing', previous: 'starting', cause: 1002 },
    ]);
    const error = await rejection(h.pusher.start());
    expect(error.code).toBe('INVALID_STATE');
  });

  it('rejects a pending start() with ABORTED when the system suspends the mini-program (5000)', async () => {
    const h = setUp();
    h.fake.startCodes = [1001, 5000];
    const error = await rejection(h.pusher.start());
    expect(error).toMatchObject({ code: 'ABORTED' });
    expect(error.message).toContain('5000');
    expect(h.pusher.status).toBe('stopped');
  });

  it('serializes calls: a native call starts only after the previous one answered', async () => {
    const h = setUp();
    await h.pusher.start();
    let inFlight = 0;
    let most = 0;
    const methods = h.fake.methods();
    jest.spyOn(wx, 'createLivePusherContext');
    for (const name of Object.keys(methods)) {
      const original = methods[name];
      methods[name] = (options) => {
        inFlight++;
        most = Math.max(most, inFlight);
        const wrap = (fn: unknown) => (r: unknown) => {
          inFlight--;
          (fn as (r: unknown) => void)(r);
        };
        original({ ...options, success: wrap(options.success), fail: wrap(options.fail) });
      };
    }
    (h.host.querySelector("#pusher")!.instance as unknown as { _ctx: unknown })._ctx = methods;
    await Promise.all([h.pusher.switchCamera(), h.pusher.snapshot(), h.pusher.pause(), h.pusher.toggleTorch()]);
    expect(most).toBe(1);
    expect(h.fake.calls.slice(-4).map((c) => c.method)).toEqual(['switchCamera', 'snapshot', 'pause', 'toggleTorch']);
  });

  it('lets stop() win over a pending start(): the start rejects with ABORTED', async () => {
    const h = setUp();
    h.fake.startCodes = [1001];
    const started = h.pusher.start();
    const stopped = h.pusher.stop();
    const error = await rejection(started);
    expect(error.code).toBe('ABORTED');
    await stopped;
    expect(h.pusher.status).toBe('stopped');
    expect(h.fake.calls.map((c) => c.method)).toEqual(['start', 'stop']);
  });

  it('gives NOT_READY when there is no native context, not a TypeError', async () => {
    const h = setUp({ context: 'missing' });
    const error = await rejection(h.pusher.switchCamera());
    expect(error.code).toBe('NOT_READY');
  });
});

describe('methods', () => {
  it('snapshot passes its options and returns sizes as numbers', async () => {
    const h = setUp();
    h.fake.answers.snapshot = { ok: { tempImagePath: 'wxfile://tmp/1.jpg', width: '720', height: '1280' } };
    const shot = await h.pusher.snapshot({ quality: 'compressed', sourceType: 'view' });
    expect(shot).toEqual({ tempImagePath: 'wxfile://tmp/1.jpg', width: 720, height: 1280 });
    expect(h.fake.calls[0].options).toMatchObject({ quality: 'compressed', sourceType: 'view' });
  });

  it('snapshot rejects an unknown quality with INVALID_ARGUMENT before any native call', async () => {
    const h = setUp();
    const error = await rejection(h.pusher.snapshot({ quality: 'best' as never }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(h.fake.calls).toEqual([]);
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
    const h = setUp();
    const call = (h.pusher[name] as (...a: unknown[]) => Promise<unknown>).bind(h.pusher);
    await expect(call(...args)).resolves.toBeUndefined();
    h.fake.answers[name] = { fail: 'busy' };
    const error = await rejection(call(...args));
    expect(error.code).toBe('NATIVE_FAIL');
    expect(error.message).toContain(name);
    expect(h.fake.calls.map((c) => c.method)).toEqual([name, name]);
  });

  it('passes volumes and messages to the native call', async () => {
    const h = setUp();
    await h.pusher.setBGMVolume(0.25);
    await h.pusher.sendMessage('sei');
    await h.pusher.playBGM({ url: 'https://cdn.example.com/a.mp3', startTimeMs: 1000 });
    expect(h.fake.calls.map((c) => c.options)).toEqual([
      expect.objectContaining({ volume: 0.25 }),
      expect.objectContaining({ msg: 'sei' }),
      expect.objectContaining({ url: 'https://cdn.example.com/a.mp3', startTimeMs: 1000 }),
    ]);
  });

  it.each([
    ['setBGMVolume', [1.5]],
    ['setMICVolume', [-0.1]],
    ['setMICVolume', ['loud']],
    ['sendMessage', ['']],
    ['playBGM', [{ url: '' }]],
  ] as const)('%s(%p) rejects with INVALID_ARGUMENT and makes no native call', async (name, args) => {
    const h = setUp();
    const error = await rejection((h.pusher[name] as (...a: unknown[]) => Promise<unknown>)(...args));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(h.fake.calls).toEqual([]);
  });

  it('getMaxZoom returns a number and setZoom is checked against it', async () => {
    const h = setUp();
    h.fake.answers.getMaxZoom = { ok: { maxZoom: '3' } };
    expect(await h.pusher.getMaxZoom()).toBe(3);
    const error = await rejection(h.pusher.setZoom(4));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('1–3');
    await h.pusher.setZoom(2.26);
    expect(h.fake.calls.pop()).toMatchObject({ method: 'setZoom', options: { zoom: 2.3 } });
  });

  it('rejects with TIMEOUT when a native call never answers', async () => {
    const h = setUp();
    h.host.querySelector('#pusher')!.setData({ callTimeout: 20 });
    h.fake.answers.switchCamera = 'hang';
    const error = await rejection(h.pusher.switchCamera());
    expect(error.code).toBe('TIMEOUT');
  });

  it('turns a native method that throws into NATIVE_FAIL', async () => {
    const h = setUp();
    h.fake.answers.toggleTorch = 'throw';
    const error = await rejection(h.pusher.toggleTorch());
    expect(error.code).toBe('NATIVE_FAIL');
    expect(error.message).toContain('exploded');
  });

  it('gives UNSUPPORTED for a method this WeChat version lacks', async () => {
    const h = setUp();
    const ctx = (h.host.querySelector("#pusher")!.instance as unknown as { _ctx: Record<string, unknown> })._ctx;
    delete ctx.getMaxZoom;
    const error = await rejection(h.pusher.getMaxZoom());
    expect(error.code).toBe('UNSUPPORTED');
  });
});

describe('events', () => {
  it('emits statechange for every code and warning for warnings, typed', async () => {
    const h = setUp();
    h.fake.emit(1101);
    h.fake.emit(4999, 'mic toggled');
    await simulate.sleep(6);
    const states = h.events('statechange') as { kind: string; code: number; name: string; advice: string }[];
    expect(states.map((s) => [s.kind, s.code, s.name])).toEqual([
      ['warning', 1101, 'PUSH_WARNING_NET_BUSY'],
      ['unknown', 4999, 'UNKNOWN'],
    ]);
    expect(h.events('warning')).toEqual([states[0]]);
  });

  it('never throws on garbage details and reports them as unknown', async () => {
    const h = setUp();
    for (const detail of [null, undefined, 'x', { code: '1002' }, { code: NaN }, { code: 1031, message: '{bad' }]) {
      h.tag.dispatchEvent('statechange', { detail });
    }
    h.tag.dispatchEvent('netstatus', { detail: null });
    await simulate.sleep(2);
    // j-component turns a null/undefined detail into a fresh {} that bubbles too: keep mapped ones.
    const states = (h.events('statechange') as { kind?: string }[]).filter((s) => s.kind);
    expect(states).toHaveLength(6);
    expect(states.every((s) => s.kind === 'unknown')).toBe(true);
    expect(h.pusher.status).toBe('idle');
    expect((h.events('netstatus') as { valid?: boolean }[]).filter((n) => 'valid' in n)).toEqual([
      expect.objectContaining({ valid: false, videoBitrate: 0 }),
    ]);
  });

  it('emits netstatus with numbers', async () => {
    const h = setUp();
    h.tag.dispatchEvent('netstatus', {
      detail: { info: { videoBitrate: '812', audioBitrate: 48, videoFPS: '15', videoGOP: 2, netSpeed: 900, netJitter: 3, videoWidth: 720, videoHeight: 1280 } },
    });
    await simulate.sleep(2);
    expect(h.events('netstatus')).toEqual([expect.objectContaining({ videoBitrate: 812, videoFPS: 15, valid: true })]);
  });

  it('emits BGM, audio volume and picture-in-picture events with typed details', async () => {
    const h = setUp();
    h.tag.dispatchEvent('bgmstart', { detail: {} });
    h.tag.dispatchEvent('bgmprogress', { detail: { progress: '3', duration: 120 } });
    h.tag.dispatchEvent('bgmcomplete', { detail: {} });
    h.tag.dispatchEvent('audiovolumenotify', { detail: { volume: 42 } });
    h.tag.dispatchEvent('enterpictureinpicture', { detail: {} });
    h.tag.dispatchEvent('leavepictureinpicture', { detail: {} });
    await simulate.sleep(2);
    expect(h.events('bgmstart')).toEqual([{}]);
    expect(h.events('bgmprogress')).toEqual([{ progress: 3, duration: 120 }]);
    expect(h.events('bgmcomplete')).toEqual([{}]);
    expect(h.events('audiovolume')).toEqual([{ volume: 42 }]);
    expect(h.events('enterpictureinpicture')).toEqual([{}]);
    expect(h.events('leavepictureinpicture')).toEqual([{}]);
  });

  it('redacts the signature in native messages of events', async () => {
    const h = setUp();
    h.fake.emit(3004, 'closed rtmp://x/live/s?txSecret=f00d&txTime=1');
    await simulate.sleep(6);
    expect(JSON.stringify(h.events('statechange'))).not.toContain('f00d');
  });
});

describe('pusherOf and detach', () => {
  it('pusherOf gives NOT_FOUND for a selector that matches nothing', () => {
    const h = setUp();
    let error: PusherError | undefined;
    try {
      pusherOf(h.host.instance, '#nope');
    } catch (e) {
      error = e as PusherError;
    }
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    expect(error!.message).toContain('#nope');
  });

  it('detach leaves no timer behind and settles a pending start with NOT_READY', async () => {
    const h = setUp();
    h.fake.answers.start = 'hang';
    jest.useFakeTimers();
    try {
      const started = h.pusher.start();
      await Promise.resolve();
      await Promise.resolve();
      expect(jest.getTimerCount()).toBeGreaterThan(0);
      h.host.setData({ shown: false });
      const error = await rejection(started);
      expect(error.code).toBe('NOT_READY');
      expect(jest.getTimerCount()).toBe(0);
      const later = await rejection(h.pusher.switchCamera());
      expect(later.code).toBe('NOT_READY');
    } finally {
      jest.useRealTimers();
    }
  });
});
