/** The host's room: announces the push status (on change, then as a heartbeat), creates a missing AVChatRoom. */
import { checkRoomOptions, createRoom, type HostRoom, type RoomOptions } from './room';

/** Options of `createHostRoom`: the host always logs in. */
export interface HostRoomOptions extends Omit<RoomOptions, 'hostID'> {
  readonly userID: string;
}

/** The host's live room: call `open()`, then `publish(status)` from the pusher's `statuschange`. */
export function createHostRoom(options: HostRoomOptions): HostRoom {
  checkRoomOptions('createHostRoom', options, true);
  return createRoom(options, true);
}
