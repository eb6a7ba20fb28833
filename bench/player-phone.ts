/**
 * The phone every viewer in the player's recovery bench drives: the shared fake native player
 * and fake `wx` (src/testing, as the player's unit rig uses them), with the viewer's network and
 * the broadcaster's stream switched together for both. Timing follows the shipped player traces
 * (src/play/traces.ts): a play opens with 2001 … 2004 within 450 ms and then sends a healthy
 * sample every 2 s; when the network or the stream goes, the native player reconnects by itself,
 * 2103 three times 2 s apart, and gives up with -2301 2 s after the last. A native play that
 * finds no network or no stream ends so too (3002 or 2001 first). A reconnect of the native
 * player that is under way when both are back succeeds at once (FakePlayer's rule).
 */
import { PLAYER_TRACES } from '../src/play/traces';
import { FakePlatform } from '../src/testing/fake-platform';
import { FakePlayer } from '../src/testing/fake-player';

/** ms before the native player answers a call. */
const ANSWER_MS = 30;
/** ms between the native player's own reconnects (the traces' 2 s). */
const RETRY_MS = 2000;
/** Frames flow when a sample with a video bitrate came this recently (samples come every 2 s). */
const FLOWING_MS = 2500;

/** A state code or a sample the phone sent, at a virtual time. */
export interface Sent {
  readonly code?: number;
  readonly videoBitrate?: number;
  readonly at: number;
}

/** A fake phone whose native player follows the network and the stream; it sends its events to `onCode` and `onNet`. */
export class PlayerPhone {
  readonly sent: Sent[] = [];
  readonly device = new FakePlayer({ delay: ANSWER_MS, retryMs: RETRY_MS, started: () => PLAYER_TRACES.happy });
  readonly platform = new FakePlatform();
  /** Where the state codes go (the viewer under test sets it). */
  onCode: (code: number, message?: string) => void = () => undefined;
  /** Where the netstatus samples go. */
  onNet: (info: Record<string, number>) => void = () => undefined;

  constructor() {
    this.device.code = (code, message) => {
      this.sent.push({ code, at: Date.now() });
      this.onCode(code, message);
    };
    this.device.net = (info) => {
      this.sent.push({ videoBitrate: Number(info.videoBitrate) || 0, at: Date.now() });
      this.onNet(info as Record<string, number>);
    };
  }

  /** Virtual times of native `play` calls at or after `from`. */
  plays(from: number): number[] {
    return this.device.calls.filter((call) => call.method === 'play' && call.at >= from).map((call) => call.at);
  }

  /** When `code` was first sent at or after `from`. */
  first(code: number, from: number): number | undefined {
    const found = this.sent.find((sent) => sent.code === code && sent.at >= from);
    return found && found.at;
  }

  /** How many times `code` was sent at or after `from`. */
  count(code: number, from: number): number {
    return this.sent.filter((sent) => sent.code === code && sent.at >= from).length;
  }

  /** Playback runs now: the native player plays and frames arrived in the last 2.5 s. */
  running(): boolean {
    const now = Date.now();
    return this.device.playing && this.sent.some((sent) => !!sent.videoBitrate && sent.at > now - FLOWING_MS);
  }

  /** The viewer's network goes: `wx` tells its listeners, and the native player loses the stream. */
  offline(): void {
    this.platform.network(false);
    this.device.offline();
  }

  online(): void {
    this.platform.network(true);
    this.device.online();
  }

  /** The broadcaster stops pushing (the viewer stays online). */
  streamGone(): void {
    this.device.streamGone();
  }

  streamBack(): void {
    this.device.streamBack();
  }

  /** Stops everything the phone still had to send. */
  end(): void {
    this.device.end();
  }
}
