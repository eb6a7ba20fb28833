import { PRESETS, PRESET_IDS, PusherError, definePreset, isPresetId, normalizeAttributes } from '../../src/index';
import type { AttributeProblem, Preset, PresetId } from '../../src/index';
import { hasCjk } from './helpers';

/** Written by hand from the product document's scenario preset table. */
const SEED_TABLE: { readonly [id: string]: Preset } = {
  'sd-live': { mode: 'SD', minBitrate: 300, maxBitrate: 800, audioQuality: 'high' },
  'hd-live': { mode: 'HD', minBitrate: 600, maxBitrate: 1200, audioQuality: 'high' },
  'fhd-live': { mode: 'FHD', minBitrate: 600, maxBitrate: 1800, audioQuality: 'high' },
  'customer-service': { mode: 'RTC', minBitrate: 200, maxBitrate: 500, audioQuality: 'high' },
  'car-insurance': { mode: 'RTC', minBitrate: 200, maxBitrate: 1200, audioQuality: 'high' },
  'meeting-host': { mode: 'RTC', minBitrate: 200, maxBitrate: 1000, audioQuality: 'high' },
  'meeting-participant': { mode: 'RTC', minBitrate: 150, maxBitrate: 300, audioQuality: 'low' },
};

function catchError(run: () => unknown): PusherError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PusherError);
    return error as PusherError;
  }
  throw new Error('expected a PusherError, nothing was thrown');
}

describe('PRESETS', () => {
  it('has exactly the seven scenario ids of the seed', () => {
    expect([...PRESET_IDS].sort()).toEqual(Object.keys(SEED_TABLE).sort());
    expect(Object.keys(PRESETS).sort()).toEqual(Object.keys(SEED_TABLE).sort());
  });

  it.each(Object.keys(SEED_TABLE))('gives %s exactly the seed settings', (id) => {
    expect(PRESETS[id as PresetId]).toStrictEqual(SEED_TABLE[id]);
  });

  it.each(Object.keys(SEED_TABLE))('applies %s through scenario without a problem', (id) => {
    const { attributes, problems } = normalizeAttributes({ scenario: id as PresetId });
    expect(problems).toEqual([]);
    expect(attributes).toMatchObject(SEED_TABLE[id]);
  });
});

describe('isPresetId', () => {
  it('accepts every built-in id', () => {
    for (const id of Object.keys(SEED_TABLE)) expect(isPresetId(id)).toBe(true);
  });

  it.each([['HD-LIVE'], ['hd'], [''], [null], [undefined], [1], ['toString'], ['constructor'], [['hd-live']]])('rejects %p', (value) => {
    expect(isPresetId(value)).toBe(false);
  });
});

describe('definePreset', () => {
  it('returns a complete custom preset as given', () => {
    const custom: Preset = { mode: 'HD', minBitrate: 400, maxBitrate: 900, audioQuality: 'low' };
    expect(definePreset(custom)).toStrictEqual(custom);
  });

  it('returns only the four preset fields', () => {
    const given = { mode: 'SD', minBitrate: 300, maxBitrate: 600, audioQuality: 'high', fps: 20 } as Preset;
    expect(Object.keys(definePreset(given)).sort()).toEqual(['audioQuality', 'maxBitrate', 'minBitrate', 'mode']);
  });

  it.each(Object.keys(SEED_TABLE))('fills the fields left out from the base %s', (id) => {
    expect(definePreset({ base: id as PresetId })).toStrictEqual(SEED_TABLE[id]);
  });

  it('lets the given fields override the base', () => {
    expect(definePreset({ base: 'hd-live', maxBitrate: 1500, audioQuality: 'low' })).toStrictEqual({
      mode: 'HD',
      minBitrate: 600,
      maxBitrate: 1500,
      audioQuality: 'low',
    });
  });

  it('does not alter the built-in preset it starts from', () => {
    definePreset({ base: 'sd-live', maxBitrate: 1000 });
    expect(PRESETS['sd-live']).toStrictEqual(SEED_TABLE['sd-live']);
  });

  it('throws INVALID_PRESET naming every missing field when there is no base', () => {
    const error = catchError(() => definePreset({ mode: 'HD' }));
    expect(error.code).toBe('INVALID_PRESET');
    const attrs = (error.cause as AttributeProblem[]).map((p) => p.attribute).sort();
    expect(attrs).toEqual(['audioQuality', 'maxBitrate', 'minBitrate']);
    for (const name of attrs) {
      expect(error.message).toContain(name);
      expect(error.messageZh).toContain(name);
    }
  });

  it('throws INVALID_PRESET listing each bad value', () => {
    const error = catchError(() =>
      definePreset({ mode: 'UHD' as Preset['mode'], minBitrate: -5, maxBitrate: 900, audioQuality: 'medium' as Preset['audioQuality'] }),
    );
    expect(error.code).toBe('INVALID_PRESET');
    expect(error.category).toBe('usage');
    const problems = error.cause as AttributeProblem[];
    expect(problems.map((p) => p.attribute).sort()).toEqual(['audioQuality', 'minBitrate', 'mode']);
    for (const name of ['mode', 'minBitrate', 'audioQuality']) expect(error.message).toContain(name);
    expect(hasCjk(error.messageZh)).toBe(true);
    expect(error.advice.trim()).not.toBe('');
    expect(hasCjk(error.adviceZh)).toBe(true);
    expect(error.message).not.toMatch(/\{\w+\}/);
    expect(error.messageZh).not.toMatch(/\{\w+\}/);
  });

  it('throws INVALID_PRESET when minBitrate exceeds maxBitrate', () => {
    const error = catchError(() => definePreset({ mode: 'RTC', minBitrate: 900, maxBitrate: 300, audioQuality: 'high' }));
    expect(error.code).toBe('INVALID_PRESET');
    expect((error.cause as AttributeProblem[]).map((p) => p.code)).toContain('BITRATE_ORDER');
  });

  it('throws INVALID_PRESET when an override breaks the base order', () => {
    const error = catchError(() => definePreset({ base: 'hd-live', maxBitrate: 400 }));
    expect((error.cause as AttributeProblem[]).map((p) => p.code)).toContain('BITRATE_ORDER');
  });

  it('throws INVALID_PRESET for a base that is not a preset id', () => {
    const error = catchError(() => definePreset({ base: 'ultra-live' as PresetId }));
    expect(error.code).toBe('INVALID_PRESET');
    expect((error.cause as AttributeProblem[]).map((p) => p.code)).toContain('UNKNOWN_SCENARIO');
  });

  it.each([[null], [undefined]])('throws INVALID_PRESET, not a TypeError, for %p', (input) => {
    const error = catchError(() => definePreset(input as unknown as Preset));
    expect(error.code).toBe('INVALID_PRESET');
  });

  it('reads numeric text as the number, as attributes do', () => {
    expect(definePreset({ base: 'hd-live', minBitrate: '500' as unknown as number }).minBitrate).toBe(500);
  });

  it('throws INVALID_PRESET for a wrongly typed field', () => {
    const error = catchError(() => definePreset({ base: 'hd-live', minBitrate: 'fast' as unknown as number }));
    expect((error.cause as AttributeProblem[]).map((p) => `${p.code}:${p.attribute}`)).toEqual(['WRONG_TYPE:minBitrate']);
  });
});
