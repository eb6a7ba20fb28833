/**
 * What the parts of one room share: its options, its listeners, its timers and where it is.
 * The room (room.ts) makes it; the session, the sender, the receiver and the status roles read it.
 */
import type { PusherError } from '../index';
import type { RoomEmitter } from './events';
import type { RoomOptions } from './options';

/** Where a room is: `open()` moves idle → opening → open, `close()` → closing → closed. */
export type RoomState = 'idle' | 'opening' | 'open' | 'closing' | 'closed';

/** Named timers, all stopped at once on close: no part can leave one running. */
export interface RoomTimers {
  /** Runs `run` in `ms`, replacing the timer of that name. */
  set(name: string, run: () => void, ms: number): void;
  /** Stops the timer of that name; without a name, every timer. */
  stop(name?: string): void;
}

/** What every part of a room reads. */
export interface RoomContext {
  readonly options: RoomOptions;
  readonly events: RoomEmitter;
  readonly timers: RoomTimers;
  /** Where the room is. */
  state(): RoomState;
  /** The room is in its group: sends may leave. */
  joined(): boolean;
  /** `IM_CLOSED` for `method`, naming the state the room is in. */
  closed(method: string): PusherError;
  /** Emits `error`: what failed in the background. */
  report(error: PusherError): void;
}

/** A settled promise, for calls with nothing to wait for. */
export const DONE = Promise.resolve();

/** A set of named timers. */
export function createTimers(): RoomTimers {
  let timers: { [name: string]: ReturnType<typeof setTimeout> | undefined } = {};
  const cancel = (name: string): void => {
    const timer = timers[name];
    if (timer !== undefined) clearTimeout(timer);
  };
  return {
    set(name, run, ms) {
      cancel(name);
      timers[name] = setTimeout(run, ms);
    },
    stop(name) {
      if (name) return cancel(name);
      for (const each in timers) cancel(each);
      timers = {};
    },
  };
}
