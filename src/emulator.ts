/**
 * Emulation where `<live-pusher>` cannot run (WeChat DevTools): the shared fake native context
 * (testing/fake-context.ts, the one every test stands on) answering like a device and playing a
 * trace after `start`. Its events go through the component's own handlers, so the mapper,
 * controller and policies see exactly what a phone would send.
 */
import { problem, type AttributeProblem } from './attributes';
import type { NativePusherContext } from './native';
import { fakeContext } from './testing/fake-context';
import { TRACES, type Trace, type TraceName, type TraceSink } from './traces';

/** Where the emulated tag's events go: the component's handlers, and the page's visibility. */
export type EmulatorSink = Omit<TraceSink, 'network'>;

/** An emulated device: its context, and a stop for its trace. */
export interface Emulation {
  readonly context: NativePusherContext;
  stop(): void;
}

/**
 * What the `emulate` property asks for: `''` automatic (DevTools only), `'off'`, or a trace name
 * of `traces` (default the pusher's, `TRACES`; the player passes `PLAYER_TRACES`).
 */
export function emulationFor<N extends string = TraceName>(
  value: unknown,
  platform: string,
  traces: { readonly [name in N]: Trace } = TRACES as unknown as { readonly [name in N]: Trace },
): { trace: N | ''; problem?: AttributeProblem } {
  const named = value === 'off' || (typeof value === 'string' && value in traces);
  const trace = named ? (value === 'off' ? '' : (value as N)) : platform === 'devtools' ? ('happy' as N) : '';
  return named || value === '' || value == null
    ? { trace }
    : { trace, problem: problem('UNKNOWN_VALUE', 'emulate', value, '', "'', off, " + Object.keys(traces).join(', ')) };
}

/**
 * Emulates a device that answers every call after 30 ms and plays `trace` on the first `start`,
 * `happy` on later ones: the shared fake context (`testing/fake-context`), the one ts-pusher's
 * tests stand on. (The shipped traces keep the network on; `ts-pusher/testing` plays network
 * steps in tests.)
 */
export function emulate(trace: TraceName, sink: EmulatorSink): Emulation {
  let starts = 0;
  const device = fakeContext(
    sink,
    30,
    (start) => (start ? TRACES[starts++ ? 'happy' : trace] : []),
    (method) => (method === 'getMaxZoom' ? { result: { maxZoom: 5 } } : undefined),
  );
  return { context: device.context, stop: () => device.play([]) };
}
