/**
 * The phone every pusher in the recovery bench drives: the shared fake native pusher and fake
 * `wx` (src/testing, as the unit rig uses them), plus what a device does with the network, which the rig leaves out (its pusher
 * always connects). Timing follows LiteAV's defaults: a push connects 400 ms after `start` (as
 * in the shipped traces); a failed or dropped connection is retried 3 times, 3 s apart, then
 * the SDK gives up with -1307. A start while offline thus ends in -1307 after 9.4 s, a drop
 * after 10 s; a retry that finds the network back reconnects by itself (1001, 1002).
 */
import type { NativeCallOptions, NativePusherContext } from '../src/index';
import { FakePlatform } from '../src/testing/fake-platform';
import { FakePusher } from '../src/testing/fake-pusher';

/** Native `start` answered → first connection try (1001 when online). */
const CONNECT_MS = 400;
/** 1001 → 1002. */
const HANDSHAKE_MS = 300;
/** The link drops → the SDK notices (1102). */
const NOTICE_MS = 1000;
/** LiteAV's connectRetryCount and connectRetryInterval defaults. */
const RETRIES = 3;
const RETRY_MS = 3000;
/** The page hides → the system stops the push (5000), as in the `background` trace. */
const SUSPEND_MS = 100;

/** A state code the phone sent, at a virtual time. */
export interface SentCode {
  readonly code: number;
  readonly at: number;
}

/** A fake phone whose native pusher follows the network; it sends its codes to `device.code`. */
export class Phone {
  readonly sent: SentCode[] = [];
  /** Bumped by every native start and stop and by the SDK giving up: older timers fall silent. */
  private session = 0;
  /** The native push is connected. */
  private live = false;

  constructor(
    readonly device: FakePusher = new FakePusher(),
    readonly platform: FakePlatform = new FakePlatform(),
  ) {
    device.startCodes = []; // the phone sends the codes, by the network
    const context = device.context.bind(device);
    device.context = () => this.wrap(context());
  }

  /** Virtual times of native `start` calls at or after `from`. */
  starts(from: number): number[] {
    return this.device.calls.filter((call) => call.method === 'start' && call.at >= from).map((call) => call.at);
  }

  /** When `code` was first sent at or after `from`. */
  first(code: number, from: number): number | undefined {
    const found = this.sent.find((sent) => sent.code === code && sent.at >= from);
    return found && found.at;
  }

  /** The network goes away; a connected push drops (1102, the SDK's retries, -1307). */
  offline(): void {
    this.platform.network(false);
    if (!this.live) return;
    this.live = false;
    const session = this.session;
    this.after(session, NOTICE_MS, () => {
      this.send(1102);
      this.after(session, RETRY_MS, () => this.connect(session, RETRIES - 1));
    });
  }

  online(): void {
    this.platform.network(true);
  }

  /** The page goes to the background: the system stops the push. */
  hide(): void {
    const session = this.session;
    this.after(session, SUSPEND_MS, () => this.end(5000));
  }

  private wrap(context: NativePusherContext): NativePusherContext {
    const { start, stop } = context;
    const then = (options: NativeCallOptions, fn: () => void): NativeCallOptions => ({
      ...options,
      success: (result) => {
        fn();
        if (options.success) options.success(result);
      },
    });
    return {
      ...context,
      start: (options) => start!(then(options, () => this.begin())),
      stop: (options) => stop!(then(options, () => ((this.live = false), this.session++))),
    };
  }

  private begin(): void {
    const session = ++this.session;
    this.live = false;
    this.after(session, CONNECT_MS, () => this.connect(session, RETRIES));
  }

  /** One connection try; `left` retries remain after it. */
  private connect(session: number, left: number): void {
    if (this.platform.networkType !== 'none') {
      this.send(1001);
      this.after(session, HANDSHAKE_MS, () => ((this.live = true), this.send(1002)));
    } else if (left > 0) {
      this.send(3001);
      this.after(session, RETRY_MS, () => this.connect(session, left - 1));
    } else {
      this.end(-1307);
    }
  }

  private end(code: number): void {
    this.session++;
    this.live = false;
    this.send(code);
  }

  private after(session: number, ms: number, fn: () => void): void {
    setTimeout(() => session === this.session && fn(), ms);
  }

  private send(code: number): void {
    this.sent.push({ code, at: Date.now() });
    this.device.code(code);
  }
}
