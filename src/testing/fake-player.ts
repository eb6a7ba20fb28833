/**
 * The fake native player a test drives: the shared fake context (`fake-context.ts`) with the
 * player's methods, plus what a phone's `<live-player>` does on its own — connecting and
 * playing after `play`, retrying by itself when the network or the broadcaster's stream goes
 * (2103 three times, then -2301 and it gives up), recovering with 2004 when they come back in
 * time. Mirrors `FakePusher`: answers by method, every call with its time, where the events go.
 * `installFakeDevice` and the bench use it. Node-side (tests), not shipped to phones.
 */
import type { NativeCallOptions } from '../native';
import { PLAYER_NATIVE_METHODS, type NativePlayerContext, type PlayerNativeMethod } from '../play/native';
import type { Trace, TraceSink, TraceStep } from '../traces';
import { fakeContext, type FakeAnswer, type FakeContext } from './fake-context';

/** One call the native player received, at a (fake) time. */
export interface FakePlayerCall {
  readonly method: PlayerNativeMethod;
  readonly options: NativeCallOptions;
  readonly at: number;
}

/** Options of a `FakePlayer`. */
export interface FakePlayerOptions {
  /** ms before an answer and between play codes (default 1). */
  readonly delay?: number;
  /** ms between the native player's own reconnects (2103s) before it gives up (default 1000). */
  readonly retryMs?: number;
  /** A method's success result when its answer names none (e.g. `snapshot`'s image). */
  readonly results?: { readonly [method: string]: Record<string, unknown> };
  /** Methods the base library lacks: absent from every context. */
  readonly missing?: readonly string[];
  /** What a play that begins plays (default: `playCodes`, `delay` ms apart). Not asked when the play finds no network or no stream. */
  started?(): Trace;
  /** Sees every call first (to record it in another shape). */
  called?(method: PlayerNativeMethod, options: NativeCallOptions): void;
}

/** The steps of `trace` from `from` ms on, moved to begin `delay` ms from now. */
const shifted = (trace: Trace, from: number, delay: number): Trace =>
  trace.filter((step) => step.at >= from).map((step) => ({ ...step, at: step.at - from + delay }));

/** The phone's native player, as far as a test can tell. */
export class FakePlayer {
  readonly calls: FakePlayerCall[] = [];
  /** Answers by method; a list is used up one answer a call (its last answer stays). */
  answers: { [method: string]: FakeAnswer | FakeAnswer[] } = {};
  /** Codes sent after a successful play, `delay` ms apart (unless `started` says otherwise). */
  playCodes: number[] = [2001, 2002, 2003, 2004];
  /** The most calls in flight at once. */
  maxInFlight = 0;
  readonly delay: number;
  readonly retryMs: number;
  /** Where the device's events go (set by whoever wires it to a controller or a page). */
  code: (code: number, message?: string) => void = () => undefined;
  error: (errCode: number, errMsg?: string) => void = () => undefined;
  net: (info: Record<string, unknown>) => void = () => undefined;
  /** A trace's network step (default: this player's own `offline()` / `online()`). */
  network: (connected: boolean) => void = (connected) => (connected ? this.online() : this.offline());
  page: (shown: boolean) => void = () => undefined;
  /** `bindfullscreenchange`: a successful `requestFullScreen` (`direction` 0: vertical, ±90: horizontal) or `exitFullScreen` sends it as it answers. */
  fullscreen: (direction: 'vertical' | 'horizontal', fullScreen: boolean) => void = () => undefined;
  /**
   * Where what the device plays goes: the hooks above, after what the native player itself does
   * with it (-2301 and -2302 end its playing). A trace played beside the native one goes here.
   */
  readonly sink: Required<TraceSink>;
  /** A play (or resume) is under way and has not been stopped, paused or given up (-2301, -2302). */
  private running = false;
  /** Paused by `pause`, until `resume`, `play` or `stop`. */
  private paused = false;
  /** The native player retries by itself (2103s) and will give up unless the network and the stream come back. */
  private retrying = false;
  /** The viewer's network. */
  private connected = true;
  /** The broadcaster's stream exists. */
  private streaming = true;
  /** What flows once pictures come (again): the begun play's trace from its 2004 on. */
  private frames: Trace = [];
  /** Calls that will never answer. */
  private hanging = 0;
  /** The answers on their way. */
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** What a pause or a resume does when it answers. */
  private readonly effects = new Set<ReturnType<typeof setTimeout>>();
  private readonly native: FakeContext<PlayerNativeMethod>;

  constructor(private readonly options: FakePlayerOptions = {}) {
    const delay = (this.delay = options.delay === undefined ? 1 : options.delay);
    this.retryMs = options.retryMs === undefined ? 1000 : options.retryMs;
    const sink = (this.sink = {
      code: (code: number, message?: string) => {
        // -2301: the native player gave up; -2302: it never got the stream. Either way it stopped,
        // and nothing it had still to play comes (a -2301 sent by hand ends its own retries too).
        if (code === -2301 || code === -2302) {
          this.running = this.retrying = false;
          this.native.play([]);
        }
        this.code(code, message);
      },
      error: (errCode: number, errMsg?: string) => this.error(errCode, errMsg),
      net: (info: Record<string, unknown>) => this.net(info),
      network: (connected: boolean) => this.network(connected),
      page: (shown: boolean) => this.page(shown),
    });
    this.native = fakeContext<PlayerNativeMethod>(
      sink,
      delay,
      (play) => this.played(play),
      (method, given) => this.answerFor(method, given),
      (answer, ms) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          answer();
        }, ms);
        this.timers.add(timer);
      },
      PLAYER_NATIVE_METHODS,
    );
  }

  /** Whether the native player plays now: from a successful `play` (or `resume`) until `stop`, `pause`, -2301 or -2302; its own reconnects count as playing. */
  get playing(): boolean {
    return this.running;
  }
  /** How many native `play` calls it received. */
  get plays(): number {
    return this.calls.filter((call) => call.method === 'play').length;
  }
  /** Calls not answered yet (hanging ones stay). */
  get inFlight(): number {
    return this.timers.size + this.hanging;
  }

  /** A new context on this device (as `createLivePlayerContext` gives). */
  context(): NativePlayerContext {
    const context = { ...this.native.context };
    for (const method of this.options.missing || []) delete context[method as PlayerNativeMethod];
    return context;
  }

  /** The methods called, in order. */
  methods(): string[] {
    return this.calls.map((call) => call.method);
  }

  /** Plays a trace now, instead of what plays (`[]` stops it). */
  play(trace: Trace): void {
    this.native.play(trace);
  }

  /** The viewer's network goes away: while playing, the native player retries (2103 ×3) and gives up (-2301) unless it comes back. */
  offline(): void {
    this.connected = false;
    this.lose();
  }
  /** The viewer's network comes back: a retry under way succeeds (2004 and the frames again). */
  online(): void {
    this.connected = true;
    this.recover();
  }
  /** The broadcaster stops (the viewer online): the same retries and -2301, and every later play ends so, until `streamBack()`. */
  streamGone(): void {
    this.streaming = false;
    this.lose();
  }
  /** The broadcaster pushes again: a retry under way succeeds, a later play begins normally. */
  streamBack(): void {
    this.streaming = true;
    this.recover();
  }

  /** Stops what plays and drops every answer not given yet. */
  end(): void {
    this.native.play([]);
    this.running = this.retrying = this.paused = false;
    for (const set of [this.timers, this.effects]) {
      set.forEach((timer) => clearTimeout(timer));
      set.clear();
    }
  }

  /** What a successful native `play` (true) or `stop` (false) plays. */
  private played(play: boolean): Trace {
    this.running = play;
    this.paused = this.retrying = false;
    if (!play) return [];
    const d = this.delay;
    const begun = this.options.started ? this.options.started() : this.playCodes.map((code, i): TraceStep => ({ at: (i + 1) * d, code }));
    if (this.connected && this.streaming) {
      const begin = begun.find((step) => 'code' in step && step.code === 2004);
      this.frames = begin ? shifted(begun, begin.at, d) : [{ at: d, code: 2004 }];
      return begun;
    }
    // No network: the connection fails first (3002); no stream: it connects and finds nothing.
    // Should both come back before -2301, the play begins as it would have.
    this.frames = shifted(begun, 0, 0);
    this.retrying = true;
    return [{ at: d, code: this.connected ? 2001 : 3002 }, ...this.retries(d + this.retryMs)];
  }

  /** The native player's own reconnects from `at`: three 2103s `retryMs` apart, then -2301. */
  private retries(at: number): TraceStep[] {
    const r = this.retryMs;
    return [2103, 2103, 2103, -2301].map((code, i) => ({ at: at + i * r, code }));
  }

  /** The network or the stream went while playing: the native player retries by itself. */
  private lose(): void {
    if (!this.running || this.retrying) return;
    this.retrying = true;
    this.native.play(this.retries(this.delay));
  }

  /** The network and the stream are back: a retry under way succeeds. */
  private recover(): void {
    if (!this.retrying || !this.connected || !this.streaming) return;
    this.retrying = false;
    this.native.play(this.frames);
  }

  /** A pause stops the frames when it answers; a resume brings them back (or retries, with no network or stream). */
  private pausedOrResumed(pause: boolean): void {
    if (pause) {
      if (!this.running) return;
      this.running = this.retrying = false;
      this.paused = true;
      this.native.play([]);
      return;
    }
    if (!this.paused) return;
    this.paused = false;
    this.running = true;
    if (this.connected && this.streaming) this.native.play(this.frames);
    else this.lose();
  }

  /** What a successful call does besides answering (`play` and `stop`: the shared context plays it). */
  private effectOf(method: PlayerNativeMethod, given: NativeCallOptions): (() => void) | undefined {
    if (method === 'pause' || method === 'resume') return () => this.pausedOrResumed(method === 'pause');
    if (method === 'requestFullScreen') return () => this.fullscreen(given.direction ? 'horizontal' : 'vertical', true);
    if (method === 'exitFullScreen') return () => this.fullscreen('vertical', false);
    return undefined;
  }

  private answerFor(method: PlayerNativeMethod, given: NativeCallOptions): Exclude<FakeAnswer, 'throw'> | undefined {
    this.calls.push({ method, options: given, at: Date.now() });
    if (this.options.called) this.options.called(method, given);
    const listed = this.answers[method];
    const answer = !Array.isArray(listed) ? listed : listed.length > 1 ? listed.shift() : listed[0];
    if (answer === 'throw') throw new TypeError(method + ' is not a function of this base library');
    if (answer === 'hang') this.hanging++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight + (answer === 'hang' ? 0 : 1));
    const effect = this.effectOf(method, given);
    if (effect && answer !== 'hang' && (!answer || answer.fail === undefined)) {
      // Scheduled before the answer's own timer, with the same delay: it takes effect as the call answers.
      const timer = setTimeout(
        () => {
          this.effects.delete(timer);
          effect();
        },
        answer && answer.after !== undefined ? answer.after : this.delay,
      );
      this.effects.add(timer);
    }
    const result = this.options.results && this.options.results[method];
    return result && typeof answer !== 'string' ? { result, ...answer } : answer;
  }
}
