import { describeCode } from '../../../src/index';
import { PLAYER_CODE, PLAYER_CODES, describePlayerCode } from '../../../src/play/index';
import type { PlayerCodeCategory, PlayerCodeName } from '../../../src/play/index';
import { hasCjk } from '../helpers';

/** Written by hand from the state-code table of /work/shared/reference/live-player.md (2030 and 2032: our names). */
const EXPECTED: ReadonlyArray<readonly [number, PlayerCodeName, 'event' | 'warning' | 'fatal']> = [
  [2001, 'PLAY_EVT_CONNECT_SUCC', 'event'],
  [2002, 'PLAY_EVT_RTMP_STREAM_BEGIN', 'event'],
  [2003, 'PLAY_EVT_RCV_FIRST_I_FRAME', 'event'],
  [2004, 'PLAY_EVT_PLAY_BEGIN', 'event'],
  [2005, 'PLAY_EVT_PLAY_PROGRESS', 'event'],
  [2006, 'PLAY_EVT_PLAY_END', 'event'],
  [2007, 'PLAY_EVT_PLAY_LOADING', 'event'],
  [2008, 'PLAY_EVT_START_VIDEO_DECODER', 'event'],
  [2009, 'PLAY_EVT_CHANGE_RESOLUTION', 'event'],
  [2030, 'PLAY_EVT_AUDIO_DEVICE_CHANGED', 'event'],
  [2032, 'PLAY_EVT_FIRST_FRAME_RENDERED', 'event'],
  [2101, 'PLAY_WARNING_VIDEO_DECODE_FAIL', 'warning'],
  [2102, 'PLAY_WARNING_AUDIO_DECODE_FAIL', 'warning'],
  [2103, 'PLAY_WARNING_RECONNECT', 'warning'],
  [2104, 'PLAY_WARNING_RECV_DATA_LAG', 'warning'],
  [2105, 'PLAY_WARNING_VIDEO_PLAY_LAG', 'warning'],
  [2106, 'PLAY_WARNING_HW_ACCELERATION_FAIL', 'warning'],
  [2107, 'PLAY_WARNING_VIDEO_DISCONTINUITY', 'warning'],
  [2108, 'PLAY_WARNING_FIRST_IDR_HW_DECODE_FAIL', 'warning'],
  [3001, 'PLAY_WARNING_DNS_FAIL', 'warning'],
  [3002, 'PLAY_WARNING_SEVER_CONN_FAIL', 'warning'],
  [3003, 'PLAY_WARNING_SHAKE_FAIL', 'warning'],
  [3005, 'PLAY_WARNING_SERVER_DISCONNECT', 'warning'],
  [-2301, 'PLAY_ERR_NET_DISCONNECT', 'fatal'],
  [-2302, 'PLAY_ERR_GET_RTMP_ACC_URL_FAIL', 'fatal'],
];

const CATEGORIES: readonly PlayerCodeCategory[] = ['connection', 'network', 'device', 'auth', 'lifecycle', 'media'];

describe('player code catalogue', () => {
  it('holds exactly the 25 codes of the reference', () => {
    expect(
      Object.keys(PLAYER_CODES)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(EXPECTED.map(([code]) => code).sort((a, b) => a - b));
  });

  it.each(EXPECTED)('%i is %s, a %s, with English and Chinese texts', (code, name, kind) => {
    const info = describePlayerCode(code);
    expect(info).toBe(PLAYER_CODES[code]);
    expect(info).toMatchObject({ code, name, kind });
    expect(CATEGORIES).toContain(info.category);
    expect(info.message).toMatch(/^[A-Z][\x20-\x7e]+$/);
    expect(hasCjk(info.messageZh)).toBe(true);
    expect(PLAYER_CODE[name]).toBe(code);
  });

  it('gives every warning and fatal code advice in both languages', () => {
    for (const [code, , kind] of EXPECTED) {
      const info = describePlayerCode(code);
      if (kind === 'event') continue;
      expect(info.advice.length).toBeGreaterThan(10);
      expect(hasCjk(info.adviceZh)).toBe(true);
    }
  });

  it('tells what the library does about a lost stream, an expired URL and a native reconnect', () => {
    const lost = describePlayerCode(-2301);
    expect(lost.advice).toMatch(/reconnect policy/i);
    expect(lost.advice).toMatch(/backoff/);
    expect(lost.advice).toMatch(/online/);
    expect(lost.advice).toMatch(/broadcaster may have stopped/);
    expect(lost.adviceZh).toMatch(/主播/);
    expect(describePlayerCode(-2302).advice).toMatch(/setSrcRefresher/);
    expect(describePlayerCode(-2302).adviceZh).toMatch(/setSrcRefresher/);
    expect(describePlayerCode(2103).advice).toMatch(/reconnecting/);
    expect(describePlayerCode(2007).advice).toMatch(/buffering/);
    expect(describePlayerCode(2006).advice).toMatch(/ended/);
  });

  it('keeps the names of the kinds apart: EVT events, WARNING warnings, ERR fatal', () => {
    for (const [code] of EXPECTED) {
      const { name, kind } = describePlayerCode(code);
      expect(name.startsWith({ event: 'PLAY_EVT_', warning: 'PLAY_WARNING_', fatal: 'PLAY_ERR_', unknown: '-' }[kind])).toBe(true);
    }
  });

  it.each([2027, 2029, 6000, 1001, -1307, 0, 2010, -2303, 1.5, NaN, Infinity])(
    'answers %p, a code it does not hold, as unknown',
    (code) => {
      const info = describePlayerCode(code);
      expect(info).toMatchObject({ code, name: 'UNKNOWN', kind: 'unknown', category: 'unknown' });
      expect(info.message).toContain(String(code));
      expect(hasCjk(info.messageZh)).toBe(true);
      expect(info.advice).not.toBe('');
      expect(hasCjk(info.adviceZh)).toBe(true);
    },
  );

  it('answers values that are not numbers as unknown instead of throwing', () => {
    for (const value of [undefined, null, '2004', {}, [2004], Symbol('x')]) {
      expect(describePlayerCode(value as unknown as number).kind).toBe('unknown');
    }
  });

  it('leaves the pusher catalogue as it was (the player codes are not pusher codes)', () => {
    expect(describeCode(2004).kind).toBe('unknown');
    expect(describeCode(1002).name).toBe('PUSH_EVT_PUSH_BEGIN');
  });
});
