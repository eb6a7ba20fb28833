import { CODE, STATE_CODES, describeCode } from '../../src/index';
import type { CodeName } from '../../src/index';
import { CODE_CATEGORIES, hasCjk } from './helpers';

/**
 * Written by hand from the E/W/F column of WeChat's `<live-pusher>` documentation and Tencent's LiteAV headers
 * (state codes) and its `binderror` row (10001/10002 block the push, 10003/10004 do not).
 */
const EXPECTED_KIND: ReadonlyArray<readonly [number, 'event' | 'warning' | 'fatal']> = [
  [1001, 'event'],
  [1002, 'event'],
  [1003, 'event'],
  [1004, 'event'],
  [1005, 'event'],
  [1006, 'event'],
  [1007, 'event'],
  [1008, 'event'],
  [1018, 'event'],
  [1019, 'event'],
  [1020, 'event'],
  [1021, 'warning'],
  [1022, 'fatal'],
  [1031, 'event'],
  [1032, 'event'],
  [1033, 'event'],
  [1034, 'event'],
  [1101, 'warning'],
  [1102, 'warning'],
  [1103, 'warning'],
  [1104, 'warning'],
  [1105, 'warning'],
  [1106, 'warning'],
  [1107, 'warning'],
  [3001, 'warning'],
  [3002, 'warning'],
  [3003, 'warning'],
  [3004, 'warning'],
  [3005, 'warning'],
  [4998, 'event'],
  [4999, 'event'],
  [5000, 'warning'],
  [5001, 'warning'],
  [-1301, 'fatal'],
  [-1302, 'fatal'],
  [-1303, 'fatal'],
  [-1304, 'fatal'],
  [-1305, 'fatal'],
  [-1306, 'fatal'],
  [-1307, 'fatal'],
  [-1308, 'fatal'],
  [-1309, 'fatal'],
  [-1310, 'fatal'],
  [-1311, 'fatal'],
  [-1312, 'fatal'],
  [-1313, 'fatal'],
  [-1324, 'fatal'],
  [-1325, 'fatal'],
  [-1326, 'fatal'],
  [10001, 'fatal'],
  [10002, 'fatal'],
  [10003, 'warning'],
  [10004, 'warning'],
];

const ALL_CODES = EXPECTED_KIND.map(([code]) => code);

/** Seed names the project promised to keep, spelling included. */
const SEED_NAMES: ReadonlyArray<readonly [CodeName, number]> = [
  ['PUSH_EVT_PUSH_BEGIN', 1002],
  ['PUSH_WARNING_NET_BUSY', 1101],
  ['PUSH_ERR_NET_DISCONNECT', -1307],
  ['PUSH_WARNING_SEVER_CONN_FAIL', 3002],
  ['PUSH_WARNING_HANDUP_STOP', 5000],
  ['PUSH_WARNING_SWITCH_SWENC', 1107],
];

const CATEGORIES = CODE_CATEGORIES;

const UNVERIFIED = [5001, -1313, -1324, -1325];

/** Codes real devices send that the reference does not list. */
const UNLISTED_DEVICE_CODES = [4997, 10005, 10012, 2027];

const catalogueCodes = () => Object.keys(STATE_CODES).map(Number);

describe('code catalogue', () => {
  it('holds exactly the 53 codes of the reference (state codes and binderror codes)', () => {
    expect(ALL_CODES).toHaveLength(53);
    expect(catalogueCodes().sort((a, b) => a - b)).toEqual([...ALL_CODES].sort((a, b) => a - b));
  });

  it.each(EXPECTED_KIND)('gives %i the kind %s of the reference table', (code, kind) => {
    const info = STATE_CODES[code];
    expect(info).toBeDefined();
    expect(info!.code).toBe(code);
    expect(info!.kind).toBe(kind);
  });

  it.each(ALL_CODES)('describes %i with a category, an English and a Chinese message', (code) => {
    const info = STATE_CODES[code]!;
    expect(CATEGORIES).toContain(info.category);
    expect(info.message.trim()).not.toBe('');
    expect(hasCjk(info.message)).toBe(false);
    expect(hasCjk(info.messageZh)).toBe(true);
  });

  it('gives every warning and fatal code advice in both languages', () => {
    const serious = ALL_CODES.filter((code) => STATE_CODES[code]!.kind !== 'event');
    expect(serious.length).toBeGreaterThan(0);
    for (const code of serious) {
      const info = STATE_CODES[code]!;
      expect({ code, advice: info.advice.trim() !== '' }).toEqual({ code, advice: true });
      expect({ code, adviceZh: hasCjk(info.adviceZh) }).toEqual({ code, adviceZh: true });
    }
  });

  it('gives progress events no advice', () => {
    for (const code of ALL_CODES.filter((c) => STATE_CODES[c]!.kind === 'event')) {
      expect({ code, advice: STATE_CODES[code]!.advice, adviceZh: STATE_CODES[code]!.adviceZh }).toEqual({
        code,
        advice: '',
        adviceZh: '',
      });
    }
  });

  it('marks exactly 5001, -1313, -1324 and -1325 unverified', () => {
    const unverified = catalogueCodes().filter((code) => STATE_CODES[code]!.unverified === true);
    expect(unverified.sort((a, b) => a - b)).toEqual([...UNVERIFIED].sort((a, b) => a - b));
    for (const code of catalogueCodes()) expect(typeof STATE_CODES[code]!.unverified).toBe('boolean');
  });

  it('files camera and microphone denial under permission and room codes under room', () => {
    expect(STATE_CODES[10001]!.category).toBe('permission');
    expect(STATE_CODES[10002]!.category).toBe('permission');
    for (const code of [1018, 1019, 1020, 1021, 1022, 1031, 1032, 1033, 1034]) {
      expect({ code, category: STATE_CODES[code]!.category }).toEqual({ code, category: 'room' });
    }
  });
});

describe('code names', () => {
  it('gives every code a unique PUSH_* constant name', () => {
    const names = catalogueCodes().map((code) => STATE_CODES[code]!.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^PUSH_(EVT|WARNING|ERR)_[A-Z0-9_]+$/);
  });

  it('names events PUSH_EVT_ and fatal state codes PUSH_ERR_', () => {
    for (const code of catalogueCodes()) {
      const info = STATE_CODES[code]!;
      if (info.kind === 'event') expect(info.name.startsWith('PUSH_EVT_')).toBe(true);
      if (info.kind === 'fatal') expect(info.name.startsWith('PUSH_ERR_')).toBe(true);
    }
  });

  it.each(SEED_NAMES)('keeps the seed name %s for %i', (name, code) => {
    expect(CODE[name]).toBe(code);
    expect(STATE_CODES[code]!.name).toBe(name);
  });

  it('maps every CODE.<name> back to the entry of that name', () => {
    const names = Object.keys(CODE) as CodeName[];
    expect(names).toHaveLength(ALL_CODES.length);
    for (const name of names) expect(STATE_CODES[CODE[name]]!.name).toBe(name);
  });
});

describe('describeCode', () => {
  it('returns the catalogue entry of a known code', () => {
    for (const code of ALL_CODES) expect(describeCode(code)).toBe(STATE_CODES[code]);
  });

  it.each(UNLISTED_DEVICE_CODES)('answers an unknown entry that keeps the code %i', (code) => {
    const info = describeCode(code);
    expect(info).toMatchObject({ code, name: 'UNKNOWN', kind: 'unknown', category: 'unknown', unverified: true });
    expect(info.message.trim()).not.toBe('');
    expect(hasCjk(info.messageZh)).toBe(true);
    expect(info.advice.trim()).not.toBe('');
    expect(hasCjk(info.adviceZh)).toBe(true);
  });

  it.each([['1002'], [null], [undefined], [NaN], [1002.5], [{ code: 1002 }], [[1002]]])(
    'answers an unknown entry keeping the non-number input %p',
    (input) => {
      const info = describeCode(input as unknown as number);
      expect(info.kind).toBe('unknown');
      expect(info.name).toBe('UNKNOWN');
      expect(Object.is(info.code, input)).toBe(true);
    },
  );

  it('does not treat Object.prototype keys as codes', () => {
    for (const key of ['constructor', 'toString', '__proto__']) {
      expect(describeCode(key as unknown as number).kind).toBe('unknown');
    }
  });
});
