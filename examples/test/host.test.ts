/**
 * pages/host: the push status reaches the audience through the live room, the chat and the
 * online count come back. The Chat SDK is `ts-pusher/testing`'s fake (`jest.mock`), the pusher
 * the fake phone, as a user tests a live-room page.
 */
import { FakeChat } from 'ts-pusher/testing';
import { advance, pageTests } from './page';

/** The fake Chat SDK the page's `require('@tencentcloud/chat')` gets; a fresh instance per test. */
let mockChat = new FakeChat();
jest.mock('@tencentcloud/chat', () => ({ create: () => mockChat }));
jest.mock('../config', () => ({
  LIVE_ROOM: {
    SDKAppID: 1400000001,
    groupID: 'demo-room',
    hostUserID: 'host-1',
    hostUserSig: 'sig-host',
    playUrl: 'https://play.example.com/live/demo.flv',
    viewerUserID: 'viewer-1',
    viewerUserSig: '',
  },
}));

const PUSH_URL = 'rtmp://push.example.com/live/demo?txSecret=0123456789abcdef&txTime=7FFFFFFF';
const open = pageTests('host');

beforeEach(() => {
  mockChat = new FakeChat();
});

/** The statuses the page announced to the room. */
const announced = () =>
  mockChat
    .sentData()
    .filter((data) => data.t === 'status')
    .map((data) => data.status);

it('opens the room on load (creating it), goes live with the push, and tells the audience it ended on unload', async () => {
  const { page } = open();
  page.instance.setData({ url: PUSH_URL });
  await advance(0);
  // The page listens to `audience`: the online count is asked for once joined.
  expect(mockChat.calls.map(([name]) => name)).toEqual(['login', 'joinGroup', 'createGroup', 'joinGroup', 'getGroupOnlineMemberCount']);
  expect(page.text('.status')).toBe('push: idle · audience sees: unknown · online: 7 · likes: 0');

  page.tap('.start');
  await advance(100);
  expect(announced()).toEqual(['live']);
  expect(mockChat.sentData()[0]).toMatchObject({ v: 1, t: 'status', status: 'live', playUrl: 'https://play.example.com/live/demo.flv' });
  expect(page.text('.status')).toBe('push: pushing · audience sees: live · online: 7 · likes: 0');

  page.tap('.stop');
  await advance(100);
  expect(announced()).toEqual(['live', 'ended']);
  page.unload();
  await advance(100);
  expect(mockChat.calls.slice(-3).map(([name]) => name)).toEqual(['quitGroup', 'logout', 'destroy']);
  expect(mockChat.listenerCount()).toBe(0);
});

it('shows the chat, the likes and the online count, and sends what the host types', async () => {
  const { page } = open();
  await advance(0);
  mockChat.memberCount = 12;
  mockChat.receive('demo-room', 'viewer-7', { text: 'hello' }, { data: { v: 1, t: 'like', count: 3 } });
  await advance(10000);
  expect(page.text('.chats')).toBe('viewer-7 hello');
  expect(page.text('.status')).toBe('push: idle · audience sees: unknown · online: 12 · likes: 3');

  page.instance.setData({ draft: ' thanks ' });
  page.tap('.send-button');
  await advance(0);
  expect(mockChat.sent.map((s) => s.message.payload)).toEqual([{ text: 'thanks' }]);
  expect(page.instance.data.draft).toBe('');
});

it('shows a room that cannot open as an error in both languages', async () => {
  mockChat.failures.login = [Object.assign(new Error('userSig expired'), { code: 70001 })];
  const { page } = open();
  await advance(0);
  expect(page.text('.error')).toMatch(/^IM_FAILED: login failed: 70001 userSig expired \/ login 失败：70001/);
});
