/**
 * `ts-pusher/im`: the live room over Tencent Cloud Chat (an AVChatRoom and custom messages).
 * Framework-free and SDK-free: the app passes `@tencentcloud/chat` or `tim-wx-sdk` as `sdk`.
 * The core and the component never import it; a mini-program requires it only where used.
 */
export { createHostRoom } from './host';
export type { HostRoom, HostRoomOptions } from './host';
export { watchRoom } from './audience';
export type { AudienceRoom, AudienceRoomOptions } from './audience';
export { ROOM_STATUS_OF } from './publisher';
export type { LiveRoom } from './room';
export type { RoomState } from './context';
export type { RoomOptions } from './options';
export type { RoomEvents, RoomEventName, RoomListener, RoomStatusEvent, ConnectionState } from './events';
export { parseRoomMessage, ROOM_EXTENSION, MAX_MESSAGE_BYTES } from './wire';
export type { RoomMessage, RoomStatus, Json } from './wire';
export type { ChatSdk, ChatModule, ChatInstance, ChatSdkEvent, ChatMessageOptions, ChatType } from './sdk';
