/** The pusher's public API and the core every part shares: what `index.js` of the phone build holds. */
export { STATE_CODES, CODE, describeCode } from './codes';
export type { CodeInfo, UnknownCodeInfo, CodeKind, CodeCategory, CodeName } from './codes';
export { mapStateChange, mapError, mapNetStatus, errorFromEvent } from './events';
export type {
  PusherStateEvent,
  PusherProgressEvent,
  PusherWarningEvent,
  PusherFatalEvent,
  PusherUnknownEvent,
  UnknownReason,
  PusherNetStatus,
  PusherLibraryWarning,
  NetStatusField,
} from './events';
export { PRESETS, PRESET_IDS, isPresetId } from './presets';
export type { Preset, PresetId, PushMode, AudioQuality } from './presets';
export { ATTRIBUTES, ATTRIBUTE_NAMES, normalizeAttributes, definePreset } from './attributes';
export type {
  PusherAttributes,
  AttributeName,
  AttributeSpec,
  AttributeInput,
  AttributeProblem,
  AttributeProblemCode,
  NormalizedAttributes,
  PictureInPictureMode,
  PusherFilter,
} from './attributes';
export { PusherError, pusherError, argumentError, isPusherError } from './errors';
export type { PusherErrorCode, PusherErrorCategory, PusherErrorInit, LibraryErrorCode, RoomErrorCode } from './errors';
export { redactUrl } from './redact';
export { PUSH_STATUSES, LIFECYCLE_INPUTS, TRANSITIONS, statusAfter, signalOf } from './lifecycle';
export type { PushStatus, LifecycleInput, LifecycleMethod, LifecycleSignal } from './lifecycle';
export { PusherController, PUSHER_METHODS } from './controller';
export type {
  PusherMethods,
  StatusChange,
  StatusCause,
  SnapshotOptions,
  SnapshotResult,
  BGMOptions,
  ControllerOptions,
  ControllerHost,
} from './controller';
export type { NativePusherContext, NativeCallOptions, NativeMethod } from './native';
export { pusherOf, PUSHER_MARK } from './pusher';
export type { PusherEvents, PusherEventName, PusherEvent, PusherEventTarget, PusherInstance, ComponentHost } from './pusher';
export { DEFAULT_POLICIES } from './policies/index';
export type { PusherPolicies, PolicyInput, ReconnectPolicy, RestartCause, PolicyHost, Policy } from './policies/index';
export { QUALITY_LEVELS, QUALITY_THRESHOLDS } from './policies/quality';
export type { QualityLevel, QualitySource } from './policies/quality';
export type { PermissionScope } from './policies/permissions';
export type { UrlRefresher, UrlRefreshRequest } from './policies/url';
export type { Platform, AuthSetting, NetworkChange, WxLike } from './platform';
export { TRACES } from './traces';
export type { Trace, TraceName, TraceStep, TraceNetInfo, TraceSink, TracePlayback } from './traces';
export type { Emulation, EmulatorSink } from './emulator';
