import {
  ATTRIBUTE_NAMES,
  PUSHER_MARK,
  PUSHER_METHODS,
  PusherController,
  attributeType,
  errorFromEvent,
  mapError,
  mapNetStatus,
  mapStateChange,
  normalizeAttributes,
  type AttributeProblem,
  type ControllerOptions,
  type NativePusherContext,
  type PusherAttributes,
  type PusherEvents,
  type PusherMethods,
  type PusherStateEvent,
} from '../../src/index';

/** Instance fields: nothing here is rendered, so nothing here goes through setData. */
type Fields = {
  _ctl: PusherController;
  _ctx: NativePusherContext | null;
  /** Timeouts; the controller reads them at each call. */
  _timeouts: ControllerOptions;
  /** The attributes `<live-pusher>` has now. */
  _attrs: PusherAttributes;
  /** Problems found before `attached`, when events cannot reach the page yet. */
  _early: AttributeProblem[] | null;
  /** The last problems reported, so an unchanged mistake is not reported again. */
  _reported: string;
}

type Detail = { detail?: unknown; type?: string };

/** Internal methods (the facade's are added from `PUSHER_METHODS`). */
type Methods = {
  _apply(): void;
  _report(problems: readonly AttributeProblem[]): void;
  _emit<K extends keyof PusherEvents>(name: K, detail: PusherEvents[K]): void;
  _code(event: PusherStateEvent, fromError: boolean): void;
  onStateChange(e: Detail): void;
  onError(e: Detail): void;
  onNetStatus(e: Detail): void;
  onBgm(e: Detail): void;
  onAudioVolume(e: Detail): void;
  onPip(e: Detail): void;
};

const DEFAULTS = normalizeAttributes({}).attributes;

/**
 * Every attribute a property, typed so WXML text converts as on `<live-pusher>`. `null` (never
 * bound) and `''` mean "not given", so the scenario preset or the default fills them.
 */
const properties: Record<string, WechatMiniprogram.Component.AllProperty> = {
  scenario: { type: String, value: '' },
  /** ms `start()` waits for 1002 (0: 15000). */
  startTimeout: { type: Number, value: 0 },
  /** ms any native call waits for its callback (0: 5000). */
  callTimeout: { type: Number, value: 0 },
};
for (const name of ATTRIBUTE_NAMES) {
  properties[name] = { type: attributeType(name), value: null } as unknown as WechatMiniprogram.Component.AllProperty;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** The facade: each method delegates to the instance's controller. */
const facade = {} as PusherMethods;
for (const name of PUSHER_METHODS) {
  (facade as unknown as Record<string, unknown>)[name] = function (this: Fields, ...args: unknown[]) {
    return (this._ctl[name] as (...a: unknown[]) => Promise<unknown>).apply(this._ctl, args);
  };
}

Component<{ a: PusherAttributes }, typeof properties, Methods & { [M in keyof PusherMethods]: PusherMethods[M] }, [], Fields>({
  properties,
  data: { a: DEFAULTS },
  observers: {
    [['scenario', 'startTimeout', 'callTimeout'].concat(ATTRIBUTE_NAMES).join(',')]() {
      this._apply();
    },
  },
  lifetimes: {
    created() {
      this._attrs = DEFAULTS;
      this._early = [];
      this._reported = '';
      this._ctx = null;
      this._timeouts = {};
      this._ctl = new PusherController(() => this._ctx, (change) => this._emit('statuschange', change), this._timeouts);
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
      this._ctx = wx.createLivePusherContext('pusher', this) as unknown as NativePusherContext;
    },
    detached() {
      this._ctl.dispose();
      this._ctx = null;
    },
  },
  methods: {
    ...facade,
    /** Takes the timeouts, normalizes the attributes and hands `<live-pusher>` only the keys that changed. */
    _apply() {
      const data = this.data as unknown as Record<string, unknown> & ControllerOptions;
      this._timeouts.startTimeout = data.startTimeout;
      this._timeouts.callTimeout = data.callTimeout;
      const input: Record<string, unknown> = { scenario: data.scenario };
      for (const name of ATTRIBUTE_NAMES) {
        const value = data[name];
        if (value !== null && value !== undefined && value !== '') input[name] = value;
      }
      const { attributes, problems } = normalizeAttributes(input);
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
      if (this._early) this._early = problems.slice();
      else this._report(problems);
    },
    _report(problems: readonly AttributeProblem[]) {
      const key = problems.map((p) => p.message).join('\n');
      if (key === this._reported) return;
      this._reported = key;
      if (!problems.length) return;
      console.warn('[ts-pusher] ' + key);
      this._emit('invalid', { problems });
    },
    _emit(name: keyof PusherEvents, detail: unknown) {
      this.triggerEvent(name, detail);
    },
    /** One mapped code: statechange, then warning or error, then the lifecycle. Never throws. */
    _code(event: PusherStateEvent, fromError: boolean) {
      const emit = this._emit.bind(this);
      try {
        if (!fromError) emit('statechange', event);
        if (event.kind === 'warning' && !fromError) emit('warning', event);
        if (event.kind === 'fatal' || fromError) emit('error', errorFromEvent(event));
        this._ctl.handleEvent(event);
      } catch (error) {
        console.error('[ts-pusher]', error);
      }
    },
    onStateChange(e: Detail) {
      this._code(mapStateChange(e.detail), false);
    },
    onError(e: Detail) {
      this._code(mapError(e.detail), true);
    },
    onNetStatus(e: Detail) {
      this._emit('netstatus', mapNetStatus(e.detail));
    },
    onBgm(e: Detail) {
      const d = (e.detail || {}) as { progress?: unknown; duration?: unknown };
      const type = e.type as 'bgmstart' | 'bgmprogress' | 'bgmcomplete';
      if (type === 'bgmprogress') this._emit(type, { progress: Number(d.progress) || 0, duration: Number(d.duration) || 0 });
      else this._emit(type, {});
    },
    onAudioVolume(e: Detail) {
      this._emit('audiovolume', { volume: Number((e.detail as { volume?: unknown } | undefined)?.volume) || 0 });
    },
    onPip(e: Detail) {
      this._emit(e.type as 'enterpictureinpicture', {});
    },
  },
});
