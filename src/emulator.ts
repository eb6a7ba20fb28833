/**
 * Emulation where `<live-pusher>` cannot run (WeChat DevTools): a context that answers like a
 * device and plays a trace after `start`, and a platform whose network follows the trace. Its
 * events go through the component's own handlers, so the mapper, controller and policies see
 * exactly what a phone would send.
 */
import { problem, type AttributeProblem } from './attributes';
import { NATIVE_METHODS, type NativeCallOptions, type NativePusherContext } from './native';
import { TRACES, playTrace, type TraceName, type TracePlayback, type TraceSink } from './traces';

/** Where the emulated tag's events go: the component's handlers, and the page's visibility. */
export type EmulatorSink = Omit<TraceSink, 'network'>;

/** An emulated device: its context, and a stop for its trace. */
export interface Emulation {
  readonly context: NativePusherContext;
  stop(): void;
}

/** What the `emulate` property asks for: `''` automatic (DevTools only), `'off'`, or a trace name. */
export function emulationFor(value: unknown, platform: string): { trace: TraceName | ''; problem?: AttributeProblem } {
  if (value === 'off') return { trace: '' };
  if (typeof value === 'string' && value in TRACES) return { trace: value as TraceName };
  const trace = platform === 'devtools' ? 'happy' : '';
  return value === '' || value === null || value === undefined
    ? { trace }
    : { trace, problem: problem('UNKNOWN_VALUE', 'emulate', value, '', "'', off, " + Object.keys(TRACES).join(', ')) };
}

/**
 * Emulates a device that answers every call after 30 ms and plays `trace` on the first `start`,
 * `happy` on later ones. (The shipped traces keep the network on; `ts-pusher/testing` plays
 * network steps in tests.)
 */
export function emulate(trace: TraceName, sink: EmulatorSink): Emulation {
  let starts = 0;
  let playback: TracePlayback | null = null;
  const stop = () => playback && playback.stop();
  const context: NativePusherContext = {};
  for (const method of NATIVE_METHODS) {
    context[method] = (options: NativeCallOptions) =>
      setTimeout(() => {
        if (method === 'stop' || method === 'start') stop();
        if (method === 'start') playback = playTrace(TRACES[starts++ ? 'happy' : trace], { ...sink, network: () => undefined });
        if (options.success) options.success(method === 'getMaxZoom' ? { maxZoom: 5 } : {});
      }, 30);
  }
  return { context, stop };
}
