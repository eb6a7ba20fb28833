/**
 * The wire contract with the real SDK packages: each pinned package (`@tencentcloud/chat`,
 * `tim-wx-sdk`) is loaded with its own `wx`, whose socket and requests only reach the
 * in-process fake Chat server. Host and anonymous viewer each go login → SDK_READY → join →
 * status broadcast → incoming chat and status → quit → logout. Any socket or request to
 * anywhere else (through `wx`, or through Node's own network) fails the test.
 */
import http from 'http';
import https from 'https';
import net from 'net';
import tls from 'tls';
import type TencentCloudChat from '@tencentcloud/chat';
import {
  createHostRoom,
  watchRoom,
  type ChatInstance,
  type ChatModule,
  type LiveRoom,
  type RoomEventName,
  type RoomEvents,
} from '../../src/im';
import { genUserSig } from '../../src/server';
import { FakeImServer } from './fake-im-server';
import { sdkHygiene } from './sdk-hygiene';

const SDK_APP_ID = 1400000001;
const SECRET_KEY = 'contract-test-secret-key';
const PLAY_URL = 'https://play.example.com/live/demo.flv';
const PACKAGES = ['@tencentcloud/chat', 'tim-wx-sdk'] as const;

// Compile-time half of the contract: the official typings fit the structural types.
const typedModule: ChatModule = null as unknown as typeof TencentCloudChat;
const typedInstance: ChatInstance = null as unknown as ReturnType<typeof TencentCloudChat.create>;
void typedModule;
void typedInstance;

/** Network use outside the fake: Node's sockets and the globals an SDK could fall back to. */
const strays: string[] = [];
const globals = global as unknown as { [name: string]: unknown };
const saved: { [name: string]: unknown } = {};

function refuse(what: string): never {
  strays.push(what);
  throw new Error(`${what}: the contract test allows no network`);
}

let hygiene: ReturnType<typeof sdkHygiene>;

beforeAll(() => {
  hygiene = sdkHygiene();
  for (const name of ['wx', 'getApp', '__wxConfig', 'WebSocket', 'fetch', 'XMLHttpRequest']) saved[name] = globals[name];
  // Bare globals the SDKs read at login, as a mini-program has them.
  globals.getApp = () => ({});
  globals.__wxConfig = { envVersion: 'develop' };
  globals.WebSocket = function WebSocket(url: string) {
    refuse(`WebSocket ${url}`);
  };
  globals.fetch = (url: unknown) => refuse(`fetch ${String(url)}`);
  globals.XMLHttpRequest = function XMLHttpRequest() {
    return { open: (_method: string, url: string) => refuse(`XMLHttpRequest ${url}`) };
  };
  for (const [name, module, method] of [
    ['http.request', http, 'request'],
    ['http.get', http, 'get'],
    ['https.request', https, 'request'],
    ['https.get', https, 'get'],
    ['net.connect', net, 'connect'],
    ['net.createConnection', net, 'createConnection'],
    ['tls.connect', tls, 'connect'],
  ] as const) {
    jest.spyOn(module as unknown as { [key: string]: () => never }, method).mockImplementation(() => refuse(name));
  }
});

afterEach(() => hygiene.clearIntervals());

afterAll(() => {
  jest.restoreAllMocks();
  for (const name of Object.keys(saved)) {
    if (saved[name] === undefined) delete globals[name];
    else globals[name] = saved[name];
  }
});

/**
 * A fresh copy of a package bound to `wx` (the SDKs capture `wx` when they load). Afterwards
 * the global `wx` is a trap, so an SDK reaching for it later is caught.
 */
function loadSdk(pkg: string, wx: object): ChatModule {
  globals.wx = wx;
  let sdk: ChatModule | undefined;
  jest.isolateModules(() => {
    sdk = require(pkg) as ChatModule;
  });
  globals.wx = new Proxy({}, { get: (_target, key) => refuse(`global wx.${String(key)} after load`) });
  return sdk as ChatModule;
}

/** Quiet SDK logs: the module's instance gets level 4 (none) when created. */
function quiet(sdk: ChatModule): ChatModule {
  return {
    create(options) {
      const chat = sdk.create(options) as ChatInstance & { setLogLevel?(level: number): void };
      if (chat.setLogLevel) chat.setLogLevel(4);
      return chat;
    },
  };
}

function record(room: LiveRoom) {
  const seen: { [K in RoomEventName]: RoomEvents[K][] } = {
    status: [],
    chat: [],
    like: [],
    gift: [],
    audience: [],
    connection: [],
    kicked: [],
    error: [],
  };
  for (const name of Object.keys(seen) as RoomEventName[]) room.on(name, (detail) => (seen[name] as unknown[]).push(detail));
  return seen;
}

async function until(what: string, condition: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits for every socket to close, then checks that nothing went anywhere but the fake. */
async function expectOnlyTheFake(server: FakeImServer): Promise<void> {
  await until('every socket to close', () => server.openConnections() === 0);
  expect(server.strays).toEqual([]);
  expect(strays).toEqual([]);
}

const userSig = (userId: string) => genUserSig({ sdkAppId: SDK_APP_ID, secretKey: SECRET_KEY, userId, expireSeconds: 3600 });

/** Opens a host room on `pkg`, connection 1 of `server`. */
async function openHost(server: FakeImServer, pkg: string) {
  const host = createHostRoom({
    sdk: quiet(loadSdk(pkg, server.wx())),
    SDKAppID: SDK_APP_ID,
    groupID: 'live-1',
    userID: 'host-1',
    userSig: userSig('host-1'),
    playUrl: PLAY_URL,
    heartbeatMs: 60000,
  });
  const seen = record(host);
  await host.open();
  return { host, seen };
}

describe.each(PACKAGES)('%s against the fake Chat server', (pkg) => {
  it('host: login → SDK_READY → join (creating the room) → status → incoming chat, like, gift → ended → quit → logout', async () => {
    const server = new FakeImServer(SDK_APP_ID, SECRET_KEY);
    const { host, seen } = await openHost(server, pkg);
    const commands = server.commands(1);
    expect(commands.filter((c) => /wslogin|apply_join_group|create_group/.test(c))).toEqual([
      'im_open_status.wslogin',
      'group_open_http_svc.apply_join_group',
      'group_open_http_svc.create_group',
      'group_open_http_svc.apply_join_group',
    ]);
    expect(server.frames.find((f) => f.servcmd === 'group_open_http_svc.create_group')).toMatchObject({
      body: { GroupId: 'live-1', Type: 'AVChatRoom' },
    });

    await host.publish('pushing');
    expect(server.sentData()).toEqual([
      { from: 'host-1', data: { v: 1, t: 'status', status: 'live', playUrl: PLAY_URL, seq: 1, ts: expect.any(Number) } },
    ]);
    const sent = server.frames.filter((f) => f.servcmd === 'group_open_http_svc.send_group_msg');
    expect(sent[0].body).toMatchObject({ GroupId: 'live-1', MsgPriority: 'High' });

    server.postText('live-1', 'viewer-7', 'hello 主播');
    server.postCustom('live-1', 'viewer-7', { v: 1, t: 'like', count: 3 });
    server.postCustom('live-1', 'viewer-8', { v: 1, t: 'gift', gift: { id: 'rocket' } });
    server.postCustom('live-1', 'viewer-9', { v: 1, t: 'status', status: 'ended', seq: 99, ts: Date.now() });
    await until('chat, like and gift', () => seen.chat.length > 0 && seen.like.length > 0 && seen.gift.length > 0);
    expect(seen.chat).toEqual([{ from: 'viewer-7', text: 'hello 主播', ts: expect.any(Number) }]);
    expect(seen.like).toEqual([{ from: 'viewer-7', count: 3 }]);
    expect(seen.gift).toEqual([{ from: 'viewer-8', gift: { id: 'rocket' } }]);
    // The host is the source of statuses: a viewer's claim changes nothing.
    expect(seen.status.map((s) => s.status)).toEqual(['live']);

    await host.sendText('thanks');
    await host.sendLike(2);
    await host.close();
    const after = server.commands(1);
    const tail = after
      .slice(after.lastIndexOf('group_open_http_svc.get_online_member_num') + 1)
      .filter((c) => /send_group_msg|quit_group|wslogout/.test(c));
    expect(tail.slice(-3)).toEqual(['group_open_http_svc.send_group_msg', 'group_open_http_svc.quit_group', 'im_open_status.wslogout']);
    expect(server.sentData().map((m) => (m.data.t === 'status' ? m.data.status : m.data.t))).toEqual(['live', 'like', 'ended']);
    const texts = server.frames
      .filter((f) => f.servcmd === 'group_open_http_svc.send_group_msg')
      .flatMap((f) => f.body.MsgBody as { MsgType: string; MsgContent: { Text?: string } }[]);
    expect(texts.filter((e) => e.MsgType === 'TIMTextElem').map((e) => e.MsgContent.Text)).toEqual(['thanks']);
    expect(seen.error).toEqual([]);
    await expectOnlyTheFake(server);
  }, 20000);

  it('anonymous viewer: joins without login → host status → incoming chat and status → quit, never logging in', async () => {
    const server = new FakeImServer(SDK_APP_ID, SECRET_KEY);
    server.createGroup('live-1');
    const { host } = await openHost(server, pkg);
    const viewer = watchRoom({ sdk: quiet(loadSdk(pkg, server.wx())), SDKAppID: SDK_APP_ID, groupID: 'live-1', hostID: 'host-1' });
    const seen = record(viewer);
    await viewer.open();
    expect(server.commands(2).filter((c) => /wslogin|apply_join_group/.test(c))).toEqual(['group_open_http_noauth_svc.apply_join_group']);

    await host.publish('pushing');
    await until('live', () => seen.status.length > 0);
    expect(seen.status[0]).toEqual({ status: 'live', playUrl: PLAY_URL, stale: false, since: expect.any(Number) });

    server.postText('live-1', 'viewer-7', '来了');
    await host.publish('paused');
    await until('chat and paused', () => seen.chat.length > 0 && seen.status.length > 1);
    expect(seen.chat).toEqual([{ from: 'viewer-7', text: '来了', ts: expect.any(Number) }]);
    expect(seen.status.map((s) => s.status)).toEqual(['live', 'paused']);
    await expect(viewer.sendText('hi')).rejects.toMatchObject({ code: 'IM_ANONYMOUS' });

    await host.close();
    await until('ended', () => seen.status.length > 2);
    expect(seen.status[2]).toMatchObject({ status: 'ended', stale: false });
    await viewer.close();
    expect(server.commands(2).filter((c) => /wslogin|wslogout|send_group_msg/.test(c))).toEqual([]);
    expect(seen.error).toEqual([]);
    await expectOnlyTheFake(server);
  }, 20000);
});

it('a tim-wx-sdk host and a @tencentcloud/chat viewer understand each other', async () => {
  const server = new FakeImServer(SDK_APP_ID, SECRET_KEY);
  const { host } = await openHost(server, 'tim-wx-sdk');
  const viewer = watchRoom({
    sdk: quiet(loadSdk('@tencentcloud/chat', server.wx())),
    SDKAppID: SDK_APP_ID,
    groupID: 'live-1',
    userID: 'viewer-2',
    userSig: userSig('viewer-2'),
  });
  const seen = record(viewer);
  await viewer.open();
  await host.publish('reconnecting');
  const heard: string[] = [];
  host.on('chat', (c) => heard.push(`${c.from}: ${c.text}`));
  await viewer.sendText('still there?');
  await viewer.sendGift({ id: 'rose', n: 1 });
  await until('reconnecting and the chat', () => seen.status.length > 0 && heard.length > 0);
  expect(seen.status[0]).toMatchObject({ status: 'reconnecting', playUrl: PLAY_URL });
  expect(heard).toEqual(['viewer-2: still there?']);
  await Promise.all([viewer.close(), host.close()]);
  await expectOnlyTheFake(server);
}, 20000);

it('the fake server refuses a UserSig signed with another key, and open() reports the SDK code', async () => {
  const server = new FakeImServer(SDK_APP_ID, SECRET_KEY);
  const forged = genUserSig({ sdkAppId: SDK_APP_ID, secretKey: 'not-the-key', userId: 'host-1', expireSeconds: 3600 });
  const host = createHostRoom({
    sdk: quiet(loadSdk('@tencentcloud/chat', server.wx())),
    SDKAppID: SDK_APP_ID,
    groupID: 'live-1',
    userID: 'host-1',
    userSig: forged,
  });
  await expect(host.open()).rejects.toMatchObject({ code: 'IM_FAILED', nativeCode: 70003 });
  expect(host.state).toBe('idle');
  await expectOnlyTheFake(server);
}, 20000);
