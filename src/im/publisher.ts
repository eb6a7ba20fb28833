/**
 * The host's part of its room: announces the push status when the room status changes, then
 * again as a heartbeat; says `ended` before leaving; creates the AVChatRoom when it is missing.
 */
import type { PushStatus } from '../index';
import { DONE } from './context';
import { UNKNOWN_STATUS, type RoomStatusEvent } from './events';
import { HEARTBEAT_MS, invalid } from './options';
import type { RoomParts, RoomRole } from './room';
import { AV_CHAT_ROOM, GROUP_ID_INVALID, GROUP_NOT_FOUND } from './sdk';
import { customMessage } from './sender';
import type { RoomStatus } from './wire';

/** A status the host sends (`unknown` is only ever a viewer's). */
type SentStatus = Exclude<RoomStatus, 'unknown'>;

/** What each push status tells the audience; `null`: nothing to announce yet (idle, starting). */
export const ROOM_STATUS_OF: { readonly [S in PushStatus]: SentStatus | null } = {
  idle: null,
  starting: null,
  pushing: 'live',
  paused: 'paused',
  suspended: 'paused',
  reconnecting: 'reconnecting',
  stopped: 'ended',
  failed: 'ended',
};

/** The longest group name Chat accepts, in bytes. */
const MAX_NAME_BYTES = 30;

/** The host's role: a room role that also publishes. */
export interface Publisher extends RoomRole {
  /** Sends the mapped room status when it changes (remembered before `open()`). */
  publish(status: PushStatus): Promise<void>;
}

/** The publishing part of the host's room. */
export function createPublisher({ ctx, call, sender, joinGroup }: RoomParts): Publisher {
  const { groupID, playUrl = '' } = ctx.options;
  const heartbeatMs = ctx.options.heartbeatMs || HEARTBEAT_MS;
  let current = UNKNOWN_STATUS;
  /** The status announced, the last sequence number, the queued status send. */
  let announced: SentStatus | null = null;
  let seq = 0;
  let statusJob: Promise<void> | undefined;

  /** The status message waiting in the queue carries whatever is announced when it leaves. */
  const sendStatus = (): Promise<void> => {
    if (statusJob) return statusJob;
    let built = false;
    const job = sender.send(
      'publish',
      playUrl,
      (chat) => {
        built = true;
        statusJob = undefined;
        // The heartbeat counts from the last status sent, whatever sent it.
        ctx.timers.set('heartbeat', () => sendStatus().catch(ctx.report), heartbeatMs);
        const data = { v: 1, t: 'status', status: announced, playUrl: ctx.options.playUrl, seq: ++seq, ts: Date.now() };
        return customMessage(chat, groupID, JSON.stringify(data), 'High');
      },
      true,
    );
    // Built at once when the queue was free; otherwise later publishes ride along with it.
    if (!built) statusJob = job;
    job.catch(() => {
      if (statusJob === job) statusJob = undefined;
    });
    return job;
  };

  const announce = (status: SentStatus): void => {
    announced = status;
    ctx.events.emit('status', (current = { status, playUrl, stale: false, since: Date.now() }));
  };

  return {
    get status(): RoomStatusEvent {
      return current;
    },

    /** Joins, creating a missing room (never created, or dismissed). */
    join: () =>
      joinGroup().catch((error: { nativeCode?: unknown }) => {
        if (error.nativeCode !== GROUP_NOT_FOUND && error.nativeCode !== GROUP_ID_INVALID) throw error;
        // Group IDs are printable ASCII (Chat refuses others), so characters are bytes.
        return call('createGroup', { name: groupID.slice(0, MAX_NAME_BYTES), type: AV_CHAT_ROOM, groupID }).then(joinGroup);
      }),

    joined() {
      if (announced) sendStatus().catch(ctx.report);
    },

    heard() {
      // The host is the source of statuses: others' claims change nothing here.
    },

    leave() {
      if (announced !== 'ended') announce('ended');
      return sendStatus();
    },

    publish(status) {
      const state = ctx.state();
      if (state === 'closing' || state === 'closed') return Promise.reject(ctx.closed('publish'));
      const next = ROOM_STATUS_OF[status];
      // Unknown names read undefined, inherited ones ('toString') a function: only strings and null are entries.
      if (next !== null && typeof next !== 'string') return invalid('publish', 'status', 'a PushStatus', 'PushStatus 值', status);
      if (!next || next === announced) return DONE;
      announce(next);
      // Before open() it is only remembered: open() announces it.
      return state === 'open' ? sendStatus() : DONE;
    },
  };
}
