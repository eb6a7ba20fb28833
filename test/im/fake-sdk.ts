/**
 * A small Chat SDK for the room logic tests: it implements the structural `ChatInstance` the
 * room types, and behaves as the two real packages do where the room depends on it (login
 * resolves before SDK_READY arrives, events come as `{ name, data }`, joining a missing group
 * fails with 10010, destroy() after logout rejects with 2024, sent messages are not echoed).
 */
import type { ChatInstance, ChatMessageOptions, ChatSdkEvent, ChatType } from '../../src/im';

/** A message the fake created: what `createTextMessage` / `createCustomMessage` returned. */
export interface FakeMessage extends ChatMessageOptions {
  readonly type: 'TIMTextElem' | 'TIMCustomElem';
}

/** An SDK error as both packages reject with. */
export class FakeSdkError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

type Handler = (event: ChatSdkEvent) => void;

export class FakeChat implements ChatInstance {
  /** Every method call, in order: `[name, argument]`. */
  readonly calls: [string, unknown][] = [];
  /** Every message sent, with the fake clock when it left. */
  readonly sent: { at: number; message: FakeMessage }[] = [];
  /** Groups that exist; joining another fails with 10010. */
  readonly groups = new Set<string>(['room-1']);
  readonly handlers = new Map<string, Set<Handler>>();
  loggedInAs: string | null = null;
  ready = false;
  /** Milliseconds between a login resolving and SDK_READY; `null`: SDK_READY never comes. */
  readyAfterMs: number | null = 0;
  memberCount = 7;
  /** Errors the next calls of a method reject with, first one first. */
  readonly failures: { [method: string]: FakeSdkError[] } = {};
  destroyed = false;

  private fail(method: string): void {
    const error = (this.failures[method] || []).shift();
    if (error) throw error;
  }

  private record(method: string, arg?: unknown): void {
    this.calls.push([method, arg]);
  }

  /** Sends an SDK event to the room, as the SDK's emitter does. */
  emit(name: string, data?: unknown): void {
    for (const handler of Array.from(this.handlers.get(name) || [])) handler({ name, data });
  }

  /** How many handlers are registered, all events together. */
  listenerCount(): number {
    let count = 0;
    for (const set of this.handlers.values()) count += set.size;
    return count;
  }

  callsOf(method: string): unknown[] {
    return this.calls.filter(([name]) => name === method).map(([, arg]) => arg);
  }

  on(event: string, handler: Handler): void {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    (this.handlers.get(event) as Set<Handler>).add(handler);
  }

  off(event: string, handler: Handler): void {
    const set = this.handlers.get(event);
    if (set) set.delete(handler);
  }

  async login(options: { userID: string; userSig: string }): Promise<unknown> {
    this.record('login', options);
    this.fail('login');
    if (this.loggedInAs) return { code: 0, data: { repeatLogin: true } };
    this.loggedInAs = options.userID;
    if (this.readyAfterMs !== null) {
      setTimeout(() => {
        this.ready = true;
        this.emit('sdkStateReady');
      }, this.readyAfterMs);
    }
    return { code: 0, data: {} };
  }

  async logout(): Promise<unknown> {
    this.record('logout');
    this.fail('logout');
    this.loggedInAs = null;
    this.ready = false;
    this.emit('sdkStateNotReady');
    return { code: 0, data: {} };
  }

  async joinGroup(options: { groupID: string; type?: ChatType }): Promise<unknown> {
    this.record('joinGroup', options);
    this.fail('joinGroup');
    if (!this.groups.has(options.groupID)) throw new FakeSdkError(10010, 'group not found');
    return { code: 0, data: { status: 'JoinedSuccess' } };
  }

  async quitGroup(groupID: string): Promise<unknown> {
    this.record('quitGroup', groupID);
    this.fail('quitGroup');
    return { code: 0, data: { groupID } };
  }

  async createGroup(options: { name: string; type: ChatType; groupID?: string }): Promise<unknown> {
    this.record('createGroup', options);
    this.fail('createGroup');
    this.groups.add(options.groupID as string);
    return { code: 0, data: { group: { groupID: options.groupID } } };
  }

  createTextMessage(options: ChatMessageOptions): FakeMessage {
    return { ...options, type: 'TIMTextElem' };
  }

  createCustomMessage(options: ChatMessageOptions): FakeMessage {
    return { ...options, type: 'TIMCustomElem' };
  }

  async sendMessage(message: unknown): Promise<unknown> {
    this.record('sendMessage', message);
    this.fail('sendMessage');
    if (!this.loggedInAs) throw new FakeSdkError(2024, 'not logged in');
    this.sent.push({ at: Date.now(), message: message as FakeMessage });
    return { code: 0, data: { message } };
  }

  async getGroupOnlineMemberCount(groupID: string): Promise<unknown> {
    this.record('getGroupOnlineMemberCount', groupID);
    this.fail('getGroupOnlineMemberCount');
    return { code: 0, data: { memberCount: this.memberCount } };
  }

  async destroy(): Promise<unknown> {
    this.record('destroy');
    this.destroyed = true;
    this.handlers.clear();
    if (!this.loggedInAs) throw new FakeSdkError(2024, 'not logged in');
    this.loggedInAs = null;
    return {};
  }
}

/** tim-wx-sdk has no `isReady`; @tencentcloud/chat has one. */
export class FakeChatWithIsReady extends FakeChat {
  isReady(): boolean {
    return this.ready;
  }
}

/** The SDK module: `create()` returns one instance per SDKAppID, as both packages do. */
export function fakeModule(chat = new FakeChat()) {
  return { chat, create: jest.fn((_options: { SDKAppID: number }) => chat) };
}

/** An incoming group message as the SDKs deliver it in MESSAGE_RECEIVED. */
export function incoming(from: string, payload: { text: string } | { data: string; extension?: string; description?: string }, groupID = 'room-1') {
  const custom = !('text' in payload);
  return {
    ID: `${from}-${Math.random()}`,
    to: groupID,
    from,
    conversationType: 'GROUP',
    time: Math.floor(Date.now() / 1000),
    type: custom ? 'TIMCustomElem' : 'TIMTextElem',
    payload: custom ? { description: '', extension: 'ts-pusher', ...payload } : payload,
  };
}

/** The ts-pusher data of a sent custom message, parsed. */
export function dataOf(message: FakeMessage): { [key: string]: unknown } {
  return JSON.parse((message.payload as { data: string }).data);
}
