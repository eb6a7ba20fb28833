/**
 * A live room assembled from its parts: the session (session.ts), sending (sender.ts) and
 * receiving (receiver.ts) over one context (context.ts), plus a role that says how the room
 * joins and what it does with the host's status: the audience follows it (audience.ts), the
 * host publishes it (publisher.ts). This file owns the room's lifecycle: open, join, re-join
 * after a kick, leave, close.
 */
import type { PusherError } from '../index';
import { createTimers, DONE, type RoomContext, type RoomState } from './context';
import { createEmitter, type RoomEventName, type RoomListener, type RoomStatusEvent } from './events';
import type { RoomOptions } from './options';
import { createReceiver, pollAudience, type StatusMessage } from './receiver';
import { roomError } from './room-errors';
import { AV_CHAT_ROOM } from './sdk';
import { createSender, type Sender } from './sender';
import { createSession, type Session } from './session';
import type { Json } from './wire';

/** What both rooms offer. */
export interface LiveRoom {
  /** Where the room is. */
  readonly state: RoomState;
  /** The last `status` event's detail. */
  readonly status: RoomStatusEvent;
  /** Incoming ts-pusher messages ignored: malformed, an unknown version, or a status not from `hostID`. */
  readonly malformed: number;
  /** Logs in (unless anonymous), waits for SDK_READY, joins the room. */
  open(): Promise<void>;
  /** Quits, logs out if the room logged in, removes every listener and timer (the host first sends `ended`). */
  close(): Promise<void>;
  /** Adds a listener. */
  on<K extends RoomEventName>(name: K, listener: RoomListener<K>): void;
  /** Removes a listener. */
  off<K extends RoomEventName>(name: K, listener: RoomListener<K>): void;
  /** Sends a chat message (Normal priority). */
  sendText(text: string): Promise<void>;
  /** Sends likes, coalesced over a second (Low priority). */
  sendLike(count?: number): Promise<void>;
  /** Sends a gift: any JSON value (High priority). */
  sendGift(gift: Json): Promise<void>;
}

/** What a role builds on. */
export interface RoomParts {
  readonly ctx: RoomContext;
  readonly call: Session['call'];
  readonly sender: Sender;
  /** Joins the room's AVChatRoom. */
  joinGroup(): Promise<unknown>;
}

/** What makes a room the host's or the audience's: how it joins and what it does with the status. */
export interface RoomRole {
  /** The last `status` event's detail. */
  readonly status: RoomStatusEvent;
  /** Joins the group. */
  join(): Promise<unknown>;
  /** After every join (open, re-login after a kick). */
  joined(): void;
  /** A valid status message from the group. */
  heard(message: StatusMessage): void;
  /** Before quitting the group. */
  leave(): Promise<unknown>;
}

/** A room over the Chat SDK with the role `makeRole` builds; returns both. */
export function createRoom<R extends RoomRole>(options: RoomOptions, makeRole: (parts: RoomParts) => R): { room: LiveRoom; role: R } {
  let state: RoomState = 'idle';
  let joined = false;
  let opening: Promise<void> | undefined;
  let closing: Promise<void> | undefined;
  const events = createEmitter();
  const timers = createTimers();
  const ctx: RoomContext = {
    options,
    events,
    timers,
    state: () => state,
    joined: () => joined,
    closed: (method) => roomError('IM_CLOSED', { method, state }),
    report: (error) => events.emit('error', error),
  };

  /** After (re)joining: the role does its part, waiting sends leave. */
  const joinedAgain = (): void => {
    role.joined();
    sender.pump();
  };

  const join = (): Promise<void> =>
    role.join().then(() => {
      joined = true;
    });

  /** Kicked out: an expired UserSig is renewed (`relogin`); anything else ends the room. */
  const kicked = (reason: string, relogin?: () => Promise<void>): void => {
    joined = false;
    events.emit('kicked', { reason });
    if (state !== 'open') return;
    if (!relogin) return void room.close();
    // close() during the re-login waits for it (as for open()), then logs out what it logged in.
    opening = relogin()
      .then(join)
      .then(joinedAgain, (error: PusherError) => {
        // Cut short by close(): nothing to report.
        if (!closing) ctx.report(error);
        room.close();
      });
  };

  const session = createSession(ctx, { received: (messages) => receive(messages), kicked });
  const sender = createSender(ctx, session.call);
  const joinGroup = () => session.call('joinGroup', { groupID: options.groupID, type: AV_CHAT_ROOM });
  const role = makeRole({ ctx, call: session.call, sender, joinGroup });

  /** Quits and logs out as far as the session got (the role goes first); returns what failed. */
  const leave = async (): Promise<PusherError[]> => {
    const failures: PusherError[] = [];
    const step = (run: () => Promise<unknown>) => run().catch((error: PusherError) => void failures.push(error));
    if (joined) await step(role.leave);
    if (joined) await step(() => session.call('quitGroup', options.groupID));
    await step(session.logout);
    joined = false;
    return failures;
  };

  /** Detaches from the SDK and stops every timer; `end` also drops the app's listeners and closes the room. */
  const release = (end: boolean): void => {
    timers.stop();
    sender.drop(true);
    session.release();
    opening = undefined;
    state = end ? 'closed' : 'idle';
    if (end) events.clear();
  };

  const room = {
    malformed: 0,

    get state(): RoomState {
      return state;
    },

    get status(): RoomStatusEvent {
      return role.status;
    },

    on: events.on,
    off: events.off,
    sendText: sender.sendText,
    sendLike: sender.sendLike,
    sendGift: sender.sendGift,

    open(): Promise<void> {
      if (state === 'open') return DONE;
      if (state !== 'idle') return state === 'opening' ? (opening as Promise<void>) : Promise.reject(ctx.closed('open'));
      state = 'opening';
      return (opening = session
        .connect()
        .then(join)
        .then(
          () => {
            if (state !== 'opening') throw ctx.closed('open');
            state = 'open';
            joinedAgain();
            pollAudience(ctx, session.call);
          },
          async (error: unknown) => {
            // close() during open cleans up itself; otherwise undo what was done, keep the listeners.
            if (state === 'opening') {
              await leave();
              release(false);
            }
            throw error;
          },
        ));
    },

    close(): Promise<void> {
      if (!closing) {
        // An open() or a re-login in flight finishes first: leaving then undoes all it did.
        const pending = opening;
        state = 'closing';
        session.abort(ctx.closed('open'));
        closing = (async () => {
          if (pending) await pending.catch(() => undefined);
          timers.stop();
          sender.drop(false);
          (await leave()).forEach(ctx.report);
          release(true);
        })();
      }
      return closing;
    },
  };
  const receive = createReceiver(ctx, role.heard, room);
  return { room, role };
}
