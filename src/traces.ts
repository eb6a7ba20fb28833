/**
 * Named traces: what a device produces after a native `start`, step by step, so a page can be
 * developed (DevTools emulation) and tested (`ts-pusher/testing`) without a phone. Data, and a
 * small player; framework-free.
 */
import { NET_FIELDS } from './events';

/** What `bindnetstatus` carries in `info` (numbers). */
export type TraceNetInfo = { readonly [field: string]: number };

/** One step, `at` ms after the native start answered. */
export type TraceStep =
  /** A `bindstatechange` code. */
  | { readonly at: number; readonly code: number; readonly message?: string }
  /** A `binderror`. */
  | { readonly at: number; readonly error: number; readonly errMsg?: string }
  /** A `bindnetstatus` sample, repeated every `every` ms, when given, until the next sample. */
  | { readonly at: number; readonly net: TraceNetInfo; readonly every?: number }
  /** The network goes away or comes back. */
  | { readonly at: number; readonly network: 'off' | 'on' }
  /** The page is hidden or shown. */
  | { readonly at: number; readonly page: 'hide' | 'show' };

/** A device's behaviour after `start`. */
export type Trace = readonly TraceStep[];

/** The names of the traces the DevTools emulation plays (the testing kit has two more: `TestTraceName`). */
export type TraceName = 'happy' | 'flaky-network' | 'gives-up' | 'rejected-url' | 'permission-denied' | 'background';

/** Every trace of `ts-pusher/testing`: the emulated ones, and two for tests only (`no-1002`, `stream-in-use`). */
export type TestTraceName = TraceName | 'no-1002' | 'stream-in-use';

/** @internal A state code step (the player's traces use it too). */
export const traceCode = (at: number, c: number, message?: string): TraceStep => ({ at, code: c, message });
const code = traceCode;
/** @internal A sample: video kbps, fps, `netQualityLevel` (1 best … 6 unusable), repeated `every` ms when given. */
export const traceNet = (at: number, videoBitrate: number, videoFPS: number, netQualityLevel: number, every?: number): TraceStep => {
  // In NET_FIELDS order, up to netQualityLevel.
  const info: { [field: string]: number } = {};
  [videoBitrate, videoBitrate ? 48 : 0, videoFPS, 2, videoBitrate + 60, netQualityLevel * 4, 360, 640, netQualityLevel].forEach(
    (value, i) => (info[NET_FIELDS[i]] = value),
  );
  return { at, net: info, every };
};
const net = traceNet;
/** Camera, first frame, encoder, connected: how every push begins. */
const OPENING = [code(0, 1003), code(80, 1007), code(120, 1008), code(400, 1001)];

/** The shipped traces; the README lists each with its steps. */
export const TRACES: { readonly [N in TraceName]: Trace } = {
  happy: [...OPENING, code(700, 1002), net(2000, 1100, 15, 1, 2000)],
  'flaky-network': [
    ...OPENING,
    code(700, 1002),
    net(2000, 1100, 15, 1, 1000),
    code(3500, 1101),
    net(4000, 600, 12, 3, 1000),
    net(6000, 250, 8, 5, 1000),
    code(7500, 1102),
    net(7600, 0, 0, 6, 1000),
    code(8000, 3002),
    code(10000, 1001),
    code(10400, 1002),
    net(11000, 500, 12, 3, 1000),
    net(13000, 900, 15, 2, 1000),
    net(15000, 1100, 15, 1, 2000),
  ],
  'gives-up': [
    ...OPENING,
    code(700, 1002),
    net(2000, 1100, 15, 1),
    code(4000, 1102),
    code(5000, 3002),
    code(7000, 3002),
    code(9000, 3002),
    code(11000, -1307),
  ],
  'rejected-url': [code(0, 1003), code(80, 1007), code(400, 3004, 'server closed the connection'), code(1500, -1326)],
  'permission-denied': [{ at: 0, error: 10001, errMsg: 'Camera permission denied' }],
  background: [
    ...OPENING,
    code(700, 1002),
    net(2000, 1100, 15, 1),
    { at: 3900, page: 'hide' },
    code(4000, 5000),
    { at: 9000, page: 'show' },
  ],
};

/** Where a played step goes. */
export interface TraceSink {
  code(code: number, message?: string): void;
  error(errCode: number, errMsg?: string): void;
  net(info: TraceNetInfo): void;
  /** Absent: network steps are skipped (the DevTools emulation cannot take a network away). */
  network?(connected: boolean): void;
  page(shown: boolean): void;
}

/** A trace being played; `stop()` ends it. */
export interface TracePlayback {
  stop(): void;
}

/** Plays a trace into a sink on timers (a sample with `every` repeats until the next sample or `stop()`). */
export function playTrace(trace: Trace, sink: TraceSink): TracePlayback {
  const timers: Parameters<typeof clearTimeout>[0][] = [];
  let repeat: Parameters<typeof clearTimeout>[0];
  const fire = (step: TraceStep & { every?: number }) => {
    if ('code' in step) sink.code(step.code, step.message);
    else if ('error' in step) sink.error(step.error, step.errMsg);
    else if ('network' in step) {
      if (sink.network) sink.network(step.network === 'on');
    } else if ('page' in step) sink.page(step.page === 'show');
    else {
      clearTimeout(repeat);
      sink.net(step.net);
      if (step.every) timers.push((repeat = setTimeout(fire, step.every, step)));
    }
  };
  trace.forEach((step) => timers.push(setTimeout(fire, step.at, step)));
  return { stop: () => timers.forEach((t) => clearTimeout(t)) };
}
