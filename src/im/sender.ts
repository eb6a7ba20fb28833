/**
 * Sending: chat, likes and gifts as SDK messages through one queue that keeps a client under
 * 10 messages a second and leaves only while the room is in its group; the 12 KB limit; likes
 * within a second travel as one message. The host's status rides the same queue, ahead of the rest.
 */
import type { PusherError } from '../index';
import type { RoomContext } from './context';
import { invalid, isText, POSITIVE, POSITIVE_ZH } from './options';
import { roomError } from './room-errors';
import { CONV_GROUP, type ChatInstance } from './sdk';
import type { Session } from './session';
import { isCount, MAX_MESSAGE_BYTES, ROOM_EXTENSION, utf8Bytes, type Json } from './wire';

/** Chat's per-group limit is 40 messages a second; one client keeps to a quarter of it. */
const MAX_PER_SECOND = 10;
/** Likes within this window travel as one message. */
const LIKE_WINDOW_MS = 1000;

/** Builds the SDK message when its turn comes, so a status carries the latest value. */
export type MessageBuilder = (chat: ChatInstance) => unknown;

interface Job {
  /** Jumps the queue and may still leave while closing (the host's status). */
  readonly first?: boolean;
  /** The room method, for errors. */
  readonly method: string;
  readonly build: MessageBuilder;
  resolve(): void;
  reject(error: unknown): void;
}

interface LikeBatch {
  count: number;
  done: Promise<void>;
  /** Ends the window early (on close). */
  flush(): void;
}

/** The sending part of a room. */
export interface Sender {
  /** Sends a chat message (Normal priority). */
  sendText(text: string): Promise<void>;
  /** Sends likes, coalesced over a second (Low priority). */
  sendLike(count?: number): Promise<void>;
  /** Sends a gift: any JSON value (High priority). */
  sendGift(gift: Json): Promise<void>;
  /** Queues a message whose text is `body` (for the size limit); `first` jumps the queue. */
  send(method: string, body: string, build: MessageBuilder, first?: boolean): Promise<void>;
  /** Sends what waits, as fast as the limit allows (after joining). */
  pump(): void;
  /** Refuses queued sends (those sent `first` too when `all`) and likes still in their window. */
  drop(all: boolean): void;
}

/** A ts-pusher custom message to group `to` carrying `data`. */
export const customMessage = (chat: ChatInstance, to: string, data: string, priority: string): unknown =>
  chat.createCustomMessage({ to, conversationType: CONV_GROUP, priority, payload: { data, description: '', extension: ROOM_EXTENSION } });

/** The sender of the room of `ctx`, sending through `call`. */
export function createSender(ctx: RoomContext, call: Session['call']): Sender {
  const { groupID, userID } = ctx.options;
  let queue: Job[] = [];
  /** When each of the last sends left, for the rate limit. */
  let sent: number[] = [];
  /** Likes waiting for their window to close, and the promise every one of them got. */
  let likes: LikeBatch | undefined;

  /** Why a send is refused now, if it is; a `first` send may still leave while closing. */
  const refusal = (method: string, body: string, first?: boolean): PusherError | null => {
    const state = ctx.state();
    if (state !== 'open' && !(state === 'closing' && first)) return ctx.closed(method);
    if (!userID) return roomError('IM_ANONYMOUS', { method });
    const bytes = utf8Bytes(body) + ROOM_EXTENSION.length;
    return bytes > MAX_MESSAGE_BYTES ? roomError('IM_TOO_LARGE', { method, bytes }) : null;
  };

  /** Sends queued jobs, at most `MAX_PER_SECOND` in any second, while joined. */
  const pump = (): void => {
    while (ctx.joined() && queue.length) {
      const now = Date.now();
      sent = sent.filter((at) => now - at < 1000);
      if (sent.length >= MAX_PER_SECOND) {
        ctx.timers.set('pump', pump, sent[0] + 1000 - now);
        return;
      }
      const job = queue.shift() as Job;
      sent.push(now);
      call('sendMessage', job.build, job.method).then(job.resolve, job.reject);
    }
  };

  const send = (method: string, body: string, build: MessageBuilder, first?: boolean): Promise<void> => {
    const refused = refusal(method, body, first);
    if (refused) return Promise.reject(refused);
    return new Promise<void>((resolve, reject) => {
      const job = { first, method, build, resolve, reject };
      // The first-class job goes ahead; chat, gifts and likes keep their order.
      if (first) queue.unshift(job);
      else queue.push(job);
      pump();
    });
  };

  const custom =
    (data: string, priority: string): MessageBuilder =>
    (chat) =>
      customMessage(chat, groupID, data, priority);

  return {
    send,
    pump,

    sendText(text) {
      if (!isText(text)) return invalid('sendText', 'text', 'a non-empty string', '非空字符串', text);
      return send('sendText', text, (chat) =>
        chat.createTextMessage({ to: groupID, conversationType: CONV_GROUP, priority: 'Normal', payload: { text } }),
      );
    },

    sendLike(count = 1) {
      if (!(isCount(count) && count > 0)) return invalid('sendLike', 'count', POSITIVE, POSITIVE_ZH, count);
      const refused = refusal('sendLike', '');
      if (refused) return Promise.reject(refused);
      if (likes) {
        likes.count += count;
        return likes.done;
      }
      const batch = (likes = { count } as LikeBatch);
      // When the window closes (or the room does), the batch is queued, or refused if closing.
      batch.done = new Promise<void>((flush) => ctx.timers.set('like', (batch.flush = flush), LIKE_WINDOW_MS)).then(() => {
        likes = undefined;
        return send('sendLike', '', custom(JSON.stringify({ v: 1, t: 'like', count: batch.count }), 'Low'));
      });
      return batch.done;
    },

    sendGift(gift) {
      let data: string | undefined;
      try {
        data = gift == null ? undefined : JSON.stringify({ v: 1, t: 'gift', gift });
      } catch {
        // A cycle or a BigInt: refused below, like undefined.
      }
      if (!data) return invalid('sendGift', 'gift', 'a JSON value', 'JSON 值', gift);
      return send('sendGift', data, custom(data, 'High'));
    },

    drop(all) {
      const error = ctx.closed('send');
      const dropped = queue.filter((job) => all || !job.first);
      queue = all ? [] : queue.filter((job) => job.first);
      if (likes) likes.flush();
      for (const job of dropped) job.reject(error);
    },
  };
}
