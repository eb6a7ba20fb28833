import fc from 'fast-check';
import { PLAYER_CODES, describePlayerCode, mapPlayerNetStatus, mapPlayerStateChange } from '../../../src/play/index';
import type { PlayerNetStatusField, PlayerStateEvent } from '../../../src/play/index';
import { SECRET, hasCjk } from '../helpers';

/** Seeded; a few thousand inputs. fast-check prints the seed and path of a failure. */
const FUZZ = { seed: 20261206, numRuns: 3000 } as const;

const PLAY_URL = `http://play.example.com/live/s.flv?txSecret=${SECRET}&txTime=65A1B2C3`;

/** Every field of the reference's `bindnetstatus` list, in its order. */
const FIELDS: readonly PlayerNetStatusField[] = [
  'videoBitrate',
  'audioBitrate',
  'videoFPS',
  'videoGOP',
  'netSpeed',
  'netJitter',
  'netQualityLevel',
  'videoWidth',
  'videoHeight',
  'videoCache',
  'audioCache',
  'vDecCacheSize',
  'vSumCacheSize',
  'avPlayInterval',
  'avRecvInterval',
  'audioCacheThreshold',
];
/** Sent by every base library since netstatus exists: absent means invalid. */
const REQUIRED: readonly PlayerNetStatusField[] = [
  'videoBitrate',
  'audioBitrate',
  'videoFPS',
  'videoGOP',
  'netSpeed',
  'netJitter',
  'videoWidth',
  'videoHeight',
];

/** A full info as a device sends it. */
const INFO = {
  videoBitrate: 812,
  audioBitrate: 48,
  videoFPS: 15,
  videoGOP: 2,
  netSpeed: 860,
  netJitter: 3,
  netQualityLevel: 1,
  videoWidth: 540,
  videoHeight: 960,
  videoCache: 420,
  audioCache: 380,
  vDecCacheSize: 2,
  vSumCacheSize: 9,
  avPlayInterval: 40,
  avRecvInterval: 35,
  audioCacheThreshold: 500,
};

const stringsIn = (value: unknown): string =>
  JSON.stringify(value, (_k, v) => (typeof v === 'bigint' || typeof v === 'symbol' ? String(v) : v)) ?? '';

function expectWellFormed(event: PlayerStateEvent): void {
  if (!['event', 'warning', 'fatal', 'unknown'].includes(event.kind)) throw new Error(`kind ${event.kind}`);
  if (!event.message.trim() || !hasCjk(event.messageZh)) throw new Error(`texts of ${event.code}`);
  if (event.kind === 'unknown') {
    if (!['unknown-code', 'invalid-code', 'missing-detail'].includes(event.reason)) throw new Error(`reason ${event.reason}`);
    if (!event.advice || !hasCjk(event.adviceZh)) throw new Error('unknown event without advice');
  } else if (describePlayerCode(event.code).name !== event.name) throw new Error(`name of ${event.code}`);
  if (event.nativeMessage !== undefined && typeof event.nativeMessage !== 'string') throw new Error('nativeMessage');
}

describe('mapPlayerStateChange', () => {
  it.each(Object.keys(PLAYER_CODES).map(Number))('maps %i to its catalogue entry with the raw detail', (code) => {
    const info = describePlayerCode(code);
    const event = mapPlayerStateChange({ code });
    expect(event).toEqual({
      code,
      name: info.name,
      kind: info.kind,
      category: info.category,
      message: info.message,
      messageZh: info.messageZh,
      advice: info.advice,
      adviceZh: info.adviceZh,
      raw: { code },
    });
  });

  it.each([2027, 2029, 6000, 1002, -1307])('keeps %i, a code it does not know, as unknown with its texts', (code) => {
    const event = mapPlayerStateChange({ code, message: 'Unknown event' });
    expect(event).toMatchObject({
      kind: 'unknown',
      code,
      name: 'UNKNOWN',
      category: 'unknown',
      reason: 'unknown-code',
      nativeMessage: 'Unknown event',
    });
    expect(event.message).toContain(String(code));
  });

  it.each([
    [undefined, 'missing-detail'],
    [null, 'missing-detail'],
    ['2004', 'missing-detail'],
    [{}, 'invalid-code'],
    [{ code: '2004' }, 'invalid-code'],
    [{ code: 2004.5 }, 'invalid-code'],
    [{ code: NaN }, 'invalid-code'],
  ])('answers %p as unknown (%s) with a player text', (detail, reason) => {
    const event = mapPlayerStateChange(detail);
    expect(event).toMatchObject({ kind: 'unknown', code: null, reason });
    if (event.kind === 'unknown') expect(event.message).toBe(`Unreadable player event (${reason})`);
    expect(event.messageZh).toContain('播放事件');
  });

  it('hides play-URL signatures in the native message and at any depth of the raw detail', () => {
    const detail = { code: -2302, message: `open ${PLAY_URL} failed`, extra: [{ deep: { url: PLAY_URL } }] };
    const event = mapPlayerStateChange(detail);
    expect(event.kind).toBe('fatal');
    expect(event.nativeMessage).toBe(`open ${PLAY_URL.replace(SECRET, '***')} failed`);
    expect(stringsIn(event)).not.toContain(SECRET);
    expect(stringsIn(event.raw)).toContain('txSecret=***');
    expect(detail.extra[0].deep.url).toBe(PLAY_URL);
  });

  it('never throws and always answers a well-formed event without a signature', () => {
    const secretText = fc.constantFrom(PLAY_URL, `rtmp://h/live/s?txSecret=${SECRET}`, 'x');
    const detail = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record(
        {
          code: fc.oneof(fc.constantFrom(...Object.keys(PLAYER_CODES).map(Number), 2027, 6000), fc.anything()),
          message: fc.oneof(secretText, fc.anything()),
        },
        { requiredKeys: [] },
      ),
      fc.record({ code: fc.integer(), nested: fc.array(fc.record({ url: secretText })) }),
    );
    fc.assert(
      fc.property(detail, (d) => {
        const event = mapPlayerStateChange(d);
        expectWellFormed(event);
        if (stringsIn(event).includes(SECRET)) throw new Error('signature shown');
      }),
      FUZZ,
    );
  });
});

describe('mapPlayerNetStatus', () => {
  it('reads every field of the reference list as numbers', () => {
    const status = mapPlayerNetStatus({ info: INFO });
    for (const field of FIELDS) expect(status[field]).toBe(INFO[field]);
    expect(status.valid).toBe(true);
    expect(status.invalidFields).toEqual([]);
    expect(status.raw).toEqual({ info: INFO });
  });

  it('reads numeric text as numbers', () => {
    const status = mapPlayerNetStatus({ info: { ...INFO, videoBitrate: ' 812 ', avPlayInterval: '40' } });
    expect(status.videoBitrate).toBe(812);
    expect(status.avPlayInterval).toBe(40);
    expect(status.valid).toBe(true);
  });

  it('accepts a device that sends only the fields every base library sends (iOS has no vDecCacheSize)', () => {
    const info = Object.fromEntries(REQUIRED.map((field) => [field, 1]));
    const status = mapPlayerNetStatus({ info });
    expect(status.valid).toBe(true);
    expect(status.vDecCacheSize).toBe(0);
    expect(status.netQualityLevel).toBe(0);
  });

  it.each(FIELDS)('reports %s when it is not a number', (field) => {
    const status = mapPlayerNetStatus({ info: { ...INFO, [field]: 'fast' } });
    expect(status.valid).toBe(false);
    expect(status.invalidFields).toEqual([field]);
    expect(status[field]).toBe(0);
  });

  it('reports the required fields when info is missing', () => {
    for (const detail of [undefined, null, 5, {}, { info: 'x' }]) {
      const status = mapPlayerNetStatus(detail);
      expect(status.valid).toBe(false);
      expect(status.invalidFields).toEqual(REQUIRED);
      for (const field of FIELDS) expect(status[field]).toBe(0);
    }
  });

  it('hides signatures at any depth of raw', () => {
    const status = mapPlayerNetStatus({ info: { ...INFO, serverUrl: PLAY_URL, hops: [{ url: PLAY_URL }] } });
    expect(stringsIn(status)).not.toContain(SECRET);
    expect(stringsIn(status.raw)).toContain('txSecret=***');
  });

  it('never throws and always answers finite numbers for every field', () => {
    const value = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.string(),
      fc.constantFrom<unknown>(null, undefined, '12', PLAY_URL, Infinity, NaN),
      fc.anything({ maxDepth: 1 }),
    );
    const info = fc.dictionary(fc.constantFrom(...FIELDS, 'other', '__proto__', 'toString'), value, { maxKeys: 20 });
    const detail = fc.oneof(fc.anything({ maxDepth: 3 }), fc.record({ info }), fc.record({ info: fc.anything() }));
    fc.assert(
      fc.property(detail, (d) => {
        const status = mapPlayerNetStatus(d);
        for (const field of FIELDS)
          if (typeof status[field] !== 'number' || !Number.isFinite(status[field])) throw new Error(`${field} = ${String(status[field])}`);
        if (status.valid !== (status.invalidFields.length === 0)) throw new Error('valid disagrees with invalidFields');
        for (const field of status.invalidFields) if (!FIELDS.includes(field)) throw new Error(`invalid field ${field}`);
        if (stringsIn(status).includes(SECRET)) throw new Error('signature shown');
      }),
      FUZZ,
    );
  });
});
