/**
 * pages/watch: `<live-player>` follows the host's status through the live room (plays while live,
 * paused or reconnecting; stops when it ends), the chat shows, a silent host is flagged. The
 * Chat SDK is `ts-pusher/testing`'s fake (`jest.mock`), as a user tests a live-room page.
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

/** The `src` the page gave its `<live-player>`. */
function playerSrc(page: TestPage): unknown {
  const player = page.node.querySelector('#player');
  const attrs = player ? player.toJSON().attrs || [] : [];
  const src = attrs.find((a) => a.name === 'src');
  return src ? src.value : undefined;
}

let seq = 0;
/** The host announces `status`. */
const hostSays = (status: string, from = 'host-1') =>
  mockChat.receive('demo-room', from, { data: { v: 1, t: 'status', status, playUrl: PLAY_URL, seq: ++seq, ts: Date.now() } });

it('joins anonymously, plays while the host is live or paused, stops when it ends', async () => {
  const { page } = open();
  await advance(0);
  expect(mockChat.calls.map(([name]) => name)).toEqual(['joinGroup', 'getGroupOnlineMemberCount']);
  expect(page.text('.status')).toBe('waiting for the host 等待主播 · online: 7');
  expect(playerSrc(page)).toBe('');
  expect(page.node.querySelector('.like')).toBeFalsy();

  hostSays('live');
  await advance(0);
  expect(playerSrc(page)).toBe(PLAY_URL);
  expect(page.text('.status')).toBe('live 直播中 · online: 7');

  hostSays('paused');
  await advance(0);
  expect(playerSrc(page)).toBe(PLAY_URL);
  expect(page.text('.status')).toBe('paused 暂停 · online: 7');

  mockChat.memberCount = 0;
  hostSays('ended');
  await advance(10000);
  expect(playerSrc(page)).toBe('');
  expect(page.text('.status')).toBe('ended 已结束 · online: 0');
});

it('ignores a status from anyone but the host, shows the chat and the online count', async () => {
  const { page } = open();
  await advance(0);
  hostSays('ended', 'troll');
  mockChat.memberCount = 30;
  mockChat.receive('demo-room', 'viewer-7', { text: '来了' });
  await advance(10000);
  expect(page.text('.status')).toBe('waiting for the host 等待主播 · online: 30');
  expect(page.text('.chats')).toBe('viewer-7 来了');
});

it('flags a host whose heartbeat stopped, and clears it when one arrives', async () => {
  const { page } = open();
  await advance(0);
  hostSays('live');
  await advance(37500);
  expect(page.text('.status')).toBe('live 直播中 · no news from the host 主播无响应 · online: 7');
  hostSays('live');
  await advance(0);
  expect(page.text('.status')).toBe('live 直播中 · online: 7');
});
