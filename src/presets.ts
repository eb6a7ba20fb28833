/** The scenario presets: data only (`definePreset`, which validates custom ones, is in attributes.ts). */

/** `mode` values of `<live-pusher>` (`QVGA`/`HVGA` are the old names). */
export type PushMode = 'SD' | 'HD' | 'FHD' | 'RTC' | 'QVGA' | 'HVGA';
/** `audio-quality`: `high` 48 kHz, `low` 16 kHz. */
export type AudioQuality = 'high' | 'low';

/** A scenario's bitrate and quality settings. */
export interface Preset {
  readonly mode: PushMode;
  /** kbps */
  readonly minBitrate: number;
  /** kbps */
  readonly maxBitrate: number;
  readonly audioQuality: AudioQuality;
}

/** The scenarios of the product document's recommended-settings table. */
export const PRESETS = {
  /** SD live: narrow band, outdoors, unstable networks. */
  'sd-live': { mode: 'SD', minBitrate: 300, maxBitrate: 800, audioQuality: 'high' },
  /** HD live: what most apps use. */
  'hd-live': { mode: 'HD', minBitrate: 600, maxBitrate: 1200, audioQuality: 'high' },
  /** FHD live: demanding picture quality. */
  'fhd-live': { mode: 'FHD', minBitrate: 600, maxBitrate: 1800, audioQuality: 'high' },
  /** Video customer service (the user's side): voice first. */
  'customer-service': { mode: 'RTC', minBitrate: 200, maxBitrate: 500, audioQuality: 'high' },
  /** Car insurance claim (the owner's side): detail of the car matters. */
  'car-insurance': { mode: 'RTC', minBitrate: 200, maxBitrate: 1200, audioQuality: 'high' },
  /** Meeting host. */
  'meeting-host': { mode: 'RTC', minBitrate: 200, maxBitrate: 1000, audioQuality: 'high' },
  /** Meeting participant. */
  'meeting-participant': { mode: 'RTC', minBitrate: 150, maxBitrate: 300, audioQuality: 'low' },
} as const satisfies { readonly [id: string]: Preset };

/** A built-in scenario id. */
export type PresetId = keyof typeof PRESETS;

/** Every built-in scenario id. */
export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

/** True for a built-in scenario id. */
export function isPresetId(value: unknown): value is PresetId {
  return typeof value === 'string' && PRESET_IDS.indexOf(value as PresetId) >= 0;
}
