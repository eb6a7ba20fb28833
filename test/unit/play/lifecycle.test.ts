import {
  PLAYER_INPUTS,
  PLAYER_LOST_CODES,
  PLAYER_TRANSITIONS,
  PLAY_STATUSES,
  describePlayerCode,
  playerSignalOf,
  playerStatusAfter,
} from '../../../src/play/index';
import type { PlayStatus, PlayerLifecycleInput } from '../../../src/play/index';

/**
 * The whole table, written out by hand: status → input → next status, `-` for "refused"
 * (methods) or "ignored" (native signals). Columns follow PLAYER_INPUTS.
 */
const COLUMNS: PlayerLifecycleInput[] = [
  'play',
  'stop',
  'pause',
  'resume',
  'connected',
  'begin',
  'buffer',
  'retry',
  'lost',
  'suspend',
  'show',
  'end',
  'fatal',
  'timeout',
];
const EXPECTED: Record<PlayStatus, string> = {
  //            play     stop    pause  resume  connected begin   buffer    retry        lost         suspend   show    end   fatal  timeout
  idle: 'loading -       -      -       loading   playing -         -            -            -         -       -     failed -',
  loading: '-       stopped -      -       -         playing -         reconnecting reconnecting suspended -       ended failed failed',
  playing: '-       stopped paused -       -         -       buffering reconnecting reconnecting suspended -       ended failed -',
  buffering: '-       stopped paused -       -         playing -         reconnecting reconnecting suspended -       ended failed -',
  paused: 'loading stopped -      playing -         -       -         -            -            -         -       ended failed -',
  reconnecting:
    '-       stopped -      -       -         playing -         -            -            suspended -       ended failed failed',
  suspended: 'loading stopped -      -       -         playing -         -            -            -         loading -     failed -',
  ended: 'loading stopped -      -       -         -       -         -            -            -         -       -     -      -',
  stopped: 'loading -       -      -       -         -       -         -            -            -         -       -     -      -',
  failed: 'loading stopped -      -       -         -       -         -            -            -         -       -     -      -',
};

const cases = PLAY_STATUSES.flatMap((status) => {
  const row = EXPECTED[status].trim().split(/\s+/);
  return COLUMNS.map((input, i) => [status, input, row[i] === '-' ? null : row[i]] as const);
});

/** Every status reachable from `from` through the table. */
function reachable(from: PlayStatus): Set<PlayStatus> {
  const seen = new Set<PlayStatus>([from]);
  const queue = [from];
  while (queue.length) {
    const status = queue.shift()!;
    for (const input of PLAYER_INPUTS) {
      const next = playerStatusAfter(status, input);
      if (next && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

describe('play lifecycle table', () => {
  it('lists every status and every input', () => {
    expect([...PLAY_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.keys(PLAYER_TRANSITIONS).sort()).toEqual([...PLAY_STATUSES].sort());
    expect(PLAYER_INPUTS).toEqual(COLUMNS);
  });

  it.each(cases)('%s + %s → %s', (status, input, next) => {
    expect(playerStatusAfter(status, input)).toBe(next);
  });

  it('never leaves a status for itself (a move is always a change)', () => {
    for (const [status, input] of cases) expect(playerStatusAfter(status, input)).not.toBe(status);
  });

  it.each(PLAY_STATUSES)('has no dead end: from %s some path reaches playing and stopped', (status) => {
    const seen = reachable(status);
    expect(seen.has('playing') || status === 'playing').toBe(true);
    expect(seen.has('stopped')).toBe(true);
  });

  it('bounds loading and reconnecting with the timeout, and only them', () => {
    for (const status of PLAY_STATUSES) {
      const next = playerStatusAfter(status, 'timeout');
      if (status === 'loading' || status === 'reconnecting') expect(next).toBe('failed');
      else expect(next).toBeNull();
    }
  });

  it('lets stop end everything that runs, and play start everything that does not', () => {
    for (const status of PLAY_STATUSES) {
      if (status !== 'idle' && status !== 'stopped') expect(playerStatusAfter(status, 'stop')).toBe('stopped');
      if (['idle', 'paused', 'suspended', 'ended', 'stopped', 'failed'].includes(status))
        expect(playerStatusAfter(status, 'play')).toBe('loading');
    }
  });

  it('suspends only what loads, plays, buffers or reconnects', () => {
    const suspendable = PLAY_STATUSES.filter((status) => playerStatusAfter(status, 'suspend') === 'suspended');
    expect(suspendable).toEqual(['loading', 'playing', 'buffering', 'reconnecting']);
  });

  it('buffers only while playing', () => {
    expect(PLAY_STATUSES.filter((status) => playerStatusAfter(status, 'buffer') !== null)).toEqual(['playing']);
  });
});

describe('playerSignalOf', () => {
  it.each([
    [2001, 'connected'],
    [2002, 'connected'],
    [2004, 'begin'],
    [2032, 'begin'],
    [2006, 'end'],
    [2007, 'buffer'],
    [2103, 'retry'],
    [3001, 'retry'],
    [3002, 'retry'],
    [3003, 'retry'],
    [3005, 'retry'],
    [-2301, 'lost'],
    [-2302, 'fatal'],
    [2003, null],
    [2005, null],
    [2101, null],
    [2105, null],
    [3004, null],
    [2027, null],
    [6000, null],
    [-2303, null],
    [null, null],
  ] as const)('maps %p to %p', (code, signal) => {
    expect(playerSignalOf(code)).toBe(signal);
  });

  it('calls fatal exactly the fatal codes of the catalogue, -2301 being lost', () => {
    for (const code of [-2301, -2302]) expect(describePlayerCode(code).kind).toBe('fatal');
    expect(PLAYER_LOST_CODES).toEqual([-2301]);
  });
});
