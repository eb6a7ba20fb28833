/**
 * The `<live-player>` attribute schema and its normalizer. Values are read as the pusher's are
 * (../attributes.ts: the same `check` and `problem`); only the player's own rules live here.
 */
import {
  bool,
  check,
  normalizeWith,
  oneOf,
  problem,
  type AttributeProblem,
  type AttributeProblemCode,
  type AttributeSpec,
  type PictureInPictureMode,
  type ValueChecker,
} from '../attributes';
import { PLAYER_PRESETS, type PlayMode, type PlayerPresetId } from './presets';

/** Every `<live-player>` attribute, camelCase (the component binds them kebab-case). */
export interface PlayerAttributes {
  /** Play URL: `rtmp://…`, `http(s)://….flv` or `room://…`; `''` until known. HLS is for `<video>`. */
  src: string;
  mode: PlayMode;
  autoplay: boolean;
  muted: boolean;
  orientation: 'vertical' | 'horizontal';
  objectFit: 'contain' | 'fillCrop';
  /** Seconds, ≤ maxCache. */
  minCache: number;
  /** Seconds, ≥ minCache. */
  maxCache: number;
  soundMode: 'speaker' | 'ear';
  autoPauseIfNavigate: boolean;
  autoPauseIfOpenNative: boolean;
  pictureInPictureMode: PictureInPictureMode;
  /** `"left, 20"` or `"right, 70"`: the side the window clings to, its top in % of the screen height. */
  pictureInPictureInitPosition: string;
  enableAutoRotation: boolean;
  /** `origin` sends the mini-program's page-frame address as referrer. */
  referrerPolicy: 'no-referrer' | 'origin';
  enableCasting: boolean;
  /** @deprecated the player is always muted in the background; reported when given */
  backgroundMute: boolean;
}

/** A `<live-player>` attribute name. */
export type PlayerAttributeName = keyof PlayerAttributes;

/** What `<live-player>` plays: RTMP, HTTP-FLV (a query is fine) and TRTC rooms. */
export const PLAY_URL = /^(rtmp|room):\/\/\S+$|^https?:\/\/[^\s?#]+\.flv([?#]\S*)?$/i;

/** The attribute table of the platform reference: type, default, allowed values or range. */
export const PLAYER_ATTRIBUTES: { readonly [K in PlayerAttributeName]: AttributeSpec } = {
  src: { type: 'string', default: '', pattern: PLAY_URL },
  mode: oneOf(['live', 'RTC']),
  autoplay: bool(false),
  muted: bool(false),
  orientation: oneOf(['vertical', 'horizontal']),
  objectFit: oneOf(['contain', 'fillCrop']),
  minCache: { type: 'number', default: 1, min: 0 },
  maxCache: { type: 'number', default: 3, min: 0 },
  soundMode: oneOf(['speaker', 'ear']),
  autoPauseIfNavigate: bool(true),
  autoPauseIfOpenNative: bool(true),
  pictureInPictureMode: { type: 'pip', default: [] },
  pictureInPictureInitPosition: {
    type: 'string',
    default: '',
    pattern: /^\s*(left|right)\s*,\s*(100|\d{1,2}(\.\d+)?)\s*%?\s*$/,
    allowed: '"left, 20" / "right, 70"',
  },
  enableAutoRotation: bool(false),
  referrerPolicy: oneOf(['no-referrer', 'origin']),
  enableCasting: bool(false),
  backgroundMute: bool(false),
};

/** Every player attribute name, in table order. */
export const PLAYER_ATTRIBUTE_NAMES = Object.keys(PLAYER_ATTRIBUTES) as PlayerAttributeName[];

/** Stable codes of the player's attribute problems: the pusher's, with a cache order instead of a bitrate order. */
export type PlayerAttributeProblemCode = Exclude<AttributeProblemCode, 'BITRATE_ORDER'> | 'CACHE_ORDER';

/** One problem `normalizePlayerAttributes` found and repaired. */
export type PlayerAttributeProblem = AttributeProblem<PlayerAttributeProblemCode>;

/** Texts of the player's own rules, `message|messageZh|advice|adviceZh` (the rest are the pusher's). */
const TEXTS: { readonly [C in 'INVALID_URL' | 'DEPRECATED' | 'CACHE_ORDER']: string } = {
  INVALID_URL:
    '{attr}: {value} not rtmp://, http(s)://….flv or room://|{attr}：{value} 非 rtmp://、http(s)://….flv 或 room://|' +
    'HLS (.m3u8) needs <video>|HLS（.m3u8）请用 <video>',
  DEPRECATED: '{attr} deprecated: always muted in background|{attr} 已废弃：后台总是静音|Remove it|请删除',
  CACHE_ORDER: 'minCache {value} > maxCache|minCache {value} 大于 maxCache|Keep min ≤ max|须 min ≤ max',
};

const own = (code: keyof typeof TEXTS, attr: string, value: unknown, used: unknown) =>
  problem(code, attr, value, used, '', TEXTS[code].split('|'));

/** Input of `normalizePlayerAttributes`: any attributes, plus a `scenario` preset id they override. */
export type PlayerAttributeInput = Partial<PlayerAttributes> & { scenario?: PlayerPresetId | '' };

/** The result of `normalizePlayerAttributes`: every attribute valid, and what was repaired. */
export interface NormalizedPlayerAttributes {
  readonly attributes: PlayerAttributes;
  readonly problems: readonly PlayerAttributeProblem[];
}

/** `check`, with the player's own rules: its texts for a malformed value, background-mute deprecated. */
const checkPlayer: ValueChecker<PlayerAttributeProblemCode> = (name, spec, value, fallback) => {
  if (name === 'src' && typeof value === 'string' && !PLAY_URL.test(value)) {
    return { value: fallback, problem: own('INVALID_URL', name, value, fallback) };
  }
  // check() knows no order rule: BITRATE_ORDER never comes from it.
  const result = check(name, spec, value, fallback) as ReturnType<ValueChecker<PlayerAttributeProblemCode>>;
  return name === 'backgroundMute' && !result.problem
    ? { value: result.value, problem: own('DEPRECATED', name, result.value, result.value) }
    : result;
};

/**
 * Validates `<live-player>` attributes: defaults, then the `scenario` preset, then explicit
 * values, read as `normalizeAttributes` reads the pusher's (`"true"`/`"false"`, numeric text;
 * `''`, `null`, `undefined` = not given). A bad value is replaced or clamped and reported; never throws.
 */
export function normalizePlayerAttributes(input: unknown): NormalizedPlayerAttributes {
  const { attributes, problems, accepted } = normalizeWith(PLAYER_ATTRIBUTES, PLAYER_PRESETS, input, checkPlayer);
  const min = attributes.minCache as number;
  const max = attributes.maxCache as number;
  if (min > max) {
    // The value the caller gave explicitly wins; otherwise keep the cap on latency.
    const raiseMax = accepted.minCache && !accepted.maxCache;
    const moved: PlayerAttributeName = raiseMax ? 'maxCache' : 'minCache';
    attributes[moved] = raiseMax ? min : max;
    problems.push(own('CACHE_ORDER', moved, min, attributes[moved]));
  }
  return { attributes: attributes as unknown as PlayerAttributes, problems };
}

/** Every attribute at its default (what the tag has before the page gives any). */
export const DEFAULT_PLAYER_ATTRIBUTES: PlayerAttributes = normalizePlayerAttributes({}).attributes;
