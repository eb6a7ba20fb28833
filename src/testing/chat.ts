/**
 * A fake Tencent Cloud Chat SDK for tests of live-room pages (`ts-pusher/im`): pass
 * `fakeChatModule()` where the page passes `@tencentcloud/chat` (e.g. with `jest.mock`), then
 * play the other members with `receive`, `kick` and `net`. It behaves as the two real packages
 * do where a room depends on it: login resolves before SDK_READY arrives, events come as
 * `{ name, data }`, joining a missing group fails with 10010, destroy() after logout rejects
 * with 2024, and what this client sends is not echoed back.
 */
import type { ChatInstance, ChatMessageOptions, ChatModule, ChatSdkEvent, ChatType } from '../im/sdk';

/** A message the fake created: what `createTextMessage` / `createCustomMessage` returned. */
export interface FakeChatMessage extends ChatMessageOptions {
  readonly type: 'TIMTextElem' | 'TIMCustomElem';
}

/** An SDK error, as both packages reject with: a numeric `code` and a message. */
export class FakeChatError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

type Handler = (event: ChatSdkEvent) => void;

/** What another member sends: a chat text, or a custom message's `data` (ts-pusher's extension unless another is given). */
export type FakeIncoming = { readonly text: string } | { readonly data: string | object; readonly extension?: string };

let messageCount = 0;

/** A group message as the SDKs deliver it in MESSAGE_RECEIVED. */
export function groupMessage(groupID: string, from: string, message: FakeIncoming) {
  const custom = !('text' in message);
  const payload = custom
    ? {
        data: typeof message.data === 'string' ? message.data : JSON.stringify(message.data),
        description: '',
        extension: message.extension === undefined ? 'ts-pusher' : message.extension,
      }
    : { text: message.text };
  return {
    ID: `${from}-${++messageCount}`,
    to: groupID,
    from,
    conversationType: 'GROUP',
    time: Math.floor(Date.now() / 1000),
    type: custom ? 'TIMCustomElem' : 'TIMTextElem',
    payload,
  };
}

/** The fake SDK instance (what `create()` returns). */
export class FakeChat implements ChatInstance {
  /** Every method call, in order: `[name, argument]`. */
  readonly calls: [string, unknown][] = [];
  /** Every message sent, with the clock when it left. */
  readonly sent: { at: number; message: FakeChatMessage }[] = [];
  /** Groups that exist; joining another fails with 10010. */
  readonly groups: Set<string>;
  readonly handlers = new Map<string, Set<Handler>>();
  loggedInAs: string | null = null;
  ready = false;
  /** Milliseconds between a login resolving and SDK_READY; `null`: SDK_READY never comes. */
  readyAfterMs: number | null = 0;
  /** What `getGroupOnlineMemberCount` answers. */
  memberCount = 7;
  /** Errors the next calls of a method reject with, first one first. */
  readonly failures: { [method: string]: FakeChatError[] } = {};
  destroyed = false;

  /** `groups`: the groups that exist already (default none). */
  constructor(groups: readonly string[] = []) {
    this.groups = new Set(groups);
  }

  private enter(method: string, arg?: unknown): void {
    this.calls.push([method, arg]);
    const error = (this.failures[method] || []).shift();
    if (error) throw error;
  }

  /** Sends an SDK event to the listeners, as the SDK's emitter does. */
  emit(name: string, data?: unknown): void {
    for (const handler of Array.from(this.handlers.get(name) || [])) handler({ name, data });
  }

  /** How many handlers are registered, all events together. */
  listenerCount(): number {
    let count = 0;
    for (const set of this.handlers.values()) count += set.size;
    return count;
  }

  /** The arguments of every call of `method`. */
  callsOf(method: string): unknown[] {
    return this.calls.filter(([name]) => name === method).map(([, arg]) => arg);
  }

  /** The ts-pusher data of each custom message sent, decoded (chat texts are left out). */
  sentData(): { [key: string]: unknown }[] {
    return this.sent.filter((s) => s.message.type === 'TIMCustomElem').map((s) => JSON.parse((s.message.payload as { data: string }).data));
  }

  /** Other members' messages arrive in `groupID` (one MESSAGE_RECEIVED event): chat texts, or ts-pusher `data`. */
  receive(groupID: string, from: string, ...messages: FakeIncoming[]): void {
    this.emit(
      'onMessageReceived',
      messages.map((message) => groupMessage(groupID, from, message)),
    );
  }

  /** The service kicks this client out (`userSigExpired`, `multipleAccount`, …). */
  kick(type: string): void {
    this.loggedInAs = null;
    this.ready = false;
    this.emit('kickedOut', { type });
  }

  /** The connection changes (`connected`, `connecting`, `disconnected`). */
  net(state: string): void {
    this.emit('netStateChange', { state });
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
    this.enter('login', options);
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
    this.enter('logout');
    this.loggedInAs = null;
    this.ready = false;
    this.emit('sdkStateNotReady');
    return { code: 0, data: {} };
  }

  async joinGroup(options: { groupID: string; type?: ChatType }): Promise<unknown> {
    this.enter('joinGroup', options);
    if (!this.groups.has(options.groupID)) throw new FakeChatError(10010, 'group not found');
    return { code: 0, data: { status: 'JoinedSuccess' } };
  }

  async quitGroup(groupID: string): Promise<unknown> {
    this.enter('quitGroup', groupID);
    return { code: 0, data: { groupID } };
  }

  async createGroup(options: { name: string; type: ChatType; groupID?: string }): Promise<unknown> {
    this.enter('createGroup', options);
    this.groups.add(options.groupID as string);
    return { code: 0, data: { group: { groupID: options.groupID } } };
  }

  createTextMessage(options: ChatMessageOptions): FakeChatMessage {
    return { ...options, type: 'TIMTextElem' };
  }

  createCustomMessage(options: ChatMessageOptions): FakeChatMessage {
    return { ...options, type: 'TIMCustomElem' };
  }

  async sendMessage(message: unknown): Promise<unknown> {
    this.enter('sendMessage', message);
    if (!this.loggedInAs) throw new FakeChatError(2024, 'not logged in');
    this.sent.push({ at: Date.now(), message: message as FakeChatMessage });
    return { code: 0, data: { message } };
  }

  async getGroupOnlineMemberCount(groupID: string): Promise<unknown> {
    this.enter('getGroupOnlineMemberCount', groupID);
    return { code: 0, data: { memberCount: this.memberCount } };
  }

  async destroy(): Promise<unknown> {
    this.enter('destroy');
    this.destroyed = true;
    this.handlers.clear();
    if (!this.loggedInAs) throw new FakeChatError(2024, 'not logged in');
    this.loggedInAs = null;
    return {};
  }
}

/** `FakeChat` with `isReady()`, as `@tencentcloud/chat` has it (tim-wx-sdk has not). */
export class FakeChatWithIsReady extends FakeChat {
  isReady(): boolean {
    return this.ready;
  }
}

/** The fake SDK module: `create()` returns the one `chat`, as both packages do per SDKAppID, and records its options. */
export function fakeChatModule(
  chat: FakeChat = new FakeChat(),
): ChatModule & { readonly chat: FakeChat; readonly creates: { SDKAppID: number }[] } {
  const creates: { SDKAppID: number }[] = [];
  return {
    chat,
    creates,
    create(options: { SDKAppID: number }) {
      creates.push(options);
      return chat;
    },
  };
}
