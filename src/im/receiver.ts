/**
 * Receiving: the group's messages decoded (through wire.ts) into `chat`, `like` and `gift`
 * events, a host's status handed to the room's role, anything malformed counted; and the online
 * count, polled while someone listens.
 */
import type { RoomContext } from './context';
import { MSG_CUSTOM, MSG_TEXT } from './sdk';
import type { Session } from './session';
import { parseRoomMessage, ROOM_EXTENSION, type RoomMessage } from './wire';

/** The Chat service allows one online-count query per 10 s. */
const AUDIENCE_MS = 10000;

/** A host's status, as it arrives. */
export type StatusMessage = Extract<RoomMessage, { t: 'status' }>;

/** Where the receiver counts what it ignored (the room's `malformed`). */
export interface MalformedCount {
  malformed: number;
}

interface GroupMessage {
  readonly to?: unknown;
  readonly type?: unknown;
  readonly from?: unknown;
  readonly time?: unknown;
  readonly payload?: { readonly [key: string]: unknown };
}

/** A handler of MESSAGE_RECEIVED's list for the room of `ctx`: statuses go to `heard`, what is malformed to `count`. */
export function createReceiver(
  ctx: RoomContext,
  heard: (message: StatusMessage) => void,
  count: MalformedCount,
): (messages: readonly unknown[]) => void {
  const { groupID, hostID } = ctx.options;
  const { emit } = ctx.events;

  const receive = (m: GroupMessage): void => {
    // A group message's `to` is the group (a one-to-one message's is a user): other groups and C2C are not ours.
    if (m.to !== groupID) return;
    const from = String(m.from || '');
    const payload = m.payload || {};
    if (m.type === MSG_TEXT && typeof payload.text === 'string')
      emit('chat', { from, text: payload.text, ts: (m.time as number) * 1000 || Date.now() });
    if (m.type !== MSG_CUSTOM || payload.extension !== ROOM_EXTENSION) return;
    const message = parseRoomMessage(payload.data);
    if (!message || (message.t === 'status' && hostID && from !== hostID)) count.malformed++;
    else if (message.t === 'like') emit('like', { from, count: message.count });
    else if (message.t === 'gift') emit('gift', { from, gift: message.gift });
    else heard(message);
  };

  return (messages) => {
    for (const m of messages) {
      try {
        receive(m as GroupMessage);
      } catch {
        count.malformed++;
      }
    }
  };
}

/** Polls the online count every 10 s from now on, asking only while someone listens to `audience`. */
export function pollAudience(ctx: RoomContext, call: Session['call']): void {
  let audience = -1;
  const poll = (): void => {
    ctx.timers.set('audience', poll, AUDIENCE_MS);
    if (!ctx.events.listening('audience')) return;
    call('getGroupOnlineMemberCount', ctx.options.groupID).then((result) => {
      const { data } = (result || {}) as { data?: { memberCount?: unknown } };
      const count = data && data.memberCount;
      if (typeof count === 'number' && count !== audience) ctx.events.emit('audience', { count: (audience = count) });
    }, ctx.report);
  };
  poll();
}
