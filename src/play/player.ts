/** `playerOf`: the typed `<ts-player>` instance of a page, and the types page code uses. */
import type { ComponentHost, PusherEventTarget } from '../pusher';
import type { PlayerMethods } from './controller';
import { pusherError } from '../errors';
import type { PlayStatus } from './lifecycle';
import type { PlayerEvents } from './player-events';
import type { PlayerPolicies, PlayerPolicyInput, SrcRefresher } from './policies';

/** An event name of `<ts-player>`. */
export type PlayerEventName = keyof PlayerEvents;

/** The event object a page handler receives, e.g. `(e: PlayerEvent<'statuschange'>) => …`. */
export interface PlayerEvent<K extends PlayerEventName> {
  readonly type: K;
  readonly detail: PlayerEvents[K];
  readonly timeStamp?: number;
  /** The `<ts-player>` element: its `id` and `data-*` values. */
  readonly target?: PusherEventTarget;
  readonly currentTarget?: PusherEventTarget;
  readonly mark?: Readonly<Record<string, unknown>>;
}

/** A `<ts-player>` instance as page code sees it. */
export interface PlayerInstance extends PlayerMethods {
  /** The current play status. */
  readonly status: PlayStatus;
  /** Merges policy settings over the current ones; throws `INVALID_ARGUMENT` for a bad value. */
  setPolicies(policies: PlayerPolicyInput): PlayerPolicies;
  /** The function asked for a fresh play URL before each policy restart and after -2302 (`null`: none). */
  setSrcRefresher(refresher: SrcRefresher | null): void;
}

/** Marks `<ts-player>` instances so `playerOf` can tell them from other components. */
export const PLAYER_MARK = '__tsPlayer';

/** The typed `<ts-player>` instance of a page (call it from `onReady` on); `NOT_FOUND` when there is none. */
export function playerOf(host: ComponentHost, selector = '#player'): PlayerInstance {
  let found: { [PLAYER_MARK]?: boolean } | null = null;
  try {
    found = host.selectComponent(selector) as typeof found;
  } catch {
    // Not a page or component: not found either.
  }
  if (!found || !found[PLAYER_MARK]) throw pusherError('NOT_FOUND', { selector, tag: 'ts-player' });
  return found as unknown as PlayerInstance;
}
