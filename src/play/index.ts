/**
 * The player's framework-free parts: its code catalogue, mappers, attribute schema, presets and
 * lifecycle table. Not re-exported from ../index.ts, so a page that only pushes does not carry them.
 */
export { PLAYER_CODES, PLAYER_CODE, describePlayerCode } from './codes';
export type { PlayerCode, PlayerCodeName, PlayerCodeNames, PlayerCodeKind, PlayerCodeCategory, PlayerCodeInfo } from './codes';
export { mapPlayerStateChange, mapPlayerNetStatus } from './events';
export type {
  PlayerStateEvent,
  PlayerProgressEvent,
  PlayerWarningEvent,
  PlayerFatalEvent,
  PlayerUnknownEvent,
  PlayerNetStatus,
  PlayerNetStatusField,
} from './events';
export { PLAYER_ATTRIBUTES, PLAYER_ATTRIBUTE_NAMES, normalizePlayerAttributes } from './attributes';
export type {
  PlayerAttributes,
  PlayerAttributeName,
  PlayerAttributeInput,
  PlayerAttributeProblem,
  PlayerAttributeProblemCode,
  NormalizedPlayerAttributes,
} from './attributes';
export { PLAYER_PRESETS, PLAYER_PRESET_IDS, isPlayerPresetId } from './presets';
export type { PlayerPreset, PlayerPresetId, PlayMode } from './presets';
export { PLAY_STATUSES, PLAYER_INPUTS, PLAYER_TRANSITIONS, PLAYER_LOST_CODES, playerStatusAfter, playerSignalOf } from './lifecycle';
export type { PlayStatus, PlayerLifecycleInput, PlayerLifecycleMethod, PlayerLifecycleSignal } from './lifecycle';
export { PLAYER_NATIVE_METHODS } from './native';
export type { NativePlayerContext, PlayerNativeMethod } from './native';
export { PlayerController, PLAYER_METHODS } from './controller';
export type { PlayerMethods, PlayerHost, FullScreenDirection } from './controller';
export { DEFAULT_PLAYER_ATTRIBUTES, PLAY_URL } from './attributes';
export { DEFAULT_PLAYER_POLICIES, resolvePlayerPolicies, playerQualityOf } from './policies';
export type { PlayerPolicies, PlayerPolicyInput, SrcRefresher, SrcRefreshRequest } from './policies';
export { playerOf, PLAYER_MARK } from './player';
export type { PlayerInstance, PlayerEvent, PlayerEventName } from './player';
export type { PlayerEvents, PlayerStatusChange, PlayerStatusCause } from './player-events';
