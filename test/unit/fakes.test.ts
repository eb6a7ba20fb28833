/**
 * The shared fakes every phone-less test stands on (src/testing): the fake native context, the
 * fake pusher around it, and the fake platform. They must answer like a phone, in one format.
 */
import type { NativeCallOptions } from '../../src/native';
import { fakeContext, type FakeAnswering } from '../../src/testing/fake-context';
import { FakePlatform } from '../../src/testing/fake-platform';
import { FakePusher } from '../../src/testing/fake-pusher';
import type { Trace, TraceSink } from '../../src/traces';

const tick = (ms = 0): Promise<void> => jest.advanceTimersByTimeAsync(ms);

/** A sink that writes what it receives as lines (`code 1001`, `net …`, `network off`, …). */
function recorder(): TraceSink & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    code: (code, message) => lines.push(`code ${code}${message ? ' ' + message : ''}`),
    error: (errCode) => lines.push(`error ${errCode}`),
    net: (info) => lines.push(`net ${info.videoBitrate}`),
    network: (connected) => lines.push(`network ${connected ? 'on' : 'off'}`),
    page: (shown) => lines.push(`page ${shown ? 'show' : 'hide'}`),
  };
}

/** Callbacks that write what they receive. */
function callbacks(seen: string[]): NativeCallOptions {
  return {
    success: (r) => seen.push('success ' + JSON.stringify(r)),
    fail: (e) => seen.push('fail ' + JSON.stringify(e)),
  };
}

/** The shared context with 1001, 1002 after a start, `delay` ms apart, and the options given. */
const core = (sink: TraceSink, options: { delay?: number; answer?: FakeAnswering; started?: () => Trace } = {}) => {
  const delay = options.delay === undefined ? 2 : options.delay;
  const started =
    options.started ||
    (() => [
      { at: delay, code: 1001 },
      { at: 2 * delay, code: 1002 },
    ]);
  return fakeContext(sink, delay, (start) => (start ? started() : []), options.answer);
};

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('fake native context: the answer format', () => {
  it('answers success on a later tick, after its delay, with errMsg and the result', async () => {
    const seen: string[] = [];
    const device = core(recorder(), { delay: 5, answer: () => ({ result: { maxZoom: 3 } }) });
    device.context.getMaxZoom!(callbacks(seen));
    expect(seen).toEqual([]);
    await tick(4);
    expect(seen).toEqual([]);
    await tick(1);
    expect(seen).toEqual(['success {"errMsg":"getMaxZoom:ok","maxZoom":3}']);
  });

  it('fails with "<method>:fail <reason>"', async () => {
    const seen: string[] = [];
    const device = core(recorder(), { answer: () => ({ fail: 'busy' }) });
    device.context.pause!(callbacks(seen));
    await tick(2);
    expect(seen).toEqual(['fail {"errMsg":"pause:fail busy"}']);
  });

  it('answers `after` ms when the answer names it, whatever the delay', async () => {
    const seen: string[] = [];
    const device = core(recorder(), { delay: 1, answer: () => ({ after: 40 }) });
    device.context.stop!(callbacks(seen));
    await tick(39);
    expect(seen).toEqual([]);
    await tick(1);
    expect(seen[0]).toBe('success {"errMsg":"stop:ok"}');
  });

  it('never answers a hanging call, which stays in flight; a throwing one throws at once', async () => {
    const seen: string[] = [];
    const pusher = new FakePusher();
    pusher.answers = { snapshot: 'hang', toggleTorch: 'throw' };
    const context = pusher.context();
    context.snapshot!(callbacks(seen));
    expect(() => context.toggleTorch!(callbacks(seen))).toThrow(/toggleTorch is not a function of this base library/);
    await tick(60000);
    expect(seen).toEqual([]);
    expect(pusher.inFlight).toBe(1);
    expect(pusher.methods()).toEqual(['snapshot', 'toggleTorch']);
  });

  it('after a successful start, plays 1001 then 1002 on later ticks, delay ms apart, and pushes', async () => {
    const codes: number[] = [];
    const pusher = new FakePusher({ delay: 10 });
    pusher.code = (code) => codes.push(code);
    pusher.context().start!({});
    await tick(9);
    expect(pusher.pushing).toBe(false);
    await tick(1);
    expect(pusher.pushing).toBe(true);
    expect(codes).toEqual([]);
    await tick(10);
    expect(codes).toEqual([1001]);
    await tick(10);
    expect(codes).toEqual([1001, 1002]);
  });

  it('a stop that succeeds silences what the start still had to say', async () => {
    const sink = recorder();
    const pusher = new FakePusher({
      delay: 10,
      started: () => [
        { at: 5, code: 1001 },
        { at: 100, code: 1002 },
      ],
    });
    pusher.code = sink.code;
    const context = pusher.context();
    context.start!({});
    await tick(20);
    context.stop!({});
    await tick(10);
    expect(pusher.pushing).toBe(false);
    await tick(200);
    expect(sink.lines).toEqual(['code 1001']);
  });

  it('a failed start plays nothing and does not push', async () => {
    const sink = recorder();
    const device = core(sink, { answer: () => ({ fail: 'denied' }) });
    device.context.start!({});
    await tick(100);
    expect(sink.lines).toEqual([]);
    const pusher = new FakePusher();
    pusher.answers.start = { fail: 'denied' };
    pusher.context().start!({});
    await tick(100);
    expect(pusher.pushing).toBe(false);
  });

  it('end() drops every answer not given yet and stops the trace; calls in flight count until answered', async () => {
    const seen: string[] = [];
    const codes: number[] = [];
    const pusher = new FakePusher({ delay: 10 });
    pusher.code = (code) => codes.push(code);
    const context = pusher.context();
    context.start!({});
    expect(pusher.inFlight).toBe(1);
    await tick(15);
    expect(pusher.inFlight).toBe(0);
    context.pause!(callbacks(seen));
    pusher.end();
    await tick(1000);
    expect(seen).toEqual([]);
    expect(codes).toEqual([]);
    expect(pusher.inFlight).toBe(0);
  });

  it('plays network and page steps into the sink', async () => {
    const sink = recorder();
    const device = core(sink);
    device.play([
      { at: 5, network: 'off' },
      { at: 6, page: 'hide' },
      { at: 7, net: { videoBitrate: 900 } },
    ]);
    await tick(10);
    expect(sink.lines).toEqual(['network off', 'page hide', 'net 900']);
  });
});

describe('fake pusher: answers and records', () => {
  it('uses a list of answers up one a call and keeps the last', async () => {
    const pusher = new FakePusher();
    pusher.answers.getMaxZoom = [{ result: { maxZoom: 10 } }, { result: { maxZoom: 3 } }];
    const zooms: unknown[] = [];
    const context = pusher.context();
    for (let i = 0; i < 3; i++) context.getMaxZoom!({ success: (r) => zooms.push((r as { maxZoom: number }).maxZoom) });
    await tick(1);
    expect(zooms).toEqual([10, 3, 3]);
  });

  it('records every call with its options and time, and counts the most calls in flight', async () => {
    const pusher = new FakePusher({ delay: 5 });
    const context = pusher.context();
    await tick(7);
    context.setZoom!({ zoom: 2 });
    context.snapshot!({});
    await tick(5);
    context.stop!({});
    expect(pusher.methods()).toEqual(['setZoom', 'snapshot', 'stop']);
    expect(pusher.calls[0]).toMatchObject({ method: 'setZoom', options: { zoom: 2 }, at: Date.now() - 5 });
    expect(pusher.maxInFlight).toBe(2);
  });

  it('gives default results unless the answer names its own, and lacks the missing methods', async () => {
    const pusher = new FakePusher({ results: { getMaxZoom: { maxZoom: 5 } }, missing: ['setZoom'] });
    const context = pusher.context();
    const seen: unknown[] = [];
    context.getMaxZoom!({ success: (r) => seen.push(r) });
    pusher.answers.getMaxZoom = { result: { maxZoom: 2 } };
    context.getMaxZoom!({ success: (r) => seen.push(r) });
    await tick(1);
    expect(seen).toEqual([
      { errMsg: 'getMaxZoom:ok', maxZoom: 5 },
      { errMsg: 'getMaxZoom:ok', maxZoom: 2 },
    ]);
    expect(context.setZoom).toBeUndefined();
  });

  it('sends its start codes to whatever `code` is now', async () => {
    const pusher = new FakePusher({ delay: 3 });
    pusher.startCodes = [-1307];
    const codes: number[] = [];
    pusher.code = (code) => codes.push(code);
    pusher.context().start!({});
    await tick(6);
    expect(codes).toEqual([-1307]);
  });
});

describe('fake platform: permissions, network, files', () => {
  it('asks the person for a scope never asked, and remembers the answer', async () => {
    const platform = new FakePlatform();
    platform.setting = {};
    platform.prompt = { 'scope.record': 'privacy permission is not authorized' };
    await expect(platform.authorize('scope.camera')).resolves.toEqual({});
    await expect(platform.authorize('scope.record')).rejects.toEqual({ errMsg: 'authorize:fail privacy permission is not authorized' });
    expect(await platform.getSetting()).toEqual({ 'scope.camera': true, 'scope.record': false });
  });

  it('answers a scope already denied at once with auth deny, as a phone does; the settings page can grant it', async () => {
    const platform = new FakePlatform();
    platform.setting = { 'scope.camera': false };
    await expect(platform.authorize('scope.camera')).rejects.toEqual({ errMsg: 'authorize:fail auth deny' });
    platform.afterSettings = { 'scope.camera': true };
    expect(await platform.openSetting()).toEqual({ 'scope.camera': true });
    expect(platform.log).toEqual(['authorize scope.camera', 'openSetting']);
  });

  it('tells its listeners when the network goes and comes back, and getNetworkType follows', async () => {
    const platform = new FakePlatform();
    const heard: string[] = [];
    const listener = (change: { isConnected: boolean; networkType: string }) => heard.push(`${change.isConnected} ${change.networkType}`);
    platform.onNetworkStatusChange(listener);
    platform.network(false);
    expect(await platform.getNetworkType()).toBe('none');
    platform.network(true);
    platform.offNetworkStatusChange(listener);
    platform.network(false);
    expect(heard).toEqual(['false none', 'true wifi']);
  });

  it('answers in the same format as the native fake: fail, after, hang', async () => {
    const platform = new FakePlatform();
    platform.answers.getSetting = { fail: 'system error' };
    await expect(platform.getSetting()).rejects.toEqual({ errMsg: 'getSetting:fail system error' });
    platform.answers.getNetworkType = { after: 50 };
    let type: string | undefined;
    void platform.getNetworkType().then((t) => (type = t));
    await tick(49);
    expect(type).toBeUndefined();
    await tick(1);
    expect(type).toBe('wifi');
    platform.answers.downloadFile = 'hang';
    let answered = false;
    void platform.downloadFile('https://a.example.com/x.png').finally(() => (answered = true));
    await tick(60000);
    expect(answered).toBe(false);
  });

  it('downloads what it lists, fails the rest, and holds a download until finishDownload()', async () => {
    const platform = new FakePlatform();
    platform.downloads['https://a.example.com/w.png'] = 'wxfile://tmp/w.png';
    platform.md5['wxfile://tmp/w.png'] = 'f'.repeat(32);
    expect(await platform.downloadFile('https://a.example.com/w.png')).toBe('wxfile://tmp/w.png');
    expect(await platform.fileMd5('wxfile://tmp/w.png')).toBe('f'.repeat(32));
    await expect(platform.downloadFile('https://a.example.com/none.png')).rejects.toEqual({ errMsg: 'downloadFile:fail 404' });
    await expect(platform.fileMd5('/nothing.png')).rejects.toEqual({ errMsg: 'getFileInfo:fail no such file' });
    platform.holdDownloads = true;
    let path: string | undefined;
    void platform.downloadFile('https://a.example.com/w.png').then((p) => (path = p));
    await tick(1000);
    expect(path).toBeUndefined();
    platform.finishDownload();
    await tick(0);
    expect(path).toBe('wxfile://tmp/w.png');
  });

  it('keeps every keep-screen value and calls audio listeners when the audio comes back', () => {
    const platform = new FakePlatform();
    let back = 0;
    platform.onAudioInterruptionEnd(() => back++);
    platform.setKeepScreenOn(true);
    platform.setKeepScreenOn(false);
    platform.interruptionEnd();
    expect(platform.screen).toEqual([true, false]);
    expect(back).toBe(1);
  });
});
