/**
 * The controller in plain Node, on a fake device with fake timers: the promise facade, the
 * status machine, and the timing rules (one native call at a time, codes during a call applied
 * after it, no dead-end status, calls before the tag is ready wait for it).
 */
import { PUSHER_METHODS, PusherController, isPusherError, mapStateChange, type PusherMethods } from '../../src/index';
import { SECRET, SIGNED_URL } from './helpers';
import { rejection, rig, settled, tick } from './rig';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('start()', () => {
  it('resolves when pushing begins (1002), after the native success, and reports each status change', async () => {
    const r = rig();
    const started = settled(r.ctl.start());
    await tick(1);
    expect(r.ctl.status).toBe('starting');
    expect(started.done()).toBe(false);
    await tick(5);
    expect(started.done()).toBe(true);
    expect(r.of('statuschange')).toEqual([
      { status: 'starting', previous: 'idle', cause: 'start' },
      { status: 'pushing', previous: 'starting', cause: 1002 },
    ]);
    expect(r.device.methods()).toEqual(['start']);
  });

  it('rejects with STATE_-1301 and fails when the camera cannot open', async () => {
    const r = rig();
    r.device.startCodes = [-1301];
    const error = rejection(r.ctl.start());
    await tick(10);
    expect(await error).toMatchObject({ code: 'STATE_-1301', nativeCode: -1301 });
    expect(r.ctl.status).toBe('failed');
    expect(r.of('error')).toHaveLength(1);
  });

  it('counts the first netstatus with a bitrate as pushing when 1002 never comes (some base libraries)', async () => {
    const r = rig();
    r.device.startCodes = [1001];
    const started = settled(r.ctl.start());
    await tick(5);
    r.device.net({ videoBitrate: 0, audioBitrate: 0 });
    expect(r.ctl.status).toBe('starting');
    r.device.net({ videoBitrate: 0, audioBitrate: 32 });
    await tick(0);
    expect(started.done()).toBe(true);
    expect(started.error()).toBeUndefined();
    expect(r.of('statuschange').pop()).toEqual({ status: 'pushing', previous: 'starting', cause: 'netstatus' });
  });

  it('does not count netstatus as pushing outside a start', async () => {
    const r = rig();
    r.device.net({ videoBitrate: 800, audioBitrate: 48 });
    expect(r.ctl.status).toBe('idle');
  });
});

describe('every native call goes through the queue', () => {
  it('sends the start timeout’s stop only after the slow native start answered, never overlapping it', async () => {
    const r = rig({ callTimeout: 50 });
    r.device.answers.start = 'hang';
    const error = rejection(r.ctl.start({ timeout: 20 }));
    await tick(20);
    expect(await error).toMatchObject({ code: 'TIMEOUT' });
    expect(r.ctl.status).toBe('failed');
    expect(r.device.methods()).toEqual(['start']);
    await tick(60);
    expect(r.device.methods()).toEqual(['start', 'stop']);
    expect(r.device.calls[1].at).toBeGreaterThanOrEqual(50);
  });

  it('leaves the device stopped and the status failed when a timed-out native start succeeds late', async () => {
    const r = rig({ callTimeout: 200 });
    r.device.answers.start = { after: 40 };
    const error = rejection(r.ctl.start({ timeout: 20 }));
    await tick(100);
    await error;
    expect(r.device.methods()).toEqual(['start', 'stop']);
    expect(r.device.maxInFlight).toBe(1);
    expect(r.device.pushing).toBe(false);
    expect(r.ctl.status).toBe('failed');
    expect(r.statuses()).toEqual(['starting', 'failed']);
  });

  it('never has two native calls in flight, whatever the page calls at once', async () => {
    const r = rig();
    await Promise.all([r.ctl.start(), tick(10)]);
    const calls = [r.ctl.switchCamera(), r.ctl.snapshot(), r.ctl.pause(), r.ctl.toggleTorch(), r.ctl.resume(), r.ctl.setMICVolume(0.5)];
    await tick(50);
    await Promise.all(calls);
    expect(r.device.maxInFlight).toBe(1);
    expect(r.device.methods().slice(1)).toEqual(['switchCamera', 'snapshot', 'pause', 'toggleTorch', 'resume', 'setMICVolume']);
  });
});

describe('a call the device carried out never rejects; codes during a call wait for it', () => {
  it('pause() answering after 1102 arrived resolves, the status is paused, and resume() works', async () => {
    const r = rig();
    await Promise.all([r.ctl.start(), tick(10)]);
    r.device.answers.pause = { after: 20 };
    const paused = settled(r.ctl.pause());
    await tick(5);
    r.device.code(1102);
    expect(r.ctl.status).toBe('pushing');
    await tick(20);
    expect(paused.done()).toBe(true);
    expect(paused.error()).toBeUndefined();
    expect(r.ctl.status).toBe('paused');
    r.device.code(1002);
    expect(r.ctl.status).toBe('paused');
    const resumed = settled(r.ctl.resume());
    await tick(5);
    expect(resumed.error()).toBeUndefined();
    expect(r.ctl.status).toBe('pushing');
    expect(r.of('warning').map((w) => w.code)).toEqual([1102]);
  });

  it('stop() followed by 5000 resolves and ends stopped', async () => {
    const r = rig();
    await Promise.all([r.ctl.start(), tick(10)]);
    r.device.answers.stop = { after: 10 };
    const stopped = settled(r.ctl.stop());
    await tick(2);
    r.device.code(5000);
    await tick(20);
    expect(stopped.done()).toBe(true);
    expect(stopped.error()).toBeUndefined();
    expect(r.ctl.status).toBe('stopped');
    expect(r.statuses()).toEqual(['starting', 'pushing', 'stopped']);
  });

  it('applies a fatal code that came during a failed pause after the failure', async () => {
    const r = rig();
    await Promise.all([r.ctl.start(), tick(10)]);
    r.device.answers.pause = { fail: 'busy', after: 10 };
    const paused = rejection(r.ctl.pause());
    await tick(2);
    r.device.code(-1301);
    expect(r.ctl.status).toBe('pushing');
    await tick(10);
    expect((await paused).code).toBe('NATIVE_FAIL');
    expect(r.ctl.status).toBe('failed');
  });
});

describe('no status is a dead end', () => {
  it('a stop() that fails while start() is pending aborts the start, and the start timeout still ends starting', async () => {
    const r = rig({ startTimeout: 100 });
    r.device.startCodes = [1001];
    r.device.answers.stop = { fail: 'jsapi has no permission' };
    const started = rejection(r.ctl.start());
    await tick(3);
    const stopped = rejection(r.ctl.stop());
    await tick(3);
    expect((await started).code).toBe('ABORTED');
    expect((await stopped).code).toBe('NATIVE_FAIL');
    expect(r.ctl.status).toBe('starting');
    await tick(100);
    expect(r.ctl.status).toBe('failed');
    r.device.answers.stop = {};
    r.device.startCodes = [1001, 1002];
    const again = settled(r.ctl.start());
    await tick(20);
    expect(again.error()).toBeUndefined();
    expect(r.ctl.status).toBe('pushing');
  });

  it('a stop() that fails while reconnecting ends reconnecting (failed) after the start timeout, and start() works again', async () => {
    const r = rig({ startTimeout: 100 });
    await Promise.all([r.ctl.start(), tick(10)]);
    r.device.code(-1307);
    expect(r.ctl.status).toBe('reconnecting');
    r.device.answers.stop = { fail: 'busy' };
    const stopped = rejection(r.ctl.stop());
    await tick(5);
    expect((await stopped).code).toBe('NATIVE_FAIL');
    expect(r.ctl.status).toBe('reconnecting');
    await tick(100);
    expect(r.ctl.status).toBe('failed');
    expect(r.of('reconnect')).toEqual([]);
    r.device.answers.stop = {};
    const again = settled(r.ctl.start());
    await tick(20);
    expect(again.error()).toBeUndefined();
    expect(r.ctl.status).toBe('pushing');
  });

  it('bounds a push the app did not start (autopush: 1001 without 1002) by the start timeout', async () => {
    const r = rig({ startTimeout: 50 });
    r.device.code(1001);
    expect(r.ctl.status).toBe('starting');
    await tick(50);
    expect(r.ctl.status).toBe('failed');
  });

  it('bounds a native reconnect that never reports by the start timeout (then fails, reconnect off)', async () => {
    const r = rig({ startTimeout: 40 });
    r.ctl.setPolicies({ reconnect: false });
    await Promise.all([r.ctl.start(), tick(10)]);
    r.device.code(1102);
    expect(r.ctl.status).toBe('reconnecting');
    await tick(40);
    expect(r.ctl.status).toBe('failed');
  });
});

describe('calls before the tag is ready wait for it', () => {
  it('start() from onLoad waits for the context and then pushes', async () => {
    const r = rig({ context: 'later' });
    const started = settled(r.ctl.start());
    await tick(30);
    expect(r.ctl.status).toBe('idle');
    expect(r.device.calls).toEqual([]);
    r.ready();
    await tick(10);
    expect(started.error()).toBeUndefined();
    expect(started.done()).toBe(true);
    expect(r.ctl.status).toBe('pushing');
  });

  it('rejects NOT_READY after the call timeout when the tag never comes, and leaves the status alone', async () => {
    const r = rig({ context: 'later', callTimeout: 80 });
    const started = rejection(r.ctl.start());
    const snap = rejection(r.ctl.snapshot());
    await tick(80);
    expect((await started).code).toBe('NOT_READY');
    await tick(80); // the snapshot waited its turn behind start(), then the context
    expect((await snap).code).toBe('NOT_READY');
    expect(r.ctl.status).toBe('idle');
    expect(r.of('statuschange')).toEqual([]);
  });
});

describe('every method returns a promise that rejects only with PusherError', () => {
  it('refuses a start timeout setTimeout cannot hold, instead of firing at once', async () => {
    const r = rig();
    const error = await rejection(r.ctl.start({ timeout: 3e9 }));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(error.message).toContain('timeout');
    expect(r.device.calls).toEqual([]);
    expect(r.ctl.status).toBe('idle');
  });

  it.each([[null], [undefined], [{}]])('start(%p) and snapshot(%p) mean "no options"', async (options) => {
    const r = rig();
    r.device.answers.snapshot = { result: { tempImagePath: 'wxfile://a.jpg', width: 1, height: 2 } };
    const started = settled(r.ctl.start(options));
    await tick(10);
    expect(started.error()).toBeUndefined();
    const shot = settled(r.ctl.snapshot(options));
    await tick(5);
    expect(shot.value()).toEqual({ tempImagePath: 'wxfile://a.jpg', width: 1, height: 2 });
  });

  it('rejects (never throws) with PusherError for any argument of any method (seeded sweep)', async () => {
    const seed = 20261125;
    let state = seed;
    const random = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const junk: unknown[] = [
      null,
      undefined,
      0,
      -1,
      NaN,
      Infinity,
      3e9,
      1.5,
      '',
      'x',
      true,
      [],
      [1],
      {},
      { timeout: 'x' },
      { timeout: -1 },
      { quality: 'best' },
      { url: 5 },
      () => 1,
      Symbol('s'),
      Object.create(null),
      { timeout: 3e9 },
      new Date(NaN),
    ];
    for (let round = 0; round < 400; round++) {
      const r = rig({ callTimeout: 20 });
      const name = PUSHER_METHODS[Math.floor(random() * PUSHER_METHODS.length)] as keyof PusherMethods;
      const args = [junk[Math.floor(random() * junk.length)], junk[Math.floor(random() * junk.length)]];
      let result: unknown;
      try {
        result = (r.ctl[name] as (...a: unknown[]) => unknown)(...args);
      } catch (error) {
        throw new Error(`seed ${seed} round ${round}: ${name}(${String(args[0])}) threw ${String(error)}`);
      }
      if (!(result instanceof Promise)) throw new Error(`seed ${seed} round ${round}: ${name} returned no promise`);
      const outcome = settled(result);
      await tick(100);
      if (outcome.error() !== undefined && !isPusherError(outcome.error())) {
        throw new Error(`seed ${seed} round ${round}: ${name} rejected with ${String(outcome.error())}`);
      }
      r.ctl.dispose();
    }
  });
});

describe('zoom: one decimal, never above the maximum', () => {
  it('sends at most the maximum: setZoom(2.96) of a max 2.96 goes out as 2.9', async () => {
    const r = rig();
    r.device.answers.getMaxZoom = { result: { maxZoom: 2.96 } };
    const done = settled(r.ctl.setZoom(2.96));
    await tick(10);
    expect(done.error()).toBeUndefined();
    expect(r.device.calls.pop()).toMatchObject({ method: 'setZoom', options: { zoom: 2.9 } });
  });

  it('rounds to one decimal inside the range', async () => {
    const r = rig();
    r.device.answers.getMaxZoom = { result: { maxZoom: '5' } };
    const done = settled(r.ctl.setZoom(2.26));
    await tick(10);
    expect(done.error()).toBeUndefined();
    expect(r.device.calls.pop()).toMatchObject({ options: { zoom: 2.3 } });
  });

  it('asks the maximum again after switchCamera: 8 on a front camera of max 3 is refused', async () => {
    const r = rig();
    r.device.answers.getMaxZoom = [{ result: { maxZoom: 10 } }, { result: { maxZoom: 3 } }];
    const first = settled(r.ctl.setZoom(8));
    await tick(10);
    expect(first.error()).toBeUndefined();
    const switched = settled(r.ctl.switchCamera());
    await tick(5);
    expect(switched.error()).toBeUndefined();
    const second = rejection(r.ctl.setZoom(8));
    await tick(10);
    expect(await second).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((await second).message).toContain('1–3');
    expect(r.device.methods()).toEqual(['getMaxZoom', 'setZoom', 'switchCamera', 'getMaxZoom']);
  });

  it('asks the maximum again after the device-position attribute changed', async () => {
    const r = rig();
    r.device.answers.getMaxZoom = [{ result: { maxZoom: 10 } }, { result: { maxZoom: 3 } }];
    await Promise.all([r.ctl.getMaxZoom(), tick(5)]);
    r.ctl.setAttributes({ ...r.ctl.attrs, devicePosition: 'back' });
    const error = rejection(r.ctl.setZoom(8));
    await tick(10);
    expect((await error).code).toBe('INVALID_ARGUMENT');
  });
});

describe('nothing after detach (dispose)', () => {
  it('emits nothing after dispose, whatever the device still sends', async () => {
    const r = rig();
    await Promise.all([r.ctl.start(), tick(10)]);
    r.ctl.dispose();
    const before = r.events.length;
    r.device.code(-1307);
    r.device.code(5000);
    r.device.net({ videoBitrate: 1 });
    r.ctl.pageVisible(false);
    await tick(60000);
    expect(r.events.length).toBe(before);
    expect(r.ctl.status).toBe('pushing');
  });

  it('settles calls in flight with NOT_READY and leaves no timer', async () => {
    const r = rig();
    r.device.answers.snapshot = 'hang';
    r.device.answers.start = 'hang';
    const snap = rejection(r.ctl.snapshot());
    const started = rejection(r.ctl.start());
    await tick(1);
    r.ctl.dispose();
    expect((await snap).code).toBe('NOT_READY');
    expect((await started).code).toBe('NOT_READY');
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('no signature anywhere in a rejection', () => {
  it('hides txSecret in the message and the cause of a native failure, at any depth', async () => {
    const r = rig();
    r.device.answers.toggleTorch = { fail: `torch busy ${SIGNED_URL}` };
    const error = rejection(r.ctl.toggleTorch());
    await tick(5);
    const e = await error;
    expect(e.code).toBe('NATIVE_FAIL');
    expect(JSON.stringify({ ...e, message: e.message, messageZh: e.messageZh })).not.toContain(SECRET);
    expect((e.cause as { errMsg: string }).errMsg).toContain('txSecret=***');
  });

  it('hides txSecret in an Error a native method throws', async () => {
    const r = rig();
    const ctx = {
      toggleTorch: () => {
        throw new Error('boom ' + SIGNED_URL);
      },
    };
    const ctl = new PusherController({ context: () => ctx, emit: () => undefined, platform: r.platform });
    const e = await rejection(ctl.toggleTorch());
    expect(e.message).not.toContain(SECRET);
    expect((e.cause as Error).message).not.toContain(SECRET);
    expect((e.cause as Error).stack).not.toContain(SECRET);
    r.ctl.dispose();
  });
});

describe('lifecycle rules', () => {
  it('refuses pause while idle and resume while pushing with INVALID_STATE naming the status', async () => {
    const r = rig();
    expect(await rejection(r.ctl.pause())).toMatchObject({ code: 'INVALID_STATE' });
    await Promise.all([r.ctl.start(), tick(10)]);
    const e = rejection(r.ctl.resume());
    await tick(1);
    expect((await e).message).toContain('pushing');
  });

  it('refuses a second start while the first is pending', async () => {
    const r = rig();
    r.device.startCodes = [1001];
    const first = settled(r.ctl.start({ timeout: 200 }));
    const second = await rejection(r.ctl.start());
    expect(second.code).toBe('INVALID_STATE');
    expect(second.message).toContain('starting');
    await tick(300);
    expect(first.done()).toBe(true);
  });

  it('lets stop() win over a start that has not reached the device yet: no native call at all', async () => {
    const r = rig({ context: 'later' });
    const started = rejection(r.ctl.start());
    const stopped = settled(r.ctl.stop());
    r.ready();
    await tick(10);
    expect((await started).code).toBe('ABORTED');
    expect(stopped.error()).toBeUndefined();
    expect(r.device.calls).toEqual([]);
    expect(r.ctl.status).toBe('idle');
  });

  it('feeds binderror 10003 (BGM) as an error event without moving the status', async () => {
    const r = rig();
    r.ctl.handleEvent(mapStateChange({ code: 1003 }));
    r.device.error(10003, 'bgm 404');
    expect(r.of('error').map((e) => e.code)).toEqual(['STATE_10003']);
    expect(r.ctl.status).toBe('idle');
  });
});
