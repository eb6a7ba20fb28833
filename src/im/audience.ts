/** The audience's room: follows the host's status, flags it stale when heartbeats stop; anonymous viewers only receive. */
import { checkRoomOptions, createRoom, type LiveRoom, type RoomOptions } from './room';

/** The audience's room: the host's without `publish`. */
export type AudienceRoom = LiveRoom;

/** Options of `watchRoom`; without `userID` the viewer is anonymous (receives, cannot send). */
export type AudienceRoomOptions = Omit<RoomOptions, 'playUrl'>;

/** A viewer's live room: `open()`, then listen to `status`, `chat`, `like`, `gift`, `audience`. */
export function watchRoom(options: AudienceRoomOptions): AudienceRoom {
  checkRoomOptions('watchRoom', options, false);
  return createRoom(options, false);
}
