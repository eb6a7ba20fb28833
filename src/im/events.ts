/** The live room's events: what each one carries, and the listeners that hear them. */
import type { PusherError } from '../index';
import type { Json, RoomStatus } from './wire';

/** The Chat connection (`NET_STATE_CHANGE`). */
export type ConnectionState = 'connected' | 'connecting' | 'disconnected';

/** The `status` event: what the host announced, and whether it still does. */
export interface RoomStatusEvent {
  readonly status: RoomStatus;
  /** The host's play URL ('' when it gave none). */
  readonly playUrl: string;
  /** True once no heartbeat came for 2.5 × the host's interval. */
  readonly stale: boolean;
  /** When this status was first announced (host clock, ms); 0 while `unknown`. */
  readonly since: number;
}

/** The status of a room that has heard nothing yet. */
export const UNKNOWN_STATUS: RoomStatusEvent = { status: 'unknown', playUrl: '', stale: false, since: 0 };

/** Event name → detail, for `on` / `off` of both rooms. */
export interface RoomEvents {
  status: RoomStatusEvent;
  chat: { readonly from: string; readonly text: string; readonly ts: number };
  like: { readonly from: string; readonly count: number };
  gift: { readonly from: string; readonly gift: Json };
  /** Online members, polled at most once per 10 s while someone listens. */
  audience: { readonly count: number };
  connection: { readonly state: ConnectionState };
  /** `reason` is the SDK's kick type: `userSigExpired`, `multipleAccount`, `multipleDevice`, `REST_API_Kick`. */
  kicked: { readonly reason: string };
  error: PusherError;
}

/** A `RoomEvents` name. */
export type RoomEventName = keyof RoomEvents;

/** A listener of one room event. */
export type RoomListener<K extends RoomEventName> = (detail: RoomEvents[K]) => void;

/** The listeners of one room. */
export interface RoomEmitter {
  on<K extends RoomEventName>(name: K, listener: RoomListener<K>): void;
  off<K extends RoomEventName>(name: K, listener: RoomListener<K>): void;
  /** Calls every listener of `name`; one that throws is logged and the others still hear it. */
  emit<K extends RoomEventName>(name: K, detail: RoomEvents[K]): void;
  /** Someone listens to `name`. */
  listening(name: RoomEventName): boolean;
  /** Drops every listener (the room closed). */
  clear(): void;
}

/** An empty set of listeners. */
export function createEmitter(): RoomEmitter {
  let listeners: { [name: string]: RoomListener<never>[] | undefined } = {};
  const of = (name: RoomEventName) => listeners[name] || [];
  return {
    on(name, listener) {
      (listeners[name] = of(name)).push(listener as RoomListener<never>);
    },
    off(name, listener) {
      listeners[name] = of(name).filter((l) => l !== listener);
    },
    emit(name, detail) {
      for (const listener of of(name)) {
        try {
          listener(detail as never);
        } catch (error) {
          // One throwing listener must not break the room or the other listeners; its stack names it.
          console.error(error);
        }
      }
    },
    listening: (name) => of(name).length > 0,
    clear() {
      listeners = {};
    },
  };
}
