/** The events `<ts-player>` triggers, and the words of its status changes. */
import type { PusherError } from '../errors';
import type { PusherEvents } from '../events';
import type { PlayerAttributeProblem } from './attributes';
import type { PlayerNetStatus, PlayerStateEvent, PlayerWarningEvent } from './events';
import type { PlayerLifecycleInput, PlayStatus } from './lifecycle';

/** What caused a status change: a method, a native code, a netstatus sample, the page, a stall, or the library. */
export type PlayerStatusCause = PlayerLifecycleInput | number | 'netstatus' | 'hide' | 'stall';

/** Detail of the player's `statuschange` event. */
export interface PlayerStatusChange {
  readonly status: PlayStatus;
  readonly previous: PlayStatus;
  readonly cause: PlayerStatusCause;
}

/** Every event `<ts-player>` triggers: name → `detail`. Drives `triggerEvent` and handler types. */
export interface PlayerEvents {
  /** Every mapped `bindstatechange` code. */
  statechange: PlayerStateEvent;
  /** The play status moved. */
  statuschange: PlayerStatusChange;
  /** A warning code: the native player recovers by itself. */
  warning: PlayerWarningEvent;
  /** A fatal code, a `binderror`, a stall that could not be recovered or a failed refresh, as a `PusherError`. */
  error: PusherError;
  /** Network and playback metrics, as numbers. */
  netstatus: PlayerNetStatus;
  /** `direction`: the tag's `vertical` or `horizontal`, `fullScreen`: entered or left. */
  fullscreenchange: { readonly direction: 'vertical' | 'horizontal'; readonly fullScreen: boolean };
  audiovolume: { readonly volume: number };
  enterpictureinpicture: Record<string, never>;
  leavepictureinpicture: Record<string, never>;
  /** The person picked (or failed to pick) a casting device: `state` as the tag sends it (`success`, `fail`). */
  castinguserselect: { readonly state: string };
  /** Casting state: `type` and `state` as the tag sends them. */
  castingstatechange: { readonly type: string; readonly state: string };
  castinginterrupt: Record<string, never>;
  /** The reconnect policy is about to play again (`delayMs` after the loss, or 0 when the network returned). */
  reconnect: PusherEvents['reconnect'];
  /** Network quality changed. */
  quality: PusherEvents['quality'];
  /** Attributes (or policies, timeouts) that were repaired before use. */
  invalid: { readonly problems: readonly PlayerAttributeProblem[] };
}
