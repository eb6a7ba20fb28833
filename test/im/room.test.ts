/**
 * The live room's logic against a fake SDK with fake timers: status mapping, change-only sends,
 * heartbeat, stale, throttling, like coalescing, re-login, anonymous viewers, malformed
 * messages, and close() releasing everything.
 */
import { isPusherError, type PusherError } from '../../src/index';
import {
  createHostRoom,
  MAX_MESSAGE_BYTES,
  ROOM_STATUS_OF,
  watchRoom,
  type HostRoom,
  type HostRoomOptions,
  type LiveRoom,
  type RoomEventName,
  type RoomEvents,
} from '../../src/im';
import { FakeChat, FakeChatError, FakeChatWithIsReady, fakeChatModule, groupMessage, type FakeChatMessage } from '../../src/testing';

const HOST = { SDKAppID: 1400000001, groupID: 'room-1', userID: 'host-1', userSig: 'sig-1' };

/** Everything a room emitted, by event (`audience` only where a test listens: listening starts the polling). */
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
  for (const name of Object.keys(seen) as RoomEventName[])
    if (name !== 'audience') room.on(name, (detail) => (seen[name] as unknown[]).push(detail));
  return seen;
}

/** Lets promises and due timers run. */
const tick = (ms = 0) => jest.advanceTimersByTimeAsync(ms);

async function openHost(options: Partial<HostRoomOptions> = {}, chat = new FakeChat(['room-1'])) {
  const sdk = fakeChatModule(chat);
  const room = createHostRoom({ ...HOST, sdk, ...options });
  const seen = record(room);
  const opened = room.open();
  await tick();
  await opened;
  return { room, chat, sdk, seen };
}

async function openViewer(options: Partial<Parameters<typeof watchRoom>[0]> = {}, chat = new FakeChat(['room-1'])) {
  const room = watchRoom({ SDKAppID: 1400000001, groupID: 'room-1', sdk: chat, ...options });
  const seen = record(room);
  const opened = room.open();
  await tick();
  await opened;
  return { room, chat, seen };
}

/** The ts-pusher data of a sent custom message. */
const dataOf = (message: FakeChatMessage): { [key: string]: unknown } => JSON.parse((message.payload as { data: string }).data);

const statusesSent = (chat: FakeChat) =>
  chat
    .sentData()
    .filter((data) => data.t === 'status')
    .map((data) => data.status);

const errorOf = async (promise: Promise<unknown>): Promise<PusherError> => {
  try {
    await promise;
  } catch (error) {
    expect(isPusherError(error)).toBe(true);
    return error as PusherError;
  }
  throw new Error('expected a rejection');
};

beforeEach(() => {
  jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('opening', () => {
  it('creates the instance from the module, logs in, waits for SDK_READY, then joins the AVChatRoom', async () => {
    const chat = new FakeChat(['room-1']);
    chat.readyAfterMs = 500;
    const sdk = fakeChatModule(chat);
    const room = createHostRoom({ ...HOST, sdk });
    let opened = false;
    const opening = room.open().then(() => (opened = true));
    expect(room.state).toBe('opening');
    await tick(499);
    expect(chat.calls.map(([name]) => name)).toEqual(['login']);
    expect(opened).toBe(false);
    await tick(1);
    await opening;
    expect(sdk.creates).toEqual([{ SDKAppID: 1400000001 }]);
    expect(chat.calls.map(([name]) => name)).toEqual(['login', 'joinGroup']);
    expect(chat.callsOf('login')).toEqual([{ userID: 'host-1', userSig: 'sig-1' }]);
    expect(chat.callsOf('joinGroup')).toEqual([{ groupID: 'room-1', type: 'AVChatRoom' }]);
    expect(room.state).toBe('open');
  });

  it('creates a missing room, then joins it (host)', async () => {
    const chat = new FakeChat(['room-1']);
    chat.groups.clear();
    await openHost({}, chat);
    expect(chat.calls.map(([name]) => name)).toEqual(['login', 'joinGroup', 'createGroup', 'joinGroup']);
    expect(chat.callsOf('createGroup')).toEqual([{ name: 'room-1', type: 'AVChatRoom', groupID: 'room-1' }]);
  });

  it('creates the room with a name Chat accepts (30 bytes at most)', async () => {
    const chat = new FakeChat(['room-1']);
    const groupID = 'live_' + 'x'.repeat(43);
    await openHost({ groupID }, chat);
    expect(chat.callsOf('createGroup')).toEqual([{ name: groupID.slice(0, 30), type: 'AVChatRoom', groupID }]);
  });

  it('tells a viewer that the room does not exist (the SDK code 10010), never creates it, and leaves nothing behind', async () => {
    const chat = new FakeChat(['room-1']);
    const room = watchRoom({ SDKAppID: 1, groupID: 'nobody-here', sdk: chat });
    const error = await errorOf(room.open());
    expect(error).toMatchObject({ code: 'IM_FAILED', nativeCode: 10010 });
    expect(error.message).toBe('joinGroup failed: 10010 group not found');
    expect(error.adviceZh).toContain('10010');
    expect(chat.callsOf('createGroup')).toEqual([]);
    expect(chat.listenerCount()).toBe(0);
    expect(room.state).toBe('idle');
  });

  it('opens an anonymous viewer without logging in', async () => {
    const { chat, room } = await openViewer();
    expect(chat.calls.map(([name]) => name)).toEqual(['joinGroup']);
    expect(room.state).toBe('open');
  });

  it('fetches the UserSig from getUserSig when none is given', async () => {
    const getUserSig = jest.fn(async () => 'fresh-sig');
    const { chat } = await openHost({ userSig: undefined, getUserSig });
    expect(getUserSig).toHaveBeenCalledTimes(1);
    expect(chat.callsOf('login')).toEqual([{ userID: 'host-1', userSig: 'fresh-sig' }]);
  });

  it('logs in again with a fresh UserSig when the given one has expired (70001)', async () => {
    const chat = new FakeChat(['room-1']);
    chat.failures.login = [new FakeChatError(70001, 'UserSig expired')];
    const getUserSig = jest.fn(() => 'renewed');
    const { room } = await openHost({ getUserSig }, chat);
    expect(chat.callsOf('login')).toEqual([
      { userID: 'host-1', userSig: 'sig-1' },
      { userID: 'host-1', userSig: 'renewed' },
    ]);
    expect(room.state).toBe('open');
  });

  it('rejects open() with IM_TIMEOUT when SDK_READY never comes, and logs out again', async () => {
    const chat = new FakeChat(['room-1']);
    chat.readyAfterMs = null;
    const room = createHostRoom({ ...HOST, sdk: fakeChatModule(chat) });
    const outcome = errorOf(room.open());
    await tick(15000);
    const error = await outcome;
    expect(error).toMatchObject({ code: 'IM_TIMEOUT', category: 'network' });
    expect(error.message).toContain('15000');
    expect(chat.callsOf('logout')).toHaveLength(1);
    expect(chat.callsOf('joinGroup')).toEqual([]);
    expect(chat.destroyed).toBe(true);
    expect(room.state).toBe('idle');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('turns an SDK rejection into IM_FAILED with the SDK code, both languages and advice', async () => {
    const chat = new FakeChat(['room-1']);
    chat.failures.login = [new FakeChatError(70013, 'userSig does not match userID')];
    const room = createHostRoom({ ...HOST, sdk: chat });
    const error = await errorOf(room.open());
    expect(error).toMatchObject({ code: 'IM_FAILED', category: 'connection', nativeCode: 70013 });
    expect(error.message).toBe('login failed: 70013 userSig does not match userID');
    expect(error.messageZh).toContain('70013');
    expect(error.advice).toContain('70013');
    expect(error.adviceZh).toMatch(/[\u4e00-\u9fff]/);
    expect((error.cause as FakeChatError).code).toBe(70013);
  });

  it('does not log out an instance the app had already logged in (repeat login), nor destroy it', async () => {
    const chat = new FakeChatWithIsReady(['room-1']);
    await chat.login({ userID: 'host-1', userSig: 'app' });
    await tick();
    const room = createHostRoom({ ...HOST, sdk: chat });
    await room.open();
    expect(room.state).toBe('open');
    await room.close();
    expect(chat.callsOf('logout')).toEqual([]);
    expect(chat.callsOf('destroy')).toEqual([]);
    expect(chat.loggedInAs).toBe('host-1');
  });

  it('can be opened again after a failed open()', async () => {
    const chat = new FakeChat(['room-1']);
    chat.failures.joinGroup = [new FakeChatError(10013, 'busy')];
    const room = createHostRoom({ ...HOST, sdk: fakeChatModule(chat) });
    const failed = errorOf(room.open());
    await tick();
    expect(await failed).toMatchObject({ code: 'IM_FAILED', nativeCode: 10013 });
    expect(chat.callsOf('logout')).toHaveLength(1);
    const opened = room.open();
    await tick();
    await opened;
    expect(room.state).toBe('open');
  });

  it('rejects open() with IM_CLOSED when close() comes first, and still logs out', async () => {
    const chat = new FakeChat(['room-1']);
    chat.readyAfterMs = null;
    const room = createHostRoom({ ...HOST, sdk: fakeChatModule(chat) });
    const outcome = errorOf(room.open());
    await tick();
    const closed = room.close();
    expect((await outcome).code).toBe('IM_CLOSED');
    await closed;
    expect(chat.callsOf('logout')).toHaveLength(1);
    expect(room.state).toBe('closed');
  });
});

describe('bad options', () => {
  const sdk = fakeChatModule();
  it.each([
    ['sdk', { ...HOST, sdk: {} }],
    ['SDKAppID', { ...HOST, sdk, SDKAppID: 0 }],
    ['SDKAppID', { ...HOST, sdk, SDKAppID: '1400' }],
    ['groupID', { ...HOST, sdk, groupID: '' }],
    ['userID', { ...HOST, sdk, userID: undefined }],
    ['getUserSig', { ...HOST, sdk, userSig: undefined }],
    ['playUrl', { ...HOST, sdk, playUrl: 42 }],
    ['heartbeatMs', { ...HOST, sdk, heartbeatMs: 10 }],
  ])('createHostRoom refuses a bad %s with INVALID_ARGUMENT naming it', (arg, options) => {
    let thrown: unknown;
    try {
      createHostRoom(options as HostRoomOptions);
    } catch (error) {
      thrown = error;
    }
    expect(isPusherError(thrown)).toBe(true);
    expect(thrown).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining(arg),
      messageZh: expect.stringContaining(arg),
    });
    expect(sdk.creates).toEqual([]);
  });

  it('lets a viewer go without userID (anonymous) but not with an empty one', () => {
    expect(() => watchRoom({ SDKAppID: 1, groupID: 'g', sdk })).not.toThrow();
    expect(() => watchRoom({ SDKAppID: 1, groupID: 'g', sdk, userID: '' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('publish: status mapping', () => {
  it.each([
    ['pushing', 'live'],
    ['paused', 'paused'],
    ['suspended', 'paused'],
    ['reconnecting', 'reconnecting'],
    ['stopped', 'ended'],
    ['failed', 'ended'],
  ] as const)('announces %s as %s', async (push, announced) => {
    const { room, chat } = await openHost();
    await room.publish(push);
    expect(statusesSent(chat)).toEqual([announced]);
    expect(ROOM_STATUS_OF[push]).toBe(announced);
  });

  it.each(['idle', 'starting'] as const)('announces nothing for %s', async (push) => {
    const { room, chat } = await openHost();
    await room.publish(push);
    expect(chat.sent).toEqual([]);
  });

  it('sends only changes of the room status: pushing → paused → suspended → pushing sends live, paused, live', async () => {
    const { room, chat, seen } = await openHost();
    for (const status of ['starting', 'pushing', 'pushing', 'paused', 'suspended', 'pushing'] as const) await room.publish(status);
    expect(statusesSent(chat)).toEqual(['live', 'paused', 'live']);
    expect(seen.status.map((s) => s.status)).toEqual(['live', 'paused', 'live']);
  });

  it('sends a status as a High-priority custom message with the ts-pusher extension, seq and ts', async () => {
    const { room, chat } = await openHost({ playUrl: 'https://play.example.com/live/demo.flv' });
    await room.publish('pushing');
    await room.publish('paused');
    const [first, second] = chat.sent.map((s) => s.message);
    expect(first).toMatchObject({
      type: 'TIMCustomElem',
      to: 'room-1',
      conversationType: 'GROUP',
      priority: 'High',
      payload: { extension: 'ts-pusher', description: '' },
    });
    expect(dataOf(first)).toEqual({
      v: 1,
      t: 'status',
      status: 'live',
      playUrl: 'https://play.example.com/live/demo.flv',
      seq: 1,
      ts: Date.now(),
    });
    expect(dataOf(second)).toMatchObject({ status: 'paused', seq: 2 });
  });

  it('remembers a status published before open() and announces it once joined', async () => {
    const chat = new FakeChat(['room-1']);
    const room = createHostRoom({ ...HOST, sdk: chat });
    await room.publish('pushing');
    expect(chat.sent).toEqual([]);
    const opened = room.open();
    await tick();
    await opened;
    await tick();
    expect(statusesSent(chat)).toEqual(['live']);
  });

  it('refuses an unknown status with INVALID_ARGUMENT (also inherited names)', async () => {
    const { room } = await openHost();
    for (const status of ['live', 'toString', '']) {
      expect(await errorOf(room.publish(status as 'pushing'))).toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
  });
});

describe('heartbeat', () => {
  it('re-sends the status every heartbeatMs after the last status message', async () => {
    const { room, chat } = await openHost({ heartbeatMs: 5000 });
    await room.publish('pushing');
    await tick(4999);
    expect(statusesSent(chat)).toEqual(['live']);
    await tick(1);
    expect(statusesSent(chat)).toEqual(['live', 'live']);
    await tick(3000);
    await room.publish('paused');
    await tick(4999);
    expect(statusesSent(chat)).toEqual(['live', 'live', 'paused']);
    await tick(1);
    expect(statusesSent(chat)).toEqual(['live', 'live', 'paused', 'paused']);
    const seqs = chat.sent.map((s) => dataOf(s.message).seq);
    expect(seqs).toEqual([1, 2, 3, 4]);
  });

  it('defaults to 15 s and sends nothing before the first status', async () => {
    const { room, chat } = await openHost();
    await tick(60000);
    expect(chat.sent).toEqual([]);
    await room.publish('pushing');
    await tick(15000);
    expect(statusesSent(chat)).toEqual(['live', 'live']);
  });

  it('reports a failed heartbeat as an error event and keeps beating', async () => {
    const { room, chat, seen } = await openHost({ heartbeatMs: 2000 });
    await room.publish('pushing');
    chat.failures.sendMessage = [new FakeChatError(10007, 'no permission')];
    await tick(2000);
    expect(seen.error).toEqual([expect.objectContaining({ code: 'IM_FAILED', nativeCode: 10007 })]);
    await tick(2000);
    expect(statusesSent(chat)).toEqual(['live', 'live']);
  });
});

describe('audience: status, stale, ordering', () => {
  const status = (fields: object) =>
    groupMessage('room-1', 'host-1', { data: JSON.stringify({ v: 1, t: 'status', seq: 1, ts: Date.now(), ...fields }) });

  it('emits the host status with playUrl and since, and stale after 2.5 heartbeats without one', async () => {
    const { chat, seen, room } = await openViewer({ heartbeatMs: 4000 });
    const since = Date.now();
    chat.emit('onMessageReceived', [status({ status: 'live', playUrl: 'https://p/x.flv', ts: since })]);
    expect(seen.status).toEqual([{ status: 'live', playUrl: 'https://p/x.flv', stale: false, since }]);
    await tick(9999);
    expect(seen.status).toHaveLength(1);
    await tick(1);
    expect(seen.status[1]).toEqual({ status: 'live', playUrl: 'https://p/x.flv', stale: true, since });
    expect(room.status.stale).toBe(true);
    // A heartbeat brings it back, with the same `since`.
    chat.emit('onMessageReceived', [status({ status: 'live', playUrl: 'https://p/x.flv', seq: 2 })]);
    expect(seen.status[2]).toEqual({ status: 'live', playUrl: 'https://p/x.flv', stale: false, since });
  });

  it('emits nothing for a heartbeat that changes nothing, and keeps it fresh', async () => {
    const { chat, seen } = await openViewer({ heartbeatMs: 4000 });
    chat.emit('onMessageReceived', [status({ status: 'live' })]);
    for (let i = 2; i <= 5; i++) {
      await tick(4000);
      chat.emit('onMessageReceived', [status({ status: 'live', seq: i, ts: Date.now() })]);
    }
    expect(seen.status.map((s) => [s.status, s.stale])).toEqual([['live', false]]);
  });

  it('is stale as unknown when no host speaks at all, and never stale once ended', async () => {
    const { chat, seen } = await openViewer();
    await tick(37500);
    expect(seen.status).toEqual([{ status: 'unknown', playUrl: '', stale: true, since: 0 }]);
    chat.emit('onMessageReceived', [status({ status: 'ended' })]);
    await tick(120000);
    expect(seen.status.map((s) => [s.status, s.stale])).toEqual([
      ['unknown', true],
      ['ended', false],
    ]);
  });

  it('drops older or repeated statuses (seq, ts)', async () => {
    const { chat, seen } = await openViewer();
    const now = Date.now();
    chat.emit('onMessageReceived', [status({ status: 'paused', seq: 5, ts: now })]);
    chat.emit('onMessageReceived', [status({ status: 'live', seq: 4, ts: now })]);
    chat.emit('onMessageReceived', [status({ status: 'live', seq: 9, ts: now - 1 })]);
    chat.emit('onMessageReceived', [status({ status: 'ended', seq: 5, ts: now })]);
    // A restarted host counts seq from 1 again, later.
    chat.emit('onMessageReceived', [status({ status: 'live', seq: 1, ts: now + 1 })]);
    expect(seen.status.map((s) => s.status)).toEqual(['paused', 'live']);
  });

  it('with hostID, ignores (and counts) a status from anyone else', async () => {
    const { chat, seen, room } = await openViewer({ hostID: 'host-1' });
    chat.emit('onMessageReceived', [{ ...status({ status: 'ended' }), from: 'troll' }]);
    expect(seen.status).toEqual([]);
    expect(room.malformed).toBe(1);
    chat.emit('onMessageReceived', [status({ status: 'live' })]);
    expect(seen.status.map((s) => s.status)).toEqual(['live']);
  });

  it('a host ignores statuses it receives', async () => {
    const { chat, seen } = await openHost();
    chat.emit('onMessageReceived', [status({ status: 'ended' })]);
    expect(seen.status).toEqual([]);
  });
});

describe('incoming chat, likes, gifts and malformed messages', () => {
  it('emits chat, like and gift from their senders', async () => {
    const { chat, seen } = await openViewer();
    chat.emit('onMessageReceived', [
      groupMessage('room-1', 'viewer-2', { text: 'hello 你好' }),
      groupMessage('room-1', 'viewer-3', { data: JSON.stringify({ v: 1, t: 'like', count: 3 }) }),
      groupMessage('room-1', 'viewer-4', { data: JSON.stringify({ v: 1, t: 'gift', gift: { id: 'rocket', n: 2 } }) }),
    ]);
    expect(seen.chat).toEqual([{ from: 'viewer-2', text: 'hello 你好', ts: Date.now() }]);
    expect(seen.like).toEqual([{ from: 'viewer-3', count: 3 }]);
    expect(seen.gift).toEqual([{ from: 'viewer-4', gift: { id: 'rocket', n: 2 } }]);
  });

  it('ignores and counts malformed ts-pusher messages, never throwing', async () => {
    const { chat, seen, room } = await openViewer();
    const bad = [
      'not json',
      '{"v":2,"t":"like","count":1}',
      '{"v":1,"t":"like","count":0}',
      '{"v":1,"t":"like","count":1.5}',
      '{"v":1,"t":"status","status":"flying","seq":1,"ts":1}',
      '{"v":1,"t":"status","status":"live","seq":-1,"ts":1}',
      '{"v":1,"t":"status","status":"live","seq":1,"ts":1,"playUrl":7}',
      '{"v":1,"t":"gift"}',
      '{"v":1,"t":"dance"}',
      'null',
      '42',
    ];
    expect(() =>
      chat.emit(
        'onMessageReceived',
        bad.map((data) => groupMessage('room-1', 'x', { data })),
      ),
    ).not.toThrow();
    // Broken shapes from the SDK itself: no payload, a throwing getter.
    const hostile = Object.defineProperty({ to: 'room-1', type: 'TIMCustomElem' }, 'payload', {
      get() {
        throw new Error('boom');
      },
    });
    expect(() => chat.emit('onMessageReceived', [hostile, { to: 'room-1', type: 'TIMTextElem' }, null])).not.toThrow();
    expect(room.malformed).toBe(bad.length + 2);
    expect([...seen.chat, ...seen.like, ...seen.gift, ...seen.status, ...seen.error]).toEqual([]);
  });

  it('leaves other groups, other extensions and other message types alone, uncounted', async () => {
    const { chat, seen, room } = await openViewer();
    chat.emit('onMessageReceived', [
      groupMessage('room-2', 'x', { text: 'elsewhere' }),
      groupMessage('room-1', 'x', { data: '{"v":1,"t":"like","count":1}', extension: 'someone-else' }),
      { ...groupMessage('room-1', 'x', { text: 'img' }), type: 'TIMImageElem' },
    ]);
    chat.emit('onMessageReceived', { not: 'a list' });
    expect(room.malformed).toBe(0);
    expect([...seen.chat, ...seen.like]).toEqual([]);
  });

  it('keeps other listeners and the room going when a listener throws', async () => {
    const { chat, room } = await openViewer();
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const heard: string[] = [];
    room.on('chat', () => {
      throw new Error('page bug');
    });
    room.on('chat', (c) => heard.push(c.text));
    chat.emit('onMessageReceived', [groupMessage('room-1', 'a', { text: 'one' }), groupMessage('room-1', 'b', { text: 'two' })]);
    expect(heard).toEqual(['one', 'two']);
    expect(room.malformed).toBe(0);
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
  });

  it('off() removes a listener', async () => {
    const { chat, room } = await openViewer();
    const heard: string[] = [];
    const listener = (c: { text: string }) => heard.push(c.text);
    room.on('chat', listener);
    chat.emit('onMessageReceived', [groupMessage('room-1', 'a', { text: 'one' })]);
    room.off('chat', listener);
    chat.emit('onMessageReceived', [groupMessage('room-1', 'a', { text: 'two' })]);
    expect(heard).toEqual(['one']);
  });
});

describe('sending', () => {
  it('sends chat as Normal text, gifts as High custom messages', async () => {
    const { room, chat } = await openHost();
    await room.sendText('hi');
    await room.sendGift({ id: 'rose' });
    const [text, gift] = chat.sent.map((s) => s.message);
    expect(text).toMatchObject({
      type: 'TIMTextElem',
      priority: 'Normal',
      payload: { text: 'hi' },
      to: 'room-1',
      conversationType: 'GROUP',
    });
    expect(gift).toMatchObject({ type: 'TIMCustomElem', priority: 'High', payload: { extension: 'ts-pusher' } });
    expect(dataOf(gift)).toEqual({ v: 1, t: 'gift', gift: { id: 'rose' } });
  });

  it('never sends more than 10 messages in any second, and sends them all in order', async () => {
    const { room, chat } = await openHost();
    const done = Array.from({ length: 25 }, (_, i) => room.sendText(`m${i}`));
    await tick();
    expect(chat.sent).toHaveLength(10);
    await tick(999);
    expect(chat.sent).toHaveLength(10);
    await tick(1);
    expect(chat.sent).toHaveLength(20);
    await tick(1000);
    await Promise.all(done);
    expect(chat.sent.map((s) => (s.message.payload as { text: string }).text)).toEqual(Array.from({ length: 25 }, (_, i) => `m${i}`));
    for (let i = 10; i < chat.sent.length; i++) expect(chat.sent[i].at - chat.sent[i - 10].at).toBeGreaterThanOrEqual(1000);
  });

  it('lets the status jump the queue', async () => {
    const { room, chat } = await openHost();
    const texts = Array.from({ length: 12 }, (_, i) => room.sendText(`m${i}`));
    const published = room.publish('pushing');
    await tick(1000);
    await Promise.all([...texts, published]);
    expect(chat.sent[10].message.type).toBe('TIMCustomElem');
  });

  it('coalesces likes within a second into one Low message with the sum', async () => {
    const { room, chat } = await openViewer({ userID: 'viewer-1', userSig: 's' });
    const likes = [room.sendLike(), room.sendLike(2), room.sendLike()];
    await tick(500);
    const late = room.sendLike(5);
    await tick(500);
    await Promise.all([...likes, late]);
    expect(chat.sent).toHaveLength(1);
    expect(chat.sent[0].message).toMatchObject({ priority: 'Low', type: 'TIMCustomElem' });
    expect(dataOf(chat.sent[0].message)).toEqual({ v: 1, t: 'like', count: 9 });
    const next = room.sendLike();
    await tick(1000);
    await next;
    expect(chat.sent.map((s) => dataOf(s.message).count)).toEqual([9, 1]);
  });

  it('refuses a message over 12 KB (UTF-8) with IM_TOO_LARGE, and sends one just under', async () => {
    const { room, chat } = await openHost();
    const error = await errorOf(room.sendText('字'.repeat(4100)));
    expect(error).toMatchObject({ code: 'IM_TOO_LARGE', category: 'usage' });
    expect(error.message).toContain('12309');
    await room.sendText('a'.repeat(MAX_MESSAGE_BYTES - 'ts-pusher'.length));
    expect(await errorOf(room.sendGift({ blob: 'x'.repeat(MAX_MESSAGE_BYTES) }))).toMatchObject({ code: 'IM_TOO_LARGE' });
    expect(chat.sent).toHaveLength(1);
  });

  it('refuses bad arguments with INVALID_ARGUMENT', async () => {
    const { room } = await openHost();
    const circular: { self?: unknown } = {};
    circular.self = circular;
    for (const attempt of [
      room.sendText(''),
      room.sendText(7 as unknown as string),
      room.sendLike(0),
      room.sendLike(1.5),
      room.sendGift(undefined as unknown as null),
      room.sendGift(circular as never),
    ]) {
      expect(await errorOf(attempt)).toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
  });

  it('refuses every send of an anonymous viewer with IM_ANONYMOUS, in both languages', async () => {
    const { room, chat } = await openViewer();
    for (const attempt of [room.sendText('hi'), room.sendLike(), room.sendGift('rose')]) {
      const error = await errorOf(attempt);
      expect(error).toMatchObject({ code: 'IM_ANONYMOUS', category: 'usage' });
      expect(error.messageZh).toMatch(/匿名/);
      expect(error.advice).toContain('userID');
    }
    await tick(2000);
    expect(chat.calls.map(([name]) => name)).toEqual(['joinGroup']);
  });

  it('refuses sends before open() and after close() with IM_CLOSED', async () => {
    const chat = new FakeChat(['room-1']);
    const room = createHostRoom({ ...HOST, sdk: chat });
    expect(await errorOf(room.sendText('early'))).toMatchObject({ code: 'IM_CLOSED', message: expect.stringContaining('idle') });
    const opened = room.open();
    await tick();
    await opened;
    const closing = room.close();
    expect(await errorOf(room.open())).toMatchObject({ code: 'IM_CLOSED', message: expect.stringContaining('closing') });
    await closing;
    expect(await errorOf(room.sendText('late'))).toMatchObject({ code: 'IM_CLOSED', message: expect.stringContaining('closed') });
    expect(await errorOf(room.publish('pushing'))).toMatchObject({ code: 'IM_CLOSED' });
    expect(await errorOf(room.open())).toMatchObject({ code: 'IM_CLOSED' });
  });
});

describe('audience count, connection, kicks', () => {
  it('polls the online count at most once per 10 s, only while someone listens, emitting changes', async () => {
    const chat = new FakeChat(['room-1']);
    const room = watchRoom({ SDKAppID: 1, groupID: 'room-1', sdk: chat });
    const counts: number[] = [];
    const opened = room.open();
    await tick();
    await opened;
    await tick(30000);
    expect(chat.callsOf('getGroupOnlineMemberCount')).toEqual([]);
    room.on('audience', (a) => counts.push(a.count));
    await tick(10000);
    expect(chat.callsOf('getGroupOnlineMemberCount')).toEqual(['room-1']);
    await tick(9999);
    expect(chat.callsOf('getGroupOnlineMemberCount')).toHaveLength(1);
    await tick(1);
    chat.memberCount = 12;
    await tick(10000);
    expect(chat.callsOf('getGroupOnlineMemberCount')).toHaveLength(3);
    expect(counts).toEqual([7, 12]);
  });

  it('polls right after open when a listener is already there', async () => {
    const chat = new FakeChat(['room-1']);
    const room = watchRoom({ SDKAppID: 1, groupID: 'room-1', sdk: chat });
    const counts: number[] = [];
    room.on('audience', (a) => counts.push(a.count));
    const opened = room.open();
    await tick();
    await opened;
    await tick();
    expect(counts).toEqual([7]);
  });

  it('passes NET_STATE_CHANGE on as connection', async () => {
    const { chat, seen } = await openViewer();
    chat.emit('netStateChange', { state: 'disconnected' });
    chat.emit('netStateChange', { state: 'connected' });
    expect(seen.connection).toEqual([{ state: 'disconnected' }, { state: 'connected' }]);
  });

  it('after a kick for an expired UserSig, gets a new one, logs in, rejoins and re-announces the status', async () => {
    const getUserSig = jest.fn(() => 'sig-2');
    const { room, chat, seen } = await openHost({ getUserSig });
    await room.publish('pushing');
    chat.loggedInAs = null;
    chat.emit('kickedOut', { type: 'userSigExpired' });
    expect(seen.kicked).toEqual([{ reason: 'userSigExpired' }]);
    const pending = room.sendText('during the re-login');
    await tick();
    expect(getUserSig).toHaveBeenCalledTimes(1);
    expect(chat.callsOf('login')).toEqual([
      { userID: 'host-1', userSig: 'sig-1' },
      { userID: 'host-1', userSig: 'sig-2' },
    ]);
    expect(chat.callsOf('joinGroup')).toHaveLength(2);
    await pending;
    expect(statusesSent(chat)).toEqual(['live', 'live']);
    expect(room.state).toBe('open');
    expect(seen.error).toEqual([]);
  });

  it('closing during the re-login waits for it, then quits and logs out what it did, leaving no timer', async () => {
    const chat = new FakeChat(['room-1']);
    const { room, seen } = await openHost({ getUserSig: () => 'sig-2' }, chat);
    chat.loggedInAs = null;
    chat.readyAfterMs = 3000;
    chat.emit('kickedOut', { type: 'userSigExpired' });
    await tick();
    expect(chat.callsOf('login')).toHaveLength(2);
    await room.close();
    expect(chat.callsOf('logout')).toHaveLength(1);
    expect(chat.loggedInAs).toBeNull();
    expect(room.state).toBe('closed');
    expect(seen.error).toEqual([]);
    expect(chat.listenerCount()).toBe(0);
    // The fake SDK's own SDK_READY timer is the one left: it fires into no listener.
    await tick(3000);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('reports a failed re-login as an error and closes the room', async () => {
    const chat = new FakeChat(['room-1']);
    const { room, seen } = await openHost({ getUserSig: () => 'sig-2' }, chat);
    chat.loggedInAs = null;
    chat.failures.login = [new FakeChatError(70003, 'bad sig')];
    chat.emit('kickedOut', { type: 'userSigExpired' });
    await tick();
    expect(seen.error).toEqual([expect.objectContaining({ code: 'IM_FAILED', nativeCode: 70003 })]);
    expect(room.state).toBe('closed');
    expect(chat.listenerCount()).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('ends the room on any other kick (and on an expired UserSig without getUserSig), releasing everything', async () => {
    for (const type of ['multipleAccount', 'userSigExpired']) {
      const { room, chat, seen } = await openHost();
      chat.loggedInAs = null;
      chat.emit('kickedOut', { type });
      expect(seen.kicked).toEqual([{ reason: type }]);
      await tick();
      expect(room.state).toBe('closed');
      expect(chat.listenerCount()).toBe(0);
      expect(jest.getTimerCount()).toBe(0);
      await room.close();
      expect(chat.callsOf('logout')).toEqual([]);
    }
  });
});

describe('close()', () => {
  it('sends ended, quits, logs out, destroys what it created, and releases every listener and timer', async () => {
    const { room, chat, sdk, seen } = await openHost({ heartbeatMs: 3000 });
    room.on('audience', () => undefined);
    await room.publish('pushing');
    await tick(10000);
    expect(sdk.creates).toHaveLength(1);
    const beforeClose = chat.calls.length;
    await room.close();
    expect(chat.calls.slice(beforeClose).map(([name]) => name)).toEqual(['sendMessage', 'quitGroup', 'logout', 'destroy']);
    expect(statusesSent(chat).pop()).toBe('ended');
    expect(seen.status.pop()).toMatchObject({ status: 'ended' });
    expect(chat.listenerCount()).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    expect(room.state).toBe('closed');
    // Nothing fires any more: no heartbeat, no poll, no events reach old listeners.
    const after = chat.calls.length;
    await tick(120000);
    expect(chat.calls.length).toBe(after);
  });

  it('does not destroy an instance the app passed in, and is idempotent', async () => {
    const chat = new FakeChat(['room-1']);
    const { room } = await openHost({ sdk: chat } as Partial<HostRoomOptions>, chat);
    await Promise.all([room.close(), room.close()]);
    await room.close();
    expect(chat.callsOf('destroy')).toEqual([]);
    expect(chat.callsOf('quitGroup')).toHaveLength(1);
    expect(chat.callsOf('logout')).toHaveLength(1);
  });

  it('an anonymous viewer quits without logging out', async () => {
    const { room, chat } = await openViewer();
    await room.close();
    expect(chat.calls.map(([name]) => name)).toEqual(['joinGroup', 'quitGroup']);
  });

  it('refuses queued sends and likes in their window with IM_CLOSED, still sending ended first', async () => {
    const { room, chat } = await openHost();
    await room.publish('pushing');
    const texts = Array.from({ length: 15 }, (_, i) =>
      room.sendText(`m${i}`).then(
        () => 'sent',
        (e: PusherError) => e.code,
      ),
    );
    const like = room.sendLike().then(
      () => 'sent',
      (e: PusherError) => e.code,
    );
    await tick();
    // `ended` waits for its slot: 10 messages left in this second already.
    const closed = room.close();
    await tick(1000);
    await closed;
    const outcomes = await Promise.all(texts);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(9);
    expect(outcomes.filter((o) => o === 'IM_CLOSED')).toHaveLength(6);
    expect(await like).toBe('IM_CLOSED');
    expect(statusesSent(chat)).toEqual(['live', 'ended']);
  });

  it('reports what failed while leaving as error events, and still releases everything', async () => {
    const { room, chat } = await openHost();
    const errors: string[] = [];
    room.on('error', (e) => errors.push(`${e.code} ${e.nativeCode}`));
    chat.failures.quitGroup = [new FakeChatError(10007, 'no')];
    await room.close();
    expect(errors).toEqual(['IM_FAILED 10007']);
    expect(chat.callsOf('logout')).toHaveLength(1);
    expect(room.state).toBe('closed');
    expect(chat.listenerCount()).toBe(0);
  });

  it('closes a room never opened', async () => {
    const chat = new FakeChat(['room-1']);
    const room: HostRoom = createHostRoom({ ...HOST, sdk: chat });
    await room.close();
    expect(room.state).toBe('closed');
    expect(chat.calls).toEqual([]);
  });
});

it('types: a FakeMessage is what the room builds', () => {
  const message: FakeChatMessage = new FakeChat(['room-1']).createTextMessage({
    to: 'g',
    conversationType: 'GROUP',
    payload: { text: 't' },
  });
  expect(message.type).toBe('TIMTextElem');
});
