/**
 * The play lifecycle of `<ts-player>`: the same lifecycle driver and facade as the pusher's
 * (`../driver.ts`, `../live-controller.ts`: the call queue, the status machine, the timers, the
 * `wx` seam) over `PLAYER_TRANSITIONS`, with the shared reconnect, background, screen and quality
 * policies given the player's statuses, and the player's own stall watch and src refresher.
 */
import type { DriverHost } from '../driver';
import type { PusherError } from '../errors';
import { errorFromEvent, type PusherStateEvent } from '../events';
import { LiveController } from '../live-controller';
import type { Platform } from '../platform';
import type { RestartCause } from '../policies/index';
import type { ControllerOptions } from '../timeouts';
import { DEFAULT_PLAYER_ATTRIBUTES, normalizePlayerAttributes, type PlayerAttributeProblem, type PlayerAttributes } from './attributes';
import { stalledError } from './errors';
import type { PlayerNetStatus, PlayerStateEvent } from './events';
import { PLAYER_TRANSITIONS, playerSignalOf, type PlayerLifecycleInput, type PlayStatus } from './lifecycle';
import type { NativePlayerContext, PlayerNativeMethod } from './native';
import {
  DEFAULT_PLAYER_POLICIES,
  playerQualityOf,
  resolvePlayerPolicies,
  srcPolicy,
  stallPolicy,
  type PlayerPolicies,
  type PlayerPolicyHost,
  type SrcPolicy,
} from './policies';
import type { PlayerEvents, PlayerStatusCause } from './player-events';

/** What the player's controller needs from its component (or from a test). */
export interface PlayerHost extends DriverHost<PlayerEvents, PlayerAttributes, NativePlayerContext> {
  readonly platform: Platform;
}

/** Statuses a hidden page suspends, and that keep the screen on. */
const SUSPENDABLE: readonly PlayStatus[] = ['loading', 'playing', 'buffering', 'reconnecting'];
/** A loss is taken over from these; `playing` (second) is the steady one. */
const LIVE: readonly PlayStatus[] = ['loading', 'playing', 'reconnecting', 'suspended', 'buffering'];

/** The play lifecycle over the shared parts; `PlayerController` adds the player's own methods. */
export class PlayDriver
  extends LiveController<
    PlayStatus,
    PlayerLifecycleInput,
    PlayerStatusCause,
    PlayerNativeMethod,
    PlayerAttributes,
    PlayerPolicies,
    PlayerEvents,
    PlayerAttributeProblem
  >
  implements PlayerPolicyHost
{
  /** @internal The refresher failed after -2302: the src is known bad until the next play(). */
  protected _refused = false;
  /** @internal */
  protected readonly _src: SrcPolicy;

  constructor(host: PlayerHost, timeouts: ControllerOptions = {}) {
    super(
      host,
      timeouts,
      PLAYER_TRANSITIONS,
      ['loading', 'playing', 'play', 'begin'],
      DEFAULT_PLAYER_ATTRIBUTES,
      DEFAULT_PLAYER_POLICIES,
      normalizePlayerAttributes,
      resolvePlayerPolicies,
    );
    this._src = srcPolicy(this);
    const [reconnect, background, screen, quality] = this._shared(LIVE, SUSPENDABLE, playerQualityOf as never, [2103, -2301]);
    this._hooks = [this._src, reconnect, background, screen, quality, stallPolicy(this, this._timers)] as PlayDriver['_hooks'];
  }

  /** The src on the tag now (the page's, or the refresher's). */
  get src(): string {
    return this._shown.src;
  }

  /** Feeds a mapped `statechange` event: events, policies, lifecycle. */
  handleEvent(event: PlayerStateEvent): void {
    if (!this.dead$) this._code(event, playerSignalOf(event.code), () => errorFromEvent(event as PusherStateEvent));
  }

  /** Feeds a mapped `netstatus`; frames shown also end a buffering (some devices never send 2004 again). */
  handleNetStatus(status: PlayerNetStatus): void {
    super.handleNetStatus(status);
    if (this.status === 'buffering' && status.videoFPS > 0) this.signal('begin', 'netstatus');
  }

  /** A page in the background keeps playing after `requestBackgroundPlayback()`: no suspend then. */
  signal(input: PlayerLifecycleInput, cause: PlayerStatusCause, error?: PusherError): void {
    if (!(input === 'suspend' && this._background)) super.signal(input, cause, error);
  }

  /** The stall watch saw no picture and no sound for `stallMs`: a loss, restarted as a reconnect attempt. */
  stalled(): void {
    this.signal('lost', 'stall', stalledError(this.policies.stallMs as number));
  }

  // ---------- the player's words ----------

  /** @internal A policy's restart asks the src refresher first (signed play URLs expire); a failed refresh is reported, the old src kept. */
  protected _beforeRestart(cause: RestartCause | 'play'): Promise<unknown> {
    return cause === 'reconnect' || cause === 'show'
      ? this._src.refresh$('restart').then((failed) => failed && this.emit('error', failed))
      : Promise.resolve();
  }

  /** @internal -2302: the play URL was refused; the refresher gives a new one (at most 3 in 5 minutes), or playback fails. */
  protected _takeOver(_input: PlayerLifecycleInput, cause: PlayerStatusCause): boolean | undefined {
    if (cause !== -2302 || this._refused || !this._src.has$()) return undefined;
    const gen = this._gen;
    this._src.refresh$('rejected').then((failed) => {
      // A stop() or play() came meanwhile: the answer belongs to a playback that is over.
      if (gen !== this._gen) return;
      if (!failed) return this.restart('rejected');
      this._refused = true;
      this.signal('fatal', -2302, failed);
    });
    return true;
  }
}
