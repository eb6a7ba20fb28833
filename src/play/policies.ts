/**
 * The player's policies: its settings (the shared reconnect, background, screen and quality
 * policies read them) and the two of its own, the stall watch and the src refresher. Framework-free.
 */
import { int, type AttributeProblem } from '../attributes';
import type { PusherError } from '../errors';
import type { QualityLevel, QualitySource } from '../events';
import {
  DEFAULT_POLICIES,
  resolvePolicies,
  SPECS as PUSHER_SPECS,
  type Policy,
  type PolicySpecs,
  type ReconnectPolicy,
} from '../policies/index';
import { qualityOf } from '../policies/quality';
import { askRefresher } from '../policies/url';
import { MAX_MS } from '../timer';
import { PLAY_URL } from './attributes';
import type { PlayerNetStatus, PlayerStateEvent } from './events';
import type { PlayStatus } from './lifecycle';

/** Every player policy and its setting. */
export interface PlayerPolicies {
  /** After -2301 (and a native reconnect that outlasts the start timeout): play again with backoff. `false`: -2301 fails playback. */
  readonly reconnect: false | ReconnectPolicy;
  /** Playing or buffering this long with no video and no audio arriving: restart (as a reconnect attempt). `false`: off. */
  readonly stallMs: number | false;
  /** Play again (from the live edge) when the page shows or an audio interruption ends, if it was playing. */
  readonly resumeOnShow: boolean;
  /** `wx.setKeepScreenOn` while loading, playing, buffering or reconnecting on a shown page. */
  readonly keepScreenOn: boolean;
  /** Emit `quality` from netstatus. */
  readonly quality: boolean;
}

/** What `policies` and `setPolicies()` take: any subset, merged over the current settings. */
export type PlayerPolicyInput = {
  readonly [K in keyof PlayerPolicies]?: K extends 'reconnect' ? boolean | Partial<ReconnectPolicy> : PlayerPolicies[K] | boolean;
};

/** The defaults: every policy on. */
export const DEFAULT_PLAYER_POLICIES: PlayerPolicies = {
  reconnect: DEFAULT_POLICIES.reconnect,
  stallMs: 8000,
  resumeOnShow: true,
  keepScreenOn: true,
  quality: true,
};

/** The pusher's checks (the reconnect fields, resumeOnShow, keepScreenOn, quality), and the stall watch's. */
const SPECS: PolicySpecs = { ...PUSHER_SPECS, stallMs: int(8000, 1000, MAX_MS) };

/**
 * Merges `input` over `base` as the pusher's policies are merged (a bad value keeps the base
 * one and is reported; never throws); `stallMs: false` (or `true`: the default) too.
 */
export function resolvePlayerPolicies(
  input: unknown,
  base: PlayerPolicies = DEFAULT_PLAYER_POLICIES,
): { policies: PlayerPolicies; problems: AttributeProblem[] } {
  const stall = input && (input as { stallMs?: unknown }).stallMs;
  const off = stall === false || stall === 'false';
  // `false` turns the watch off, `true` means the default: neither is a number `check` knows.
  const given = off || stall === true || stall === 'true' ? { ...(input as object), stallMs: off ? null : 8000 } : input;
  const resolved = resolvePolicies<PlayerPolicies>(given, base, DEFAULT_PLAYER_POLICIES, SPECS);
  if (off) (resolved.policies as { stallMs: unknown }).stallMs = false;
  return resolved;
}

/**
 * The level of one player sample: `netQualityLevel` when sent, else the pusher's reading with the
 * frame rate against 15 fps (a stream that arrives is at full bitrate for itself; sound only is
 * excellent while it arrives; nothing arriving is down).
 */
export const playerQualityOf = (status: PlayerNetStatus): [QualityLevel, QualitySource] =>
  qualityOf(status, status.videoBitrate || 1, 15, status.videoBitrate > 0);

/** What the stall watch and the src refresher see of the player's driver. */
export interface PlayerPolicyHost {
  readonly status: PlayStatus;
  readonly policies: PlayerPolicies;
  /** The src on the tag now. */
  readonly src: string;
  /** Playback stopped moving: restart it as a reconnect attempt. */
  stalled(): void;
  /** Puts a refreshed src on the tag. */
  patch(attrs: { src: string }): void;
  /** Waits for the app's code at most the start timeout (then rejects `TIMEOUT`); detach settles it. */
  waitFor<T>(call: () => T | Promise<T>): Promise<T>;
}

/** A player policy's hooks. */
export type PlayerPolicy = Policy<{ readonly status: PlayStatus }, PlayerStateEvent, PlayerNetStatus, unknown>;

/**
 * The stall watch: playing or buffering with netstatus bitrates at 0, or `buffering`, for
 * `stallMs` means no picture and no sound — the black screen. It asks for a restart once per stall.
 */
export function stallPolicy(
  host: PlayerPolicyHost,
  timers: { after$(ms: number, fn: () => void): unknown; clear$(t: unknown): void },
): PlayerPolicy {
  let timer: unknown = null;
  const disarm = () => (timer && timers.clear$(timer), (timer = null));
  const arm = () => {
    const ms = host.policies.stallMs;
    if (timer || !ms || (host.status !== 'playing' && host.status !== 'buffering')) return;
    timer = timers.after$(ms, () => {
      timer = null;
      if (host.status === 'playing' || host.status === 'buffering') host.stalled();
    });
  };
  return {
    onStatus$(change) {
      // Buffering starts the clock; playing again stops it (a sample with no data starts it anew).
      disarm();
      if (change.status === 'buffering') arm();
    },
    onNet$(status) {
      if (status.videoBitrate > 0 || status.audioBitrate > 0) {
        if (host.status === 'playing') disarm();
      } else arm();
    },
    onAttrs$: () => host.policies.stallMs || disarm(),
    onStop$: disarm,
  };
}

/** What the src refresher is asked with: why, and the src on the tag now (signature included). */
export interface SrcRefreshRequest {
  readonly reason: 'restart' | 'rejected';
  readonly src: string;
}

/** Returns (a promise of) a new signed play URL: `rtmp://`, `http(s)://….flv` or `room://`. */
export type SrcRefresher = (request: SrcRefreshRequest) => string | Promise<string>;

/** The src policy as the driver drives it (`stop()` and detach drop answers that come later). */
export interface SrcPolicy extends PlayerPolicy {
  /** @internal */
  set$(refresher: SrcRefresher | null): void;
  /** @internal Whether a refresher is set. */
  has$(): boolean;
  /**
   * @internal Asks the refresher (when set) and puts its src on the tag: `null` when done (or
   * none is set), the error saying why not otherwise. At most 3 refreshes in 5 minutes.
   */
  refresh$(reason: SrcRefreshRequest['reason']): Promise<PusherError | null>;
}

export function srcPolicy(host: PlayerPolicyHost): SrcPolicy {
  let refresher: SrcRefresher | null = null;
  let gen = 0;
  const recent: number[] = [];
  /** Lets a restart waiting for the refresher go on at once (it then finds itself dropped). */
  let release: (() => void) | null = null;
  return {
    set$: (fn) => void (refresher = fn),
    has$: () => !!refresher,
    // stop() (or detach) does not wait for the refresher: its answer, when it comes, is dropped.
    onStop$: () => void (gen++, release && release()),
    refresh$(reason) {
      if (!refresher) return Promise.resolve(null);
      const mine = gen;
      const ask = refresher;
      const answered = askRefresher(host, recent, reason, () => ask({ reason, src: host.src }), PLAY_URL, 'a play URL').then((next) => {
        if (typeof next !== 'string') return next;
        if (mine === gen) host.patch({ src: next });
        return null;
      });
      return Promise.race([answered, new Promise<null>((resolve) => (release = () => resolve(null)))]);
    },
  };
}
