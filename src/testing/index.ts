/**
 * `ts-pusher/testing`: a fake phone for users' jest tests with miniprogram-simulate. It takes
 * over the `wx` calls `<ts-pusher>` makes (the pusher context, permissions, network, keep-screen,
 * downloads) and behaves like a device: callbacks on later ticks, 1001 then 1002 after `start`,
 * state codes delivered on the component's own `<live-pusher>` tag. Node only: never shipped
 * to phones.
 */
import { createHash } from 'crypto';
import type { NetworkChange } from '../platform';
import { playTrace, type Trace, type TestTraceName, type TraceNetInfo, type TracePlayback } from '../traces';
import { TEST_TRACES as TRACES } from './traces';
import type { FakeAnswer } from './fake-context';
import { FakePlatform } from './fake-platform';
import { FakePusher } from './fake-pusher';
import { fakeDevicePlayer, type FakeDevicePlayer, type FakeDevicePlayerOptions } from './device-player';
import { pageLifetime, requireSimulate } from './page';

export { TRACES };
export { loadPage, advance, settle } from './page';
export type { LoadPageOptions, PageInstance, PageNode, TestPage } from './page';
export { FakeChat, FakeChatWithIsReady, FakeChatError, fakeChatModule, groupMessage } from './chat';
export type { FakeChatMessage, FakeIncoming } from './chat';
export type { Trace, TraceName, TestTraceName, TraceStep, TraceNetInfo } from '../traces';
export { PLAYER_TRACES } from '../play/traces';
export type { PlayerTraceName } from '../play/traces';
export type { FakeDevicePlayer, FakeDevicePlayerOptions };

/** A permission the fake device knows: `camera` (`scope.camera`) or `record` (`scope.record`). */
export type FakeScope = 'camera' | 'record';

export type { FakeAnswer };

/** Options of `installFakeDevice`. */
export interface FakeDeviceOptions {
  /** What every native `start` plays: a trace name or steps. Default: 1001, then 1002, on later ticks. */
  readonly trace?: TestTraceName | Trace;
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
  /** The phone's `<live-player>` (`wx.createLivePlayerContext`): its trace, missing methods, and its own retry interval. */
  readonly player?: FakeDevicePlayerOptions;
}

/** One call the device received: a pusher method (`start`, `snapshot`, …), a player method (`player.play`, …) or a `wx` API (`wx.authorize`, …). */
export interface FakeCall {
  readonly method: string;
  readonly options: Readonly<Record<string, unknown>>;
}

/** The fake phone. */
export interface FakeDevice {
  /** Every call, in order, with its options (callbacks left out). */
  readonly calls: readonly FakeCall[];
  /** The pusher methods called, in order (`calls` without the `wx.` and `player.` ones). */
  readonly methods: readonly string[];
  /** Whether the native push runs now. */
  readonly pushing: boolean;
  /** The phone's player (`wx.createLivePlayerContext`): its calls, its state, its events. */
  readonly player: FakeDevicePlayer;
  /** The last `wx.setKeepScreenOn` value. */
  readonly screenOn: boolean;
  /** Sends a `bindstatechange` code (now). */
  emit(code: number, message?: string): void;
  /** Sends a `bindnetstatus` sample (now). */
  netstatus(info: TraceNetInfo): void;
  /** Sends a `binderror` (now). */
  error(errCode: number, errMsg?: string): void;
  /** Plays a trace (a name or steps) from now; resolves when every step has played. */
  play(trace: TestTraceName | Trace): Promise<void>;
  /** A phone call (or another app) gives the audio back: `wx.onAudioInterruptionEnd` listeners hear it. */
  interruptionEnd(): void;
  /** The network goes away: `getNetworkType` answers `none`, listeners hear it, a playing player retries (2103) and gives up (-2301). */
  offline(): void;
  /** The network comes back: listeners hear it, a player still retrying plays again (2004). */
  online(): void;
  /** The person (or the settings page) denies or grants a permission. */
  deny(scope: FakeScope): void;
  grant(scope: FakeScope): void;
  /** The page goes to the background / comes back: the page loaded with `loadPage` (its onHide/onShow and every component), else every pusher's and player's page lifetimes. */
  hide(): void;
  show(): void;
  /** How a pusher method answers from now on. */
  answer(method: string, answer: FakeAnswer): void;
  /** Gives `wx` back exactly as it was. */
  uninstall(): void;
}

type Callbacks = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };
type Options = Record<string, unknown> & Callbacks;
type Instance = {
  selectComponent(selector: string): { triggerEvent(name: string, detail: unknown): void } | null;
  _exparserNode?: { triggerPageLifeTime(name: string, args: unknown[]): void };
};

const RESULTS: Record<string, Record<string, unknown>> = {
  snapshot: { tempImagePath: 'wxfile://tmp/snapshot.jpg', width: 720, height: 1280 },
  getMaxZoom: { maxZoom: 5 },
};

/**
 * Installs a fake device on the global `wx` (miniprogram-simulate's). Call it before rendering
 * the page. The device is the shared fake native pusher (`fake-pusher.ts`) and fake platform
 * (`fake-platform.ts`) that ts-pusher's own tests use; this serves them as callback-style `wx`.
 */
export function installFakeDevice(options: FakeDeviceOptions = {}): FakeDevice {
  const g = globalThis as unknown as { wx?: Record<string, unknown> };
  if (!g.wx) requireSimulate();
  if (!g.wx)
    throw new Error('ts-pusher/testing: no global wx after loading miniprogram-simulate / 加载 miniprogram-simulate 后仍没有全局 wx');
  const wx = g.wx;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  const delay = options.delay === undefined ? 2 : options.delay;
  const calls: FakeCall[] = [];
  const platform = new FakePlatform();
  platform.setting = {
    'scope.camera': options.permissions ? options.permissions.camera : true,
    'scope.record': options.permissions ? options.permissions.record : true,
  };
  if (options.prompt === false) platform.prompt = { 'scope.camera': 'auth deny', 'scope.record': 'auth deny' };
  const instances: Instance[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let current: Instance | null = null;
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
  /** Answers a `wx` call on a later tick: success with what `result` gives, or `fail` with its rejection. */
  const answer = (given: Options, name: string, result: Promise<Record<string, unknown>>) => {
    const callbacks = result.then(
      (value) => [given.success, { errMsg: name + ':ok', ...value }] as const,
      (error: unknown) => [given.fail, error] as const,
    );
    later(
      () =>
        void callbacks.then(([callback, detail]) => {
          callback?.(detail);
          given.complete?.(detail);
        }),
    );
  };
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
  const pusher = new FakePusher({
    delay,
    results: RESULTS,
    missing: options.missing,
    called: record,
    // What a start plays: -1307 without a network, else the trace asked for, else 1001 then 1002.
    started: () => {
      if (platform.networkType === 'none') return [{ at: delay, code: -1307 }];
      if (options.trace) return typeof options.trace === 'string' ? TRACES[options.trace] : options.trace;
      return [
        { at: delay, code: 1001 },
        { at: 2 * delay, code: 1002 },
      ];
    },
  });
  Object.assign(pusher, sink);
  const player = fakeDevicePlayer(options.player || {}, { delay, calls, record, later, network: sink.network, page: sink.page });

  /** The file a download gives, and the md5 of the image behind it (`null`: the download fails). */
  const image = (url: string) => {
    const known = options.images && url in options.images ? options.images[url] : undefined;
    return known === null ? null : known || createHash('md5').update(url).digest('hex');
  };
  /** `wx.request` answering from `requests` by URL, on a later tick; other URLs fail. */
  const fakeRequest =
    (requests: { readonly [url: string]: unknown }) =>
    (given: Options = {}) => {
      record('wx.request', given);
      const url = String(given.url).split('?')[0];
      const data =
        url in requests
          ? Promise.resolve({ data: requests[url], statusCode: 200, header: {} })
          : Promise.reject({ errMsg: 'request:fail no answer for ' + url + ' in installFakeDevice({ requests })' });
      answer(given, 'request', data);
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    };
  const fake: Record<string, unknown> = {
    createLivePusherContext(id: string, component?: Instance) {
      record('wx.createLivePusherContext', { id });
      if (component) {
        current = component;
        if (instances.indexOf(component) < 0) instances.push(component);
      }
      return pusher.context();
    },
    createLivePlayerContext(id: string, component?: Instance) {
      record('wx.createLivePlayerContext', { id });
      if (component && instances.indexOf(component) < 0) instances.push(component);
      return player.context(id, component);
    },
    getSetting(given: Options = {}) {
      record('wx.getSetting');
      answer(
        given,
        'getSetting',
        platform.getSetting().then((authSetting) => ({ authSetting })),
      );
    },
    authorize(given: Options = {}) {
      record('wx.authorize', given);
      answer(
        given,
        'authorize',
        platform.authorize(String(given.scope)).then(() => ({})),
      );
    },
    openSetting(given: Options = {}) {
      record('wx.openSetting');
      answer(
        given,
        'openSetting',
        platform.openSetting().then((authSetting) => ({ authSetting })),
      );
    },
    getNetworkType(given: Options = {}) {
      record('wx.getNetworkType');
      answer(
        given,
        'getNetworkType',
        platform.getNetworkType().then((networkType) => ({ networkType })),
      );
    },
    onNetworkStatusChange(listener: (change: NetworkChange) => void) {
      platform.onNetworkStatusChange(listener);
    },
    offNetworkStatusChange(listener?: (change: NetworkChange) => void) {
      if (listener) platform.offNetworkStatusChange(listener);
      else platform.listeners.clear();
    },
    onAudioInterruptionEnd(listener: () => void) {
      platform.onAudioInterruptionEnd(listener);
    },
    offAudioInterruptionEnd(listener?: () => void) {
      if (listener) platform.offAudioInterruptionEnd(listener);
      else platform.audioListeners.clear();
    },
    ...(options.requests ? { request: fakeRequest(options.requests) } : {}),
    setKeepScreenOn(given: Options = {}) {
      record('wx.setKeepScreenOn', given);
      platform.setKeepScreenOn(!!given.keepScreenOn);
      answer(given, 'setKeepScreenOn', Promise.resolve({}));
    },
    downloadFile(given: Options = {}) {
      record('wx.downloadFile', given);
      const url = String(given.url);
      const path = 'wxfile://tmp/' + encodeURIComponent(url);
      const md5 = image(url);
      if (md5 !== null) (platform.downloads[url] = path), (platform.md5[path] = md5);
      // A missing image is the server's 404: the download itself succeeds, as on a phone.
      const done = platform.downloadFile(url).then(
        (tempFilePath) => ({ statusCode: 200, tempFilePath }),
        () => ({ statusCode: 404, tempFilePath: '' }),
      );
      answer(given, 'downloadFile', done);
    },
    getFileSystemManager() {
      return {
        getFileInfo(given: Options = {}) {
          record('wx.getFileInfo', given);
          const path = String(given.filePath);
          if (!(path in platform.md5)) {
            const md5 = image(path.startsWith('wxfile://tmp/') ? decodeURIComponent(path.slice(13)) : path);
            if (md5 !== null) platform.md5[path] = md5;
          }
          answer(
            given,
            'getFileInfo',
            platform.fileMd5(path).then((digest) => ({ size: 1024, digest })),
          );
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

  const device: FakeDevice = {
    calls,
    get methods() {
      return calls.filter((c) => !/^(wx|player)\./.test(c.method)).map((c) => c.method);
    },
    get pushing() {
      return pusher.pushing;
    },
    player: player.player,
    get screenOn() {
      return platform.screen.length > 0 && platform.screen[platform.screen.length - 1];
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
    interruptionEnd: () => platform.interruptionEnd(),
    offline: () => {
      platform.network(false);
      player.offline();
    },
    online: () => {
      platform.network(true);
      player.online();
    },
    deny: (scope) => void (platform.setting['scope.' + scope] = false),
    grant: (scope) => void (platform.setting['scope.' + scope] = true),
    hide: () => pageLife('hide'),
    show: () => pageLife('show'),
    answer(method, answer) {
      pusher.answers[method] = answer;
    },
    uninstall() {
      pusher.end();
      player.end();
      plays.forEach((played) => played.stop());
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
      platform.listeners.clear();
      for (const [key, descriptor] of saved) {
        if (descriptor) Object.defineProperty(wx, key, descriptor);
        else delete wx[key];
      }
      saved.clear();
    },
  };
  return device;
}
