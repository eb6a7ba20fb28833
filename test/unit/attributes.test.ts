import { ATTRIBUTES, ATTRIBUTE_NAMES, PRESETS, normalizeAttributes } from '../../src/index';
import type { AttributeName, AttributeProblem, AttributeProblemCode, PresetId } from '../../src/index';
import { PROBLEM_CODES, SECRET, SIGNED_URL, hasCjk } from './helpers';

type Kind = 'boolean' | 'number' | 'enum' | 'string' | 'url' | 'pip';

/**
 * Every `<live-pusher>` attribute of WeChat's documentation, camelCased by
 * hand, with its default (audioQuality `high`, not the seed's `low`) and the kind of check.
 */
const REFERENCE: { readonly [name: string]: readonly [unknown, Kind] } = {
  url: ['', 'url'],
  mode: ['RTC', 'enum'],
  autopush: [false, 'boolean'],
  muted: [false, 'boolean'],
  enableCamera: [true, 'boolean'],
  autoFocus: [true, 'boolean'],
  orientation: ['vertical', 'enum'],
  beauty: [0, 'number'],
  whiteness: [0, 'number'],
  aspect: ['9:16', 'enum'],
  minBitrate: [200, 'number'],
  maxBitrate: [1000, 'number'],
  audioQuality: ['high', 'enum'],
  waitingImage: ['', 'string'],
  waitingImageHash: ['', 'string'],
  zoom: [false, 'boolean'],
  devicePosition: ['front', 'enum'],
  backgroundMute: [false, 'boolean'],
  mirror: [false, 'boolean'],
  remoteMirror: [false, 'boolean'],
  localMirror: ['auto', 'enum'],
  audioReverbType: [0, 'enum'],
  enableMic: [true, 'boolean'],
  enableAgc: [false, 'boolean'],
  enableAns: [false, 'boolean'],
  audioVolumeType: ['auto', 'enum'],
  videoWidth: [360, 'number'],
  videoHeight: [640, 'number'],
  beautyStyle: ['smooth', 'enum'],
  filter: ['standard', 'enum'],
  pictureInPictureMode: [[], 'pip'],
  voiceChangerType: [0, 'enum'],
  enableEarMonitor: [false, 'boolean'],
  fps: [15, 'number'],
  debug: [false, 'boolean'],
};

/** Allowed values, by hand from the reference's "values / notes" column. */
const ALLOWED: { readonly [name: string]: readonly (string | number)[] } = {
  mode: ['SD', 'HD', 'FHD', 'RTC', 'QVGA', 'HVGA'],
  orientation: ['vertical', 'horizontal'],
  aspect: ['3:4', '9:16'],
  audioQuality: ['high', 'low'],
  devicePosition: ['front', 'back'],
  localMirror: ['auto', 'enable', 'disable'],
  audioReverbType: [0, 1, 2, 3, 4, 5, 6, 7],
  audioVolumeType: ['auto', 'media', 'voicecall'],
  beautyStyle: ['smooth', 'nature'],
  filter: ['standard', 'pink', 'nostalgia', 'blues', 'romantic', 'cool', 'fresher', 'solor', 'aestheticism', 'whitening', 'cerisered'],
  voiceChangerType: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
};

/** Ranges from the reference: `[name, lowest, highest]`. */
const RANGES: ReadonlyArray<readonly [AttributeName, number, number]> = [
  ['beauty', 0, 9],
  ['whiteness', 0, 9],
  ['fps', 1, 30],
];

const BOOLEANS = Object.keys(REFERENCE).filter((name) => REFERENCE[name][1] === 'boolean') as AttributeName[];
const DEFAULTS = Object.fromEntries(Object.keys(REFERENCE).map((name) => [name, REFERENCE[name][0]]));

/** Normalizes one attribute; returns its value and the problems found. */
function one(name: string, value: unknown, scenario?: PresetId) {
  const { attributes, problems } = normalizeAttributes({ ...(scenario ? { scenario } : {}), [name]: value });
  return { value: (attributes as unknown as Record<string, unknown>)[name], problems };
}

function expectWellFormed(problem: AttributeProblem): void {
  expect(PROBLEM_CODES).toContain(problem.code);
  expect(typeof problem.attribute).toBe('string');
  for (const text of [problem.message, problem.advice]) expect(text.trim()).not.toBe('');
  expect(hasCjk(problem.messageZh)).toBe(true);
  expect(hasCjk(problem.adviceZh)).toBe(true);
  for (const text of [problem.message, problem.messageZh, problem.advice, problem.adviceZh]) {
    expect(text).not.toMatch(/\{(attr|value|allowed)\}/);
  }
}

function expectOneProblem(problems: readonly AttributeProblem[], code: AttributeProblemCode, attribute: string): AttributeProblem {
  expect(problems.map((p) => `${p.code}:${p.attribute}`)).toEqual([`${code}:${attribute}`]);
  expectWellFormed(problems[0]);
  if (attribute) {
    expect(problems[0].message).toContain(attribute);
    expect(problems[0].messageZh).toContain(attribute);
  }
  return problems[0];
}

describe('ATTRIBUTES', () => {
  it('covers every <live-pusher> attribute of the reference, camelCased, and nothing else', () => {
    expect([...ATTRIBUTE_NAMES].sort()).toEqual(Object.keys(REFERENCE).sort());
    expect(Object.keys(ATTRIBUTES).sort()).toEqual(Object.keys(REFERENCE).sort());
  });

  it.each(Object.keys(REFERENCE))('gives %s the default and the kind of check of the reference', (name) => {
    const spec = ATTRIBUTES[name as AttributeName];
    expect(spec.default).toEqual(REFERENCE[name][0]);
    expect(spec.type).toBe(REFERENCE[name][1]);
  });

  it('defaults audioQuality to high, as the platform does (the seed says low)', () => {
    expect(ATTRIBUTES.audioQuality.default).toBe('high');
  });

  it.each(Object.keys(ALLOWED))('allows exactly the reference values of %s', (name) => {
    const spec = ATTRIBUTES[name as AttributeName];
    expect(spec.type).toBe('enum');
    if (spec.type === 'enum') expect([...spec.values].sort()).toEqual([...ALLOWED[name]].sort());
  });

  it.each(RANGES)('bounds %s to %i–%i', (name, lowest, highest) => {
    const spec = ATTRIBUTES[name];
    expect(spec.type).toBe('number');
    if (spec.type === 'number') expect([spec.min, spec.max]).toEqual([lowest, highest]);
  });
});

describe('normalizeAttributes: defaults', () => {
  it.each([[{}], [undefined]])('answers every default and no problem for %p', (input) => {
    const { attributes, problems } = normalizeAttributes(input);
    expect(attributes).toEqual(DEFAULTS);
    expect(problems).toEqual([]);
  });

  it('skips attributes given as undefined', () => {
    expect(normalizeAttributes({ mode: undefined, fps: undefined })).toEqual({ attributes: DEFAULTS, problems: [] });
  });

  it('does not modify its input', () => {
    const input = Object.freeze({ scenario: 'hd-live', mode: 'UHD', pictureInPictureMode: Object.freeze(['push']), minBitrate: 5000 });
    expect(() => normalizeAttributes(input)).not.toThrow();
    expect(input).toEqual({ scenario: 'hd-live', mode: 'UHD', pictureInPictureMode: ['push'], minBitrate: 5000 });
  });
});

describe('normalizeAttributes: valid values', () => {
  it.each(Object.keys(ALLOWED))('keeps every allowed value of %s without a problem', (name) => {
    for (const value of ALLOWED[name]) expect(one(name, value)).toEqual({ value, problems: [] });
  });

  it.each(BOOLEANS.filter((n) => n !== 'muted' && n !== 'mirror'))('keeps true and false for %s', (name) => {
    expect(one(name, true)).toEqual({ value: true, problems: [] });
    expect(one(name, false)).toEqual({ value: false, problems: [] });
  });

  it.each(RANGES)('keeps the bounds of %s', (name, lowest, highest) => {
    expect(one(name, lowest)).toEqual({ value: lowest, problems: [] });
    expect(one(name, highest)).toEqual({ value: highest, problems: [] });
  });

  it.each([
    ['url', SIGNED_URL],
    ['url', 'room://cloud.tencent.com/rtc?sdkappid=1&roomid=2'],
    ['url', 'RTMP://push.example.com/live/s'],
    ['url', ''],
    ['waitingImage', 'https://example.com/bg.png'],
    ['waitingImageHash', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['waitingImageHash', 'D41D8CD98F00B204E9800998ECF8427E'],
    ['waitingImageHash', ''],
    ['minBitrate', 1],
    ['maxBitrate', 5000],
    ['videoWidth', 720],
    ['videoHeight', 1280],
    ['pictureInPictureMode', 'push'],
    ['pictureInPictureMode', 'pop'],
    ['pictureInPictureMode', ['push', 'pop']],
    ['pictureInPictureMode', []],
  ])('keeps %s = %p without a problem', (name, value) => {
    const result = one(name, value);
    expect(result.problems).toEqual([]);
    expect(result.value).toEqual(value);
  });

  it('copies a picture-in-picture array instead of sharing the caller’s', () => {
    const given: Array<'push' | 'pop'> = ['push'];
    const { attributes } = normalizeAttributes({ pictureInPictureMode: given });
    expect(attributes.pictureInPictureMode).toEqual(['push']);
    expect(attributes.pictureInPictureMode).not.toBe(given);
  });
});

describe('normalizeAttributes: bad values are replaced or clamped, and reported', () => {
  it.each(BOOLEANS)('reads the WXML text "true" / "false" of the boolean %s as the boolean, without a problem', (name) => {
    expect(one(name, 'true')).toEqual({ value: true, problems: name === 'muted' || name === 'mirror' ? expect.any(Array) : [] });
    expect(one(name, 'false')).toEqual({ value: false, problems: [] });
  });

  it.each(BOOLEANS)('replaces other text for the boolean %s by its default and reports WRONG_TYPE', (name) => {
    for (const text of ['yes', '1', 'TRUE', ' true']) {
      const { value, problems } = one(name, text);
      expect(value).toBe(REFERENCE[name][0]);
      const problem = expectOneProblem(problems, 'WRONG_TYPE', name);
      expect(problem).toMatchObject({ value: text, used: REFERENCE[name][0] });
    }
  });

  it.each([
    ['beauty', '5', 5],
    ['fps', ' 20 ', 20],
    ['minBitrate', '250', 250],
    ['videoWidth', '720', 720],
    ['whiteness', '2.5', 2.5],
    ['maxBitrate', '1e3', 1000],
  ])('reads the numeric text of %s = %p as the number %p', (name, text, number) => {
    expect(one(name, text)).toEqual({ value: number, problems: [] });
  });

  it.each([
    ['audioReverbType', '3', 3],
    ['voiceChangerType', '11', 11],
  ])('reads the numeric text of the numeric enum %s = %p as %p', (name, text, number) => {
    expect(one(name, text)).toEqual({ value: number, problems: [] });
  });

  it.each([
    ['fps', 'abc'],
    ['beauty', '5px'],
    ['minBitrate', '0x10'],
    ['videoWidth', 'NaN'],
    ['fps', 'Infinity'],
  ])('replaces the non-numeric text %s = %p by the default and reports WRONG_TYPE', (name, text) => {
    const { value, problems } = one(name, text);
    expect(value).toBe(REFERENCE[name][0]);
    expect(expectOneProblem(problems, 'WRONG_TYPE', name).value).toBe(text);
  });

  it.each(ATTRIBUTE_NAMES.map((name) => [name]))('treats %s = "", null and undefined as not given: the default, no problem', (name) => {
    for (const nothing of ['', null, undefined]) {
      const { attributes, problems } = normalizeAttributes({ [name]: nothing });
      expect(problems).toEqual([]);
      expect(attributes[name as AttributeName]).toEqual(normalizeAttributes({}).attributes[name as AttributeName]);
    }
  });

  it('lets the scenario preset fill an attribute given as "" (not given)', () => {
    const { attributes, problems } = normalizeAttributes({ scenario: 'hd-live', maxBitrate: '', mode: null });
    expect(problems).toEqual([]);
    expect(attributes).toMatchObject({ mode: 'HD', maxBitrate: 1200 });
  });

  it.each([['beauty'], ['fps'], ['maxBitrate']])('replaces NaN for %s and reports it', (name) => {
    const { value, problems } = one(name, NaN);
    expect(value).toBe(REFERENCE[name][0]);
    expect(problems).toHaveLength(1);
    expect(problems[0].attribute).toBe(name);
  });

  it.each([
    ['beauty', 12, 9],
    ['beauty', -1, 0],
    ['whiteness', 9.5, 9],
    ['fps', 0, 1],
    ['fps', 60, 30],
    ['fps', -Infinity, 1],
    ['minBitrate', 0, 1],
    ['videoHeight', -640, 1],
  ])('clamps %s = %p to %p and reports OUT_OF_RANGE', (name, given, clamped) => {
    const { value, problems } = one(name, given);
    expect(value).toBe(clamped);
    const problem = expectOneProblem(problems, 'OUT_OF_RANGE', name);
    expect(problem).toMatchObject({ value: given, used: clamped });
  });

  it.each([
    ['fps', 12.6],
    ['videoWidth', 360.4],
    ['minBitrate', 250.5],
  ])('rounds the integer attribute %s = %p and reports it', (name, given) => {
    const { value, problems } = one(name, given);
    expect(Number.isInteger(value)).toBe(true);
    expect(Math.abs((value as number) - given)).toBeLessThanOrEqual(0.5);
    expectOneProblem(problems, 'OUT_OF_RANGE', name);
  });

  it.each([
    ['mode', 'UHD'],
    ['mode', 'hd'],
    ['orientation', 'diagonal'],
    ['aspect', '16:9'],
    ['audioQuality', 'medium'],
    ['filter', 'sepia'],
    ['audioReverbType', 8],
    ['voiceChangerType', 12],
    ['voiceChangerType', -1],
  ])('replaces the unknown value %s = %p by the default and reports UNKNOWN_VALUE', (name, given) => {
    const { value, problems } = one(name, given);
    expect(value).toBe(REFERENCE[name][0]);
    const problem = expectOneProblem(problems, 'UNKNOWN_VALUE', name);
    expect(problem.value).toBe(given);
    expect(problem.used).toBe(REFERENCE[name][0]);
  });

  it('names the allowed values in the advice of UNKNOWN_VALUE', () => {
    const problem = one('devicePosition', 'side').problems[0];
    for (const allowed of ['front', 'back']) {
      expect(problem.advice).toContain(allowed);
      expect(problem.adviceZh).toContain(allowed);
    }
  });

  it.each([
    ['mode', 1],
    ['audioReverbType', 'three'],
    ['filter', true],
    ['orientation', false],
  ])('replaces %s = %p of the wrong type by the default and reports WRONG_TYPE', (name, given) => {
    const { value, problems } = one(name, given);
    expect(value).toBe(REFERENCE[name][0]);
    expectOneProblem(problems, 'WRONG_TYPE', name);
  });

  it.each([
    ['pictureInPictureMode', 'float'],
    ['pictureInPictureMode', ['push', 'float']],
    ['pictureInPictureMode', 1],
  ])('replaces %s = %p by [] and reports it', (name, given) => {
    const { value, problems } = one(name, given);
    expect(value).toEqual([]);
    expect(problems).toHaveLength(1);
    expectWellFormed(problems[0]);
    expect(problems[0].attribute).toBe(name);
  });

  it.each([
    ['waitingImageHash', 'not-a-hash'],
    ['waitingImageHash', 'd41d8cd98f00b204e9800998ecf8427'],
  ])('replaces the malformed %s = %p and reports INVALID_FORMAT', (name, given) => {
    const { value, problems } = one(name, given);
    expect(value).toBe('');
    expectOneProblem(problems, 'INVALID_FORMAT', name);
  });

  it.each([
    ['http://push.example.com/live/s'],
    ['https://push.example.com/live/s.flv'],
    ['webrtc://push.example.com/live/s'],
    ['rtmp://'],
    ['rtmp://push example.com/live'],
    ['push.example.com/live/s'],
  ])('replaces the URL %p, not rtmp:// or room://, by "" and reports INVALID_URL', (given) => {
    const { value, problems } = one('url', given);
    expect(value).toBe('');
    expectOneProblem(problems, 'INVALID_URL', 'url');
  });

  it.each([[5], [true], [{ href: 'rtmp://x/y' }]])('replaces the URL %p of the wrong type and reports WRONG_TYPE', (given) => {
    expect(one('url', given).value).toBe('');
    expectOneProblem(one('url', given).problems, 'WRONG_TYPE', 'url');
  });
});

describe('normalizeAttributes: redaction', () => {
  it('redacts the signature of a rejected URL in every field of the problem', () => {
    const rejected = SIGNED_URL.replace('rtmp://', 'http://');
    const { problems } = normalizeAttributes({ url: rejected });
    expect(problems).toHaveLength(1);
    expect(JSON.stringify(problems)).not.toContain(SECRET);
    expect(problems[0].value).toBe(rejected.replace(SECRET, '***'));
    expect(problems[0].message).toContain('txSecret=***');
  });

  it('redacts a signed URL under an unknown attribute', () => {
    const { problems } = normalizeAttributes({ pushUrl: SIGNED_URL });
    expect(problems.map((p) => p.code)).toEqual(['UNKNOWN_ATTRIBUTE']);
    expect(JSON.stringify(problems)).not.toContain(SECRET);
  });

  it('redacts a signed URL given as the whole input', () => {
    const { problems } = normalizeAttributes(SIGNED_URL);
    expect(problems.map((p) => p.code)).toEqual(['INVALID_INPUT']);
    expect(JSON.stringify(problems)).not.toContain(SECRET);
  });

  it('keeps the signature of an accepted URL in the attributes (the pusher needs it)', () => {
    expect(normalizeAttributes({ url: SIGNED_URL }).attributes.url).toBe(SIGNED_URL);
  });
});

describe('normalizeAttributes: scenario presets', () => {
  it('merges the preset under explicit attributes', () => {
    const { attributes, problems } = normalizeAttributes({ scenario: 'hd-live', maxBitrate: 900 });
    expect(problems).toEqual([]);
    expect(attributes).toMatchObject({ mode: 'HD', minBitrate: 600, maxBitrate: 900, audioQuality: 'high' });
  });

  it('lets explicit attributes win over every preset field', () => {
    const { attributes, problems } = normalizeAttributes({
      scenario: 'meeting-participant',
      mode: 'SD',
      minBitrate: 100,
      maxBitrate: 400,
      audioQuality: 'high',
    });
    expect(problems).toEqual([]);
    expect(attributes).toMatchObject({ mode: 'SD', minBitrate: 100, maxBitrate: 400, audioQuality: 'high' });
  });

  it('keeps the defaults of attributes a preset does not set', () => {
    expect(normalizeAttributes({ scenario: 'fhd-live' }).attributes).toEqual({ ...DEFAULTS, ...PRESETS['fhd-live'] });
  });

  it('falls back to the preset value, not the default, for a rejected value', () => {
    const { attributes, problems } = normalizeAttributes({ scenario: 'meeting-participant', audioQuality: 'medium', mode: 7 });
    expect(attributes.audioQuality).toBe('low');
    expect(attributes.mode).toBe('RTC');
    expect(problems.find((p) => p.attribute === 'audioQuality')).toMatchObject({ code: 'UNKNOWN_VALUE', used: 'low' });
    expect(problems.find((p) => p.attribute === 'mode')).toMatchObject({ code: 'WRONG_TYPE', used: 'RTC' });

    const hd = normalizeAttributes({ scenario: 'hd-live', mode: 'UHD', minBitrate: 'fast' });
    expect(hd.attributes).toMatchObject({ mode: 'HD', minBitrate: 600 });
  });

  it.each([['ultra-live'], ['HD-LIVE'], [5], [true], [{}]])('reports the unknown scenario %p and keeps the defaults', (scenario) => {
    const { attributes, problems } = normalizeAttributes({ scenario });
    expect(attributes).toEqual(DEFAULTS);
    const problem = expectOneProblem(problems, 'UNKNOWN_SCENARIO', 'scenario');
    expect(problem.advice).toContain('hd-live');
  });

  it.each([[''], [null], [undefined]])('accepts the empty scenario %p silently', (scenario) => {
    expect(normalizeAttributes({ scenario })).toEqual({ attributes: DEFAULTS, problems: [] });
  });
});

describe('normalizeAttributes: bitrate order', () => {
  it('reports minBitrate above maxBitrate and keeps the explicit maxBitrate when both are given', () => {
    const { attributes, problems } = normalizeAttributes({ minBitrate: 900, maxBitrate: 300 });
    expect(attributes).toMatchObject({ minBitrate: 300, maxBitrate: 300 });
    const problem = expectOneProblem(problems, 'BITRATE_ORDER', 'minBitrate');
    expect(problem).toMatchObject({ value: 900, used: 300 });
  });

  it('keeps an explicit minBitrate above the default maxBitrate and raises maxBitrate', () => {
    const { attributes, problems } = normalizeAttributes({ minBitrate: 2000 });
    expect(attributes).toMatchObject({ minBitrate: 2000, maxBitrate: 2000 });
    expectOneProblem(problems, 'BITRATE_ORDER', 'maxBitrate');
  });

  it('keeps an explicit maxBitrate below the default minBitrate and lowers minBitrate', () => {
    const { attributes, problems } = normalizeAttributes({ maxBitrate: 100 });
    expect(attributes).toMatchObject({ minBitrate: 100, maxBitrate: 100 });
    expectOneProblem(problems, 'BITRATE_ORDER', 'minBitrate');
  });

  it('keeps an explicit maxBitrate below the preset minBitrate', () => {
    const { attributes, problems } = normalizeAttributes({ scenario: 'hd-live', maxBitrate: 500 });
    expect(attributes).toMatchObject({ minBitrate: 500, maxBitrate: 500 });
    expectOneProblem(problems, 'BITRATE_ORDER', 'minBitrate');
  });

  it('keeps an explicit minBitrate above the preset maxBitrate', () => {
    const { attributes, problems } = normalizeAttributes({ scenario: 'meeting-participant', minBitrate: 450 });
    expect(attributes).toMatchObject({ minBitrate: 450, maxBitrate: 450 });
    expectOneProblem(problems, 'BITRATE_ORDER', 'maxBitrate');
  });

  it('accepts minBitrate equal to maxBitrate', () => {
    expect(normalizeAttributes({ minBitrate: 700, maxBitrate: 700 }).problems).toEqual([]);
  });
});

describe('normalizeAttributes: unknown keys, deprecated attributes, junk input', () => {
  it.each([['foo'], ['min-bitrate'], ['enable_camera'], ['Mode'], ['toString'], ['constructor'], ['bindstatechange']])(
    'reports the unknown key %s and ignores it',
    (key) => {
      const { attributes, problems } = normalizeAttributes({ [key]: 1 });
      expect(attributes).toEqual(DEFAULTS);
      expectOneProblem(problems, 'UNKNOWN_ATTRIBUTE', key);
    },
  );

  it('reports an own __proto__ key without polluting anything', () => {
    const { attributes, problems } = normalizeAttributes(JSON.parse('{"__proto__": {"mode": "HD", "polluted": true}}'));
    expect(problems.map((p) => `${p.code}:${p.attribute}`)).toEqual(['UNKNOWN_ATTRIBUTE:__proto__']);
    expect(attributes).toEqual(DEFAULTS);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['muted', 'enableMic'],
    ['mirror', 'remoteMirror'],
  ])('keeps %s set to true and reports it DEPRECATED, pointing to %s', (name, replacement) => {
    const { value, problems } = one(name, true);
    expect(value).toBe(true);
    const problem = expectOneProblem(problems, 'DEPRECATED', name);
    expect(problem).toMatchObject({ value: true, used: true });
    expect(problem.advice).toContain(replacement);
    expect(problem.adviceZh).toContain(replacement);
  });

  it.each([['muted'], ['mirror']])('accepts %s = false silently', (name) => {
    expect(one(name, false)).toEqual({ value: false, problems: [] });
  });

  it.each([[null], [42], ['mode=HD'], [true], [[{ mode: 'HD' }]], [['hd-live']], [() => ({})], [Symbol('x')], [BigInt(1)]])(
    'answers the defaults and INVALID_INPUT for the non-object input %p',
    (input) => {
      const { attributes, problems } = normalizeAttributes(input);
      expect(attributes).toEqual(DEFAULTS);
      expectOneProblem(problems, 'INVALID_INPUT', '');
    },
  );

  it('reports every problem of one input, each once', () => {
    const { problems } = normalizeAttributes({
      scenario: 'nope',
      mode: 'UHD',
      beauty: 20,
      fps: 'high',
      url: 'ftp://x',
      muted: true,
      colour: 'red',
      waitingImageHash: 'abc',
    });
    expect(problems.map((p) => `${p.code}:${p.attribute}`).sort()).toEqual(
      [
        'UNKNOWN_SCENARIO:scenario',
        'UNKNOWN_VALUE:mode',
        'OUT_OF_RANGE:beauty',
        'WRONG_TYPE:fps',
        'INVALID_URL:url',
        'DEPRECATED:muted',
        'UNKNOWN_ATTRIBUTE:colour',
        'INVALID_FORMAT:waitingImageHash',
      ].sort(),
    );
    problems.forEach(expectWellFormed);
  });
});

describe('regressions found by the first test pass', () => {
  it.each([['minBitrate'], ['maxBitrate'], ['videoWidth'], ['videoHeight']])(
    'replaces or clamps Infinity for the unbounded %s and reports it',
    (name) => {
      const { attributes, problems } = normalizeAttributes({ [name]: Infinity });
      const value = (attributes as unknown as Record<string, number>)[name];
      expect(Number.isFinite(value)).toBe(true);
      expect(problems.map((p) => p.attribute)).toContain(name);
    },
  );

  it('gives each call its own default pictureInPictureMode array', () => {
    // A JS caller (or a setData path) mutating its result must not change the next call's default.
    const first = normalizeAttributes({}).attributes.pictureInPictureMode as unknown as string[];
    first.push('push');
    try {
      expect(normalizeAttributes({}).attributes.pictureInPictureMode).toEqual([]);
      expect(ATTRIBUTES.pictureInPictureMode.default).toEqual([]);
    } finally {
      first.pop();
    }
  });

  it.each([
    ['a URL inside an array', { url: [SIGNED_URL] }],
    ['a short URL inside an array', { url: ['rtmp://h/a?txSecret=' + SECRET.slice(0, 8)] }],
    ['a URL inside an object', { url: { href: SIGNED_URL } }],
    ['an array of URLs as the whole input', [SIGNED_URL]],
    ['a URL object under an unknown key', { pushUrl: { href: SIGNED_URL } }],
  ])('never puts the raw secret of %s into a problem', (_label, input) => {
    const { problems } = normalizeAttributes(input);
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem.message).not.toContain(SECRET.slice(0, 8));
      expect(problem.messageZh).not.toContain(SECRET.slice(0, 8));
      expect(JSON.stringify(problem.value)).not.toContain(SECRET.slice(0, 8));
    }
  });

  it('keeps the valid explicit minBitrate when the explicit maxBitrate was rejected', () => {
    const { attributes, problems } = normalizeAttributes({ minBitrate: 2000, maxBitrate: 'fast' });
    expect(attributes).toMatchObject({ minBitrate: 2000, maxBitrate: 2000 });
    expect(problems.map((p) => `${p.code}:${p.attribute}`).sort()).toEqual(['BITRATE_ORDER:maxBitrate', 'WRONG_TYPE:maxBitrate']);
  });
});
