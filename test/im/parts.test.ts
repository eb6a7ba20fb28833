/**
 * The live room's parts, each on its own over a hand-made context: the listeners, the timers,
 * the session, the sender, the receiver, the audience's follower and the host's publisher.
 * room.test.ts tests them assembled, through the rooms users get.
 */
import type { PusherError } from '../../src/index';
import { createTimers, type RoomContext, type RoomState } from '../../src/im/context';
import { createEmitter, type RoomEvents } from '../../src/im/events';
import { createFollower } from '../../src/im/follower';
import type { RoomOptions } from '../../src/im/options';
import { createPublisher } from '../../src/im/publisher';
import { createReceiver, pollAudience, type StatusMessage } from '../../src/im/receiver';
import type { RoomParts } from '../../src/im/room';
import { roomError } from '../../src/im/room-errors';
import { createSender, type MessageBuilder } from '../../src/im/sender';
import { createSession, type Session, type SessionListener } from '../../src/im/session';
import { FakeChat, FakeChatError, fakeChatModule, groupMessage, type FakeChatMessage } from '../../src/testing';

/** A context as a room makes it, with its state and membership set by the test and every event recorded. */
function context(options: Partial<RoomOptions> = {}, chat = new FakeChat(['room-1'])) {
  const events = createEmitter();
  const seen: { [K in keyof RoomEvents]?: RoomEvents[K][] } = {};
  // Not `audience`: listening to it is what starts the polling.
  for (const name of ['status', 'chat', 'like', 'gift', 'connection', 'kicked'] as const) {
    seen[name] = [];
    events.on(name, (detail) => (seen[name] as unknown[]).push(detail));
  }
  const errors: PusherError[] = [];
  const room = { state: 'open' as RoomState, joined: true };
  const ctx: RoomContext = {
    options: { sdk: chat, SDKAppID: 1400000001, groupID: 'room-1', userID: 'user-1', userSig: 'sig-1', ...options },
    events,
    timers: createTimers(),
    state: () => room.state,
    joined: () => room.joined,
    closed: (method) => roomError('IM_CLOSED', { method, state: room.state }),
    report: (error) => errors.push(error),
  };
  return { ctx, chat, room, seen, errors };
}

/** An SDK call that records what it was asked and answers at once (or with `failure`). */
function recordingCall(chat = new FakeChat()) {
  const calls: [string, unknown][] = [];
  const call: Session['call'] = async (name, arg) => {
    const value = typeof arg === 'function' ? arg(chat) : arg;
    calls.push([name, value]);
    return undefined;
  };
  return { call, calls, texts: () => calls.map(([, m]) => ((m as FakeChatMessage).payload as { text?: string }).text) };
}

const tick = (ms = 0) => jest.advanceTimersByTimeAsync(ms);

/** A session of `ctx`, connected (the fake SDK's SDK_READY comes on a timer). */
async function connected(
  ctx: RoomContext,
  listener: SessionListener = { received: () => undefined, kicked: () => undefined },
): Promise<Session> {
  const session = createSession(ctx, listener);
  const connecting = session.connect();
  await tick();
  await connecting;
  return session;
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'sent',
    (error: PusherError) => error.code,
  );

beforeEach(() => {
  jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('listeners (events.ts)', () => {
  it('calls every listener in order; one that throws is logged and the rest still hear', () => {
    const events = createEmitter();
    const heard: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    events.on('chat', (c) => heard.push('a ' + c.text));
    events.on('chat', () => {
      throw new Error('page bug');
    });
    events.on('chat', (c) => heard.push('c ' + c.text));
    events.emit('chat', { from: 'x', text: 'hi', ts: 1 });
    expect(heard).toEqual(['a hi', 'c hi']);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it('off() removes only that listener; listening() and clear() follow', () => {
    const events = createEmitter();
    const one = jest.fn();
    const two = jest.fn();
    expect(events.listening('audience')).toBe(false);
    events.on('audience', one);
    events.on('audience', two);
    events.off('audience', one);
    events.emit('audience', { count: 3 });
    expect(one).not.toHaveBeenCalled();
    expect(two).toHaveBeenCalledWith({ count: 3 });
    expect(events.listening('audience')).toBe(true);
    events.clear();
    expect(events.listening('audience')).toBe(false);
    events.emit('audience', { count: 4 });
    expect(two).toHaveBeenCalledTimes(1);
  });
});

describe('timers (context.ts)', () => {
  it('replaces a timer of the same name, stops one by name, and stops them all', async () => {
    const timers = createTimers();
    const fired: string[] = [];
    timers.set('a', () => fired.push('a1'), 100);
    timers.set('a', () => fired.push('a2'), 200);
    timers.set('b', () => fired.push('b'), 100);
    timers.set('c', () => fired.push('c'), 100);
    timers.stop('b');
    await tick(200);
    expect(fired).toEqual(['c', 'a2']);
    timers.set('d', () => fired.push('d'), 100);
    timers.set('e', () => fired.push('e'), 100);
    timers.stop();
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('session (session.ts)', () => {
  const listener = (): SessionListener & { kicks: [string, boolean][]; lists: unknown[] } => {
    const kicks: [string, boolean][] = [];
    const lists: unknown[] = [];
    return { kicks, lists, received: (list) => void lists.push(list), kicked: (reason, relogin) => void kicks.push([reason, !!relogin]) };
  };

  it('creates the instance from the module, listens to it, logs in and resolves only on SDK_READY', async () => {
    const chat = new FakeChat();
    chat.readyAfterMs = 300;
    const sdk = fakeChatModule(chat);
    const { ctx } = context({ sdk });
    const session = createSession(ctx, listener());
    let connected = false;
    const connecting = session.connect().then(() => (connected = true));
    await tick(299);
    expect(connected).toBe(false);
    expect(chat.callsOf('login')).toEqual([{ userID: 'user-1', userSig: 'sig-1' }]);
    expect(chat.listenerCount()).toBe(4);
    await tick(1);
    await connecting;
    expect(sdk.creates).toEqual([{ SDKAppID: 1400000001 }]);
  });

  it('connects an anonymous viewer without logging in, and logout() then calls nothing', async () => {
    const chat = new FakeChat();
    const { ctx } = context({ sdk: chat, userID: undefined, userSig: undefined });
    const session = await connected(ctx);
    await session.logout();
    expect(chat.calls).toEqual([]);
  });

  it('rejects the wait for SDK_READY with the error abort() gives, and stops its timer', async () => {
    const chat = new FakeChat();
    chat.readyAfterMs = null;
    const { ctx } = context({ sdk: chat });
    const session = createSession(ctx, listener());
    const connecting = outcome(session.connect());
    await tick();
    session.abort(roomError('IM_CLOSED', { method: 'open', state: 'closing' }));
    expect(await connecting).toBe('IM_CLOSED');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('turns an SDK rejection into IM_FAILED naming the method, and calls a function argument with the instance', async () => {
    const chat = new FakeChat();
    const { ctx } = context({ sdk: chat });
    const session = await connected(ctx);
    chat.failures.quitGroup = [new FakeChatError(10007, 'no permission')];
    const error = (await session.call('quitGroup', 'room-1', 'close').catch((e: PusherError) => e)) as PusherError;
    expect(error).toMatchObject({ code: 'IM_FAILED', nativeCode: 10007, message: 'close failed: 10007 no permission' });
    const build = jest.fn((instance: FakeChat) =>
      instance.createTextMessage({ to: 'room-1', conversationType: 'GROUP', payload: { text: 'hi' } }),
    );
    await session.call('sendMessage', build);
    expect(build).toHaveBeenCalledWith(chat);
    expect(chat.sent.map((s) => s.message.payload)).toEqual([{ text: 'hi' }]);
  });

  it('offers a re-login after a kick only for an expired UserSig with getUserSig; the re-login fetches a fresh one', async () => {
    const chat = new FakeChat();
    const heard = listener();
    const { ctx } = context({ sdk: chat, getUserSig: () => 'sig-2' });
    const session = await connected(ctx, heard);
    let relogin: (() => Promise<void>) | undefined;
    heard.kicked = (reason, again) => {
      heard.kicks.push([reason, !!again]);
      relogin = again;
    };
    chat.kick('multipleAccount');
    chat.kick('userSigExpired');
    expect(heard.kicks).toEqual([
      ['multipleAccount', false],
      ['userSigExpired', true],
    ]);
    // Kicked means logged out: leaving asks the SDK for nothing.
    await session.logout();
    expect(chat.callsOf('logout')).toEqual([]);
    const done = (relogin as () => Promise<void>)();
    await tick();
    await done;
    expect(chat.callsOf('login')).toEqual([
      { userID: 'user-1', userSig: 'sig-1' },
      { userID: 'user-1', userSig: 'sig-2' },
    ]);
  });

  it('hands message lists to the room and connection changes to the listeners, ignoring other shapes', async () => {
    const chat = new FakeChat();
    const heard = listener();
    const { ctx, seen } = context({ sdk: chat });
    await connected(ctx, heard);
    chat.receive('room-1', 'x', { text: 'hi' });
    chat.emit('onMessageReceived', { not: 'a list' });
    chat.net('connecting');
    chat.emit('netStateChange', {});
    expect(heard.lists).toHaveLength(1);
    expect(seen.connection).toEqual([{ state: 'connecting' }]);
  });

  it('release() stops listening and destroys only an instance it created', async () => {
    for (const created of [true, false]) {
      const chat = new FakeChat();
      const { ctx } = context({ sdk: created ? fakeChatModule(chat) : chat });
      const session = await connected(ctx);
      await session.logout();
      session.release();
      expect(chat.listenerCount()).toBe(0);
      expect(chat.callsOf('destroy')).toHaveLength(created ? 1 : 0);
    }
  });
});

describe('sender (sender.ts)', () => {
  const text =
    (chat: FakeChat, t: string): MessageBuilder =>
    () =>
      chat.createTextMessage({ to: 'room-1', conversationType: 'GROUP', payload: { text: t } });

  it('sends at most 10 messages in any second, in order, and only while joined', async () => {
    const { ctx, room } = context();
    const { call, texts } = recordingCall();
    room.joined = false;
    const sender = createSender(ctx, call);
    const sends = Array.from({ length: 12 }, (_, i) => sender.sendText(`m${i}`));
    await tick(5000);
    expect(texts()).toEqual([]);
    room.joined = true;
    sender.pump();
    await tick();
    expect(texts()).toHaveLength(10);
    await tick(1000);
    await Promise.all(sends);
    expect(texts()).toEqual(Array.from({ length: 12 }, (_, i) => `m${i}`));
  });

  it('lets a send marked first jump the queue and leave while closing, when others are refused', async () => {
    const { ctx, room } = context();
    const chat = new FakeChat();
    const { call, texts } = recordingCall(chat);
    const sender = createSender(ctx, call);
    const queued = Array.from({ length: 11 }, (_, i) => sender.sendText(`m${i}`));
    room.state = 'closing';
    const first = outcome(sender.send('publish', '', text(chat, 'ended'), true));
    expect(await outcome(sender.sendText('late'))).toBe('IM_CLOSED');
    await tick(1000);
    expect(await first).toBe('sent');
    await Promise.all(queued);
    expect(texts().slice(10)).toEqual(['ended', 'm10']);
  });

  it('drop(false) refuses what waits but a send marked first; drop(true) refuses that too, and likes in their window', async () => {
    const { ctx, room } = context();
    const chat = new FakeChat();
    const { call, texts } = recordingCall(chat);
    const sender = createSender(ctx, call);
    const fill = () => Array.from({ length: 10 }, (_, i) => outcome(sender.sendText(`m${i}`)));
    fill();
    const waiting = outcome(sender.sendText('waits'));
    const first = outcome(sender.send('publish', '', text(chat, 'status'), true));
    sender.drop(false);
    expect(await waiting).toBe('IM_CLOSED');
    await tick(1000);
    expect(await first).toBe('sent');
    fill();
    const second = outcome(sender.send('publish', '', text(chat, 'again'), true));
    const like = outcome(sender.sendLike());
    room.state = 'closing';
    sender.drop(true);
    expect(await second).toBe('IM_CLOSED');
    expect(await like).toBe('IM_CLOSED');
    await tick(2000);
    expect(texts().filter((t) => !/^m/.test(String(t)))).toEqual(['status']);
  });

  it('counts the size in UTF-8 with the extension, and refuses an anonymous sender', async () => {
    const { ctx } = context();
    const { call } = recordingCall();
    const sender = createSender(ctx, call);
    expect(await outcome(sender.sendText('a'.repeat(12288 - 9)))).toBe('sent');
    expect(await outcome(sender.sendText('a'.repeat(12288 - 8)))).toBe('IM_TOO_LARGE');
    expect(await outcome(sender.sendText('é'.repeat(6140)))).toBe('IM_TOO_LARGE');
    const anonymous = createSender(context({ userID: undefined }).ctx, call);
    expect(await outcome(anonymous.sendGift('rose'))).toBe('IM_ANONYMOUS');
  });
});

describe('receiver (receiver.ts)', () => {
  const status = (fields: object) =>
    groupMessage('room-1', 'host-1', { data: { v: 1, t: 'status', status: 'live', seq: 1, ts: 5, ...fields } });

  it('turns chat, likes and gifts into events and hands statuses to the role', () => {
    const { ctx, seen } = context();
    const heard: StatusMessage[] = [];
    const count = { malformed: 0 };
    const receive = createReceiver(ctx, (m) => heard.push(m), count);
    receive([
      groupMessage('room-1', 'a', { text: 'hi' }),
      groupMessage('room-1', 'b', { data: { v: 1, t: 'like', count: 2 } }),
      groupMessage('room-1', 'c', { data: { v: 1, t: 'gift', gift: 'rose' } }),
      status({}),
    ]);
    expect(seen.chat).toEqual([{ from: 'a', text: 'hi', ts: Date.now() }]);
    expect(seen.like).toEqual([{ from: 'b', count: 2 }]);
    expect(seen.gift).toEqual([{ from: 'c', gift: 'rose' }]);
    expect(heard).toEqual([{ v: 1, t: 'status', status: 'live', seq: 1, ts: 5 }]);
    expect(count.malformed).toBe(0);
  });

  it('counts malformed messages and statuses not from hostID, and ignores other groups and extensions uncounted', () => {
    const { ctx, seen } = context({ hostID: 'host-1' });
    const heard = jest.fn();
    const count = { malformed: 0 };
    const receive = createReceiver(ctx, heard, count);
    receive([
      { ...status({}), from: 'troll' },
      groupMessage('room-1', 'x', { data: '{"v":1,"t":"like"}' }),
      null,
      groupMessage('room-2', 'x', { text: 'elsewhere' }),
      groupMessage('room-1', 'x', { data: { v: 1, t: 'like', count: 1 }, extension: 'other' }),
    ]);
    expect(count.malformed).toBe(3);
    expect(heard).not.toHaveBeenCalled();
    expect([...(seen.chat || []), ...(seen.like || [])]).toEqual([]);
  });

  it('polls the online count every 10 s only while someone listens, emitting changes, reporting failures', async () => {
    const chat = new FakeChat(['room-1']);
    const { ctx, errors } = context({}, chat);
    const counts: number[] = [];
    pollAudience(ctx, (await connected(ctx)).call);
    await tick(20000);
    expect(chat.callsOf('getGroupOnlineMemberCount')).toEqual([]);
    ctx.events.on('audience', (a) => counts.push(a.count));
    await tick(10000);
    await tick(10000);
    chat.memberCount = 9;
    chat.failures.getGroupOnlineMemberCount = [new FakeChatError(10007, 'no')];
    await tick(10000);
    await tick(10000);
    expect(counts).toEqual([7, 9]);
    expect(errors).toHaveLength(1);
    ctx.timers.stop();
  });
});

describe("the audience's follower (follower.ts)", () => {
  const message = (fields: Partial<StatusMessage>): StatusMessage => ({ v: 1, t: 'status', status: 'live', seq: 1, ts: 1000, ...fields });
  const parts = (ctx: RoomContext): RoomParts => ({
    ctx,
    call: recordingCall().call,
    sender: createSender(ctx, recordingCall().call),
    joinGroup: jest.fn(async () => undefined),
  });

  it('keeps the newest status by (ts, seq), keeping since while the status holds', () => {
    const { ctx, seen } = context({ heartbeatMs: 4000 });
    const follower = createFollower(parts(ctx));
    follower.heard(message({ status: 'paused', seq: 5 }));
    follower.heard(message({ status: 'live', seq: 4 }));
    follower.heard(message({ status: 'paused', seq: 6, ts: 2000, playUrl: 'https://p/x.flv' }));
    expect(seen.status).toEqual([
      { status: 'paused', playUrl: '', stale: false, since: 1000 },
      { status: 'paused', playUrl: 'https://p/x.flv', stale: false, since: 1000 },
    ]);
    expect(follower.status).toBe((seen.status || [])[1]);
    ctx.timers.stop();
  });

  it('turns stale 2.5 heartbeats after joining or the last status, never once ended', async () => {
    const { ctx, seen } = context({ heartbeatMs: 4000 });
    const follower = createFollower(parts(ctx));
    follower.joined();
    await tick(9999);
    expect(seen.status).toEqual([]);
    await tick(1);
    expect(seen.status).toEqual([{ status: 'unknown', playUrl: '', stale: true, since: 0 }]);
    follower.heard(message({ status: 'ended' }));
    await tick(60000);
    expect((seen.status || []).map((s) => [s.status, s.stale])).toEqual([
      ['unknown', true],
      ['ended', false],
    ]);
  });
});

describe("the host's publisher (publisher.ts)", () => {
  const setUp = async (options: Partial<RoomOptions> = {}) => {
    const chat = new FakeChat(['room-1']);
    const { ctx, seen, room } = context({ sdk: chat, ...options }, chat);
    const { call } = await connected(ctx);
    const joinGroup = () => call('joinGroup', { groupID: ctx.options.groupID, type: 'AVChatRoom' });
    const publisher = createPublisher({ ctx, call, sender: createSender(ctx, call), joinGroup });
    return { chat, ctx, seen, room, publisher };
  };

  it('creates a missing group (10010, or 10015 for an ID never created) before joining it; other join failures stay failures', async () => {
    const { chat, publisher } = await setUp({ groupID: 'new-room' });
    await publisher.join();
    expect(chat.calls.map(([name]) => name)).toEqual(['login', 'joinGroup', 'createGroup', 'joinGroup']);
    chat.failures.joinGroup = [new FakeChatError(10015, 'invalid group ID')];
    await publisher.join();
    expect(chat.calls.map(([name]) => name).slice(4)).toEqual(['joinGroup', 'createGroup', 'joinGroup']);
    chat.failures.joinGroup = [new FakeChatError(10013, 'busy')];
    await expect(publisher.join()).rejects.toMatchObject({ code: 'IM_FAILED', nativeCode: 10013 });
  });

  it('remembers a status published before the room is open, and announces it once joined', async () => {
    const { chat, seen, room, publisher } = await setUp({ playUrl: 'https://p/x.flv' });
    room.state = 'opening';
    room.joined = false;
    await publisher.publish('pushing');
    expect(chat.sent).toEqual([]);
    expect(seen.status).toEqual([{ status: 'live', playUrl: 'https://p/x.flv', stale: false, since: Date.now() }]);
    room.state = 'open';
    room.joined = true;
    publisher.joined();
    await tick();
    expect(chat.sentData()).toEqual([{ v: 1, t: 'status', status: 'live', playUrl: 'https://p/x.flv', seq: 1, ts: Date.now() }]);
  });

  it('says ended when leaving, ignores statuses it hears, and refuses to publish once closing', async () => {
    const { chat, seen, room, publisher } = await setUp();
    await publisher.publish('pushing');
    publisher.heard({ v: 1, t: 'status', status: 'paused', seq: 9, ts: Date.now() });
    room.state = 'closing';
    await publisher.leave();
    expect(chat.sentData().map((d) => d.status)).toEqual(['live', 'ended']);
    expect((seen.status || []).map((s) => s.status)).toEqual(['live', 'ended']);
    await expect(publisher.publish('pushing')).rejects.toMatchObject({ code: 'IM_CLOSED' });
  });
});
