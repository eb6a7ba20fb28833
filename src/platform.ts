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
}

/** The parts of `wx` `wxPlatform` calls, loosely typed: every one is callback-style. */
export type WxLike = { readonly [name: string]: unknown };

type Callbacks = { success?: (r: unknown) => void; fail?: (e: unknown) => void; [key: string]: unknown };

/** The platform over a real `wx` (or anything shaped like it). */
export function wxPlatform(wx: WxLike): Platform {
  const call = <T>(name: string, options: Callbacks = {}, target: unknown = wx) =>
    new Promise<T>((resolve, reject) => {
      const fn = (target as { [name: string]: unknown })[name];
      if (typeof fn !== 'function') return reject({ errMsg: name + ':fail not supported' });
      fn.call(target, { ...options, success: resolve, fail: reject });
    });
  const setting = (r: unknown) => ((r as { authSetting?: AuthSetting }).authSetting || {}) as AuthSetting;
  const fn = (name: string) => wx[name] as (arg: unknown) => void;
  return {
    getSetting: () => call('getSetting').then(setting),
    authorize: (scope) => call('authorize', { scope }),
    openSetting: () => call('openSetting').then(setting),
    getNetworkType: () => call<{ networkType: string }>('getNetworkType').then((r) => r.networkType),
    onNetworkStatusChange: (listener) => fn('onNetworkStatusChange')(listener),
    offNetworkStatusChange: (listener) => typeof wx.offNetworkStatusChange === 'function' && fn('offNetworkStatusChange')(listener),
    setKeepScreenOn: (keepScreenOn) => void call('setKeepScreenOn', { keepScreenOn }).catch(() => undefined),
    downloadFile: (url) =>
      call<{ statusCode: number; tempFilePath: string }>('downloadFile', { url }).then((r) =>
        r.statusCode >= 400 ? Promise.reject({ errMsg: 'downloadFile:fail HTTP ' + r.statusCode }) : r.tempFilePath,
      ),
    fileMd5: (filePath) =>
      call<{ digest: string }>('getFileInfo', { filePath, digestAlgorithm: 'md5' }, (wx.getFileSystemManager as () => unknown)()).then((r) => r.digest),
  };
}
