/**
 * The one fake native context, the pusher's and the player's. Every fake device stands on it:
 * `ts-pusher/testing` (`installFakeDevice`), the unit rig, the bench's phone and the DevTools
 * emulations. Phone-safe (no Node API, timers only) and small, because the emulations ship
 * inside miniprogram_dist.
 */
import { NATIVE_METHODS, type NativeCallOptions, type NativeMethod } from '../native';
import { playTrace, type Trace, type TracePlayback, type TraceSink } from '../traces';

/**
 * How a fake native method answers one call, the one format of every fake: `success` with
 * `{ errMsg: '<method>:ok', ...result }` (`{}`: plain success), or `fail` with
 * `{ errMsg: '<method>:fail <fail>' }`, either `after` ms (default: the device's delay);
 * `'hang'`: never answers; `'throw'`: throws at once, as old base libraries do.
 */
export type FakeAnswer = { readonly result?: Record<string, unknown>; readonly fail?: string; readonly after?: number } | 'hang' | 'throw';

/**
 * How a call answers (`undefined`: `{}`, a success); sees every call first, to record it. A
 * `'throw'` answer is the hook's to throw (`FakePusher` does): the emulation never throws.
 */
export type FakeAnswering<M extends string = NativeMethod> = (
  method: M,
  options: NativeCallOptions,
) => Exclude<FakeAnswer, 'throw'> | undefined;

/** A fake native pusher (or, with the player's methods, a fake native player). */
export interface FakeContext<M extends string = NativeMethod> {
  /** Its context (what `createLivePusherContext` or `createLivePlayerContext` gives; one object, as the device is one). */
  readonly context: { [K in M]?: (options: NativeCallOptions) => void };
  /** Plays a trace now instead of the current one (`[]`: stops it). */
  play(trace: Trace): void;
}

/**
 * A fake native context whose played steps go to `sink` (state codes, errors, samples, network,
 * page): answers come `delay` ms after a call unless `answer` says otherwise; a successful
 * call of the first of `methods` (the pusher's `start`, the player's `play`) plays
 * `played(true)`, a successful `stop` `played(false)` (what plays goes on until then); `later`
 * schedules every answer (default `setTimeout`: a test passes its own to count and drop answers
 * on their way). `methods`: the context's methods (default the pusher's, `NATIVE_METHODS`).
 * Positional, so the phone build keeps no option names.
 */
export function fakeContext<M extends string = NativeMethod>(
  sink: TraceSink,
  delay: number,
  played: (start: boolean) => Trace,
  answer?: FakeAnswering<M>,
  later?: (answer: () => void, ms: number) => void,
  methods: readonly M[] = NATIVE_METHODS as readonly string[] as readonly M[],
): FakeContext<M> {
  let playback: TracePlayback | undefined;
  const context: { [K in M]?: (options: NativeCallOptions) => void } = {};
  const play = (trace: Trace) => {
    if (playback) playback.stop();
    playback = playTrace(trace, sink);
  };
  for (const method of methods) {
    context[method] = (given: NativeCallOptions) => {
      const how = (answer && answer(method, given)) || {};
      if (how === 'hang') return;
      (later || setTimeout)(
        () => {
          const ok = how.fail === undefined;
          if (ok && (method === methods[0] || method === 'stop')) play(played(method === methods[0]));
          const callback = ok ? given.success : given.fail;
          if (callback) callback(ok ? { errMsg: method + ':ok', ...how.result } : { errMsg: method + ':fail ' + how.fail });
        },
        how.after === undefined ? delay : how.after,
      );
    };
  }
  return { context, play };
}
