import { ATTRIBUTE_NAMES, DEFAULT_ATTRIBUTES, type AttributeProblem, type PusherAttributes } from '../../src/attributes';
import { PUSHER_METHODS, PusherController } from '../../src/controller';
import type { NativePusherContext } from '../../src/native';
import { emulate, emulationFor, type Emulation } from '../../src/emulator';
import { mapError, mapNetStatus, mapStateChange } from '../../src/events';
import { wxPlatform, type WxLike } from '../../src/platform';
import { PUSHER_MARK, type PusherEvents, type PusherInstance } from '../../src/pusher';

/** Instance fields: nothing here is rendered, so nothing here goes through setData. Unset until first given. */
type Fields = {
  _ctl: PusherController;
  _ctx?: NativePusherContext | null;
  /** Problems found before `attached`, when events cannot reach the page yet. */
  _early: AttributeProblem[] | null;
  /** The last problems reported, so an unchanged mistake is not reported again. */
  _reported?: string;
  _dead?: boolean;
  /** The emulated device, when the tag cannot run (DevTools), and the `emulate` value it follows. */
  _emu?: Emulation | null;
  _emulated?: unknown;
};

type Detail = { detail?: unknown; type?: string };

/** The methods of `PusherInstance` (its `status` is a getter). */
type FacadeName = Exclude<keyof PusherInstance, 'status'>;

/** Every facade method of `PusherInstance`: the controller's (`PUSHER_METHODS`) and the settings. */
const FACADE: readonly FacadeName[] = [...PUSHER_METHODS, 'setPolicies', 'setUrlRefresher'];

/** The facade: each method delegates to the instance's controller (the same name, the same arguments). */
const facade: { [name: string]: (this: Fields, ...args: unknown[]) => unknown } = {};
for (const name of FACADE) {
  facade[name] = function (this: Fields) {
    // biome-ignore lint/complexity/noArguments: the phone bundle is smaller without a rest parameter here
    return Reflect.apply(this._ctl[name], this._ctl, arguments);
  };
}

/** Internal methods. */
type Methods = {
  _apply(): void;
  _remount(): Promise<void>;
  _connect(): void;
  _emulate(): void;
  _report(problems: readonly AttributeProblem[]): void;
  _emit<K extends keyof PusherEvents>(name: K, detail: PusherEvents[K]): void;
  onState(e: Detail): void;
  onError(e: Detail): void;
  onNet(e: Detail): void;
  onBgm(e: Detail): void;
  onVolume(e: Detail): void;
  onPlain(e: Detail): void;
};

/**
 * Every property is typed `null` (any), so the component receives what WXML gave, unconverted:
 * a `Number` property would turn `fps=""` into 0 and a `Boolean` one `autopush="false"` into
 * true before anyone could check them. `normalizeAttributes` reads the text as a person means it.
 */
const properties: Record<string, WechatMiniprogram.Component.AllProperty> = {};
const PROPERTY_NAMES = ['scenario', 'startTimeout', 'callTimeout', 'policies', 'emulate'].concat(ATTRIBUTE_NAMES);
for (const name of PROPERTY_NAMES) {
  properties[name] = { type: null, value: null } as unknown as WechatMiniprogram.Component.AllProperty;
}

/**
 * Registers `<ts-pusher>` with `Component()`. The phone build bundles this definition into the
 * core (`index.js`) so both share one gzip dictionary and one set of shortened names; the
 * component's own `index.js` only calls it.
 */
export function definePusher(): void {
  /**
   * `a`: the tag's attributes by their index in `ATTRIBUTE_NAMES` (the WXML binds `a[0]`…, shorter
   * than names); `m`: the tag is mounted; `e`: the emulated trace; `s`: the status (emulation only).
   */
  Component<{ a: unknown[]; m: boolean; e: string; s: string }, typeof properties, Methods, [], Fields>({
    properties,
    data: { a: ATTRIBUTE_NAMES.map((name) => DEFAULT_ATTRIBUTES[name]), m: true, e: '', s: 'idle' },
    observers: {
      [PROPERTY_NAMES.join(',')]() {
        this._apply();
      },
    },
    lifetimes: {
      created() {
        this._early = [];
        this._ctl = new PusherController({
          context: () => this._ctx,
          emit: (name, detail) => this._emit(name, detail),
          platform: wxPlatform(wx as unknown as WxLike),
          // The changed attributes go onto `<live-pusher>` in one setData.
          render: (attrs) => {
            const changed: Record<string, unknown> = {};
            for (const name of Object.keys(attrs) as (keyof PusherAttributes)[])
              changed['a[' + ATTRIBUTE_NAMES.indexOf(name) + ']'] = attrs[name];
            this.setData(changed);
          },
          remount: () => this._remount(),
        });
        const ctl = this._ctl;
        Object.defineProperty(this, 'status', { get: () => ctl.status, enumerable: true });
        Object.defineProperty(this, PUSHER_MARK, { value: true });
      },
      attached() {
        const early = this._early;
        this._early = null;
        if (early && early.length) this._report(early);
      },
      ready() {
        this._emulate();
        this._connect();
      },
      detached() {
        this._dead = true;
        this._ctl.dispose();
        if (this._emu) this._emu.stop();
        this._ctx = null;
      },
    },
    pageLifetimes: {
      show() {
        this._ctl.pageVisible(true);
      },
      hide() {
        this._ctl.pageVisible(false);
      },
    },
    methods: {
      /** Emulates where the tag cannot run: DevTools by default, or the trace the page names (`emulate`). */
      _emulate() {
        const value = (this._emulated = (this.data as { emulate?: unknown }).emulate);
        let platform = '';
        try {
          platform = wx.getSystemInfoSync().platform;
        } catch {
          // No system info (tests): not DevTools.
        }
        const { trace, problem } = emulationFor(value, platform);
        if (problem) this._report([problem]);
        if (trace === this.data.e) return;
        if (this._emu) this._emu.stop();
        // The emulated tag's events take the real tag's way in: the same handlers.
        this._emu = trace
          ? emulate(trace, {
              code: (code, message) => this.onState({ detail: { code, message } }),
              error: (errCode, errMsg) => this.onError({ detail: { errCode, errMsg } }),
              net: (info) => this.onNet({ detail: { info } }),
              page: (shown) => this._ctl.pageVisible(shown),
            })
          : null;
        this.setData({ e: trace });
      },
      _connect() {
        this._ctx = this._emu ? this._emu.context : (wx.createLivePusherContext('pusher', this) as unknown as NativePusherContext);
        this._ctl.contextReady();
      },
      /** Hands timeouts, policies and attributes to the controller in one call; it renders what changed. */
      _apply() {
        const data = this.data as unknown as Record<string, unknown>;
        if (this._ctx && data.emulate !== this._emulated) {
          this._emulate();
          this._connect();
        }
        const attributes: Record<string, unknown> = { scenario: data.scenario };
        for (const name of ATTRIBUTE_NAMES) attributes[name] = data[name];
        const problems = this._ctl.configure({ timeouts: data, policies: data.policies, attributes });
        if (this._early) this._early = problems;
        else this._report(problems);
      },
      /** `wx:if` off and on: the tag picks up a permission granted in the settings only when created anew. */
      _remount() {
        return new Promise<void>((resolve) => {
          this.setData({ m: false }, () =>
            this.setData({ m: true }, () => {
              if (!this._dead) this._connect();
              resolve();
            }),
          );
        });
      },
      _report(problems) {
        const key = problems.map((p) => p.message).join('\n');
        if (key === this._reported) return;
        this._reported = key;
        if (!problems.length) return;
        console.warn('[ts-pusher] ' + key);
        this._emit('invalid', { problems });
      },
      /** Nothing reaches the page after `detached`. */
      _emit(name, detail) {
        if (this._dead) return;
        // The emulated placeholder shows the status; a real tag never renders it.
        if (this._emu && name === 'statuschange') this.setData({ s: (detail as PusherEvents['statuschange']).status });
        // A page handler's throw is caught and logged by the framework (exparser's safe callback).
        this.triggerEvent(name, detail);
      },
      // After detach the controller is disposed: what the old tag still sends goes nowhere.
      onState(e) {
        this._ctl.handleEvent(mapStateChange(e.detail));
      },
      onError(e) {
        this._ctl.handleEvent(mapError(e.detail), true);
      },
      onNet(e) {
        this._ctl.handleNetStatus(mapNetStatus(e.detail));
      },
      onBgm(e) {
        const d = (e.detail || {}) as { progress?: unknown; duration?: unknown };
        this._emit('bgmprogress', { progress: Number(d.progress) || 0, duration: Number(d.duration) || 0 });
      },
      onVolume(e) {
        this._emit('audiovolume', { volume: Number(((e.detail || {}) as { volume?: unknown }).volume) || 0 });
      },
      /** bgmstart, bgmcomplete, enter/leavepictureinpicture: no detail worth passing on. */
      onPlain(e) {
        this._emit(e.type as 'bgmstart', {});
      },
      // Last: the phone bundle (ES2017) then copies it with one Object.assign.
      ...facade,
    },
  });
}
