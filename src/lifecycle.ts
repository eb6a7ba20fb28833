/**
 * The push lifecycle as a transition table. Method inputs missing from a row are refused
 * (`INVALID_STATE`); native inputs missing from a row are ignored (the status stays).
 */

/** Where a push is. */
export type PushStatus = 'idle' | 'starting' | 'pushing' | 'paused' | 'reconnecting' | 'suspended' | 'stopped' | 'failed';

/** Inputs that come from the app's calls. */
export type LifecycleMethod = 'start' | 'stop' | 'pause' | 'resume';

/** Inputs that come from the native pusher, the page or the library. */
export type LifecycleSignal =
  /** 1001: connected (a push the app did not start, e.g. `autopush`). */
  | 'connected'
  /** 1002, or the first netstatus with a bitrate: pushing begins (again). */
  | 'pushBegin'
  /** 1102, 3001–3003, 3005: the native SDK retries. */
  | 'retry'
  /** -1307, -1324, -1325 with the reconnect policy on: the library restarts the push. */
  | 'lost'
  /** 5000, 5001, or the page hidden: the system stopped (or will stop) the push. */
  | 'suspend'
  /** The page is shown again and the library pushes again (`resumeOnShow`). */
  | 'show'
  /** A fatal code, a failed native start, or reconnects exhausted. */
  | 'fatal'
  /** No 1002 in time after a native start. */
  | 'timeout';

/** Anything that may move the status. */
export type LifecycleInput = LifecycleMethod | LifecycleSignal;

/** What caused a status change: a method, a native code, a netstatus sample, the page, or the library. */
export type StatusCause = LifecycleInput | number | 'netstatus' | 'hide';

/** Detail of the `statuschange` event. */
export interface StatusChange {
  readonly status: PushStatus;
  readonly previous: PushStatus;
  readonly cause: StatusCause;
}

/** Every input, in order. */
export const LIFECYCLE_INPUTS = 'start stop pause resume connected pushBegin retry lost suspend show fatal timeout'.split(
  ' ',
) as readonly LifecycleInput[];

type Row = { readonly [I in LifecycleInput]?: PushStatus };

/**
 * status → input → next status. A paused push the system stops ends `stopped`, not
 * `suspended`: resuming it on `show` would broadcast a camera the person had paused.
 */
export const TRANSITIONS: { readonly [S in PushStatus]: Row } = {
  idle: { start: 'starting', connected: 'starting', pushBegin: 'pushing', fatal: 'failed' },
  starting: {
    stop: 'stopped',
    pushBegin: 'pushing',
    retry: 'reconnecting',
    lost: 'reconnecting',
    suspend: 'suspended',
    fatal: 'failed',
    timeout: 'failed',
  },
  pushing: { stop: 'stopped', pause: 'paused', retry: 'reconnecting', lost: 'reconnecting', suspend: 'suspended', fatal: 'failed' },
  paused: { stop: 'stopped', resume: 'pushing', suspend: 'stopped', fatal: 'failed' },
  reconnecting: { stop: 'stopped', pushBegin: 'pushing', suspend: 'suspended', fatal: 'failed', timeout: 'failed' },
  suspended: { start: 'starting', stop: 'stopped', show: 'starting', fatal: 'failed' },
  stopped: { start: 'starting' },
  failed: { start: 'starting', stop: 'stopped' },
};

/** Every status, in order (the table's rows). */
export const PUSH_STATUSES = Object.keys(TRANSITIONS) as readonly PushStatus[];

/** The status after `input`, or `null` when the table has no such move. */
export function statusAfter(status: PushStatus, input: LifecycleInput): PushStatus | null {
  return TRANSITIONS[status][input] || null;
}

/** Codes after which the native SDK has stopped retrying: the app must restart the push. */
export const LOST_CODES: readonly number[] = [-1307, -1324, -1325];

/** The lifecycle signal a native code stands for, if any (`lost` codes are also fatal). */
export function signalOf(code: number | null, kind: string): LifecycleSignal | null {
  // `null` is in no list and no range (it compares as 0).
  const n = code as number;
  if (LOST_CODES.indexOf(n) >= 0) return 'lost';
  if (kind === 'fatal') return 'fatal';
  if (n === 1001) return 'connected';
  if (n === 1002) return 'pushBegin';
  if (n === 5000 || n === 5001) return 'suspend';
  return n === 1102 || n === 3005 || (n >= 3001 && n <= 3003) ? 'retry' : null;
}
