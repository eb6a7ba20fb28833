/**
 * `ts-pusher/im`: the live room over Tencent Cloud Chat (an AVChatRoom and custom messages).
 * Framework-free and SDK-free: the app passes `@tencentcloud/chat` or `tim-wx-sdk` as `sdk`.
 * The core and the component never import it; a mini-program requires it only where used.
 */
export { createHostRoom } from './host';
export type { HostRoomOptions } from './host';
export { watchRoom } from './audience';
export type { AudienceRoom, AudienceRoomOptions } from './audience';
export { ROOM_STATUS_OF } from './room';
export type { HostRoom, LiveRoom, PublishableStatus, RoomEvents, RoomEventName, RoomListener, RoomOptions, RoomState, RoomStatusEvent, ConnectionState } from './room';
export { parseRoomMessage, ROOM_EXTENSION, MAX_MESSAGE_BYTES } from './wire';
export type { RoomMessage, RoomStatus, Json } from './wire';
export type { ChatSdk, ChatModule, ChatInstance, ChatSdkEvent, ChatMessageOptions, ChatType } from './sdk';
