/**
 * The fake native pusher a test drives: the shared fake context (`fake-context.ts`) plus what a
 * test reads and sets around it — answers by method, every call with its time, the codes a
 * start sends, and where the device's events go. The unit rig, the bench's phone and
 * `installFakeDevice` use it. Node-side (tests), not shipped to phones.
 */
import type { NativeCallOptions, NativeMethod, NativePusherContext } from '../native';
import type { Trace } from '../traces';
import { fakeContext, type FakeAnswer, type FakeContext } from './fake-context';

/** One call the native pusher received, at a (fake) time. */
export interface FakeNativeCall {
  readonly method: NativeMethod;
  readonly options: NativeCallOptions;
  readonly at: number;
}

/** Options of a `FakePusher`. */
export interface FakePusherOptions {
  /** ms before an answer and between start codes (default 1). */
  readonly delay?: number;
  /** A method's success result when its answer names none (e.g. `snapshot`'s image). */
  readonly results?: { readonly [method: string]: Record<string, unknown> };
  /** Methods the base library lacks: absent from every context. */
  readonly missing?: readonly string[];
  /** What a successful start plays (default: `startCodes`, `delay` ms apart). */
  started?(): Trace;
  /** Sees every call first (to record it in another shape). */
  called?(method: NativeMethod, options: NativeCallOptions): void;
}

/** The phone's native pusher, as far as a test can tell. */
export class FakePusher {
  readonly calls: FakeNativeCall[] = [];
  /** Answers by method; a list is used up one answer a call (its last answer stays). */
  answers: { [method: string]: FakeAnswer | FakeAnswer[] } = {};
  /** Codes sent after a successful start, `delay` ms apart (unless `started` says otherwise). */
  startCodes: number[] = [1001, 1002];
  /** The most calls in flight at once. */
  maxInFlight = 0;
  /** A start succeeded and no stop since. */
  private running = false;
  /** Calls that will never answer. */
  private hanging = 0;
  /** The answers on their way. */
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  readonly delay: number;
  /** Where the device's events go (set by whoever wires it to a controller or a page). */
  code: (code: number, message?: string) => void = () => undefined;
  error: (errCode: number, errMsg?: string) => void = () => undefined;
  net: (info: Record<string, unknown>) => void = () => undefined;
  network: (connected: boolean) => void = () => undefined;
  page: (shown: boolean) => void = () => undefined;
  private readonly native: FakeContext;

  constructor(private readonly options: FakePusherOptions = {}) {
    const delay = (this.delay = options.delay === undefined ? 1 : options.delay);
    const sink = {
      code: (code: number, message?: string) => this.code(code, message),
      error: (errCode: number, errMsg?: string) => this.error(errCode, errMsg),
      net: (info: Record<string, unknown>) => this.net(info),
      network: (connected: boolean) => this.network(connected),
      page: (shown: boolean) => this.page(shown),
    };
    this.native = fakeContext(
      sink,
      delay,
      (start) => {
        this.running = start;
        if (!start) return [];
        return options.started ? options.started() : this.startCodes.map((code, i) => ({ at: (i + 1) * delay, code }));
      },
      (method, given) => this.answerFor(method, given),
      (answer, ms) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          answer();
        }, ms);
        this.timers.add(timer);
      },
    );
  }

  /** Whether the native push runs now. */
  get pushing(): boolean {
    return this.running;
  }
  /** Calls not answered yet (hanging ones stay). */
  get inFlight(): number {
    return this.timers.size + this.hanging;
  }

  /** A new context on this device (as `createLivePusherContext` gives). */
  context(): NativePusherContext {
    const context = { ...this.native.context };
    for (const method of this.options.missing || []) delete context[method as NativeMethod];
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

  /** Stops what plays and drops every answer not given yet. */
  end(): void {
    this.native.play([]);
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  }

  private answerFor(method: NativeMethod, given: NativeCallOptions): Exclude<FakeAnswer, 'throw'> | undefined {
    this.calls.push({ method, options: given, at: Date.now() });
    if (this.options.called) this.options.called(method, given);
    const listed = this.answers[method];
    const answer = !Array.isArray(listed) ? listed : listed.length > 1 ? listed.shift() : listed[0];
    if (answer === 'throw') throw new TypeError(method + ' is not a function of this base library');
    if (answer === 'hang') this.hanging++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight + (answer === 'hang' ? 0 : 1));
    const result = this.options.results && this.options.results[method];
    return result && typeof answer !== 'string' ? { result, ...answer } : answer;
  }
}
