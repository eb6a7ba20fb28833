import fc from 'fast-check';
import {
  PLAYER_ATTRIBUTES,
  PLAYER_ATTRIBUTE_NAMES,
  PLAYER_PRESETS,
  PLAYER_PRESET_IDS,
  isPlayerPresetId,
  normalizePlayerAttributes,
} from '../../../src/play/index';
import type { AttributeSpec } from '../../../src/index';
import type { PlayerAttributeName, PlayerAttributeProblem, PlayerAttributes } from '../../../src/play/index';
import { SECRET, hasCjk } from '../helpers';

const FUZZ = { seed: 20261207, numRuns: 3000 } as const;

/** The attribute table of /work/shared/reference/live-player.md, defaults written by hand. */
const REFERENCE_DEFAULTS: PlayerAttributes = {
  src: '',
  mode: 'live',
  autoplay: false,
  muted: false,
  orientation: 'vertical',
  objectFit: 'contain',
  minCache: 1,
  maxCache: 3,
  soundMode: 'speaker',
  autoPauseIfNavigate: true,
  autoPauseIfOpenNative: true,
  pictureInPictureMode: [],
  pictureInPictureInitPosition: '',
  enableAutoRotation: false,
  referrerPolicy: 'no-referrer',
  enableCasting: false,
  backgroundMute: false,
};

const PROBLEM_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_ATTRIBUTE',
  'UNKNOWN_SCENARIO',
  'WRONG_TYPE',
  'OUT_OF_RANGE',
  'UNKNOWN_VALUE',
  'INVALID_FORMAT',
  'INVALID_URL',
  'CACHE_ORDER',
  'DEPRECATED',
];

const FLV = `https://play.example.com/live/s.flv?txSecret=${SECRET}&txTime=65A1B2C3`;
const RTMP = `rtmp://play.example.com/live/s?txSecret=${SECRET}&txTime=65A1B2C3`;

const codesOf = (problems: readonly PlayerAttributeProblem[]) => problems.map((p) => `${p.code} ${p.attribute}`);

describe('player attribute schema', () => {
  it('has every attribute of the reference table with its default', () => {
    expect([...PLAYER_ATTRIBUTE_NAMES].sort()).toEqual(Object.keys(REFERENCE_DEFAULTS).sort());
    expect(normalizePlayerAttributes({})).toEqual({ attributes: REFERENCE_DEFAULTS, problems: [] });
    expect(normalizePlayerAttributes(undefined).problems).toEqual([]);
  });

  it('reads WXML literal values as a person means them', () => {
    const { attributes, problems } = normalizePlayerAttributes({
      src: FLV,
      mode: 'RTC',
      autoplay: 'true',
      muted: 'false',
      minCache: '0.2',
      maxCache: ' 0.8 ',
      objectFit: 'fillCrop',
      soundMode: 'ear',
      autoPauseIfNavigate: 'false',
      pictureInPictureMode: 'push',
      pictureInPictureInitPosition: 'right,20',
      referrerPolicy: 'origin',
    });
    expect(problems).toEqual([]);
    expect(attributes).toMatchObject({
      src: FLV,
      mode: 'RTC',
      autoplay: true,
      muted: false,
      minCache: 0.2,
      maxCache: 0.8,
      objectFit: 'fillCrop',
      soundMode: 'ear',
      autoPauseIfNavigate: false,
      pictureInPictureMode: 'push',
      pictureInPictureInitPosition: 'right,20',
      referrerPolicy: 'origin',
    });
  });

  it('takes empty text, null and undefined as not given', () => {
    expect(normalizePlayerAttributes({ src: '', minCache: null, autoplay: undefined, mode: '' })).toEqual({
      attributes: REFERENCE_DEFAULTS,
      problems: [],
    });
  });

  it.each([
    RTMP,
    'rtmp://h/live/s',
    'http://h/live/s.flv',
    FLV,
    'HTTPS://H.EXAMPLE.COM/LIVE/S.FLV',
    'https://h/live/s.flv#t',
    'room://cloud.tencent.com/rtc?sdkappid=1&roomid=2&userid=u',
  ])('plays %s', (src) => {
    expect(normalizePlayerAttributes({ src })).toEqual({ attributes: { ...REFERENCE_DEFAULTS, src }, problems: [] });
  });

  it.each([
    `https://play.example.com/live/s.m3u8?txSecret=${SECRET}`,
    'http://h/live/s.mp4',
    'http://h/live/s.flv.mp4',
    'webrtc://h/live/s',
    'ftp://h/live/s.flv',
    'h/live/s.flv',
    'rtmp://',
    'http://h/live/s.flv extra',
  ])('refuses %s and says HLS plays in <video>', (src) => {
    const { attributes, problems } = normalizePlayerAttributes({ src });
    expect(attributes.src).toBe('');
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p).toMatchObject({ code: 'INVALID_URL', attribute: 'src', used: '' });
    expect(p.advice).toContain('<video>');
    expect(p.advice).toMatch(/HLS/);
    expect(p.adviceZh).toContain('<video>');
    expect(hasCjk(p.messageZh)).toBe(true);
    expect(JSON.stringify(p)).not.toContain(SECRET);
  });

  it('refuses a src that is not text', () => {
    expect(codesOf(normalizePlayerAttributes({ src: 5 }).problems)).toEqual(['WRONG_TYPE src']);
  });

  it('keeps min-cache ≤ max-cache, the value given explicitly winning', () => {
    const raised = normalizePlayerAttributes({ minCache: 5 });
    expect(raised.attributes).toMatchObject({ minCache: 5, maxCache: 5 });
    expect(codesOf(raised.problems)).toEqual(['CACHE_ORDER maxCache']);
    const lowered = normalizePlayerAttributes({ minCache: '5', maxCache: '2' });
    expect(lowered.attributes).toMatchObject({ minCache: 2, maxCache: 2 });
    expect(codesOf(lowered.problems)).toEqual(['CACHE_ORDER minCache']);
    expect(lowered.problems[0].message).toBe('minCache 5 > maxCache; 2 used');
    expect(hasCjk(lowered.problems[0].messageZh)).toBe(true);
    expect(normalizePlayerAttributes({ maxCache: 0.5 }).attributes).toMatchObject({ minCache: 0.5, maxCache: 0.5 });
    expect(normalizePlayerAttributes({ scenario: 'low-latency', minCache: 1 }).attributes).toMatchObject({ minCache: 1, maxCache: 1 });
  });

  it('clamps a negative cache and reports it', () => {
    const { attributes, problems } = normalizePlayerAttributes({ minCache: -1 });
    expect(attributes.minCache).toBe(0);
    expect(codesOf(problems)).toEqual(['OUT_OF_RANGE minCache']);
  });

  it('reports background-mute as deprecated whenever it is given, keeping the value', () => {
    for (const [given, kept] of [
      [true, true],
      ['false', false],
    ] as const) {
      const { attributes, problems } = normalizePlayerAttributes({ backgroundMute: given });
      expect(attributes.backgroundMute).toBe(kept);
      expect(codesOf(problems)).toEqual(['DEPRECATED backgroundMute']);
      expect(problems[0].message).toMatch(/muted in background/);
      expect(hasCjk(problems[0].adviceZh)).toBe(true);
    }
  });

  it('checks the picture-in-picture position with its own advice', () => {
    expect(normalizePlayerAttributes({ pictureInPictureInitPosition: 'left, 70%' }).problems).toEqual([]);
    const { attributes, problems } = normalizePlayerAttributes({ pictureInPictureInitPosition: 'middle, 20' });
    expect(attributes.pictureInPictureInitPosition).toBe('');
    expect(codesOf(problems)).toEqual(['INVALID_FORMAT pictureInPictureInitPosition']);
    expect(problems[0].advice).toContain('right, 70');
  });

  it('reports unknown attributes, including the pusher’s and kebab-case names', () => {
    expect(codesOf(normalizePlayerAttributes({ url: RTMP, 'min-cache': 1 }).problems)).toEqual([
      'UNKNOWN_ATTRIBUTE url',
      'UNKNOWN_ATTRIBUTE min-cache',
    ]);
    expect(JSON.stringify(normalizePlayerAttributes({ url: RTMP }).problems)).not.toContain(SECRET);
  });

  it('reports input that is not an object', () => {
    for (const input of ['x', 5, [], null]) {
      const { attributes, problems } = normalizePlayerAttributes(input);
      expect(attributes).toEqual(REFERENCE_DEFAULTS);
      expect(codesOf(problems)).toEqual(['INVALID_INPUT ']);
    }
  });
});

describe('player presets', () => {
  it('offers live (the tag’s defaults) and low-latency (WeChat’s RTC recommendation)', () => {
    expect(PLAYER_PRESETS).toEqual({
      live: { mode: 'live', minCache: 1, maxCache: 3 },
      'low-latency': { mode: 'RTC', minCache: 0.2, maxCache: 0.8 },
    });
    expect(PLAYER_PRESET_IDS).toEqual(['live', 'low-latency']);
    expect(isPlayerPresetId('live')).toBe(true);
    expect(isPlayerPresetId('hd-live')).toBe(false);
    expect(isPlayerPresetId('toString')).toBe(false);
  });

  it.each(PLAYER_PRESET_IDS)('scenario %s sets its preset, explicit values win', (id) => {
    expect(normalizePlayerAttributes({ scenario: id })).toEqual({
      attributes: { ...REFERENCE_DEFAULTS, ...PLAYER_PRESETS[id] },
      problems: [],
    });
    expect(normalizePlayerAttributes({ scenario: id, mode: 'live', maxCache: 4 }).attributes).toMatchObject({ mode: 'live', maxCache: 4 });
  });

  it('reports an unknown scenario and names the known ones', () => {
    const { attributes, problems } = normalizePlayerAttributes({ scenario: 'hd-live' });
    expect(attributes).toEqual(REFERENCE_DEFAULTS);
    expect(codesOf(problems)).toEqual(['UNKNOWN_SCENARIO scenario']);
    expect(problems[0].advice).toBe('Use: live, low-latency');
  });
});

// ---------- random input ----------

function satisfies(spec: AttributeSpec, value: unknown): boolean {
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= spec.min && value <= (spec.max ?? Infinity);
    case 'enum':
      return spec.values.includes(value as string);
    case 'string':
      return typeof value === 'string' && (value === '' || !spec.pattern || spec.pattern.test(value));
    case 'pip':
      return (
        value === '' || value === 'push' || value === 'pop' || (Array.isArray(value) && value.every((v) => v === 'push' || v === 'pop'))
      );
    default:
      return false;
  }
}

const asMeant = (spec: AttributeSpec, value: unknown): unknown =>
  typeof value !== 'string'
    ? value
    : spec.type === 'boolean'
      ? value === 'true'
        ? true
        : value === 'false'
          ? false
          : value
      : spec.type === 'number' && /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(value)
        ? Number(value)
        : value;

const same = (a: unknown, b: unknown): boolean =>
  Object.is(a, b) || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => Object.is(v, b[i])));

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 2, maxKeys: 4 }),
  fc.double(),
  fc.string(),
  fc.constantFrom<unknown>(
    null,
    '',
    'true',
    'false',
    '0.5',
    '-1',
    '1e3',
    'RTC',
    'rtc',
    'push, pop',
    '[]',
    ['push', 'x'],
    FLV,
    RTMP,
    'https://h/s.m3u8',
    'right,20',
    NaN,
    Infinity,
    -0,
  ),
);

function validValue(name: PlayerAttributeName, spec: AttributeSpec): fc.Arbitrary<unknown> {
  if (name === 'src') return fc.constantFrom(FLV, RTMP, 'room://h/rtc?roomid=1', 'http://h/a/b.flv');
  if (name === 'pictureInPictureInitPosition') return fc.constantFrom('left,0', 'right, 70%', 'right,100');
  switch (spec.type) {
    case 'boolean':
      return fc.oneof(fc.boolean(), fc.constantFrom('true', 'false'));
    case 'number':
      return fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.constantFrom('0.2', '3'));
    case 'enum':
      return fc.constantFrom(...spec.values);
    default:
      return fc.constantFrom<unknown>('', 'push', 'pop', [], ['push', 'pop']);
  }
}

const attributeInput = fc
  .tuple(
    fc.record(Object.fromEntries(PLAYER_ATTRIBUTE_NAMES.map((name) => [name, fc.oneof(validValue(name, PLAYER_ATTRIBUTES[name]), junk)])), {
      requiredKeys: [],
    }),
    fc.dictionary(fc.constantFrom('url', 'min-cache', 'debug', 'toString', 'constructor'), junk, { maxKeys: 2 }),
    fc.option(fc.oneof(fc.constantFrom(...PLAYER_PRESET_IDS), junk), { nil: undefined }),
  )
  .map(([attrs, extra, scenario]) => ({ ...extra, ...attrs, ...(scenario === undefined ? {} : { scenario }) }) as Record<string, unknown>);

function expectValid(input: unknown): void {
  const { attributes, problems } = normalizePlayerAttributes(input);
  const record = attributes as unknown as Record<string, unknown>;
  if (Object.keys(record).sort().join() !== [...PLAYER_ATTRIBUTE_NAMES].sort().join()) throw new Error('attribute names');
  for (const name of PLAYER_ATTRIBUTE_NAMES)
    if (!satisfies(PLAYER_ATTRIBUTES[name], record[name])) throw new Error(`${name} = ${String(record[name])}`);
  if (attributes.minCache > attributes.maxCache) throw new Error('minCache > maxCache');
  for (const p of problems) {
    if (!PROBLEM_CODES.includes(p.code)) throw new Error(`code ${p.code}`);
    if (!p.message.trim() || !p.advice.trim() || !hasCjk(p.messageZh) || !hasCjk(p.adviceZh)) throw new Error(`texts of ${p.code}`);
  }
  if (JSON.stringify(problems).includes(SECRET)) throw new Error('signature shown');
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return;
  // Every given value not kept as meant is reported.
  const named = new Set(problems.map((p) => p.attribute));
  const given = input as Record<string, unknown>;
  for (const name of PLAYER_ATTRIBUTE_NAMES) {
    const value = given[name];
    if (value === undefined || value === null || value === '') continue;
    if (!same(record[name], asMeant(PLAYER_ATTRIBUTES[name], value)) && !named.has(name))
      throw new Error(`${name}: ${String(value)} changed unreported`);
  }
}

describe('normalizePlayerAttributes under random input', () => {
  it('never throws on anything and answers valid attributes with well-formed problems', () => {
    fc.assert(fc.property(junk, expectValid), FUZZ);
  });

  it('repairs every attribute record into valid attributes and reports every change', () => {
    fc.assert(fc.property(attributeInput, expectValid), FUZZ);
  });
});
