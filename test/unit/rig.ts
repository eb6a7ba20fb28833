/**
 * A controller on a fake device and a fake platform, for plain-Node tests with jest's fake
 * timers. The device answers like a phone: callbacks on later ticks, 1001 then 1002 after a
 * successful start, nothing more after a stop. Not a test file.
 */
import {
  PusherController,
  mapError,
  mapNetStatus,
  mapStateChange,
  type AuthSetting,
  type NativeCallOptions,
  type NativePusherContext,
  type NetworkChange,
  type Platform,
  type PusherAttributes,
  type PusherError,
  type PusherEvents,
  type StatusChange,
} from '../../src/index';
import { NATIVE_METHODS } from '../../src/native';

/** How the device answers one call. */
export type Answer = { ok?: Record<string, unknown>; fail?: string; after?: number } | 'hang' | 'throw';

export interface NativeCall {
  readonly method: string;
  readonly options: Record<string, unknown>;
  readonly at: number;
}


/** The phone's native pusher, as far as a test can tell. */
export class FakeDevice {
  readonly calls: NativeCall[] = [];
  /** Answers by method; an array is used up one answer per call (the last one stays). */
  answers: Record<string, Answer | Answer[]> = {};
  /** ms before a callback. */
  delay = 1;
  /** Codes sent after a successful start, `delay` ms apart. */
  startCodes: number[] = [1001, 1002];
  /** What the device is doing. */
  pushing = false;
  inFlight = 0;
  maxInFlight = 0;
  /** Set by the rig: feeds a state code, a binderror, a netstatus to the controller. */
  code: (code: number, message?: string) => void = () => undefined;
  error: (errCode: number, errMsg?: string) => void = () => undefined;
  net: (info: Record<string, unknown>) => void = () => undefined;
  private session = 0;

  private answerFor(method: string): Answer {
    const answer = this.answers[method];
    if (!Array.isArray(answer)) return answer || {};
    return answer.length > 1 ? answer.shift()! : answer[0] || {};
  }

  /** Sends codes later, unless the push is stopped first. */
  send(codes: readonly number[], from = this.delay): void {
    const session = this.session;
    codes.forEach((code, i) => setTimeout(() => session === this.session && this.code(code), from + i * this.delay));
  }

  context(): NativePusherContext {
    const ctx: NativePusherContext = {};
    for (const method of NATIVE_METHODS) {
      ctx[method] = (options: NativeCallOptions) => {
        this.calls.push({ method, options, at: Date.now() });
        const answer = this.answerFor(method);
        if (answer === 'throw') throw new TypeError(`${method} exploded`);
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        if (answer === 'hang') return;
        setTimeout(() => {
          this.inFlight--;
          if (answer.fail) return options.fail && options.fail({ errMsg: `${method}:fail ${answer.fail}` });
          if (method === 'start') {
            this.pushing = true;
            this.session++;
            this.send(this.startCodes);
          }
          if (method === 'stop') {
            this.pushing = false;
            this.session++;
          }
          options.success && options.success(answer.ok || { errMsg: `${method}:ok` });
        }, answer.after === undefined ? this.delay : answer.after);
      };
    }
    return ctx;
  }

  methods(): string[] {
    return this.calls.map((c) => c.method);
  }
}

/** `wx` as the policies see it. */
export class FakePlatform implements Platform {
  setting: { [scope: string]: boolean | undefined } = { 'scope.camera': true, 'scope.record': true };
  /** What `authorize` answers for a scope never asked: granted, or an errMsg. */
  prompt: { [scope: string]: true | string } = {};
  /** What the settings page leaves behind. */
  afterSettings: AuthSetting | null = null;
  networkType = 'wifi';
  readonly listeners = new Set<(change: NetworkChange) => void>();
  readonly screen: boolean[] = [];
  readonly log: string[] = [];
  md5: { [path: string]: string } = {};
  downloads: { [url: string]: string } = {};
  /** Platform calls that never answer (`getSetting`, `authorize`, `getNetworkType`, `downloadFile`). */
  readonly hang = new Set<string>();
  /** A download answered only when the test calls `finishDownload()`. */
  held: { url: string; resolve: () => void } | null = null;
  /** Downloads wait for `finishDownload()`. */
  holdDownloads = false;
  readonly audioListeners = new Set<() => void>();

  private answer<T>(name: string, value: () => Promise<T>): Promise<T> {
    return this.hang.has(name) ? new Promise<T>(() => undefined) : value();
  }
  getSetting() {
    this.log.push('getSetting');
    return this.answer('getSetting', () => Promise.resolve({ ...this.setting }));
  }
  authorize(scope: string) {
    this.log.push('authorize ' + scope);
    if (this.hang.has('authorize')) return new Promise<unknown>(() => undefined);
    const answer = this.prompt[scope] === undefined ? true : this.prompt[scope];
    this.setting[scope] = answer === true;
    return answer === true ? Promise.resolve({}) : Promise.reject({ errMsg: 'authorize:fail ' + answer });
  }
  openSetting() {
    this.log.push('openSetting');
    if (this.afterSettings) this.setting = { ...this.afterSettings };
    return Promise.resolve({ ...this.setting });
  }
  getNetworkType() {
    this.log.push('getNetworkType');
    return this.answer('getNetworkType', () => Promise.resolve(this.networkType));
  }
  onNetworkStatusChange(listener: (change: NetworkChange) => void) {
    this.listeners.add(listener);
  }
  offNetworkStatusChange(listener: (change: NetworkChange) => void) {
    this.listeners.delete(listener);
  }
  setKeepScreenOn(on: boolean) {
    this.screen.push(on);
  }
  downloadFile(url: string) {
    this.log.push('downloadFile ' + url);
    const answer = () => (url in this.downloads ? Promise.resolve(this.downloads[url]) : Promise.reject({ errMsg: 'downloadFile:fail 404' }));
    if (this.holdDownloads) return new Promise<void>((resolve) => (this.held = { url, resolve })).then(answer);
    return this.answer('downloadFile', answer);
  }
  /** The held download answers now. */
  finishDownload() {
    if (this.held) this.held.resolve();
    this.held = null;
  }
  fileMd5(path: string) {
    this.log.push('fileMd5 ' + path);
    return path in this.md5 ? Promise.resolve(this.md5[path]) : Promise.reject({ errMsg: 'getFileInfo:fail no such file' });
  }
  onAudioInterruptionEnd(listener: () => void) {
    this.audioListeners.add(listener);
  }
  offAudioInterruptionEnd(listener: () => void) {
    this.audioListeners.delete(listener);
  }
  /** The phone call (or the other app) gives the audio back. */
  interruptionEnd() {
    this.audioListeners.forEach((l) => l());
  }
  /** The network goes away or comes back. */
  network(connected: boolean) {
    this.networkType = connected ? 'wifi' : 'none';
    this.listeners.forEach((l) => l({ isConnected: connected, networkType: this.networkType }));
  }
}

export interface RigOptions {
  /** `later`: no context until `ready()`. */
  context?: 'later';
  startTimeout?: number;
  callTimeout?: number;
  attrs?: Partial<PusherAttributes>;
}

/** A controller wired to a fake device and platform; every event it emits is recorded. */
export function rig(options: RigOptions = {}) {
  const device = new FakeDevice();
  const platform = new FakePlatform();
  const events: { name: keyof PusherEvents; detail: unknown }[] = [];
  const patches: Partial<PusherAttributes>[] = [];
  let ctx: NativePusherContext | null = options.context === 'later' ? null : device.context();
  let remounts = 0;
  const ctl: PusherController = new PusherController(
    {
      context: () => ctx,
      emit: (name, detail) => events.push({ name, detail }),
      platform,
      render: (attrs) => patches.push(attrs),
      remount: () => {
        remounts++;
        ctx = device.context();
        ctl.contextReady();
        return Promise.resolve();
      },
    },
    { startTimeout: options.startTimeout, callTimeout: options.callTimeout },
  );
  if (options.attrs) ctl.setAttributes({ ...ctl.attrs, ...options.attrs });
  device.code = (code, message) => ctl.handleEvent(mapStateChange({ code, message }));
  device.error = (errCode, errMsg) => ctl.handleEvent(mapError({ errCode, errMsg }), true);
  device.net = (info) => ctl.handleNetStatus(mapNetStatus({ info }));
  return {
    ctl,
    device,
    platform,
    events,
    patches,
    remounts: () => remounts,
    /** The tag is ready now. */
    ready() {
      ctx = device.context();
      ctl.contextReady();
    },
    of<K extends keyof PusherEvents>(name: K): PusherEvents[K][] {
      return events.filter((e) => e.name === name).map((e) => e.detail as PusherEvents[K]);
    },
    statuses(): string[] {
      return events.filter((e) => e.name === 'statuschange').map((e) => (e.detail as StatusChange).status);
    },
  };
}

/** Lets fake time pass, running promise callbacks in between. */
export const tick = (ms = 0): Promise<void> => jest.advanceTimersByTimeAsync(ms);

/** The rejection of a promise that must reject. */
export async function rejection(promise: Promise<unknown>): Promise<PusherError> {
  try {
    await promise;
  } catch (error) {
    return error as PusherError;
  }
  throw new Error('expected the promise to reject');
}

/** Settles a promise in the background, so fake time can pass while it waits. */
export function settled<T>(promise: Promise<T>): { done: () => boolean; value: () => T | undefined; error: () => unknown } {
  let done = false;
  let value: T | undefined;
  let error: unknown;
  promise.then(
    (v) => ((done = true), (value = v)),
    (e) => ((done = true), (error = e)),
  );
  return { done: () => done, value: () => value, error: () => error };
}
