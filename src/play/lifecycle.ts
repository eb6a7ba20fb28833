/**
 * The play lifecycle as a transition table, like the push lifecycle (../lifecycle.ts): method
 * inputs missing from a row are refused (`INVALID_STATE`), native inputs missing from a row are
 * ignored (the status stays). `loading` and `reconnecting` are left by `timeout` at the latest:
 * whoever drives the table arms a timer in them.
 */

/** Where playback is. */
export type PlayStatus =
  | 'idle'
  | 'loading'
  | 'playing'
  | 'buffering'
  | 'paused'
  | 'reconnecting'
  | 'suspended'
  | 'ended'
  | 'stopped'
  | 'failed';

/** Inputs that come from the app's calls. */
export type PlayerLifecycleMethod = 'play' | 'stop' | 'pause' | 'resume';

/** Inputs that come from the native player, the page or the library. */
export type PlayerLifecycleSignal =
  /** 2001, 2002: connected (playback the app did not start, e.g. `autoplay`). */
  | 'connected'
  /** 2004, 2032, or the first netstatus with a bitrate: pictures and sound arrive (again). */
  | 'begin'
  /** 2007 while playing: the cache ran dry. */
  | 'buffer'
  /** 2103, 3001–3003, 3005: the native player reconnects by itself. */
  | 'retry'
  /** -2301 with the reconnect policy on, or a stall: the library restarts playback. */
  | 'lost'
  /** The page hidden or a system interruption (call, other audio). */
  | 'suspend'
  /** The page shown or the interruption over, and the library plays again (`resumeOnShow`). */
  | 'show'
  /** 2006: the stream ended. */
  | 'end'
  /** A fatal code (-2302, -2301 with no policy), a failed native play, or reconnects exhausted. */
  | 'fatal'
  /** No `begin` in time while loading or reconnecting. */
  | 'timeout';

/** Anything that may move the play status. */
export type PlayerLifecycleInput = PlayerLifecycleMethod | PlayerLifecycleSignal;

/** Every player lifecycle input, in order. */
export const PLAYER_INPUTS = 'play stop pause resume connected begin buffer retry lost suspend show end fatal timeout'.split(
  ' ',
) as readonly PlayerLifecycleInput[];

type Row = { readonly [I in PlayerLifecycleInput]?: PlayStatus };

/**
 * status → input → next status. A paused player stays paused when the page hides (nothing to
 * resume on show); `play` from `paused` starts again at the live edge, `resume` continues.
 */
export const PLAYER_TRANSITIONS: { readonly [S in PlayStatus]: Row } = {
  idle: { play: 'loading', connected: 'loading', begin: 'playing', fatal: 'failed' },
  loading: {
    stop: 'stopped',
    begin: 'playing',
    retry: 'reconnecting',
    lost: 'reconnecting',
    suspend: 'suspended',
    end: 'ended',
    fatal: 'failed',
    timeout: 'failed',
  },
  playing: {
    stop: 'stopped',
    pause: 'paused',
    buffer: 'buffering',
    retry: 'reconnecting',
    lost: 'reconnecting',
    suspend: 'suspended',
    end: 'ended',
    fatal: 'failed',
  },
  buffering: {
    stop: 'stopped',
    pause: 'paused',
    begin: 'playing',
    retry: 'reconnecting',
    lost: 'reconnecting',
    suspend: 'suspended',
    end: 'ended',
    fatal: 'failed',
  },
  paused: { play: 'loading', stop: 'stopped', resume: 'playing', end: 'ended', fatal: 'failed' },
  reconnecting: { stop: 'stopped', begin: 'playing', suspend: 'suspended', end: 'ended', fatal: 'failed', timeout: 'failed' },
  suspended: { play: 'loading', stop: 'stopped', begin: 'playing', show: 'loading', fatal: 'failed' },
  ended: { play: 'loading', stop: 'stopped' },
  stopped: { play: 'loading' },
  failed: { play: 'loading', stop: 'stopped' },
};

/** Every play status, in order (the table's rows). */
export const PLAY_STATUSES = Object.keys(PLAYER_TRANSITIONS) as readonly PlayStatus[];

/** The play status after `input`, or `null` when the table has no such move. */
export function playerStatusAfter(status: PlayStatus, input: PlayerLifecycleInput): PlayStatus | null {
  return PLAYER_TRANSITIONS[status][input] || null;
}

/** Codes after which the native player has stopped retrying: the app (or the reconnect policy) must play again. */
export const PLAYER_LOST_CODES: readonly number[] = [-2301];

/** The lifecycle signal a native player code stands for, if any (`lost` codes are also fatal; unknown codes are none). */
export function playerSignalOf(code: number | null): PlayerLifecycleSignal | null {
  if (code === -2301) return 'lost';
  if (code === -2302) return 'fatal';
  if (code === 2001 || code === 2002) return 'connected';
  if (code === 2004 || code === 2032) return 'begin';
  if (code === 2006) return 'end';
  if (code === 2007) return 'buffer';
  return code === 2103 || code === 3005 || (code !== null && code >= 3001 && code <= 3003) ? 'retry' : null;
}
