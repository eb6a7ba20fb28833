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

/** A preset's row, its values typed as written (the phone bundle then names each field once). */
const preset = <M extends PushMode, Min extends number, Max extends number, A extends AudioQuality = 'high'>(
  mode: M,
  minBitrate: Min,
  maxBitrate: Max,
  audioQuality = 'high' as A,
): { readonly mode: M; readonly minBitrate: Min; readonly maxBitrate: Max; readonly audioQuality: A } => ({
  mode,
  minBitrate,
  maxBitrate,
  audioQuality,
});

/** The scenarios of the product document's recommended-settings table. */
export const PRESETS = {
  /** SD live: narrow band, outdoors, unstable networks. */
  'sd-live': preset('SD', 300, 800),
  /** HD live: what most apps use. */
  'hd-live': preset('HD', 600, 1200),
  /** FHD live: demanding picture quality. */
  'fhd-live': preset('FHD', 600, 1800),
  /** Video customer service (the user's side): voice first. */
  'customer-service': preset('RTC', 200, 500),
  /** Car insurance claim (the owner's side): detail of the car matters. */
  'car-insurance': preset('RTC', 200, 1200),
  /** Meeting host. */
  'meeting-host': preset('RTC', 200, 1000),
  /** Meeting participant. */
  'meeting-participant': preset('RTC', 150, 300, 'low'),
};

/** A built-in scenario id. */
export type PresetId = keyof typeof PRESETS;

/** Every built-in scenario id. */
export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

/** True for a built-in scenario id. */
export function isPresetId(value: unknown): value is PresetId {
  return typeof value === 'string' && PRESET_IDS.indexOf(value as PresetId) >= 0;
}
