/**
 * The part of the Tencent Cloud Chat SDK the live room uses, as a structural type: both
 * `@tencentcloud/chat` (3.x) and `tim-wx-sdk` (2.x) satisfy it, and neither is imported.
 * Event and type names are the same strings in both SDKs, so they are written here rather than
 * read from the module (an instance the app passes in does not carry them).
 */

/** What an SDK event handler receives. */
export interface ChatSdkEvent {
  readonly name?: string;
  readonly data?: unknown;
}

/**
 * A `TencentCloudChat.TYPES` value: the room passes strings, but the enum also has numbers, so
 * `@tencentcloud/chat`'s typings only fit parameters typed this wide.
 */
export type ChatType = string | number;

/** Options of `createTextMessage` / `createCustomMessage` the room passes. */
export interface ChatMessageOptions {
  readonly to: string;
  readonly conversationType: ChatType;
  readonly priority?: ChatType;
  readonly payload: { readonly text: string } | { readonly data: string; readonly description: string; readonly extension: string };
}

/** A Chat SDK instance (`create()`'s result): the methods the live room calls. */
export interface ChatInstance {
  login(options: { userID: string; userSig: string }): Promise<unknown>;
  logout(): Promise<unknown>;
  on(event: string, handler: (event: ChatSdkEvent) => void): void;
  off(event: string, handler: (event: ChatSdkEvent) => void): void;
  joinGroup(options: { groupID: string; type?: ChatType }): Promise<unknown>;
  quitGroup(groupID: string): Promise<unknown>;
  createGroup(options: { name: string; type: ChatType; groupID?: string }): Promise<unknown>;
  createTextMessage(options: ChatMessageOptions): unknown;
  createCustomMessage(options: ChatMessageOptions): unknown;
  sendMessage(message: unknown): Promise<unknown>;
  getGroupOnlineMemberCount(groupID: string): Promise<unknown>;
  /** `@tencentcloud/chat` only: tim-wx-sdk lacks it, so readiness is tracked from events. */
  isReady?(): boolean;
  destroy?(): Promise<unknown>;
}

/** The SDK module (`require('@tencentcloud/chat')` or `require('tim-wx-sdk')`). */
export interface ChatModule {
  create(options: { SDKAppID: number }): ChatInstance;
}

/** What a room accepts as `sdk`: the module, or an instance the app already created. */
export type ChatSdk = ChatModule | ChatInstance;

/** SDK event names (`TencentCloudChat.EVENT`), identical in both packages. */
export const SDK_EVENT = {
  READY: 'sdkStateReady',
  MESSAGE: 'onMessageReceived',
  KICKED: 'kickedOut',
  NET: 'netStateChange',
} as const;

/** `TYPES.KICKED_OUT_USERSIG_EXPIRED`. */
export const KICKED_SIG_EXPIRED = 'userSigExpired';
/** `TYPES.GRP_AVCHATROOM`. */
export const AV_CHAT_ROOM = 'AVChatRoom';
/** `TYPES.CONV_GROUP`. */
export const CONV_GROUP = 'GROUP';
/** `TYPES.MSG_TEXT` / `TYPES.MSG_CUSTOM`. */
export const MSG_TEXT = 'TIMTextElem';
export const MSG_CUSTOM = 'TIMCustomElem';
/** Chat error: the group does not exist or was dismissed. */
export const GROUP_NOT_FOUND = 10010;
/** Chat error: invalid group ID, what joining a never-created custom ID can answer. */
export const GROUP_ID_INVALID = 10015;
