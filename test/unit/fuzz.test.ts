/**
 * Property-based sweeps of bad input through normalizeAttributes, definePreset and the event
 * mappers: none throws, every output is valid, every problem is reported. The volume sweep at
 * the end feeds 110,000 seeded inputs (native details, netstatus payloads, attribute sets of
 * WXML literals, policy inputs) through the five functions that read what the page and the
 * device give, with plain checks so it stays fast.
 */
import fc from 'fast-check';
import {
  ATTRIBUTES,
  ATTRIBUTE_NAMES,
  PRESET_IDS,
  PusherError,
  STATE_CODES,
  definePreset,
  describeCode,
  errorFromEvent,
  mapError,
  mapNetStatus,
  mapStateChange,
  normalizeAttributes,
} from '../../src/index';
import { resolvePolicies } from '../../src/policies/index';
import type {
  AttributeName,
  AttributeProblem,
  AttributeSpec,
  NetStatusField,
  PresetId,
  PusherNetStatus,
  PusherPolicies,
  PusherStateEvent,
} from '../../src/index';
import { FC_PARAMS, PROBLEM_CODES, SECRET, SIGNED_URL, hasCjk } from './helpers';

const REASONS = ['unknown-code', 'invalid-code', 'missing-detail', 'invalid-room-message'];
const ROOM_CODES = [1031, 1032, 1033, 1034];
const KNOWN_CODES = Object.keys(STATE_CODES).map(Number);
const NET_FIELDS: readonly NetStatusField[] = [
  'videoBitrate',
  'audioBitrate',
  'videoFPS',
  'videoGOP',
  'netSpeed',
  'netJitter',
  'videoWidth',
  'videoHeight',
  'netQualityLevel',
  'videoCache',
  'audioCache',
];
/** Fields older base libraries do not send: absent is fine, a non-number is reported. */
const OPTIONAL_NET_FIELDS: readonly NetStatusField[] = ['netQualityLevel', 'videoCache', 'audioCache'];

// ---------- helpers ----------

/** True when `value` satisfies `spec`: what every normalized attribute must do. */
function satisfies(spec: AttributeSpec, value: unknown): boolean {
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        value >= spec.min &&
        value <= (spec.max === undefined ? Infinity : spec.max) &&
        (!spec.integer || Number.isInteger(value))
      );
    case 'enum':
      return spec.values.indexOf(value as string | number) >= 0;
    case 'string':
      return typeof value === 'string' && (!spec.pattern || spec.pattern.test(value));
    case 'url':
      return value === '' || (typeof value === 'string' && /^(rtmp|room):\/\/\S+$/i.test(value));
    case 'pip':
      return (
        value === '' || value === 'push' || value === 'pop' || (Array.isArray(value) && value.every((v) => v === 'push' || v === 'pop'))
      );
  }
}

/** What a given value means, independently of the implementation: WXML text read as a person means it. */
function asMeant(spec: AttributeSpec, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (spec.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  const numeric = spec.type === 'number' || (spec.type === 'enum' && typeof spec.default === 'number');
  return numeric && /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(value) ? Number(value) : value;
}

/** `''`, `null` and `undefined` mean "not given". */
const notGiven = (value: unknown) => value === undefined || value === null || value === '';

const same = (a: unknown, b: unknown): boolean =>
  Object.is(a, b) || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => Object.is(v, b[i])));

/** Plain assertion for hot property loops (jest's expect is slow at thousands of calls). */
function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(what);
}

function expectWellFormedProblem(problem: AttributeProblem): void {
  const where = `${problem.code} ${problem.attribute}`;
  check(PROBLEM_CODES.indexOf(problem.code) >= 0, `${where}: unknown problem code`);
  check(problem.message.trim() !== '' && problem.advice.trim() !== '', `${where}: empty English text`);
  check(hasCjk(problem.messageZh) && hasCjk(problem.adviceZh), `${where}: Chinese text without Chinese`);
}

function expectValidAttributes(attributes: object): void {
  const record = attributes as Record<string, unknown>;
  check(Object.keys(record).sort().join() === [...ATTRIBUTE_NAMES].sort().join(), 'attribute names differ from ATTRIBUTE_NAMES');
  for (const name of ATTRIBUTE_NAMES) {
    check(satisfies(ATTRIBUTES[name], record[name]), `${name} = ${String(record[name])} breaks its spec`);
  }
  check((record.minBitrate as number) <= (record.maxBitrate as number), 'minBitrate > maxBitrate');
}

function expectWellFormedEvent(event: PusherStateEvent): void {
  expect(['event', 'warning', 'fatal', 'unknown']).toContain(event.kind);
  expect(event.message.trim()).not.toBe('');
  expect(hasCjk(event.messageZh)).toBe(true);
  if (event.kind === 'unknown') {
    expect(REASONS).toContain(event.reason);
    expect(event.name).toBe('UNKNOWN');
    expect(event.advice.trim()).not.toBe('');
  } else {
    expect(Number.isInteger(event.code)).toBe(true);
    const info = describeCode(event.code);
    expect(info.kind).toBe(event.kind);
    expect(event.name).toBe(info.name);
  }
  if (event.nativeMessage !== undefined) expect(typeof event.nativeMessage).toBe('string');
}

// ---------- arbitraries ----------

/** Any value, with the edge cases of each attribute kind weighted in. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 2, maxKeys: 4 }),
  fc.double(),
  fc.integer({ min: -100000, max: 100000 }),
  fc.string(),
  fc.constantFrom<unknown>(
    null,
    '',
    'true',
    '5',
    'HD',
    'hd',
    'push',
    ['push', 'x'],
    'rtmp://',
    'http://x/y',
    SIGNED_URL,
    -0,
    NaN,
    Infinity,
    -Infinity,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    1e-7,
    0.5,
    2 ** 53,
  ),
);

const junk = anyValue;

/** Values that satisfy an attribute's spec. */
function validValue(spec: AttributeSpec): fc.Arbitrary<unknown> {
  switch (spec.type) {
    case 'boolean':
      return fc.boolean();
    case 'number': {
      const max = spec.max === undefined ? 5000 : spec.max;
      return spec.integer ? fc.integer({ min: spec.min, max }) : fc.double({ min: spec.min, max, noNaN: true });
    }
    case 'enum':
      return fc.constantFrom(...spec.values);
    case 'string':
      return spec.pattern ? fc.oneof(fc.constant(''), fc.stringMatching(/^[0-9a-f]{32}$/)) : fc.string();
    case 'url':
      return fc.constantFrom('', SIGNED_URL, 'room://cloud.example.com/rtc?roomid=1', 'rtmp://h/live/s');
    case 'pip':
      return fc.constantFrom<unknown>('', 'push', 'pop', [], ['push'], ['pop', 'push']);
  }
}

/** Records of attributes, each key absent, valid or `bad`, plus unknown keys and a scenario. */
function attributeInputOf(bad: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  const record = fc.record(
    Object.fromEntries(ATTRIBUTE_NAMES.map((name) => [name, fc.oneof(validValue(ATTRIBUTES[name]), bad, fc.constant(undefined))])) as {
      [K in AttributeName]: fc.Arbitrary<unknown>;
    },
    { requiredKeys: [] },
  );
  const unknownKeys = fc.dictionary(
    fc
      .oneof(
        fc.constantFrom('foo', 'min-bitrate', 'Mode', 'toString', 'valueOf', 'hasOwnProperty'),
        fc.string({ minLength: 1, maxLength: 8 }),
      )
      .filter((key) => key !== 'scenario' && key !== '__proto__' && !Object.prototype.hasOwnProperty.call(ATTRIBUTES, key)),
    bad,
    { maxKeys: 2 },
  );
  const scenario = fc.option(fc.oneof(fc.constantFrom(...PRESET_IDS), bad), { nil: undefined });
  return fc
    .tuple(record, unknownKeys, scenario)
    .map(([attrs, extra, sc]) => ({ ...extra, ...attrs, ...(sc === undefined ? {} : { scenario: sc }) }) as Record<string, unknown>);
}

const attributeInput = attributeInputOf(junk);

// ---------- normalizeAttributes ----------

describe('normalizeAttributes under random input', () => {
  it('never throws on anything and answers valid attributes with well-formed problems', () => {
    fc.assert(
      fc.property(junk, (input) => {
        const { attributes, problems } = normalizeAttributes(input);
        expectValidAttributes(attributes);
        problems.forEach(expectWellFormedProblem);
      }),
      FC_PARAMS,
    );
  });

  it('repairs every attribute record into valid attributes', () => {
    fc.assert(
      fc.property(attributeInput, (input) => {
        const { attributes, problems } = normalizeAttributes(input);
        expectValidAttributes(attributes);
        problems.forEach(expectWellFormedProblem);
      }),
      FC_PARAMS,
    );
  });

  it('reports every given value it does not keep as given', () => {
    fc.assert(
      fc.property(attributeInput, (input) => {
        const { attributes, problems } = normalizeAttributes(input);
        const named = new Set(problems.map((p) => p.attribute));
        for (const name of ATTRIBUTE_NAMES) {
          const given = input[name];
          if (notGiven(given)) continue;
          const used = (attributes as unknown as Record<string, unknown>)[name];
          if (!same(used, asMeant(ATTRIBUTES[name], given)) && !named.has(name))
            throw new Error(`${name}: ${String(given)} became ${String(used)} unreported`);
        }
      }),
      FC_PARAMS,
    );
  });

  it('reports a problem only about something that was wrong', () => {
    fc.assert(
      fc.property(attributeInput, (input) => {
        const { attributes, problems } = normalizeAttributes(input);
        const record = attributes as unknown as Record<string, unknown>;
        for (const p of problems) {
          const what = `${p.code} ${p.attribute}`;
          if (p.code === 'UNKNOWN_ATTRIBUTE') check(!Object.prototype.hasOwnProperty.call(ATTRIBUTES, p.attribute), what);
          else if (p.code === 'UNKNOWN_SCENARIO') check(PRESET_IDS.indexOf(input.scenario as PresetId) < 0, what);
          else if (p.code === 'DEPRECATED') check(asMeant(ATTRIBUTES[p.attribute as AttributeName], input[p.attribute]) === true, what);
          else if (p.code === 'BITRATE_ORDER') check(p.attribute === 'minBitrate' || p.attribute === 'maxBitrate', what);
          else {
            // a value problem: a value was given and not kept
            check(p.code !== 'INVALID_INPUT', what);
            check(!notGiven(input[p.attribute]), `${what}: reported but not given`);
            const spec = ATTRIBUTES[p.attribute as AttributeName];
            check(!same(record[p.attribute], asMeant(spec, input[p.attribute])), `${what}: reported but kept`);
          }
        }
      }),
      FC_PARAMS,
    );
  });

  it('reports every unknown key', () => {
    fc.assert(
      fc.property(attributeInput, (input) => {
        const { problems } = normalizeAttributes(input);
        const unknown = problems.filter((p) => p.code === 'UNKNOWN_ATTRIBUTE').map((p) => p.attribute);
        const expected = Object.keys(input).filter(
          (key) => key !== 'scenario' && input[key] !== undefined && !Object.prototype.hasOwnProperty.call(ATTRIBUTES, key),
        );
        expect(unknown.sort()).toEqual(expected.sort());
      }),
      FC_PARAMS,
    );
  });

  it('keeps every valid, ordered input exactly and reports nothing', () => {
    const validInput = fc
      .record(
        Object.fromEntries(
          ATTRIBUTE_NAMES.filter((n) => n !== 'muted' && n !== 'mirror').map((name) => [name, validValue(ATTRIBUTES[name])]),
        ),
        { requiredKeys: [] },
      )
      .filter(
        (a) =>
          (a.minBitrate === undefined ? 200 : (a.minBitrate as number)) <= (a.maxBitrate === undefined ? 1000 : (a.maxBitrate as number)),
      );
    fc.assert(
      fc.property(validInput, (input) => {
        const { attributes, problems } = normalizeAttributes(input);
        expect(problems).toEqual([]);
        // '' is "not given": the default stands (for pictureInPictureMode, [] — off, as '' is).
        const given = Object.fromEntries(Object.entries(input).filter(([, v]) => !notGiven(v)));
        expect(attributes).toMatchObject(given);
      }),
      FC_PARAMS,
    );
  });

  it('never lets a push-URL signature into a problem message', () => {
    const withSecret = fc.oneof(
      fc.string().map((s) => `${s}?txSecret=${SECRET}&x=${s}`),
      fc.constantFrom(SIGNED_URL, SIGNED_URL.replace('rtmp', 'http'), `txSecret=${SECRET}`),
    );
    const key = fc.constantFrom('url', 'waitingImage', 'waitingImageHash', 'mode', 'fps', 'pushUrl', 'scenario');
    fc.assert(
      fc.property(key, withSecret, (name, value) => {
        const { problems } = normalizeAttributes({ [name]: value });
        for (const p of problems) {
          expect(p.message).not.toContain(SECRET);
          expect(p.messageZh).not.toContain(SECRET);
          expect(JSON.stringify(p.value)).not.toContain(SECRET);
        }
      }),
      FC_PARAMS,
    );
  });
});

// ---------- definePreset ----------

describe('definePreset under random input', () => {
  const presetInput = fc.oneof(
    junk,
    fc.record(
      {
        base: fc.oneof(fc.constantFrom(...PRESET_IDS), junk),
        mode: fc.oneof(validValue(ATTRIBUTES.mode), junk),
        minBitrate: fc.oneof(validValue(ATTRIBUTES.minBitrate), junk),
        maxBitrate: fc.oneof(validValue(ATTRIBUTES.maxBitrate), junk),
        audioQuality: fc.oneof(validValue(ATTRIBUTES.audioQuality), junk),
      },
      { requiredKeys: [] },
    ),
  );

  it('either answers a valid preset or throws INVALID_PRESET, nothing else', () => {
    fc.assert(
      fc.property(presetInput, (input) => {
        let preset: ReturnType<typeof definePreset> | undefined;
        try {
          preset = definePreset(input as Parameters<typeof definePreset>[0]);
        } catch (error) {
          expect(error).toBeInstanceOf(PusherError);
          expect((error as PusherError).code).toBe('INVALID_PRESET');
          expect(Array.isArray((error as PusherError).cause)).toBe(true);
          expect(((error as PusherError).cause as unknown[]).length).toBeGreaterThan(0);
          return;
        }
        expect(Object.keys(preset).sort()).toEqual(['audioQuality', 'maxBitrate', 'minBitrate', 'mode']);
        expect(satisfies(ATTRIBUTES.mode, preset.mode)).toBe(true);
        expect(satisfies(ATTRIBUTES.audioQuality, preset.audioQuality)).toBe(true);
        expect(satisfies(ATTRIBUTES.minBitrate, preset.minBitrate)).toBe(true);
        expect(satisfies(ATTRIBUTES.maxBitrate, preset.maxBitrate)).toBe(true);
        expect(preset.minBitrate).toBeLessThanOrEqual(preset.maxBitrate);
      }),
      FC_PARAMS,
    );
  });
});

// ---------- event mappers ----------

/** The reason a detail must be reported unknown for, or null when it maps to the catalogue. */
function expectedReason(detail: unknown, codeKey: string, messageKey: string): string | null {
  if (detail === null || typeof detail !== 'object') return 'missing-detail';
  const d = detail as Record<string, unknown>;
  const code = d[codeKey];
  if (typeof code !== 'number' || !Number.isInteger(code)) return 'invalid-code';
  if (!STATE_CODES[code]) return 'unknown-code';
  if (ROOM_CODES.indexOf(code) >= 0) {
    try {
      const message = d[messageKey];
      if (typeof message !== 'string') return 'invalid-room-message';
      const parsed: unknown = JSON.parse(message);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'invalid-room-message';
    } catch {
      return 'invalid-room-message';
    }
  }
  return null;
}

const codeValue = fc.oneof(
  fc.constantFrom(...KNOWN_CODES),
  fc.integer({ min: -20000, max: 20000 }),
  fc.constantFrom<unknown>('1002', 1002.5, NaN, Infinity, null, undefined, true, [1002], { code: 1002 }),
  fc.anything(),
);
const messageValue = fc.oneof(
  fc.string(),
  fc.json(),
  fc.object().map((o) => JSON.stringify(o)),
  fc.constantFrom<unknown>('{not json', 'null', '[]', SIGNED_URL, undefined),
  fc.anything(),
);

describe.each([
  ['mapStateChange', mapStateChange, 'code', 'message'],
  ['mapError', mapError, 'errCode', 'errMsg'],
] as const)('%s under random input', (_name, map, codeKey, messageKey) => {
  const detail = fc.oneof(fc.anything(), fc.record({ [codeKey]: codeValue, [messageKey]: messageValue }, { requiredKeys: [] }));

  it('never throws and always answers a well-formed event', () => {
    fc.assert(
      fc.property(detail, (d) => {
        const event = map(d);
        expectWellFormedEvent(event);
        expect(errorFromEvent(event)).toBeInstanceOf(PusherError);
      }),
      FC_PARAMS,
    );
  });

  it('answers unknown with the right reason exactly when the catalogue cannot type the detail', () => {
    fc.assert(
      fc.property(detail, (d) => {
        const event = map(d);
        const reason = expectedReason(d, codeKey, messageKey);
        if (reason === null) {
          expect(event.kind).not.toBe('unknown');
          expect(event.code).toBe((d as Record<string, unknown>)[codeKey]);
        } else {
          expect(event.kind).toBe('unknown');
          if (event.kind === 'unknown') expect(event.reason).toBe(reason);
          const code = (d as Record<string, unknown> | null)?.[codeKey];
          expect(event.code).toBe(reason === 'unknown-code' || reason === 'invalid-room-message' ? code : null);
        }
      }),
      FC_PARAMS,
    );
  });

  it('keeps every unlisted integer code', () => {
    const unlisted = fc.integer().filter((c) => !STATE_CODES[c]);
    fc.assert(
      fc.property(unlisted, (code) => {
        const event = map({ [codeKey]: code, [messageKey]: 'x' });
        expect(event.kind).toBe('unknown');
        expect(event.code).toBe(code);
      }),
      FC_PARAMS,
    );
  });

  it('never lets a push-URL signature into nativeMessage or the raw strings', () => {
    const text = fc.tuple(fc.string(), fc.string()).map(([a, b]) => `${a} rtmp://h/live/s?txSecret=${SECRET}&txTime=1 ${b}`);
    const code = fc.oneof(fc.constantFrom(...KNOWN_CODES.filter((c) => ROOM_CODES.indexOf(c) < 0)), fc.integer(), fc.constant('x'));
    fc.assert(
      fc.property(code, text, (c, message) => {
        const event = map({ [codeKey]: c, [messageKey]: message, url: message });
        expect(event.nativeMessage).toBeDefined();
        expect(event.nativeMessage).not.toContain(SECRET);
        expect(JSON.stringify(event.raw)).not.toContain(SECRET);
      }),
      FC_PARAMS,
    );
  });
});

describe('mapNetStatus under random input', () => {
  const finite = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }));
  const fieldValue = fc.oneof(
    finite,
    finite.map((n) => String(n)),
    fc.constantFrom<unknown>(NaN, Infinity, -Infinity, '', ' ', 'abc', '12px', null, undefined, true, [], {}),
    fc.anything(),
  );
  const detail = fc.oneof(
    fc.anything(),
    fc.record({
      info: fc.oneof(fc.record(Object.fromEntries(NET_FIELDS.map((f) => [f, fieldValue])), { requiredKeys: [] }), fc.anything()),
    }),
  );

  it('never throws and answers a finite number for every field', () => {
    fc.assert(
      fc.property(detail, (d) => {
        const status = mapNetStatus(d);
        for (const field of NET_FIELDS) expect(Number.isFinite(status[field])).toBe(true);
        expect(status.valid).toBe(status.invalidFields.length === 0);
        for (const field of status.invalidFields) {
          expect(NET_FIELDS).toContain(field);
          expect(status[field]).toBe(0);
        }
        // raw is a copy with signatures hidden, equal to what came in.
        expect(status.raw).toEqual(d);
      }),
      FC_PARAMS,
    );
  });

  it('reads finite numbers and their strings as numbers and reports everything else', () => {
    fc.assert(
      fc.property(detail, (d) => {
        const status = mapNetStatus(d);
        const info = d && typeof d === 'object' ? (d as { info?: unknown }).info : undefined;
        const given = info && typeof info === 'object' ? (info as Record<string, unknown>) : {};
        for (const field of NET_FIELDS) {
          const value = given[field];
          const expected =
            typeof value === 'number' && Number.isFinite(value)
              ? value
              : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
                ? Number(value)
                : null;
          if (expected === null && value === undefined && OPTIONAL_NET_FIELDS.indexOf(field) >= 0) {
            expect(status.invalidFields).not.toContain(field);
            expect(status[field]).toBe(0);
          } else if (expected === null) expect(status.invalidFields).toContain(field);
          else {
            expect(status.invalidFields).not.toContain(field);
            expect(status[field]).toBe(expected);
          }
        }
      }),
      FC_PARAMS,
    );
  });
});

describe('regressions found by the first test pass', () => {
  // src/attributes.ts check(): an unbounded number spec (minBitrate, maxBitrate, videoWidth, videoHeight) keeps +Infinity.
  it('repairs every attribute record into valid attributes, +Infinity included', () => {
    fc.assert(
      fc.property(attributeInputOf(anyValue), (input) => expectValidAttributes(normalizeAttributes(input).attributes)),
      FC_PARAMS,
    );
  });
});

// ---------- volume: 100,000 inputs and more per run, plain checks only ----------

/** Inputs fed per target in the volume sweep (their sum is asserted ≥ 100,000). */
const VOLUME: { readonly [target: string]: number } = {
  mapStateChange: 30000,
  mapError: 26000,
  mapNetStatus: 20000,
  normalizeAttributes: 14000,
  resolvePolicies: 20000,
};
const fed: { [target: string]: number } = {};
const VOLUME_PARAMS = (target: string) => ({ seed: FC_PARAMS.seed + target.length, numRuns: VOLUME[target] });
const MAX_MS = 2147483647;
const CATEGORIES_OF_UNKNOWN = 'unknown';

/** Text as WXML hands it to a `null`-typed property: literals, mustache left-overs, numbers with units, spaces. */
const wxmlLiteral = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'true',
    'false',
    'True',
    '0',
    '1',
    '-1',
    ' 12 ',
    '1e3',
    '0x10',
    '12px',
    'NaN',
    'Infinity',
    'null',
    'undefined',
    '{{fps}}',
    '{{ }}',
    'HD',
    'hd',
    'push pop',
    'rtmp://',
    'room://x',
    SIGNED_URL,
    '中文',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.double({ noNaN: false }).map(String),
);
/** Cheaper than `fc.anything()` at volume, still every JS type. */
const anyCheap = fc.oneof(
  wxmlLiteral,
  fc.integer({ min: -100000, max: 100000 }),
  fc.double(),
  fc.constantFrom<unknown>(
    null,
    undefined,
    true,
    false,
    NaN,
    -0,
    Infinity,
    -Infinity,
    [],
    {},
    [1],
    { a: 1 },
    () => 1,
    Symbol('s'),
    BigInt(10),
  ),
);

/** A mapped state event as its type says it is; a message on failure. */
function eventProblem(event: PusherStateEvent): string | null {
  if (['event', 'warning', 'fatal', 'unknown'].indexOf(event.kind) < 0) return 'kind ' + String(event.kind);
  if (typeof event.message !== 'string' || !event.message.trim() || !hasCjk(event.messageZh)) return 'message';
  // Progress events may have no advice; any advice given comes in both languages.
  if (typeof event.advice !== 'string' || typeof event.adviceZh !== 'string' || (event.advice.trim() !== '') !== hasCjk(event.adviceZh))
    return 'advice';
  if (event.nativeMessage !== undefined && typeof event.nativeMessage !== 'string') return 'nativeMessage';
  if (event.kind === 'unknown') {
    if (REASONS.indexOf(event.reason) < 0 || event.name !== 'UNKNOWN' || event.category !== CATEGORIES_OF_UNKNOWN)
      return 'unknown event fields';
    if (event.code !== null && !Number.isInteger(event.code)) return 'unknown code ' + String(event.code);
    return null;
  }
  if (!Number.isInteger(event.code)) return 'code ' + String(event.code);
  const info = describeCode(event.code);
  return info.kind === event.kind && info.name === event.name ? null : 'kind or name differs from the catalogue';
}

function netProblem(status: PusherNetStatus): string | null {
  for (const field of NET_FIELDS) if (typeof status[field] !== 'number' || !Number.isFinite(status[field])) return field + ' not finite';
  if (status.valid !== (status.invalidFields.length === 0)) return 'valid disagrees with invalidFields';
  for (const field of status.invalidFields) if (NET_FIELDS.indexOf(field) < 0 || status[field] !== 0) return 'invalid field ' + field;
  return null;
}

function policiesProblem(policies: PusherPolicies): string | null {
  const int = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  const r = policies.reconnect;
  if (r !== false && !(r && int(r.attempts, 1, 1000) && int(r.baseMs, 1, MAX_MS) && int(r.capMs, 1, MAX_MS)))
    return 'reconnect ' + JSON.stringify(r);
  if (!int(policies.refreshUrlBeforeMs, 0, MAX_MS)) return 'refreshUrlBeforeMs';
  for (const key of ['resumeOnShow', 'permissions', 'keepScreenOn', 'waitingImageHash', 'quality'] as const)
    if (typeof policies[key] !== 'boolean') return key;
  const keys = Object.keys(policies).sort().join();
  return keys === 'keepScreenOn,permissions,quality,reconnect,refreshUrlBeforeMs,resumeOnShow,waitingImageHash' ? null : 'keys ' + keys;
}

/** Runs `fn` on every input; a throw or an invalid output fails with the input. */
function sweep<T>(target: string, arbitrary: fc.Arbitrary<T>, fn: (input: T) => string | null): void {
  fed[target] = 0;
  fc.assert(
    fc.property(arbitrary, (input) => {
      fed[target]++;
      const problem = fn(input);
      if (problem) throw new Error(`${target}: ${problem}`);
    }),
    VOLUME_PARAMS(target),
  );
}

describe(`volume sweep: ${Object.keys(VOLUME).reduce((sum, k) => sum + VOLUME[k], 0)} random inputs, never a throw, every output valid by its type`, () => {
  const codeDetail = (codeKey: string, messageKey: string) =>
    fc.oneof(
      anyCheap,
      fc.record(
        {
          [codeKey]: fc.oneof(fc.constantFrom(...KNOWN_CODES), fc.integer({ min: -20000, max: 20000 }), anyCheap),
          [messageKey]: fc.oneof(wxmlLiteral, fc.json({ maxDepth: 1 }), anyCheap),
        },
        { requiredKeys: [] },
      ),
    );
  it('mapStateChange: native details', () =>
    sweep('mapStateChange', codeDetail('code', 'message'), (d) => eventProblem(mapStateChange(d))));
  it('mapError: binderror details', () => sweep('mapError', codeDetail('errCode', 'errMsg'), (d) => eventProblem(mapError(d))));
  it('mapNetStatus: netstatus payloads', () => {
    const field = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double(), wxmlLiteral, anyCheap);
    const info = fc.oneof(fc.record(Object.fromEntries(NET_FIELDS.map((f) => [f, field])), { requiredKeys: [] }), anyCheap);
    sweep('mapNetStatus', fc.oneof(fc.record({ info }), anyCheap), (d) => netProblem(mapNetStatus(d)));
  });
  it('normalizeAttributes: attribute sets of WXML literals and careless values', () => {
    sweep('normalizeAttributes', fc.oneof(attributeInputOf(fc.oneof(wxmlLiteral, anyCheap)), anyCheap), (input) => {
      const { attributes, problems } = normalizeAttributes(input);
      expectValidAttributes(attributes);
      problems.forEach(expectWellFormedProblem);
      return null;
    });
  });
  it('resolvePolicies: policy inputs over random bases', () => {
    const reconnect = fc.oneof(
      fc.boolean(),
      wxmlLiteral,
      anyCheap,
      fc.record({ attempts: anyCheap, baseMs: anyCheap, capMs: anyCheap, extra: anyCheap }, { requiredKeys: [] }),
    );
    const input = fc.oneof(
      anyCheap,
      fc.record(
        {
          reconnect,
          refreshUrlBeforeMs: anyCheap,
          resumeOnShow: anyCheap,
          permissions: anyCheap,
          keepScreenOn: anyCheap,
          waitingImageHash: anyCheap,
          quality: anyCheap,
          bogus: anyCheap,
        },
        { requiredKeys: [] },
      ),
    );
    sweep('resolvePolicies', fc.tuple(input, input), ([first, second]) => {
      const base = resolvePolicies(first);
      const { policies, problems } = resolvePolicies(second, base.policies);
      problems.forEach(expectWellFormedProblem);
      return policiesProblem(base.policies) || policiesProblem(policies);
    });
  });
  it('fed at least 100,000 inputs in all', () => {
    const total = Object.keys(fed).reduce((sum, k) => sum + fed[k], 0);
    expect(Object.keys(fed).sort()).toEqual(Object.keys(VOLUME).sort());
    expect(total).toBeGreaterThanOrEqual(100000);
  });
});
