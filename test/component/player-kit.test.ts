/**
 * `ts-pusher/testing`'s player on a compiled page: `installFakeDevice()` answers the component's
 * `wx.createLivePlayerContext('player', this)` and delivers the player's events on its
 * `<live-player id="player">`, through the handlers the WXML binds, as a phone would.
 */
import * as path from 'path';
import { installFakeDevice, type FakeDevice } from '../../src/testing/index';
import { mount, simulate, type SimRoot } from '../simulate';
import { ROOT } from './setup';

interface Received {
  type: string;
  detail: { code?: number; info?: Record<string, number>; errMsg?: string; direction?: string; fullScreen?: boolean };
}
type Instance = { received: Received[]; player: WechatMiniprogram.LivePlayerContext };

let id: string;
let device: FakeDevice;
let page: SimRoot;

beforeAll(() => {
  id = simulate.load(path.join(__dirname, 'player-kit/index'), 'player-kit', {
    rootPath: ROOT,
    compilerOptions: { wxmlList: ['test/component/player-kit/index.wxml'] },
  });
});
beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  page.detach();
  device.uninstall();
  jest.useRealTimers();
});

/** A page with the device installed first, as a user's test does. */
function open(options: Parameters<typeof installFakeDevice>[0] = {}) {
  device = installFakeDevice(options);
  page = simulate.render(id);
  mount(page);
  const instance = page.instance as unknown as Instance;
  /** The codes the page's handler received, then cleared. */
  const codes = () =>
    instance.received
      .splice(0)
      .filter((e) => e.type === 'statechange')
      .map((e) => e.detail.code);
  return { instance, codes };
}

it('answers the component’s createLivePlayerContext and delivers the play’s codes and samples on its #player', async () => {
  const { instance, codes } = open({ player: { trace: 'happy' } });
  expect(device.calls.filter((c) => c.method.startsWith('wx.create'))).toEqual([
    { method: 'wx.createLivePlayerContext', options: { id: 'player' } },
  ]);
  const answered = jest.fn();
  instance.player.play({ success: answered });
  await jest.advanceTimersByTimeAsync(2 + 1000);
  expect(answered).toHaveBeenCalledWith({ errMsg: 'play:ok' });
  const samples = instance.received.filter((e) => e.type === 'netstatus');
  expect(samples.map((e) => e.detail.info!.videoBitrate)).toEqual([1100]);
  expect(codes()).toEqual([2001, 2002, 2003, 2004, 2032]);
  expect(device.player.playing).toBe(true);
  expect(device.player.methods).toEqual(['play']);
  expect(device.methods).toEqual([]);
});

it('the page hears the native player retry and give up when the network goes, and a stop silences it', async () => {
  const { instance, codes } = open({ player: { retryMs: 1000 } });
  instance.player.play({});
  await jest.advanceTimersByTimeAsync(20);
  codes();
  device.offline();
  await jest.advanceTimersByTimeAsync(2 + 3000);
  expect(codes()).toEqual([2103, 2103, 2103, -2301]);
  expect(device.player.playing).toBe(false);
  device.online();
  instance.player.play({});
  await jest.advanceTimersByTimeAsync(20);
  expect(codes()).toEqual([2001, 2002, 2003, 2004]);
  device.player.streamGone();
  await jest.advanceTimersByTimeAsync(2);
  expect(codes()).toEqual([2103]);
  instance.player.stop({});
  await jest.advanceTimersByTimeAsync(10000);
  expect(codes()).toEqual([]);
  expect(device.player.methods).toEqual(['play', 'play', 'stop']);
});

it('error and fullscreenchange reach the page’s handlers with their details', async () => {
  const { instance } = open();
  device.player.error('render failed');
  instance.player.requestFullScreen({ direction: 90 });
  await jest.advanceTimersByTimeAsync(2);
  expect(instance.received).toEqual([
    { type: 'error', detail: { errMsg: 'render failed' } },
    { type: 'fullscreenchange', detail: { direction: 'horizontal', fullScreen: true } },
  ]);
});
