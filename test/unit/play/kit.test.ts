/**
 * `ts-pusher/testing`'s player: `installFakeDevice()` serves `wx.createLivePlayerContext` from the
 * fake native player and delivers its events on the calling component's `<live-player
 * id="player">`, with the device's network. Plain Node: a stand-in component records what its
 * tags receive (the component project shows the same on a compiled page).
 */
import { installFakeDevice, type FakeDevice } from '../../../src/testing/index';
import type { NativePlayerContext } from '../../../src/play/native';

const tick = (ms = 0): Promise<void> => jest.advanceTimersByTimeAsync(ms);

/** A component whose `<live-player id="player">` and `<live-pusher id="pusher">` write what they receive. */
function component() {
  const events: string[] = [];
  const lifetimes: string[] = [];
  const tag = (id: string) => ({ triggerEvent: (name: string, detail: unknown) => events.push(`${id} ${name} ${JSON.stringify(detail)}`) });
  const tags: Record<string, ReturnType<typeof tag>> = { '#player': tag('player'), '#pusher': tag('pusher') };
  return {
    events,
    lifetimes,
    selectComponent: (selector: string) => tags[selector] || null,
    _exparserNode: { triggerPageLifeTime: (name: string) => lifetimes.push(name) },
  };
}

type Wx = Record<string, unknown> & {
  createLivePlayerContext(id: string, component: unknown): NativePlayerContext;
  createLivePusherContext(id: string, component: unknown): Record<string, (o: object) => void>;
};
const g = globalThis as unknown as { wx?: Wx };
let device: FakeDevice | null = null;

beforeEach(() => {
  jest.useFakeTimers();
  g.wx = {} as Wx;
});
afterEach(() => {
  device?.uninstall();
  device = null;
  delete g.wx;
  jest.useRealTimers();
});

/** The device, a component and its player context. */
function open(options: Parameters<typeof installFakeDevice>[0] = {}) {
  device = installFakeDevice(options);
  const host = component();
  const context = g.wx!.createLivePlayerContext('player', host);
  const answers: string[] = [];
  const call = (method: keyof NativePlayerContext, extra: object = {}) =>
    context[method]!({ ...extra, success: (r) => answers.push(JSON.stringify(r)), fail: (e) => answers.push('fail ' + JSON.stringify(e)) });
  /** The statechange codes the player tag received, then cleared. */
  const codes = () =>
    host.events
      .splice(0)
      .filter((e) => e.startsWith('player statechange'))
      .map((e) => JSON.parse(e.slice(19)).code as number);
  return { device, host, context, call, answers, codes };
}

describe('installFakeDevice: the player', () => {
  it('records createLivePlayerContext and the player calls as player.<method>, apart from the pusher methods', async () => {
    const { device, host, call } = open();
    const pusher = g.wx!.createLivePusherContext('pusher', host);
    call('play');
    pusher.start({});
    call('mute', { muted: true });
    await tick(100);
    expect(device.calls.map((c) => c.method)).toEqual([
      'wx.createLivePlayerContext',
      'wx.createLivePusherContext',
      'player.play',
      'start',
      'player.mute',
    ]);
    expect(device.calls[0].options).toEqual({ id: 'player' });
    expect(device.calls[4].options).toEqual({ muted: true });
    expect(device.methods).toEqual(['start']);
    expect(device.player.methods).toEqual(['play', 'mute']);
  });

  it('delivers 2001…2004 on the component’s #player after a play, on later ticks, and plays', async () => {
    const { device, host, call, answers, codes } = open();
    call('play');
    expect(answers).toEqual([]);
    await tick(2);
    expect(answers).toEqual(['{"errMsg":"play:ok"}']);
    expect(device.player.playing).toBe(true);
    await tick(8);
    expect(codes()).toEqual([2001, 2002, 2003, 2004]);
    expect(host.events).toEqual([]);
    expect(device.pushing).toBe(false);
  });

  it('plays the trace asked for; its samples arrive as netstatus { info }', async () => {
    const { host, call, codes } = open({ player: { trace: 'happy' } });
    call('play');
    await tick(2 + 1000);
    expect(host.events.filter((e) => e.startsWith('player netstatus'))).toHaveLength(1);
    expect(host.events.find((e) => e.startsWith('player netstatus'))).toContain('"info":{"videoBitrate":1100');
    expect(codes()).toEqual([2001, 2002, 2003, 2004, 2032]);
  });

  it('shares the device network: offline makes a playing player retry and give up, online in time saves it', async () => {
    const { device, call, codes } = open({ player: { retryMs: 500 } });
    call('play');
    await tick(20);
    codes();
    device.offline();
    await tick(2 + 500);
    expect(codes()).toEqual([2103, 2103]);
    device.online();
    await tick(2);
    expect(codes()).toEqual([2004]);
    device.offline();
    await tick(2 + 1500);
    expect(codes()).toEqual([2103, 2103, 2103, -2301]);
    expect(device.player.playing).toBe(false);
  });

  it('streamGone / streamBack: -2301 with the network on, later plays fail alike until the stream is back', async () => {
    const { device, call, codes } = open();
    call('play');
    await tick(20);
    codes();
    device.player.streamGone();
    await tick(2 + 3000);
    expect(codes()).toEqual([2103, 2103, 2103, -2301]);
    call('play');
    await tick(4 + 4000);
    expect(codes()).toEqual([2001, 2103, 2103, 2103, -2301]);
    device.player.streamBack();
    call('play');
    await tick(10);
    expect(codes()).toEqual([2001, 2002, 2003, 2004]);
    expect(device.player.playing).toBe(true);
  });

  it('emit, netstatus, error and fullscreen deliver now; -2301 emitted ends playing', async () => {
    const { device, host, call } = open();
    call('play');
    await tick(20);
    host.events.splice(0);
    device.player.emit(2105, 'lag');
    device.player.netstatus({ videoBitrate: 0, netQualityLevel: 6 });
    device.player.error('render failed');
    device.player.fullscreen('horizontal', true);
    device.player.emit(-2301);
    expect(host.events).toEqual([
      'player statechange {"code":2105,"message":"lag"}',
      'player netstatus {"info":{"videoBitrate":0,"netQualityLevel":6}}',
      'player error {"errMsg":"render failed"}',
      'player fullscreenchange {"direction":"horizontal","fullScreen":true}',
      'player statechange {"code":-2301}',
    ]);
    expect(device.player.playing).toBe(false);
  });

  it('requestFullScreen and exitFullScreen send fullscreenchange as they answer', async () => {
    const { host, call, answers } = open();
    call('requestFullScreen', { direction: 90 });
    await tick(2);
    call('exitFullScreen');
    await tick(2);
    expect(answers).toEqual(['{"errMsg":"requestFullScreen:ok"}', '{"errMsg":"exitFullScreen:ok"}']);
    expect(host.events).toEqual([
      'player fullscreenchange {"direction":"horizontal","fullScreen":true}',
      'player fullscreenchange {"direction":"vertical","fullScreen":false}',
    ]);
  });

  it('snapshot answers an image with numeric width and height; answer() and missing methods as told', async () => {
    const { device, call, answers } = open({ player: { missing: ['startCasting'] } });
    call('snapshot', { quality: 'raw' });
    device.player.answer('stop', { fail: 'busy' });
    call('stop');
    await tick(2);
    expect(answers.map((a) => (a.startsWith('fail') ? a : JSON.parse(a)))).toEqual([
      { errMsg: 'snapshot:ok', tempImagePath: expect.stringMatching(/^wxfile:\/\//), width: 360, height: 640 },
      'fail {"errMsg":"stop:fail busy"}',
    ]);
    expect(g.wx!.createLivePlayerContext('player', component()).startCasting).toBeUndefined();
  });

  it('player.play plays steps beside the native play and resolves once they have played', async () => {
    const { device, call, codes } = open();
    call('play');
    await tick(20);
    codes();
    let done = false;
    const played = device.player.play([
      { at: 100, code: 2007 },
      { at: 300, code: 2004 },
    ]);
    void played.then(() => (done = true));
    await tick(100);
    expect(codes()).toEqual([2007]);
    expect(done).toBe(false);
    await tick(201);
    expect(codes()).toEqual([2004]);
    expect(done).toBe(true);
  });

  it('a trace hiding the page reaches the player component’s page lifetimes', async () => {
    const { host, call } = open({ player: { trace: 'background' } });
    call('play');
    await tick(2 + 9000);
    expect(host.lifetimes).toEqual(['hide', 'show']);
  });

  it('uninstall stops the player: no more events, no timers left', async () => {
    const { device: installed, host, call } = open({ player: { trace: 'happy' } });
    call('play');
    void installed.player.play('flaky-network');
    await tick(1500);
    installed.uninstall();
    device = null;
    host.events.splice(0);
    expect(jest.getTimerCount()).toBe(0);
    await tick(60000);
    expect(host.events).toEqual([]);
  });
});
