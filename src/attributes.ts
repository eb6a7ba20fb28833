import { pusherError } from './errors';
import { PRESETS, type AudioQuality, type Preset, type PresetId, type PushMode } from './presets';
import { redactUrl, show } from './redact';
import { fill, rangeText, type Texts } from './text';

/** `picture-in-picture-mode`: off (`''` or `[]`), or the gestures that enter it. */
export type PictureInPictureMode = '' | 'push' | 'pop' | ReadonlyArray<'push' | 'pop'>;

/** Every `<live-pusher>` attribute, camelCase (the component binds them kebab-case). */
export interface PusherAttributes {
  /** Push URL, `rtmp://…` (or `room://…`); `''` until known. */
  url: string;
  mode: PushMode;
  autopush: boolean;
  /** @deprecated use `enableMic: false` */
  muted: boolean;
  enableCamera: boolean;
  autoFocus: boolean;
  orientation: 'vertical' | 'horizontal';
  /** 0–9 */
  beauty: number;
  /** 0–9 */
  whiteness: number;
  aspect: '3:4' | '9:16';
  /** kbps, ≤ maxBitrate */
  minBitrate: number;
  /** kbps, ≥ minBitrate */
  maxBitrate: number;
  audioQuality: AudioQuality;
  /** Image pushed while the app is in background. */
  waitingImage: string;
  /** md5 of `waitingImage` (32 hex digits); `ts-pusher hash <image>` computes it. */
  waitingImageHash: string;
  zoom: boolean;
  devicePosition: 'front' | 'back';
  backgroundMute: boolean;
  /** @deprecated use `remoteMirror` */
  mirror: boolean;
  remoteMirror: boolean;
  localMirror: 'auto' | 'enable' | 'disable';
  /** 0 off, 1 KTV, 2 small room, 3 hall, 4 deep, 5 loud, 6 metallic, 7 magnetic */
  audioReverbType: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;
  enableMic: boolean;
  enableAgc: boolean;
  enableAns: boolean;
  audioVolumeType: 'auto' | 'media' | 'voicecall';
  videoWidth: number;
  videoHeight: number;
  beautyStyle: 'smooth' | 'nature';
  filter: PusherFilter;
  pictureInPictureMode: PictureInPictureMode;
  /** 0 off, 1–11 named effects */
  voiceChangerType: number;
  /** iOS only */
  enableEarMonitor: boolean;
  /** 1–30 */
  fps: number;
  /** Native overlay with live metrics. */
  debug: boolean;
}

/** `filter` values. */
export type PusherFilter =
  | 'standard'
  | 'pink'
  | 'nostalgia'
  | 'blues'
  | 'romantic'
  | 'cool'
  | 'fresher'
  | 'solor'
  | 'aestheticism'
  | 'whitening'
  | 'cerisered';

/** An attribute name. */
export type AttributeName = keyof PusherAttributes;

/** How one attribute is checked. */
export type AttributeSpec =
  | { readonly type: 'boolean'; readonly default: boolean; readonly replacedBy?: AttributeName }
  | { readonly type: 'number'; readonly default: number; readonly min: number; readonly max?: number; readonly integer?: true }
  | { readonly type: 'enum'; readonly default: string | number; readonly values: readonly (string | number)[] }
  | { readonly type: 'string'; readonly default: string; readonly pattern?: RegExp; readonly allowed?: string }
  | { readonly type: 'url'; readonly default: '' }
  | { readonly type: 'pip'; readonly default: PictureInPictureMode };

/** A boolean attribute spec (`replacedBy` undefined unless deprecated, as `int`'s `max` without an upper bound). */
export const bool = (value: boolean, replacedBy?: AttributeName): AttributeSpec => ({ type: 'boolean', default: value, replacedBy });
/** An integer attribute spec. */
export const int = (value: number, min: number, max?: number): AttributeSpec => ({
  type: 'number',
  default: value,
  min,
  max,
  integer: true,
});
/** An enum attribute spec; the first value is the default. */
export const oneOf = (values: readonly (string | number)[]): AttributeSpec => ({ type: 'enum', default: values[0], values });

/** The attribute table of the platform reference: type, default, allowed values or range. */
export const ATTRIBUTES: { readonly [K in AttributeName]: AttributeSpec } = {
  url: { type: 'url', default: '' },
  mode: oneOf(['RTC', 'SD', 'HD', 'FHD', 'QVGA', 'HVGA']),
  autopush: bool(false),
  muted: bool(false, 'enableMic'),
  enableCamera: bool(true),
  autoFocus: bool(true),
  orientation: oneOf(['vertical', 'horizontal']),
  beauty: { type: 'number', default: 0, min: 0, max: 9 },
  whiteness: { type: 'number', default: 0, min: 0, max: 9 },
  aspect: oneOf(['9:16', '3:4']),
  minBitrate: int(200, 1),
  maxBitrate: int(1000, 1),
  audioQuality: oneOf(['high', 'low']),
  waitingImage: { type: 'string', default: '' },
  waitingImageHash: { type: 'string', default: '', pattern: /^([0-9a-f]{32})?$/i, allowed: 'md5 (32 hex)' },
  zoom: bool(false),
  devicePosition: oneOf(['front', 'back']),
  backgroundMute: bool(false),
  mirror: bool(false, 'remoteMirror'),
  remoteMirror: bool(false),
  localMirror: oneOf(['auto', 'enable', 'disable']),
  audioReverbType: oneOf([0, 1, 2, 3, 4, 5, 6, 7]),
  enableMic: bool(true),
  enableAgc: bool(false),
  enableAns: bool(false),
  audioVolumeType: oneOf(['auto', 'media', 'voicecall']),
  videoWidth: int(360, 1),
  videoHeight: int(640, 1),
  beautyStyle: oneOf(['smooth', 'nature']),
  filter: oneOf('standard pink nostalgia blues romantic cool fresher solor aestheticism whitening cerisered'.split(' ')),
  pictureInPictureMode: { type: 'pip', default: [] },
  voiceChangerType: oneOf([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
  enableEarMonitor: bool(false),
  fps: int(15, 1, 30),
  debug: bool(false),
};

/** Every attribute name, in table order. */
export const ATTRIBUTE_NAMES = Object.keys(ATTRIBUTES) as AttributeName[];

/** Stable codes of attribute problems. */
export type AttributeProblemCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_ATTRIBUTE'
  | 'UNKNOWN_SCENARIO'
  | 'WRONG_TYPE'
  | 'OUT_OF_RANGE'
  | 'UNKNOWN_VALUE'
  | 'INVALID_FORMAT'
  | 'INVALID_URL'
  | 'BITRATE_ORDER'
  | 'DEPRECATED';

/** One problem `normalizeAttributes` found and repaired (`C`: the codes of the player's schema too). */
export interface AttributeProblem<C extends string = AttributeProblemCode> {
  readonly code: C;
  /** The attribute (or `scenario`) concerned; `''` for the whole input. */
  readonly attribute: string;
  /** The value given (URLs redacted). */
  readonly value: unknown;
  /** The value used instead (the given value where nothing was replaced). */
  readonly used: unknown;
  readonly message: string;
  readonly messageZh: string;
  readonly advice: string;
  readonly adviceZh: string;
}

/**
 * Problem texts by code, compact because they ship to phones: `message|messageZh|advice|adviceZh`;
 * `{attr}`, `{value}`, `{allowed}` are filled in, and "; {used} used" added where a value was replaced.
 */
const PROBLEMS: { readonly [C in AttributeProblemCode]: Texts } = {
  INVALID_INPUT: 'Attributes must be an object|属性须为对象|Pass an object|请传入对象',
  UNKNOWN_ATTRIBUTE: '{attr}: unknown, ignored|{attr}：未知属性，已忽略|Check spelling (camelCase)|检查拼写（驼峰）',
  UNKNOWN_SCENARIO: 'scenario: {value} unknown|scenario：{value} 未知|Use: {allowed}|可用：{allowed}',
  WRONG_TYPE: '{attr}: {value} is not {allowed}|{attr}：{value} 不是 {allowed}|Pass {allowed}; WXML: {{…}}|请传 {allowed}；WXML 用 {{…}}',
  OUT_OF_RANGE: '{attr}: {value} outside {allowed}|{attr}：{value} 超出 {allowed}|Use: {allowed}|可用：{allowed}',
  UNKNOWN_VALUE: '{attr}: {value} not allowed|{attr}：{value} 不可用|Use: {allowed}|可用：{allowed}',
  INVALID_FORMAT: '{attr}: {value} malformed|{attr}：{value} 格式错误|Use: {allowed}|可用：{allowed}',
  INVALID_URL:
    '{attr}: {value} not rtmp:// or room://|{attr}：{value} 非 rtmp:// 或 room://|Set a signed rtmp:// URL|设置已签名的 rtmp:// 地址',
  BITRATE_ORDER: 'minBitrate {value} > maxBitrate|minBitrate {value} 大于 maxBitrate|Keep min ≤ max|须 min ≤ max',
  DEPRECATED: '{attr} deprecated|{attr} 已废弃|Use: {allowed}|可用：{allowed}',
};

/** Strings are redacted; objects are kept only as their redacted text. */
const safe = (value: unknown) =>
  typeof value === 'string' ? redactUrl(value) : value !== null && typeof value === 'object' ? show(value) : value;

/** Builds a reported problem (also used for the `policies` and timeout properties). */
export function problem<C extends AttributeProblemCode>(
  code: C,
  attr: string,
  value: unknown,
  used: unknown,
  allowed?: string,
): AttributeProblem<C>;
/** Builds a reported problem from texts of another table: `[message, messageZh, advice, adviceZh]`. */
export function problem<C extends string>(
  code: C,
  attr: string,
  value: unknown,
  used: unknown,
  allowed: string,
  texts: readonly string[],
): AttributeProblem<C>;
export function problem<C extends string>(
  code: C,
  attr: string,
  value: unknown,
  used: unknown,
  allowed = '',
  texts: readonly string[] = PROBLEMS[code as unknown as AttributeProblemCode].split('|'),
): AttributeProblem<C> {
  const params = { attr, value: show(value), allowed };
  const [message, messageZh, advice, adviceZh] = texts.map((text) => fill(text, params));
  const replaced = used !== value;
  return {
    code,
    attribute: attr,
    value: safe(value),
    used: safe(used),
    message: message + (replaced ? `; ${show(used)} used` : ''),
    messageZh: messageZh + (replaced ? `；已改用 ${show(used)}` : ''),
    advice,
    adviceZh,
  };
}

/** Input of `normalizeAttributes`: any attributes, plus a `scenario` preset id they override. */
export type AttributeInput = Partial<PusherAttributes> & { scenario?: PresetId | '' };

/** The result of `normalizeAttributes`: every attribute valid, and what was repaired. */
export interface NormalizedAttributes {
  readonly attributes: PusherAttributes;
  readonly problems: readonly AttributeProblem[];
}

const isPipValue = (v: unknown) => v === 'push' || v === 'pop';

/** A decimal number written as text (WXML gives attribute values as strings). */
const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

/** Text the way a person means it: `"true"`/`"false"` for booleans, numeric text for numbers. */
function fromText(spec: AttributeSpec, value: unknown): unknown {
  const d = spec.default;
  if (typeof value !== 'string') return value;
  if (typeof d === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return typeof d === 'number' && NUMERIC.test(value) ? +value : value;
}

/** Checks one value against its spec: the value to use, or the problem found. */
export function check(
  name: string,
  spec: AttributeSpec,
  given: unknown,
  fallback: unknown,
): { value: unknown; problem?: AttributeProblem } {
  const value = fromText(spec, given);
  const type = spec.type;
  const replace = (code: AttributeProblemCode, allowed?: string, used = fallback) => ({
    value: used,
    problem: problem(code, name, given, used, allowed),
  });
  if (type === 'number') {
    const max = spec.max === undefined ? Infinity : spec.max;
    // ±Infinity clamps to a bound; an unbounded attribute has none to clamp +Infinity to.
    if (typeof value !== 'number' || Number.isNaN(value) || (value === Infinity && max === Infinity))
      return replace('WRONG_TYPE', 'number');
    const used = Math.min(max, Math.max(spec.min, value));
    const rounded = spec.integer ? Math.round(used) : used;
    return rounded === value ? { value } : replace('OUT_OF_RANGE', rangeText(spec.min, max) + (spec.integer ? ' (integer)' : ''), rounded);
  }
  if (type === 'pip') {
    if (value === '' || isPipValue(value)) return { value };
    return Array.isArray(value) && value.every(isPipValue)
      ? { value: value.slice() }
      : replace('UNKNOWN_VALUE', "'', push, pop, ['push', 'pop']");
  }
  if (type === 'enum' && spec.values.indexOf(value as string | number) >= 0) return { value };
  if (typeof value !== typeof spec.default) return replace('WRONG_TYPE', typeof spec.default);
  if (type === 'enum') return replace('UNKNOWN_VALUE', spec.values.join(', '));
  if (type === 'boolean')
    return spec.replacedBy && value !== spec.default
      ? { value, problem: problem('DEPRECATED', name, value, value, spec.replacedBy) }
      : { value };
  if (type === 'url') return value === '' || /^(rtmp|room):\/\/\S+$/i.test(value as string) ? { value } : replace('INVALID_URL');
  return spec.pattern && !spec.pattern.test(value as string) ? replace('INVALID_FORMAT', spec.allowed) : { value };
}

/** Checks one given value of a schema (`check`, or a schema's own rules around it). */
export type ValueChecker<C extends string> = (
  name: string,
  spec: AttributeSpec,
  given: unknown,
  fallback: unknown,
) => { value: unknown; problem?: AttributeProblem<C> };

/**
 * The steps every attribute schema shares (the pusher's, the player's): defaults, then the
 * `scenario` preset, then each given value through `checkOne`, reading `''`, `null` and
 * `undefined` as not given. Also answers which attributes were taken as given.
 */
export function normalizeWith<N extends string, C extends string>(
  specs: { readonly [K in N]: AttributeSpec },
  presets: { readonly [id: string]: object },
  input: unknown,
  checkOne: ValueChecker<C>,
): {
  attributes: Record<N, unknown>;
  problems: AttributeProblem<C | 'INVALID_INPUT' | 'UNKNOWN_SCENARIO' | 'UNKNOWN_ATTRIBUTE'>[];
  accepted: { [name: string]: boolean };
} {
  const attributes = {} as Record<N, unknown>;
  const problems: AttributeProblem<C | 'INVALID_INPUT' | 'UNKNOWN_SCENARIO' | 'UNKNOWN_ATTRIBUTE'>[] = [];
  /** Attributes whose given value was taken as it is. */
  const accepted: { [name: string]: boolean } = {};
  const has = (table: object, key: unknown) => typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key);
  for (const name of Object.keys(specs) as N[]) {
    const d = specs[name].default;
    attributes[name] = Array.isArray(d) ? d.slice() : d;
  }
  const given: Record<string, unknown> =
    input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  if (given !== input && input !== undefined) problems.push(problem('INVALID_INPUT', '', input, input));

  const scenario = given.scenario;
  if (has(presets, scenario)) Object.assign(attributes, presets[scenario as string]);
  else if (scenario !== undefined && scenario !== '' && scenario !== null) {
    problems.push(problem('UNKNOWN_SCENARIO', 'scenario', scenario, scenario, Object.keys(presets).join(', ')));
  }

  for (const key of Object.keys(given)) {
    const value = given[key];
    if (key === 'scenario' || value === undefined) continue;
    if (!has(specs, key)) {
      problems.push(problem('UNKNOWN_ATTRIBUTE', key, value, value));
      continue;
    }
    if (value === null || value === '') continue;
    const name = key as N;
    // A rejected value falls back to what stands before it: the preset's value, or the default.
    const result = checkOne(name, specs[name], value, attributes[name]);
    attributes[name] = result.value;
    if (result.problem) problems.push(result.problem);
    else accepted[name] = true;
  }
  return { attributes, problems, accepted };
}

/**
 * Validates attributes: defaults, then the `scenario` preset, then explicit values. Values are
 * taken as WXML gives them: `"true"`/`"false"` and numeric text are converted, and `''`, `null`
 * or `undefined` mean "not given". A bad value is replaced or clamped, and reported; it never throws.
 */
export function normalizeAttributes(input: unknown, missing?: readonly AttributeName[]): NormalizedAttributes {
  const { attributes, problems, accepted } = normalizeWith(ATTRIBUTES, PRESETS, input, check);
  if (missing)
    for (const name of missing) problems.push(problem('WRONG_TYPE', name, undefined, attributes[name], typeof ATTRIBUTES[name].default));

  const min = attributes.minBitrate as number;
  const max = attributes.maxBitrate as number;
  if (min > max) {
    // The value the caller gave explicitly wins; otherwise keep the cap on bandwidth.
    const raiseMax = accepted.minBitrate && !accepted.maxBitrate;
    const moved: AttributeName = raiseMax ? 'maxBitrate' : 'minBitrate';
    attributes[moved] = raiseMax ? min : max;
    problems.push(problem('BITRATE_ORDER', moved, min, attributes[moved]));
  }
  return { attributes: attributes as unknown as PusherAttributes, problems };
}

/**
 * Validates a custom preset, optionally starting from a built-in one (`base`), with the
 * attribute rules of `normalizeAttributes`. Throws `PusherError` `INVALID_PRESET` naming
 * every problem (a field missing without a `base` is one).
 */
export function definePreset(preset: Partial<Preset> & { base?: PresetId }): Preset {
  const given: Partial<Preset> & { base?: PresetId } = preset || {};
  const fields = ['mode', 'minBitrate', 'maxBitrate', 'audioQuality'] as const;
  /** The preset's fields of `from`, onto `into`: anything else on the object is not an attribute here. */
  const pick = (from: object, into: Record<string, unknown>) => {
    for (const key of fields) into[key] = (from as Partial<Preset>)[key];
    return into;
  };
  const { attributes, problems } = normalizeAttributes(
    pick(given, { scenario: given.base }),
    given.base ? [] : fields.filter((key) => given[key] === undefined),
  );
  if (problems.length) {
    throw pusherError(
      'INVALID_PRESET',
      { detail: problems.map((p) => p.message).join('; '), detailZh: problems.map((p) => p.messageZh).join('；') },
      problems,
    );
  }
  return pick(attributes, {}) as unknown as Preset;
}

/** Every attribute at its default. */
export const DEFAULT_ATTRIBUTES: PusherAttributes = normalizeAttributes({}).attributes;
