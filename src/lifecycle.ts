/**
 * The push lifecycle as a transition table. Method inputs missing from a row are refused
 * (`INVALID_STATE`); native inputs missing from a row are ignored (the status stays).
 */

/** Where a push is. */
export type PushStatus = 'idle' | 'starting' | 'pushing' | 'paused' | 'reconnecting' | 'stopped' | 'failed';

/** Inputs that come from the app's calls. */
export type LifecycleMethod = 'start' | 'stop' | 'pause' | 'resume';

/** Inputs that come from the native pusher or the library. */
export type LifecycleSignal =
  /** 1001: connected (a push the app did not start, e.g. `autopush`). */
  | 'connected'
  /** 1002: pushing begins (again). */
  | 'pushBegin'
  /** 1102, 3001–3003, 3005: the native SDK retries. */
  | 'retry'
  /** 5000, 5001: the system stopped the push. */
  | 'suspended'
  /** A fatal code, or a failed native start. */
  | 'fatal'
  /** `start()` saw no 1002 in time. */
  | 'timeout';

/** Anything that may move the status. */
export type LifecycleInput = LifecycleMethod | LifecycleSignal;

/** Every status, in order. */
export const PUSH_STATUSES: readonly PushStatus[] = ['idle', 'starting', 'pushing', 'paused', 'reconnecting', 'stopped', 'failed'];

/** Every input, in order. */
export const LIFECYCLE_INPUTS: readonly LifecycleInput[] = ['start', 'stop', 'pause', 'resume', 'connected', 'pushBegin', 'retry', 'suspended', 'fatal', 'timeout'];

type Row = { readonly [I in LifecycleInput]?: PushStatus };

/** status → input → next status. */
export const TRANSITIONS: { readonly [S in PushStatus]: Row } = {
  idle: { start: 'starting', connected: 'starting', pushBegin: 'pushing', fatal: 'failed' },
  starting: { stop: 'stopped', pushBegin: 'pushing', retry: 'reconnecting', suspended: 'stopped', fatal: 'failed', timeout: 'failed' },
  pushing: { stop: 'stopped', pause: 'paused', retry: 'reconnecting', suspended: 'stopped', fatal: 'failed' },
  paused: { stop: 'stopped', resume: 'pushing', suspended: 'stopped', fatal: 'failed' },
  reconnecting: { stop: 'stopped', pushBegin: 'pushing', suspended: 'stopped', fatal: 'failed', timeout: 'failed' },
  stopped: { start: 'starting' },
  failed: { start: 'starting', stop: 'stopped' },
};

/** The status after `input`, or `null` when the table has no such move. */
export function statusAfter(status: PushStatus, input: LifecycleInput): PushStatus | null {
  return TRANSITIONS[status][input] || null;
}

/** The lifecycle signal a native state code stands for, if any. */
export function signalOf(code: number | null, kind: string): LifecycleSignal | null {
  if (kind === 'fatal') return 'fatal';
  if (code === 1001) return 'connected';
  if (code === 1002) return 'pushBegin';
  if (code === 5000 || code === 5001) return 'suspended';
  return code === 1102 || code === 3005 || (code !== null && code >= 3001 && code <= 3003) ? 'retry' : null;
}
