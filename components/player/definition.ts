import { asPusherError } from '../../src/call-queue';
import { wxPlatform, type WxLike } from '../../src/platform';
import { PLAYER_ATTRIBUTE_NAMES, DEFAULT_PLAYER_ATTRIBUTES, type PlayerAttributes } from '../../src/play/attributes';
import { PLAYER_METHODS, PlayerController } from '../../src/play/controller';
import { mapPlayerNetStatus, mapPlayerStateChange } from '../../src/play/events';
import type { NativePlayerContext } from '../../src/play/native';
import { PLAYER_MARK, type PlayerInstance } from '../../src/play/player';
import type { PlayerEvents } from '../../src/play/player-events';

/** Instance fields: nothing here is rendered, so nothing here goes through setData. */
type Fields = {
  _ctl: PlayerController;
  _ctx: NativePlayerContext | null;
  /** Problems found before `attached`, when events cannot reach the page yet. */
  _early: { message: string }[] | null;
  /** The last problems reported, so an unchanged mistake is not reported again. */
  _reported: string;
  _dead: boolean;
};

type Detail = { detail?: unknown; type?: string };

/** Every facade method of `PlayerInstance` (its `status` is a getter): the controller's, and the settings. */
const FACADE: readonly Exclude<keyof PlayerInstance, 'status'>[] = [...PLAYER_METHODS, 'setPolicies', 'setSrcRefresher'];

/** The facade: each method delegates to the instance's controller (the same name, the same arguments). */
const facade: { [name: string]: (this: Fields, ...args: unknown[]) => unknown } = {};
for (const name of FACADE) {
  facade[name] = function (this: Fields) {
    // biome-ignore lint/complexity/noArguments: the phone bundle is smaller without a rest parameter here
    return Reflect.apply(this._ctl[name], this._ctl, arguments);
  };
}

type Methods = {
  _apply(): void;
  _report(problems: readonly { message: string }[]): void;
  _emit<K extends keyof PlayerEvents>(name: K, detail: PlayerEvents[K]): void;
  onStateChange(e: Detail): void;
  onNetStatus(e: Detail): void;
  onError(e: Detail): void;
  onFullScreenChange(e: Detail): void;
  onAudioVolume(e: Detail): void;
  onCasting(e: Detail): void;
  onPlain(e: Detail): void;
};

/** Every property typed `null` (any), so the component receives what WXML gave, unconverted (see `<ts-pusher>`). */
const properties: Record<string, WechatMiniprogram.Component.AllProperty> = {};
const PROPERTY_NAMES = ['scenario', 'startTimeout', 'callTimeout', 'policies', 'emulate'].concat(PLAYER_ATTRIBUTE_NAMES);
for (const name of PROPERTY_NAMES) properties[name] = { type: null, value: null } as unknown as WechatMiniprogram.Component.AllProperty;

/** Text of a detail field (`''` when absent). */
const text = (e: Detail, key: string) => String(((e.detail || {}) as Record<string, unknown>)[key] || '');

/**
 * Registers `<ts-player>` with `Component()`. The phone build bundles this definition into the
 * player's part (`player/core.js`); the component's own `index.js` only calls it.
 */
export function definePlayer(): void {
  /** `a`: the tag's attributes; `e`: the emulated trace; `s`: the status (emulation only). */
  Component<{ a: PlayerAttributes; e: string; s: string }, typeof properties, Methods, [], Fields>({
    properties,
    data: { a: DEFAULT_PLAYER_ATTRIBUTES, e: '', s: 'idle' },
    observers: {
      [PROPERTY_NAMES.join(',')]() {
        this._apply();
      },
    },
    lifetimes: {
      created() {
        this._early = [];
        this._reported = '';
        this._ctx = null;
        this._dead = false;
        const ctl = (this._ctl = new PlayerController({
          context: () => this._ctx,
          emit: (name, detail) => this._emit(name, detail),
          platform: wxPlatform(wx as unknown as WxLike),
          render: (attrs) => {
            const changed: Record<string, unknown> = {};
            for (const name of Object.keys(attrs)) changed['a.' + name] = attrs[name as keyof PlayerAttributes];
            this.setData(changed);
          },
        }));
        Object.defineProperty(this, 'status', { get: () => ctl.status, enumerable: true });
        Object.defineProperty(this, PLAYER_MARK, { value: true });
      },
      attached() {
        const early = this._early;
        this._early = null;
        if (early && early.length) this._report(early);
      },
      ready() {
        // Inside a component the second argument is required, or play() silently does nothing.
        this._ctx = wx.createLivePlayerContext('player', this) as unknown as NativePlayerContext;
        this._ctl.contextReady();
      },
      detached() {
        this._dead = true;
        this._ctl.dispose();
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
      ...facade,
      _apply() {
        const data = this.data as unknown as Record<string, unknown>;
        const attributes: Record<string, unknown> = { scenario: data.scenario };
        for (const name of PLAYER_ATTRIBUTE_NAMES) attributes[name] = data[name];
        const problems = this._ctl.configure({ timeouts: data, policies: data.policies, attributes });
        if (this._early) this._early = problems;
        else this._report(problems);
      },
      _report(problems) {
        const key = problems.map((p) => p.message).join('\n');
        if (key === this._reported) return;
        this._reported = key;
        if (!problems.length) return;
        console.warn('[ts-player] ' + key);
        this._emit('invalid', { problems } as PlayerEvents['invalid']);
      },
      _emit(name, detail) {
        if (this._dead) return;
        if (this.data.e && name === 'statuschange') this.setData({ s: (detail as PlayerEvents['statuschange']).status });
        this.triggerEvent(name, detail);
      },
      onStateChange(e) {
        this._ctl.handleEvent(mapPlayerStateChange(e.detail));
      },
      onNetStatus(e) {
        this._ctl.handleNetStatus(mapPlayerNetStatus(e.detail));
      },
      /** `binderror` `{ errMsg }`: reported; the status follows the state codes. */
      onError(e) {
        if (!this._ctl.dead$) this._emit('error', asPusherError(e.detail, 'player'));
      },
      onFullScreenChange(e) {
        const d = (e.detail || {}) as { direction?: unknown; fullScreen?: unknown };
        this._emit('fullscreenchange', { direction: Number(d.direction) || 0, fullScreen: !!d.fullScreen });
      },
      onAudioVolume(e) {
        this._emit('audiovolume', { volume: Number(text(e, 'volume')) || 0 });
      },
      onCasting(e) {
        if (e.type === 'castingstatechange') this._emit('castingstatechange', { type: text(e, 'type'), state: text(e, 'state') });
        else this._emit('castinguserselect', { state: text(e, 'state') });
      },
      /** enter/leavepictureinpicture, castinginterrupt: no detail worth passing on. */
      onPlain(e) {
        this._emit(e.type as 'castinginterrupt', {});
      },
    },
  });
}
