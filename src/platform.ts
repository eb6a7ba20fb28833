/**
 * The one seam between ts-pusher and `wx`: the few platform calls the policies make, as
 * promises. The component builds it from the real `wx` (`wxPlatform(wx)`); tests and the
 * emulator pass their own. Nothing else in `src/` touches `wx`.
 */

/** `scope.camera` / `scope.record` as `wx.getSetting` reports them: `undefined` means never asked. */
export type AuthSetting = { readonly [scope: string]: boolean | undefined };

/** Network state as `wx.onNetworkStatusChange` reports it. */
export interface NetworkChange {
  readonly isConnected: boolean;
  readonly networkType: string;
}

/** The platform calls the policies need. Failures reject with the `wx` fail result (`{ errMsg }`). */
export interface Platform {
  getSetting(): Promise<AuthSetting>;
  authorize(scope: string): Promise<unknown>;
  /** Needs a tap; resolves with the settings after the person closed the page. */
  openSetting(): Promise<AuthSetting>;
  /** `wifi`, `4g`, …, or `none`. */
  getNetworkType(): Promise<string>;
  onNetworkStatusChange(listener: (change: NetworkChange) => void): void;
  offNetworkStatusChange(listener: (change: NetworkChange) => void): void;
  setKeepScreenOn(on: boolean): void;
  /** Downloads to a temporary file; resolves with its path. */
  downloadFile(url: string): Promise<string>;
  /** The md5 (hex) of a local file. */
  fileMd5(path: string): Promise<string>;
  /** The audio taken by a phone call or another app is back (`wx.onAudioInterruptionEnd`; may be missing on old base libraries). */
  onAudioInterruptionEnd?(listener: () => void): void;
  offAudioInterruptionEnd?(listener: () => void): void;
}

/**
 * `platform` with every wait bounded: `bound(call, limited)` settles each answer, or fails it
 * after the call timeout (`limited`) or at detach. A person's settings page is bounded by detach only.
 */
export function boundedPlatform(
  platform: Platform,
  bound: <T>(name: string, call: () => Promise<T>, limited: boolean) => Promise<T>,
): Platform {
  const p = platform as unknown as { [name: string]: (arg?: unknown) => unknown };
  // The listeners and setKeepScreenOn are the platform's own (through the prototype).
  const bounded: { [name: string]: unknown } = Object.create(platform);
  for (const name of 'getSetting authorize getNetworkType downloadFile fileMd5 openSetting'.split(' ')) {
    bounded[name] = (arg?: unknown) => bound(name, () => p[name](arg) as Promise<unknown>, name !== 'openSetting');
  }
  return bounded as unknown as Platform;
}

/** The parts of `wx` `wxPlatform` calls, loosely typed: every one is callback-style. */
export type WxLike = { readonly [name: string]: unknown };

type Api = (options?: unknown) => unknown;

/** The platform over a real `wx` (or anything shaped like it). A missing API rejects. */
export function wxPlatform(wx: WxLike): Platform {
  const call = <T>(name: string, options?: object, target: WxLike = wx) =>
    new Promise<T>((success, fail) => (target[name] as Api).call(target, { ...options, success, fail }));
  const setting = (r: { authSetting?: AuthSetting }) => r.authSetting || {};
  const api = (name: string) => wx[name] as Api;
  const platform: Platform = {
    getSetting: () => call<{ authSetting?: AuthSetting }>('getSetting').then(setting),
    authorize: (scope) => call('authorize', { scope }),
    openSetting: () => call<{ authSetting?: AuthSetting }>('openSetting').then(setting),
    getNetworkType: () => call<{ networkType: string }>('getNetworkType').then((r) => r.networkType),
    // The listener calls below, each skipped where this base library lacks it.
    onNetworkStatusChange: undefined!,
    offNetworkStatusChange: undefined!,
    setKeepScreenOn: (keepScreenOn) => void call('setKeepScreenOn', { keepScreenOn }).catch(() => undefined),
    downloadFile: (url) =>
      call<{ statusCode: number; tempFilePath: string }>('downloadFile', { url }).then((r) =>
        r.statusCode < 400 ? r.tempFilePath : Promise.reject({ errMsg: 'downloadFile:fail HTTP ' + r.statusCode }),
      ),
    fileMd5: (filePath) =>
      Promise.resolve()
        .then(() =>
          call<{ digest: string }>('getFileInfo', { filePath, digestAlgorithm: 'md5' }, (api('getFileSystemManager') as () => WxLike)()),
        )
        .then((r) => r.digest),
  };
  for (const name of 'onNetworkStatusChange offNetworkStatusChange onAudioInterruptionEnd offAudioInterruptionEnd'.split(' '))
    (platform as unknown as { [name: string]: Api })[name] = (listener) => api(name) && api(name)(listener);
  return platform;
}
