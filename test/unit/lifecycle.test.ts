import { LIFECYCLE_INPUTS, PUSH_STATUSES, signalOf, statusAfter, type LifecycleInput, type PushStatus } from '../../src/index';

/**
 * The whole table, written out by hand: status → input → next status, `-` for "refused"
 * (methods) or "ignored" (native signals). Columns follow LIFECYCLE_INPUTS.
 */
const COLUMNS: LifecycleInput[] = [
  'start',
  'stop',
  'pause',
  'resume',
  'connected',
  'pushBegin',
  'retry',
  'lost',
  'suspend',
  'show',
  'fatal',
  'timeout',
];
const EXPECTED: Record<PushStatus, string> = {
  //            start     stop     pause   resume   connected pushBegin retry        lost         suspend   show     fatal   timeout
  idle: 'starting -        -       -        starting  pushing   -            -            -         -        failed  -',
  starting: '-        stopped  -       -        -         pushing   reconnecting reconnecting suspended -        failed  failed',
  pushing: '-        stopped  paused  -        -         -         reconnecting reconnecting suspended -        failed  -',
  paused: '-        stopped  -       pushing  -         -         -            -            stopped   -        failed  -',
  reconnecting: '-        stopped  -       -        -         pushing   -            -            suspended -        failed  failed',
  suspended: 'starting stopped  -       -        -         -         -            -            -         starting failed  -',
  stopped: 'starting -        -       -        -         -         -            -            -         -        -       -',
  failed: 'starting stopped  -       -        -         -         -            -            -         -        -       -',
};

describe('push lifecycle table', () => {
  it('lists every status and every input', () => {
    expect([...PUSH_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(LIFECYCLE_INPUTS).toEqual(COLUMNS);
  });

  const cases = PUSH_STATUSES.flatMap((status) => {
    const row = EXPECTED[status].trim().split(/\s+/);
    return COLUMNS.map((input, i) => [status, input, row[i] === '-' ? null : row[i]] as const);
  });

  it.each(cases)('%s + %s → %s', (status, input, next) => {
    expect(statusAfter(status, input)).toBe(next);
  });

  it('never leaves a status for itself (a move is always a change)', () => {
    for (const [status, input] of cases) expect(statusAfter(status, input)).not.toBe(status);
  });
});

describe('signalOf', () => {
  it.each([
    [1001, 'event', 'connected'],
    [1002, 'event', 'pushBegin'],
    [1102, 'warning', 'retry'],
    [3001, 'warning', 'retry'],
    [3002, 'warning', 'retry'],
    [3003, 'warning', 'retry'],
    [3005, 'warning', 'retry'],
    [5000, 'warning', 'suspend'],
    [5001, 'warning', 'suspend'],
    [-1307, 'fatal', 'lost'],
    [-1324, 'fatal', 'lost'],
    [-1325, 'fatal', 'lost'],
    [-1326, 'fatal', 'fatal'],
    [-1301, 'fatal', 'fatal'],
    [10001, 'fatal', 'fatal'],
    [3004, 'warning', null],
    [1101, 'warning', null],
    [1003, 'event', null],
    [4999, 'unknown', null],
    [null, 'unknown', null],
  ] as const)('code %p (%s) → %p', (code, kind, signal) => {
    expect(signalOf(code, kind)).toBe(signal);
  });
});
