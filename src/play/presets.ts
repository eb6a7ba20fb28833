/** The player's scenario presets: data only (the attribute schema reads them). */

/** `mode` values of `<live-player>`: `RTC` is low latency. */
export type PlayMode = 'live' | 'RTC';

/** A scenario's mode and cache bounds. */
export interface PlayerPreset {
  readonly mode: PlayMode;
  /** Seconds. */
  readonly minCache: number;
  /** Seconds, ≥ minCache. */
  readonly maxCache: number;
}

/** Built-in player scenarios. */
export const PLAYER_PRESETS = {
  /** Watching a live show: the tag's defaults, 1–3 s of cache absorbs a shaky network. */
  live: { mode: 'live', minCache: 1, maxCache: 3 },
  /** Two-way calls (customer service, claims, meetings): WeChat's recommendation for RTC. */
  'low-latency': { mode: 'RTC', minCache: 0.2, maxCache: 0.8 },
} as const satisfies { readonly [id: string]: PlayerPreset };

/** A built-in player scenario id. */
export type PlayerPresetId = keyof typeof PLAYER_PRESETS;

/** Every built-in player scenario id. */
export const PLAYER_PRESET_IDS = Object.keys(PLAYER_PRESETS) as PlayerPresetId[];

/** True for a built-in player scenario id. */
export function isPlayerPresetId(value: unknown): value is PlayerPresetId {
  return typeof value === 'string' && PLAYER_PRESET_IDS.indexOf(value as PlayerPresetId) >= 0;
}
