/**
 * The one fake platform: `wx` as the policies see it (`Platform`, src/platform.ts), with the
 * state a test sets (permissions, network, downloads, file digests) and the calls it saw. The
 * unit rig and the bench pass it as the controller's platform; `installFakeDevice` serves the
 * global `wx` from it. Platform calls answer in the fake context's format (`FakeAnswer`).
 */
import type { AuthSetting, NetworkChange, Platform } from '../platform';
import type { FakeAnswer } from './fake-context';

/** The platform calls that answer (the others only register or set). */
export type FakePlatformCall = 'getSetting' | 'authorize' | 'openSetting' | 'getNetworkType' | 'downloadFile' | 'fileMd5';

/** A fake `wx` seam; every field is state a test may read or set. */
export class FakePlatform implements Platform {
  /** `wx.getSetting`'s `authSetting`: `true` granted, `false` denied, absent never asked. */
  setting: { [scope: string]: boolean | undefined } = { 'scope.camera': true, 'scope.record': true };
  /** What the system prompt answers for a scope never asked: `true` (allow) or the reason of its `fail` (default: allow). */
  prompt: { [scope: string]: true | string } = {};
  /** What the settings page leaves behind (`null`: the person changed nothing). */
  afterSettings: AuthSetting | null = null;
  /** `wifi`, `4g`, … or `none`; change it with `network()` to tell the listeners. */
  networkType = 'wifi';
  readonly listeners = new Set<(change: NetworkChange) => void>();
  readonly audioListeners = new Set<() => void>();
  /** Every `setKeepScreenOn` value, in order. */
  readonly screen: boolean[] = [];
  /** The answering calls, in order (`authorize scope.camera`, `downloadFile <url>`, …). */
  readonly log: string[] = [];
  /** The md5 of a local file, by path; a path not listed fails (`no such file`). */
  md5: { [path: string]: string } = {};
  /** The temporary path a download gives, by URL; a URL not listed fails (`downloadFile:fail 404`). */
  downloads: { [url: string]: string } = {};
  /** How a call answers, when not by the state above: `{ fail }`, `{ after }`, `'hang'` or `'throw'` (a `result` is ignored: the state is the result). */
  answers: { [call in FakePlatformCall]?: FakeAnswer } = {};
  /** Downloads wait for `finishDownload()`. */
  holdDownloads = false;
  /** The download held now. */
  held: { url: string; resolve: () => void } | null = null;

  /** Answers `value()` as `answers[name]` says. */
  private answer<T>(name: FakePlatformCall, value: () => T | Promise<T>): Promise<T> {
    const answer = this.answers[name] || {};
    if (answer === 'throw') throw new TypeError('wx.' + name + ' is not a function of this base library');
    if (answer === 'hang') return new Promise<T>(() => undefined);
    const run = () => (answer.fail === undefined ? value() : Promise.reject({ errMsg: name + ':fail ' + answer.fail }));
    if (answer.after === undefined) return Promise.resolve(run());
    return new Promise<T>((resolve) => setTimeout(() => resolve(run()), answer.after));
  }

  getSetting(): Promise<AuthSetting> {
    this.log.push('getSetting');
    return this.answer('getSetting', () => ({ ...this.setting }));
  }
  /** Asks the person for a scope never asked (`prompt`); a scope already decided answers at once, as on a phone. */
  authorize(scope: string): Promise<unknown> {
    this.log.push('authorize ' + scope);
    return this.answer('authorize', () => {
      const prompt = this.prompt[scope] === undefined ? true : this.prompt[scope];
      if (this.setting[scope] === undefined) this.setting[scope] = prompt === true;
      if (this.setting[scope]) return {};
      return Promise.reject({ errMsg: 'authorize:fail ' + (prompt === true ? 'auth deny' : prompt) });
    });
  }
  openSetting(): Promise<AuthSetting> {
    this.log.push('openSetting');
    return this.answer('openSetting', () => {
      if (this.afterSettings) this.setting = { ...this.afterSettings };
      return { ...this.setting };
    });
  }
  getNetworkType(): Promise<string> {
    this.log.push('getNetworkType');
    return this.answer('getNetworkType', () => this.networkType);
  }
  onNetworkStatusChange(listener: (change: NetworkChange) => void): void {
    this.listeners.add(listener);
  }
  offNetworkStatusChange(listener: (change: NetworkChange) => void): void {
    this.listeners.delete(listener);
  }
  setKeepScreenOn(on: boolean): void {
    this.screen.push(on);
  }
  downloadFile(url: string): Promise<string> {
    this.log.push('downloadFile ' + url);
    const done = () => (url in this.downloads ? this.downloads[url] : Promise.reject({ errMsg: 'downloadFile:fail 404' }));
    if (this.holdDownloads)
      return new Promise<void>((resolve) => (this.held = { url, resolve })).then(() => this.answer('downloadFile', done));
    return this.answer('downloadFile', done);
  }
  /** The held download answers now. */
  finishDownload(): void {
    if (this.held) this.held.resolve();
    this.held = null;
  }
  fileMd5(path: string): Promise<string> {
    this.log.push('fileMd5 ' + path);
    return this.answer('fileMd5', () => (path in this.md5 ? this.md5[path] : Promise.reject({ errMsg: 'getFileInfo:fail no such file' })));
  }
  onAudioInterruptionEnd(listener: () => void): void {
    this.audioListeners.add(listener);
  }
  offAudioInterruptionEnd(listener: () => void): void {
    this.audioListeners.delete(listener);
  }
  /** The phone call (or the other app) gives the audio back. */
  interruptionEnd(): void {
    this.audioListeners.forEach((listener) => listener());
  }
  /** The network goes away or comes back; the listeners hear it. */
  network(connected: boolean): void {
    this.networkType = connected ? 'wifi' : 'none';
    this.listeners.forEach((listener) => listener({ isConnected: connected, networkType: this.networkType }));
  }
}
