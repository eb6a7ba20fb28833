/**
 * The audience's part of its room: follows the host's status, newest first by (`ts`, `seq`),
 * and flags it `stale` when no heartbeat came for 2.5 intervals.
 */
import { DONE } from './context';
import { UNKNOWN_STATUS, type RoomStatusEvent } from './events';
import { HEARTBEAT_MS } from './options';
import type { RoomParts, RoomRole } from './room';

/** The status-following part of a viewer's room. */
export function createFollower({ ctx, joinGroup }: RoomParts): RoomRole {
  const heartbeatMs = ctx.options.heartbeatMs || HEARTBEAT_MS;
  let current = UNKNOWN_STATUS;
  /** The newest status seen; older or repeated ones are dropped. */
  let last = { ts: -1, seq: -1 };

  const setStatus = (next: RoomStatusEvent): void => ctx.events.emit('status', (current = next));

  /** `stale` once no status came for 2.5 heartbeats; an ended room expects none. */
  const armStale = (): void => {
    ctx.timers.stop('stale');
    if (current.status !== 'ended')
      ctx.timers.set('stale', () => setStatus(Object.assign({}, current, { stale: true })), 2.5 * heartbeatMs);
  };

  return {
    get status(): RoomStatusEvent {
      return current;
    },

    join: joinGroup,
    joined: armStale,

    heard(message) {
      if (!(message.ts > last.ts || (message.ts === last.ts && message.seq > last.seq))) return;
      last = message;
      const playUrl = message.playUrl || '';
      if (message.status !== current.status || playUrl !== current.playUrl || current.stale) {
        setStatus({ status: message.status, playUrl, stale: false, since: message.status === current.status ? current.since : message.ts });
      }
      armStale();
    },

    leave: () => DONE,
  };
}
