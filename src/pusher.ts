import { pusherError } from './errors';
import type { PusherEvents } from './events';
import type { PusherMethods } from './facade';
import type { PushStatus } from './lifecycle';
import type { PolicyInput, PusherPolicies } from './policies/index';
import type { UrlRefresher } from './policies/url';

export type { PusherEvents };

/** An event name of `<ts-pusher>`. */
export type PusherEventName = keyof PusherEvents;

/** The event object a page handler receives, e.g. `(e: PusherEvent<'statuschange'>) => …`. */
export interface PusherEvent<K extends PusherEventName> {
  readonly type: K;
  readonly detail: PusherEvents[K];
  readonly timeStamp?: number;
  /** The `<ts-pusher>` element: its `id` and `data-*` values. */
  readonly target?: PusherEventTarget;
  readonly currentTarget?: PusherEventTarget;
  /** `mark:*` values on the way up. */
  readonly mark?: Readonly<Record<string, unknown>>;
}

/** `target` / `currentTarget` of an event. */
export interface PusherEventTarget {
  readonly id: string;
  readonly dataset: Readonly<Record<string, unknown>>;
}

/** A `<ts-pusher>` instance as page code sees it. */
export interface PusherInstance extends PusherMethods {
  /** The current push status. */
  readonly status: PushStatus;
  /** Merges policy settings over the current ones; throws `INVALID_ARGUMENT` for a bad value. */
  setPolicies(policies: PolicyInput): PusherPolicies;
  /** The function asked for a new push URL when the current one expires or is refused (`null`: none). */
  setUrlRefresher(refresher: UrlRefresher | null): void;
}

/** Marks ts-pusher instances so `pusherOf` can tell them from other components. */
export const PUSHER_MARK = '__tsPusher';

/** What `pusherOf` needs of a page or component: `selectComponent`. */
export interface ComponentHost {
  selectComponent(selector: string): unknown;
}

/** The typed `<ts-pusher>` instance of a page (call it from `onReady` on). */
export function pusherOf(host: ComponentHost, selector = '#pusher'): PusherInstance {
  let found: { [PUSHER_MARK]?: boolean } | null | undefined;
  try {
    found = host.selectComponent(selector) as typeof found;
  } catch {
    // Not a page or component, or a framework that throws where WeChat returns null: not found either.
  }
  if (!found || !found[PUSHER_MARK]) throw pusherError('NOT_FOUND', { selector });
  return found as unknown as PusherInstance;
}
