/** The host's room: the shared room plus publishing (status on change and as a heartbeat, `ended` on close). */
import type { PushStatus } from '../index';
import { checkRoomOptions, type RoomOptions } from './options';
import { createPublisher } from './publisher';
import { createRoom, type LiveRoom } from './room';

/** The host's room. */
export interface HostRoom extends LiveRoom {
  /** Call it from `statuschange`: sends the mapped room status when it changes. */
  publish(status: PushStatus): Promise<void>;
}

/** Options of `createHostRoom`: the host always logs in. */
export interface HostRoomOptions extends Omit<RoomOptions, 'hostID'> {
  readonly userID: string;
}

/** The host's live room: call `open()`, then `publish(status)` from the pusher's `statuschange`. */
export function createHostRoom(options: HostRoomOptions): HostRoom {
  checkRoomOptions('createHostRoom', options, ['groupID', 'userID']);
  const { room, role } = createRoom(options, createPublisher);
  return Object.assign(room, { publish: role.publish });
}
