/**
 * ts-pusher: typed `<live-pusher>` and `<live-player>` for WeChat mini-programs. The public
 * barrel: the pusher's API and the shared core (`core.ts`), and the player's. On phones the
 * player's names load its part (`player/core.js`) on first use, so a page that only pushes
 * never loads the player.
 */
export * from './core';
export {
  PLAYER_CODES,
  describePlayerCode,
  mapPlayerStateChange,
  mapPlayerNetStatus,
  normalizePlayerAttributes,
  PLAYER_TRANSITIONS,
  PLAYER_PRESETS,
  playerOf,
} from './play/index';
export type {
  PlayerCode,
  PlayerCodeName,
  PlayerCodeKind,
  PlayerCodeCategory,
  PlayerCodeInfo,
  PlayerStateEvent,
  PlayerProgressEvent,
  PlayerWarningEvent,
  PlayerFatalEvent,
  PlayerUnknownEvent,
  PlayerNetStatus,
  PlayerNetStatusField,
  PlayerAttributes,
  PlayerAttributeName,
  PlayerAttributeInput,
  PlayerAttributeProblem,
  PlayerAttributeProblemCode,
  NormalizedPlayerAttributes,
  PlayerPreset,
  PlayerPresetId,
  PlayMode,
  PlayStatus,
  PlayerLifecycleInput,
  PlayerLifecycleMethod,
  PlayerLifecycleSignal,
  NativePlayerContext,
  PlayerNativeMethod,
  PlayerInstance,
  PlayerMethods,
  PlayerEvents,
  PlayerEvent,
  PlayerEventName,
  PlayerStatusChange,
  PlayerStatusCause,
  PlayerPolicies,
  PlayerPolicyInput,
  SrcRefresher,
  SrcRefreshRequest,
  FullScreenDirection,
} from './play/index';
