/**
 * `ts-pusher/testing`: a fake phone for users' jest tests with miniprogram-simulate. It takes
 * over the `wx` calls `<ts-pusher>` makes (the pusher context, permissions, network, keep-screen,
 * downloads) and behaves like a device: callbacks on later ticks, 1001 then 1002 after `start`,
 * state codes delivered on the component's own `<live-pusher>` tag. Node only: never shipped
 * to phones.
 */
import { createHash } from 'crypto';
import { NATIVE_METHODS } from '../native';
import { pageLifetime, requireSimulate } from './page';
import { TRACES, playTrace, type Trace, type TraceName, type TraceNetInfo, type TracePlayback } from '../traces';

export { TRACES };
export { loadPage, advance, settle } from './page';
export type { LoadPageOptions, PageInstance, PageNode, TestPage } from './page';
export { FakeChat, FakeChatWithIsReady, FakeChatError, fakeChatModule, groupMessage } from './chat';
export type { FakeChatMessage, FakeIncoming } from './chat';
export type { Trace, TraceName, TraceStep, TraceNetInfo } from '../traces';

/** A permission the fake device knows: `camera` (`scope.camera`) or `record` (`scope.record`). */
export type FakeScope = 'camera' | 'record';

/** How a native pusher method answers: a result, a failure, never, or a synchronous throw (old base libraries). */
export type FakeAnswer = { readonly result?: Record<string, unknown> } | { readonly fail: string } | 'hang' | 'throw';

/** Options of `installFakeDevice`. */
export interface FakeDeviceOptions {
  /** What every native `start` plays: a trace name or steps. Default: 1001, then 1002, on later ticks. */
  readonly trace?: TraceName | Trace;
  /** ms before each native callback and between default codes (default 2). */
  readonly delay?: number;
  /** Permissions at install: `true` granted, `false` denied, `undefined` never asked (default: both granted). */
  readonly permissions?: { readonly camera?: boolean; readonly record?: boolean };
  /** What the system prompt answers for a scope never asked (default `true`: allow). */
  readonly prompt?: boolean;
  /** md5 by waiting-image URL or path; `null`: the download fails. Default: the md5 of the URL text. */
  readonly images?: { readonly [url: string]: string | null };
  /** Pusher methods this base library lacks (e.g. `['getMaxZoom', 'setZoom']` before 2.31.0). */
  readonly missing?: readonly string[];
  /**
   * What your backend answers `wx.request`, by URL (without the query): the response's `data`.
   * A URL not listed fails (`request:fail`), as without a network. Without this option
   * `wx.request` stays miniprogram-simulate's.
   */
  readonly requests?: { readonly [url: string]: unknown };
}

/** One call the device received: a pusher method (`start`, `snapshot`, …) or a `wx` API (`wx.authorize`, …). */
export interface FakeCall {
  readonly method: string;
  readonly options: Readonly<Record<string, unknown>>;
}

/** The fake phone. */
export interface FakeDevice {
  /** Every call, in order, with its options (callbacks left out). */
  readonly calls: readonly FakeCall[];
  /** The pusher methods called, in order (`calls` without the `wx.` ones). */
  readonly methods: readonly string[];
  /** Whether the native push runs now. */
  readonly pushing: boolean;
  /** The last `wx.setKeepScreenOn` value. */
  readonly screenOn: boolean;
  /** Sends a `bindstatechange` code (now). */
  emit(code: number, message?: string): void;
  /** Sends a `bindnetstatus` sample (now). */
  netstatus(info: TraceNetInfo): void;
  /** Sends a `binderror` (now). */
  error(errCode: number, errMsg?: string): void;
  /** Plays a trace (a name or steps) from now; resolves when every step has played. */
  play(trace: TraceName | Trace): Promise<void>;
  /** The network goes away: `getNetworkType` answers `none`, listeners hear it. */
  offline(): void;
  online(): void;
  /** The person (or the settings page) denies or grants a permission. */
  deny(scope: FakeScope): void;
  grant(scope: FakeScope): void;
  /** The page goes to the background / comes back: the page loaded with `loadPage` (its onHide/onShow and every component), else every pusher's page lifetimes. */
  hide(): void;
  show(): void;
  /** How a pusher method answers from now on. */
  answer(method: string, answer: FakeAnswer): void;
  /** Gives `wx` back exactly as it was. */
  uninstall(): void;
}

type Callbacks = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };
type Options = Record<string, unknown> & Callbacks;
type Instance = { selectComponent(selector: string): { triggerEvent(name: string, detail: unknown): void } | null; _exparserNode?: { triggerPageLifeTime(name: string, args: unknown[]): void } };

const RESULTS: Record<string, Record<string, unknown>> = {
  snapshot: { tempImagePath: 'wxfile://tmp/snapshot.jpg', width: 720, height: 1280 },
  getMaxZoom: { maxZoom: 5 },
};

/** Installs a fake device on the global `wx` (miniprogram-simulate's). Call it before rendering the page. */
export function installFakeDevice(options: FakeDeviceOptions = {}): FakeDevice {
  const g = globalThis as unknown as { wx?: Record<string, unknown> };
  if (!g.wx) requireSimulate();
  if (!g.wx) throw new Error('ts-pusher/testing: no global wx after loading miniprogram-simulate / 加载 miniprogram-simulate 后仍没有全局 wx');
  const wx = g.wx;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  const delay = options.delay === undefined ? 2 : options.delay;
  const calls: FakeCall[] = [];
  const answers: Record<string, FakeAnswer> = {};
  const setting: Record<string, boolean | undefined> = {
    'scope.camera': options.permissions ? options.permissions.camera : true,
    'scope.record': options.permissions ? options.permissions.record : true,
  };
  const listeners = new Set<(change: { isConnected: boolean; networkType: string }) => void>();
  const instances: Instance[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let current: Instance | null = null;
  let pushing = false;
  let networkType = 'wifi';
  let screenOn = false;
  let playback: TracePlayback | null = null;
  const plays = new Set<TracePlayback>();

  const later = (fn: () => void, ms = delay) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const record = (method: string, given: Options = {}) => {
    const { success, fail, complete, ...rest } = given;
    void success;
    void fail;
    void complete;
    calls.push({ method, options: rest });
  };
  const answerLater = (given: Options, ok: boolean, result: Record<string, unknown>, name: string) =>
    later(() => {
      const detail = ok ? { errMsg: name + ':ok', ...result } : { errMsg: name + ':fail ' + result.reason };
      (ok ? given.success : given.fail)?.(detail);
      given.complete?.(detail);
    });
  /** Delivers a tag event on the current pusher's `<live-pusher>`, as the native tag would. */
  const dispatch = (name: string, detail: unknown) => {
    const tag = current && current.selectComponent('#pusher');
    if (tag) tag.triggerEvent(name, detail);
  };
  const sink = {
    code: (code: number, message?: string) => dispatch('statechange', message === undefined ? { code } : { code, message }),
    error: (errCode: number, errMsg?: string) => dispatch('error', { errCode, errMsg: errMsg || 'error ' + errCode }),
    net: (info: TraceNetInfo) => dispatch('netstatus', { info }),
    network: (connected: boolean) => (connected ? device.online() : device.offline()),
    page: (shown: boolean) => (shown ? device.show() : device.hide()),
  };
  const stopTrace = () => {
    if (playback) playback.stop();
    playback = null;
  };
  const startTrace = (): Trace => {
    if (networkType === 'none') return [{ at: delay, code: -1307 }];
    if (options.trace) return typeof options.trace === 'string' ? TRACES[options.trace] : options.trace;
    return [{ at: delay, code: 1001 }, { at: 2 * delay, code: 1002 }];
  };

  const context = () => {
    const ctx: Record<string, (o: Options) => void> = {};
    for (const method of NATIVE_METHODS) {
      if (options.missing && options.missing.indexOf(method) >= 0) continue;
      ctx[method] = (given: Options = {}) => {
        record(method, given);
        const answer = answers[method] || {};
        if (answer === 'hang') return;
        if (answer === 'throw') throw new TypeError(method + ' is not a function of this base library');
        if ('fail' in answer) return answerLater(given, false, { reason: answer.fail }, method);
        if (method === 'start') {
          later(() => {
            pushing = true;
            stopTrace();
            playback = playTrace(startTrace(), sink);
          });
        }
        if (method === 'stop') later(() => ((pushing = false), stopTrace()));
        answerLater(given, true, answer.result || RESULTS[method] || {}, method);
      };
    }
    return ctx;
  };

  /** `wx.request` answering from `requests` by URL, on a later tick; other URLs fail. */
  const fakeRequest = (requests: { readonly [url: string]: unknown }) => (given: Options = {}) => {
    record('wx.request', given);
    const url = String(given.url).split('?')[0];
    if (!(url in requests)) answerLater(given, false, { reason: 'no answer for ' + url + ' in installFakeDevice({ requests })' }, 'request');
    else answerLater(given, true, { data: requests[url], statusCode: 200, header: {} }, 'request');
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
  };
  const fake: Record<string, unknown> = {
    createLivePusherContext(id: string, component?: Instance) {
      record('wx.createLivePusherContext', { id });
      if (component) {
        current = component;
        if (instances.indexOf(component) < 0) instances.push(component);
      }
      return context();
    },
    getSetting(given: Options = {}) {
      record('wx.getSetting');
      answerLater(given, true, { authSetting: { ...setting } }, 'getSetting');
    },
    authorize(given: Options = {}) {
      record('wx.authorize', given);
      const scope = String(given.scope);
      if (setting[scope] === undefined) setting[scope] = options.prompt !== false;
      answerLater(given, !!setting[scope], { reason: 'auth deny' }, 'authorize');
    },
    openSetting(given: Options = {}) {
      record('wx.openSetting');
      answerLater(given, true, { authSetting: { ...setting } }, 'openSetting');
    },
    getNetworkType(given: Options = {}) {
      record('wx.getNetworkType');
      answerLater(given, true, { networkType }, 'getNetworkType');
    },
    onNetworkStatusChange(listener: (change: { isConnected: boolean; networkType: string }) => void) {
      listeners.add(listener);
    },
    offNetworkStatusChange(listener?: (change: { isConnected: boolean; networkType: string }) => void) {
      if (listener) listeners.delete(listener);
      else listeners.clear();
    },
    ...(options.requests ? { request: fakeRequest(options.requests) } : {}),
    setKeepScreenOn(given: Options = {}) {
      record('wx.setKeepScreenOn', given);
      screenOn = !!given.keepScreenOn;
      answerLater(given, true, {}, 'setKeepScreenOn');
    },
    downloadFile(given: Options = {}) {
      record('wx.downloadFile', given);
      const url = String(given.url);
      const known = options.images && url in options.images ? options.images[url] : undefined;
      if (known === null) answerLater(given, true, { statusCode: 404, tempFilePath: '' }, 'downloadFile');
      else answerLater(given, true, { statusCode: 200, tempFilePath: 'wxfile://tmp/' + encodeURIComponent(url) }, 'downloadFile');
    },
    getFileSystemManager() {
      return {
        getFileInfo(given: Options = {}) {
          record('wx.getFileInfo', given);
          const path = String(given.filePath);
          const url = path.startsWith('wxfile://tmp/') ? decodeURIComponent(path.slice(13)) : path;
          const known = options.images && url in options.images ? options.images[url] : undefined;
          if (known === null) return answerLater(given, false, { reason: 'no such file' }, 'getFileInfo');
          answerLater(given, true, { size: 1024, digest: known || createHash('md5').update(url).digest('hex') }, 'getFileInfo');
        },
      };
    },
  };
  for (const key of Object.keys(fake)) {
    saved.set(key, Object.getOwnPropertyDescriptor(wx, key));
    wx[key] = fake[key];
  }

  const pageLife = (name: 'show' | 'hide') => {
    // A page loaded with loadPage gets it whole (onHide/onShow and every component); else the pushers.
    if (pageLifetime(name)) return;
    for (const instance of instances) instance._exparserNode?.triggerPageLifeTime(name, []);
  };
  const network = (type: string) => {
    networkType = type;
    listeners.forEach((listener) => listener({ isConnected: type !== 'none', networkType: type }));
  };

  const device: FakeDevice = {
    calls,
    get methods() {
      return calls.filter((c) => !c.method.startsWith('wx.')).map((c) => c.method);
    },
    get pushing() {
      return pushing;
    },
    get screenOn() {
      return screenOn;
    },
    emit: sink.code,
    netstatus: sink.net,
    error: sink.error,
    play(trace) {
      const steps = typeof trace === 'string' ? TRACES[trace] : trace;
      const played = playTrace(steps, sink);
      plays.add(played);
      // Done once the last step has played (repeating samples go on until uninstall).
      return new Promise<void>((resolve) => later(() => resolve(void plays.delete(played)), Math.max(0, ...steps.map((s) => s.at)) + 1));
    },
    offline: () => network('none'),
    online: () => network('wifi'),
    deny: (scope) => void (setting['scope.' + scope] = false),
    grant: (scope) => void (setting['scope.' + scope] = true),
    hide: () => pageLife('hide'),
    show: () => pageLife('show'),
    answer(method, answer) {
      answers[method] = answer;
    },
    uninstall() {
      stopTrace();
      plays.forEach((played) => played.stop());
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
      listeners.clear();
      for (const [key, descriptor] of saved) {
        if (descriptor) Object.defineProperty(wx, key, descriptor);
        else delete wx[key];
      }
      saved.clear();
    },
  };
  return device;
}
