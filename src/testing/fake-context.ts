/**
 * The one fake native pusher context. Every fake device stands on it: `ts-pusher/testing`
 * (`installFakeDevice`), the unit rig, the bench's phone and the DevTools emulation. Phone-safe
 * (no Node API, timers only) and small, because the emulation ships inside miniprogram_dist.
 */
import { NATIVE_METHODS, type NativeCallOptions, type NativeMethod, type NativePusherContext } from '../native';
import { playTrace, type Trace, type TracePlayback, type TraceSink } from '../traces';

/**
 * How a fake native method answers one call, the one format of every fake: a success whose
 * detail is `{ errMsg: '<method>:ok', ...result }` (`{}`: plain success), a failure `{ fail }`
 * (`{ errMsg: '<method>:fail <fail>' }`), either `after` ms (default: the device's delay);
 * `'hang'`: never answers; `'throw'`: throws at once, as old base libraries do.
 */
export type FakeAnswer = { readonly result?: Record<string, unknown>; readonly fail?: string; readonly after?: number } | 'hang' | 'throw';

/** What makes one fake device differ from another: timing, answers, what a start plays. */
export interface FakeContextOptions {
  /** ms before an answer when it names no `after` (default 2). */
  readonly delay?: number;
  /** How this call answers (`undefined`: `{}`, a success). Also sees every call, to record it. */
  answer?(method: NativeMethod, options: NativeCallOptions): FakeAnswer | undefined;
  /** What a successful `start` plays from its answer on (default: 1001, then 1002, `delay` ms apart). */
  started?(): Trace;
}

/** A fake native pusher: contexts that share one device state. */
export interface FakeContext {
  /** A context on this device (as each `createLivePusherContext` gives one). */
  context(): NativePusherContext;
  /** The native push runs: a start succeeded and no stop since. */
  readonly pushing: boolean;
  /** Calls not answered yet (`hang` ones stay). */
  readonly inFlight: number;
  /** Plays a trace now instead of the current one (`[]`: stops it). */
  play(trace: Trace): void;
  /** Stops the trace and drops every answer not given yet. */
  end(): void;
}

/** A fake native pusher whose played steps go to `sink` (state codes, errors, samples, network, page). */
export function fakeContext(sink: TraceSink, options: FakeContextOptions = {}): FakeContext {
  const delay = options.delay === undefined ? 2 : options.delay;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let playback: TracePlayback | undefined;
  const device = {
    pushing: false,
    inFlight: 0,
    context() {
      const context: NativePusherContext = {};
      for (const method of NATIVE_METHODS) {
        context[method] = (given: NativeCallOptions = {}) => {
          const answer = (options.answer && options.answer(method, given)) || {};
          if (answer === 'throw') throw new TypeError(method + ' is not a function of this base library');
          device.inFlight++;
          if (answer === 'hang') return;
          const timer = setTimeout(
            () => {
              timers.delete(timer);
              device.inFlight--;
              const ok = answer.fail === undefined;
              const detail = ok ? { errMsg: method + ':ok', ...answer.result } : { errMsg: method + ':fail ' + answer.fail };
              if (ok && (method === 'start' || method === 'stop')) {
                device.pushing = method === 'start';
                device.play(device.pushing ? (options.started ? options.started() : [{ at: delay, code: 1001 }, { at: 2 * delay, code: 1002 }]) : []);
              }
              const callback = ok ? given.success : given.fail;
              if (callback) callback(detail);
              if (given.complete) given.complete(detail);
            },
            answer.after === undefined ? delay : answer.after,
          );
          timers.add(timer);
        };
      }
      return context;
    },
    play(trace: Trace) {
      if (playback) playback.stop();
      playback = playTrace(trace, sink);
    },
    end() {
      device.play([]);
      timers.forEach((timer) => clearTimeout(timer));
      timers.clear();
    },
  };
  return device;
}
