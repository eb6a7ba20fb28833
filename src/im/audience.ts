/** The audience's room: the shared room plus following the host's status; anonymous viewers only receive. */
import { createFollower } from './follower';
import { checkRoomOptions, type RoomOptions } from './options';
import { createRoom, type LiveRoom } from './room';

/** The audience's room: the host's without `publish`. */
export type AudienceRoom = LiveRoom;

/** Options of `watchRoom`; without `userID` the viewer is anonymous (receives, cannot send). */
export type AudienceRoomOptions = Omit<RoomOptions, 'playUrl'>;

/** A viewer's live room: `open()`, then listen to `status`, `chat`, `like`, `gift`, `audience`. */
export function watchRoom(options: AudienceRoomOptions): AudienceRoom {
  checkRoomOptions('watchRoom', options, ['groupID']);
  return createRoom(options, createFollower).room;
}
