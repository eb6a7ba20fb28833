/**
 * Emulation where `<live-pusher>` cannot run (WeChat DevTools): a context that answers like a
 * device and plays a trace after `start`, and a platform whose network follows the trace. Its
 * events go through the component's own handlers, so the mapper, controller and policies see
 * exactly what a phone would send.
 */
import { problem, type AttributeProblem } from './attributes';
import type { NativeCallOptions, NativePusherContext } from './controller';
import type { NetworkChange, Platform } from './platform';
import { TRACES, playTrace, type TraceName, type TracePlayback } from './traces';

/** Where the emulated tag's events go: the component's handlers, as `{ detail }` events. */
export interface EmulatorSink {
  statechange(detail: unknown): void;
  error(detail: unknown): void;
  netstatus(detail: unknown): void;
  /** The trace hides or shows the page. */
  page(shown: boolean): void;
}

/** An emulated device: its context and the platform the policies use. */
export interface Emulation {
  readonly context: NativePusherContext;
  readonly platform: Platform;
  /** Stops the trace and every timer. */
  stop(): void;
}

/** What the `emulate` property asks for: `''` automatic (DevTools only), `'off'`, or a trace name. */
export function emulationFor(value: unknown, platform: () => string): { trace: TraceName | ''; problem?: AttributeProblem } {
  if (value === 'off') return { trace: '' };
  if (typeof value === 'string' && value in TRACES) return { trace: value as TraceName };
  const auto = { trace: (platform() === 'devtools' ? 'happy' : '') as TraceName | '' };
  if (value === '' || value === null || value === undefined) return auto;
  return { ...auto, problem: problem('UNKNOWN_VALUE', 'emulate', value, '', "'', off, " + Object.keys(TRACES).join(', ')) };
}

/** ms before an emulated callback. */
const ANSWER_MS = 30;

/** Emulates a device playing `trace` on the first `start` and `happy` on every later one. */
export function emulate(trace: TraceName, sink: EmulatorSink, base: Platform): Emulation {
  let offline = false;
  let starts = 0;
  let playback: TracePlayback | null = null;
  const listeners: ((change: NetworkChange) => void)[] = [];
  const timers: ReturnType<typeof setTimeout>[] = [];
  const results: { [method: string]: object } = { snapshot: { tempImagePath: '', width: 360, height: 640 }, getMaxZoom: { maxZoom: 5 } };
  const stopTrace = () => playback && playback.stop();
  const network = (connected: boolean) => {
    offline = !connected;
    listeners.forEach((listener) => listener({ isConnected: connected, networkType: connected ? 'wifi' : 'none' }));
  };
  const context: NativePusherContext = {};
  for (const method of 'start stop pause resume switchCamera toggleTorch snapshot playBGM pauseBGM resumeBGM stopBGM setBGMVolume setMICVolume startPreview stopPreview sendMessage getMaxZoom setZoom exitPictureInPicture'.split(' ')) {
    context[method as keyof NativePusherContext] = (options: NativeCallOptions) =>
      timers.push(
        setTimeout(() => {
          if (method === 'stop') stopTrace();
          if (method === 'start') {
            stopTrace();
            playback = playTrace(offline ? [{ at: 1000, code: -1307 }] : TRACES[starts++ ? 'happy' : trace], {
              code: (code, message) => sink.statechange({ code, message }),
              error: (errCode, errMsg) => sink.error({ errCode, errMsg }),
              net: (info) => sink.netstatus({ info }),
              network,
              page: sink.page,
            });
          }
          if (options.success) options.success({ errMsg: method + ':ok', ...results[method] });
        }, ANSWER_MS),
      );
  }
  return {
    context,
    platform: {
      ...base,
      getNetworkType: () => (offline ? Promise.resolve('none') : base.getNetworkType()),
      onNetworkStatusChange(listener) {
        listeners.push(listener);
        base.onNetworkStatusChange(listener);
      },
      offNetworkStatusChange(listener) {
        listeners.splice(listeners.indexOf(listener) >>> 0, 1);
        base.offNetworkStatusChange(listener);
      },
    },
    stop() {
      stopTrace();
      timers.forEach((t) => clearTimeout(t));
    },
  };
}
