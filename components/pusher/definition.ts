import { ATTRIBUTE_NAMES, DEFAULT_ATTRIBUTES, normalizeAttributes, type AttributeProblem, type PusherAttributes } from '../../src/attributes';
import { PUSHER_METHODS, PusherController, normalizeTimeouts, type ControllerOptions } from '../../src/controller';
import type { NativePusherContext } from '../../src/native';
import { emulate, emulationFor, type Emulation } from '../../src/emulator';
import { mapError, mapNetStatus, mapStateChange } from '../../src/events';
import { wxPlatform, type WxLike } from '../../src/platform';
import { resolvePolicies } from '../../src/policies/index';
import { PUSHER_MARK, type PusherEvents } from '../../src/pusher';

/** Instance fields: nothing here is rendered, so nothing here goes through setData. */
type Fields = {
  _ctl: PusherController;
  _ctx: NativePusherContext | null;
  /** Timeouts; the controller reads them at each call. */
  _timeouts: ControllerOptions;
  /** The attributes the page gave, validated. */
  _page: PusherAttributes;
  /** Values the policies put on the tag (a refreshed url, a computed hash) until the page changes them. */
  _overlay: Partial<PusherAttributes>;
  /** What `<live-pusher>` has now. */
  _attrs: PusherAttributes;
  /** The `policies` property last applied. */
  _policies: unknown;
  /** Problems found before `attached`, when events cannot reach the page yet. */
  _early: AttributeProblem[] | null;
  /** The last problems reported, so an unchanged mistake is not reported again. */
  _reported: string;
  _dead: boolean;
  /** The emulated device, when the tag cannot run (DevTools), and the `emulate` value it follows. */
  _emu: Emulation | null;
  _emulated: unknown;
};

type Detail = { detail?: unknown; type?: string };

/** Internal methods (the facade's are added from `PUSHER_METHODS`). */
type Methods = {
  _apply(): void;
  _render(): void;
  _patch(attrs: Partial<PusherAttributes>): void;
  _remount(): Promise<void>;
  _connect(): void;
  _emulate(): void;
  _report(problems: readonly AttributeProblem[]): void;
  _emit<K extends keyof PusherEvents>(name: K, detail: PusherEvents[K]): void;
  onStateChange(e: Detail): void;
  onError(e: Detail): void;
  onNetStatus(e: Detail): void;
  onBgmProgress(e: Detail): void;
  onAudioVolume(e: Detail): void;
  onPlain(e: Detail): void;
};

/**
 * Every property is typed `null` (any), so the component receives what WXML gave, unconverted:
 * a `Number` property would turn `fps=""` into 0 and a `Boolean` one `autopush="false"` into
 * true before anyone could check them. `normalizeAttributes` reads the text as a person means it.
 */
const properties: Record<string, WechatMiniprogram.Component.AllProperty> = {};
for (const name of ['scenario', 'startTimeout', 'callTimeout', 'policies', 'emulate'].concat(ATTRIBUTE_NAMES)) {
  properties[name] = { type: null, value: null } as unknown as WechatMiniprogram.Component.AllProperty;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** The facade: each method delegates to the instance's controller. */
const facade: Record<string, unknown> = {};
for (const name of (PUSHER_METHODS as string[]).concat('setPolicies', 'setUrlRefresher')) {
  facade[name] = function (this: Fields, ...args: unknown[]) {
    return (this._ctl as unknown as Record<string, (...a: unknown[]) => unknown>)[name](...args);
  };
}

/**
 * Registers `<ts-pusher>` with `Component()`. The phone build bundles this definition into the
 * core (`index.js`) so both share one gzip dictionary and one set of shortened names; the
 * component's own `index.js` only calls it.
 */
export function definePusher(): void {
  /** `a`: the tag's attributes; `m`: the tag is mounted; `e`: the emulated trace; `s`: the status (emulation only). */
  Component<{ a: PusherAttributes; m: boolean; e: string; s: string }, typeof properties, Methods, [], Fields>({
    properties,
    data: { a: DEFAULT_ATTRIBUTES, m: true, e: '', s: 'idle' },
    observers: {
      [['scenario', 'startTimeout', 'callTimeout', 'policies', 'emulate'].concat(ATTRIBUTE_NAMES).join(',')]() {
        this._apply();
      },
    },
    lifetimes: {
      created() {
        this._attrs = this._page = DEFAULT_ATTRIBUTES;
        this._overlay = {};
        this._early = [];
        this._reported = '';
        this._ctx = null;
        this._timeouts = {};
        this._dead = false;
        this._emu = null;
        this._ctl = new PusherController(
          {
            context: () => this._ctx,
            emit: (name, detail) => this._emit(name, detail),
            platform: wxPlatform(wx as unknown as WxLike),
            patch: (attrs) => this._patch(attrs),
            remount: () => this._remount(),
          },
          this._timeouts,
        );
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
      ...(facade as {}),
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
              code: (code, message) => this.onStateChange({ detail: { code, message } }),
              error: (errCode, errMsg) => this.onError({ detail: { errCode, errMsg } }),
              net: (info) => this.onNetStatus({ detail: { info } }),
              page: (shown) => this._ctl.pageVisible(shown),
            })
          : null;
        this.setData({ e: trace });
      },
      _connect() {
        this._ctx = this._emu ? this._emu.context : (wx.createLivePusherContext('pusher', this) as unknown as NativePusherContext);
        this._ctl.contextReady();
      },
      /** Takes timeouts and policies, normalizes the attributes, and hands the tag only the keys that changed. */
      _apply() {
        const data = this.data as unknown as Record<string, unknown>;
        if (this._ctx && data.emulate !== this._emulated) {
          this._emulate();
          this._connect();
        }
        const { timeouts, problems } = normalizeTimeouts(data);
        // The controller holds this object: update it in place.
        this._timeouts.startTimeout = timeouts.startTimeout;
        this._timeouts.callTimeout = timeouts.callTimeout;
        if (!same(data.policies, this._policies)) {
          this._policies = data.policies;
          const resolved = resolvePolicies(data.policies);
          this._ctl.applyPolicies(resolved.policies);
          problems.push(...resolved.problems);
        }
        const input: Record<string, unknown> = { scenario: data.scenario };
        for (const name of ATTRIBUTE_NAMES) input[name] = data[name];
        const normalized = normalizeAttributes(input);
        // A value the page changes wins over the one a policy put on the tag.
        for (const name of ATTRIBUTE_NAMES) if (!same(normalized.attributes[name], this._page[name])) delete this._overlay[name];
        this._page = normalized.attributes;
        this._render();
        this._ctl.setAttributes(this._page);
        problems.push(...normalized.problems);
        if (this._early) this._early = problems;
        else this._report(problems);
      },
      _render() {
        const attributes = { ...this._page, ...this._overlay };
        const changed: Record<string, unknown> = {};
        let count = 0;
        for (const name of ATTRIBUTE_NAMES) {
          if (!same(attributes[name], this._attrs[name])) {
            changed['a.' + name] = attributes[name];
            count++;
          }
        }
        this._attrs = attributes;
        if (count) this.setData(changed);
      },
      _patch(attrs) {
        Object.assign(this._overlay, attrs);
        this._render();
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
      onStateChange(e) {
        this._ctl.handleEvent(mapStateChange(e.detail));
      },
      onError(e) {
        this._ctl.handleEvent(mapError(e.detail), true);
      },
      onNetStatus(e) {
        this._ctl.handleNetStatus(mapNetStatus(e.detail));
      },
      onBgmProgress(e) {
        const d = (e.detail || {}) as { progress?: unknown; duration?: unknown };
        this._emit('bgmprogress', { progress: Number(d.progress) || 0, duration: Number(d.duration) || 0 });
      },
      onAudioVolume(e) {
        this._emit('audiovolume', { volume: Number(((e.detail || {}) as { volume?: unknown }).volume) || 0 });
      },
      /** bgmstart, bgmcomplete, enter/leavepictureinpicture: no detail worth passing on. */
      onPlain(e) {
        this._emit(e.type as 'bgmstart', {});
      },
    },
  });
}
