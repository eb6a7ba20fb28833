/**
 * pages/watch: `<ts-player>` follows the host's status through the live room: live → play(),
 * paused → pause() (the last picture stays, the page says so), ended → stop(). The player's own
 * policies bring the picture back after a lost network or a hidden page. The Chat SDK is
 * `ts-pusher/testing`'s fake (`jest.mock`), the player the fake phone's, as a user tests a
 * live-room page.
 */
import { FakeChat, type TestPage } from 'ts-pusher/testing';
import { advance, pageTests } from './page';

/** The fake Chat SDK the page's `require('@tencentcloud/chat')` gets; a fresh instance per test. */
let mockChat = new FakeChat();
jest.mock('@tencentcloud/chat', () => ({ create: () => mockChat }));
jest.mock('../config', () => ({
  LIVE_ROOM: {
    SDKAppID: 1400000001,
    groupID: 'demo-room',
    hostUserID: 'host-1',
    hostUserSig: '',
    playUrl: '',
    viewerUserID: 'viewer-1',
    viewerUserSig: '',
  },
}));

const PLAY_URL = 'https://play.example.com/live/demo.flv';
const open = pageTests('watch');

beforeEach(() => {
  mockChat = new FakeChat(['demo-room']);
});

/** The attributes `<ts-player>` gave its inner `<live-player>` (`null` when none is rendered, as while emulating). */
function livePlayerAttributes(page: TestPage): Record<string, unknown> | null {
  const player = page.node.querySelector('#player');
  const tag = player && player.querySelector('#player');
  if (!tag) return null;
  const attributes: Record<string, unknown> = {};
  for (const { name, value } of tag.toJSON().attrs || []) attributes[name] = value;
  return attributes;
}

let seq = 0;
/** The host announces `status`. */
const hostSays = (status: string, from = 'host-1', playUrl = PLAY_URL) =>
  mockChat.receive('demo-room', from, { data: { v: 1, t: 'status', status, playUrl, seq: ++seq, ts: Date.now() } });

/** Opens the page and lets the host go live: the player plays. */
async function watching(...args: Parameters<typeof open>) {
  const opened = open(...args);
  await advance(0);
  hostSays('live');
  await advance(100);
  return opened;
}

it('joins anonymously and waits; the room going live puts the play URL on the tag, plays it (live scenario) and shows playing', async () => {
  const { page, device } = open();
  await advance(0);
  expect(mockChat.calls.map(([name]) => name)).toEqual(['joinGroup', 'getGroupOnlineMemberCount']);
  expect(page.text('.status')).toBe('waiting for the host 等待主播 · online: 7');
  expect(page.text('.player-status')).toBe('player: idle 未播放');
  expect(livePlayerAttributes(page)).toMatchObject({ src: '', mode: 'live', minCache: 1, maxCache: 3 });
  expect(device.player.methods).toEqual([]);
  expect(page.node.querySelector('.like')).toBeFalsy();

  hostSays('live');
  await advance(100);
  expect(livePlayerAttributes(page)).toMatchObject({ src: PLAY_URL, mode: 'live', minCache: 1, maxCache: 3 });
  expect(device.player.methods).toEqual(['play']);
  expect(device.player.playing).toBe(true);
  expect(page.text('.status')).toBe('live 直播中 · online: 7');
  expect(page.text('.player-status')).toBe('player: playing 播放中');
  expect(page.text('.note')).toBeNull();
  expect(page.text('.error')).toBeNull();

  // A heartbeat repeats the status: the player is not told again.
  hostSays('live');
  await advance(100);
  expect(device.player.methods).toEqual(['play']);
});

it('paused: the native player pauses on its last picture, nothing stops, the page says so; live again plays from the live edge', async () => {
  const { page, device } = await watching();
  hostSays('paused');
  await advance(100);
  expect(device.player.methods).toEqual(['play', 'pause']);
  expect(livePlayerAttributes(page)).toMatchObject({ src: PLAY_URL });
  expect(page.text('.status')).toBe('paused 暂停 · online: 7');
  expect(page.text('.note')).toBe(
    'The host paused the live: the last picture stays until it goes on / 主播暂停了直播，画面停在最后一帧，恢复后继续播放',
  );
  expect(page.text('.player-status')).toBe('player: paused 已暂停');

  // A long pause (heartbeats included) stops nothing and restarts nothing.
  for (let i = 0; i < 4; i++) {
    hostSays('paused');
    await advance(15000);
  }
  expect(device.player.methods).toEqual(['play', 'pause']);
  expect(page.text('.player-status')).toBe('player: paused 已暂停');
  expect(page.text('.error')).toBeNull();

  hostSays('live');
  await advance(100);
  expect(device.player.methods.slice(2)).toEqual(['stop', 'play']);
  expect(device.player.playing).toBe(true);
  expect(page.text('.player-status')).toBe('player: playing 播放中');
  expect(page.text('.note')).toBeNull();
});

it('ended: the player stops, the page says the live has ended', async () => {
  const { page, device } = await watching();
  mockChat.memberCount = 0;
  hostSays('ended');
  await advance(10000);
  expect(device.player.methods).toEqual(['play', 'stop']);
  expect(device.player.playing).toBe(false);
  expect(page.text('.status')).toBe('ended 已结束 · online: 0');
  expect(page.text('.note')).toBe('The live has ended / 直播已结束');
  expect(page.text('.player-status')).toBe('player: stopped 已停止');
  expect(page.text('.error')).toBeNull();
});

it('the host reconnecting leaves the player as it is and says so; live again with the same URL restarts nothing', async () => {
  const { page, device } = await watching();
  hostSays('reconnecting');
  await advance(100);
  expect(device.player.methods).toEqual(['play']);
  expect(page.text('.note')).toBe("The host's network is reconnecting: the picture comes back by itself / 主播网络重连中，画面会自动恢复");
  hostSays('live');
  await advance(100);
  // Still playing the same URL: no restart, and no play() the player would refuse.
  expect(device.player.methods).toEqual(['play']);
  expect(page.text('.player-status')).toBe('player: playing 播放中');
  expect(page.text('.error')).toBeNull();
});

it('the network drops: reconnecting, the quality goes down, the reconnect shows; it returns: playing again', async () => {
  const { page, device } = await watching();
  device.offline();
  // The native player retries by itself (2103 ×3), then gives up (-2301): the reconnect policy waits for the network.
  await advance(5000);
  expect(page.text('.player-status')).toBe('player: reconnecting 重连中');
  expect(page.text('.quality')).toBe('network: down 已断开');
  await advance(60000);
  expect(device.player.methods).toEqual(['play']);

  device.online();
  await advance(0);
  expect(page.text('.reconnect')).toMatch(/^reconnect 1\/6 in 0\.0 s after \S+ \/ 第 1 次重连$/);
  await advance(100);
  expect(device.player.methods).toEqual(['play', 'stop', 'play']);
  expect(device.player.playing).toBe(true);
  expect(page.text('.player-status')).toBe('player: playing 播放中');
  expect(page.text('.reconnect')).toBeNull();

  // Two samples of a good network: the quality comes back.
  device.player.netstatus({ netQualityLevel: 2, videoBitrate: 800, audioBitrate: 48, videoFPS: 15 });
  device.player.netstatus({ netQualityLevel: 2, videoBitrate: 800, audioBitrate: 48, videoFPS: 15 });
  await advance(0);
  expect(page.text('.quality')).toBe('network: good 良好');
  expect(page.text('.error')).toBeNull();
});

it('the page hidden: the player is suspended; shown again: it plays again by itself', async () => {
  const { page, device } = await watching();
  device.hide();
  await advance(100);
  expect(page.text('.player-status')).toBe('player: in the background 后台暂停');
  device.show();
  await advance(100);
  expect(page.text('.player-status')).toBe('player: playing 播放中');
  expect(device.player.methods[device.player.methods.length - 1]).toBe('play');
  expect(device.player.playing).toBe(true);
  expect(page.text('.error')).toBeNull();
});

it('the stream gone while the room says live: after the reconnects, the error with its advice and a button that plays again', async () => {
  const { page, device } = await watching();
  device.player.streamGone();
  await advance(400000);
  expect(page.text('.player-status')).toBe('player: failed 播放失败');
  expect(page.text('.error')).toMatch(/broadcaster may have stopped/);
  expect(page.text('.reconnect')).toMatch(/^reconnect 6\/6 /);

  device.player.streamBack();
  page.tap('.retry');
  await advance(100);
  expect(page.text('.player-status')).toBe('player: playing 播放中');
  expect(page.text('.error')).toBeNull();
  expect(page.node.querySelector('.retry')).toBeFalsy();
});

it('unload leaves nothing running: no timer, no listener, no call and no event afterwards', async () => {
  const { page, device } = await watching();
  const received = page.text('.player-status');
  page.unload();
  await advance(100);
  expect(mockChat.calls.slice(-2).map(([name]) => name)).toEqual(['quitGroup', 'destroy']);
  expect(mockChat.listenerCount()).toBe(0);
  const calls = device.calls.length;
  await advance(600000);
  expect(jest.getTimerCount()).toBe(0);
  expect(device.calls.length).toBe(calls);
  expect(page.text('.player-status')).toBe(received);
});

it('emulate=happy (DevTools): no <live-player>, the placeholder plays when the room goes live', async () => {
  const { page } = await watching({}, { emulate: 'happy' });
  await advance(1000);
  expect(livePlayerAttributes(page)).toBeNull();
  expect(page.text('#player')).toContain('ts-player · emulated · happy');
  expect(page.text('.player-status')).toBe('player: playing 播放中');
  // The trace's samples say excellent (netQualityLevel 1) twice.
  await advance(4000);
  expect(page.text('.quality')).toBe('network: excellent 极好');
});

it('ignores a status from anyone but the host, shows the chat and the online count', async () => {
  const { page, device } = open();
  await advance(0);
  hostSays('live', 'troll');
  mockChat.memberCount = 30;
  mockChat.receive('demo-room', 'viewer-7', { text: '来了' });
  await advance(10000);
  expect(page.text('.status')).toBe('waiting for the host 等待主播 · online: 30');
  expect(device.player.methods).toEqual([]);
  expect(page.text('.chats')).toBe('viewer-7 来了');
});

it('flags a host whose heartbeat stopped, and clears it when one arrives, without touching the player', async () => {
  const { page, device } = await watching();
  await advance(37500);
  expect(page.text('.status')).toBe('live 直播中 · no news from the host 主播无响应 · online: 7');
  hostSays('live');
  await advance(0);
  expect(page.text('.status')).toBe('live 直播中 · online: 7');
  expect(device.player.methods).toEqual(['play']);
});

it('a room that ends before the viewer played says so and stops nothing', async () => {
  const { page, device } = open();
  await advance(0);
  hostSays('ended');
  await advance(100);
  expect(page.text('.note')).toBe('The live has ended / 直播已结束');
  expect(device.player.methods).toEqual([]);
  expect(page.text('.error')).toBeNull();
});

it('a live room with no play URL says what to fill in, and plays nothing', async () => {
  const { page, device } = open();
  await advance(0);
  hostSays('live', 'host-1', '');
  await advance(100);
  expect(page.text('.error')).toMatch(/^The host sent no play URL: .* \/ 主播没有发送播放地址/);
  expect(device.player.methods).toEqual([]);
});
