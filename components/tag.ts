/**
 * The component glue both tags share: `<ts-pusher>` and `<ts-player>` each call `defineTag()`
 * with what differs (the inner tag, its controller, mappers, emulation and a few handlers). It
 * wires lifetimes, the `wx` seam and the tag: every property typed `null` and handed to the
 * controller in one `configure()` call, the facade delegating to the controller, problems
 * reported once, events stopped at detach, and the DevTools emulation.
 */
import type { EmulatorSink } from '../src/emulator';
import { wxPlatform, type WxLike } from '../src/platform';

/** @internal What `defineTag` needs of a tag's controller. */
export interface TagController {
  readonly status: string;
  configure(input: { timeouts: unknown; policies: unknown; attributes: Record<string, unknown> }): readonly { message: string }[];
  contextReady(): void;
  pageVisible(shown: boolean): void;
  dispose(): void;
  handleEvent(event: unknown, fromError?: boolean): void;
  handleNetStatus(status: unknown): void;
}

/** @internal A host as the tag's controller takes it. */
export interface TagHost {
  context(): never;
  emit(name: never, detail: never): void;
  readonly platform: ReturnType<typeof wxPlatform>;
  render(attrs: object): void;
  remount(): Promise<void>;
}

type Detail = { detail?: unknown; type?: string };

/** An emulated device: its context, and a stop for its trace. */
type Emulated = { readonly context: unknown; stop(): void };

/** @internal Instance fields: nothing here is rendered, so nothing here goes through setData. */
export type TagFields = {
  _ctl: TagController;
  _ctx?: unknown;
  /** Problems found before `attached`, when events cannot reach the page yet. */
  _early: readonly { message: string }[] | null;
  /** The last problems reported, so an unchanged mistake is not reported again (unset until the first report). */
  _reported?: string;
  _dead?: boolean;
  /** The emulated device, when the tag cannot run (DevTools), and the `emulate` value it follows. */
  _emu?: Emulated | null;
  _emulated?: unknown;
  _emit(name: string, detail: unknown): void;
  onState(e: Detail): void;
  onError(e: Detail): void;
  onNet(e: Detail): void;
};

/** @internal What differs between the tags. */
export interface TagSpec {
  /** The inner tag's context for this component (`wx.createLivePusherContext('pusher', component)`, …). */
  context$(component: unknown): unknown;
  /** The property marking instances (`pusherOf`, `playerOf`). */
  readonly mark$: string;
  /** The tag's attribute names (camelCase), and their defaults. */
  readonly names$: readonly string[];
  readonly defaults$: object;
  /** The facade's methods: each delegates to the controller. */
  readonly facade$: readonly string[];
  controller$(host: TagHost): TagController;
  /** `bindstatechange` and `bindnetstatus` details, mapped. */
  state$(detail: unknown): unknown;
  net$(detail: unknown): unknown;
  /** What the `emulate` property asks for (a trace, or `''`), and the emulated device. */
  emulation$(value: unknown, platform: string): { trace: string; problem?: { message: string } };
  emulate$(trace: string, sink: EmulatorSink): Emulated;
  /** The tag's own handlers (`onError` among them). */
  readonly methods$: { readonly [name: string]: (this: TagFields, e: Detail) => void };
}

/** @internal Registers a tag's component with `Component()`. */
export function defineTag(spec: TagSpec): void {
  /** Every property is typed `null` (any), so the component receives what WXML gave, unconverted: `normalize*` reads the text as a person means it. */
  const properties: Record<string, WechatMiniprogram.Component.AllProperty> = {};
  const names = ['scenario', 'startTimeout', 'callTimeout', 'policies', 'emulate'].concat(spec.names$);
  for (const name of names) properties[name] = { type: null, value: null } as unknown as WechatMiniprogram.Component.AllProperty;
  const facade: { [name: string]: (this: TagFields) => unknown } = {};
  for (const name of spec.facade$)
    facade[name] = function (this: TagFields) {
      const ctl = this._ctl as unknown as { [name: string]: (...args: unknown[]) => unknown };
      // biome-ignore lint/complexity/noArguments: the phone bundle is smaller without a rest parameter here
      return Reflect.apply(ctl[name], ctl, arguments);
    };

  /**
   * `a`: the tag's attributes by their index in `spec.names$` (the WXML binds `a[0]`…, shorter than
   * names); `m`: the tag is mounted; `e`: the emulated trace; `s`: the status (emulation only).
   */
  Component<{ a: unknown[]; m: boolean; e: string; s: string }, typeof properties, WechatMiniprogram.Component.MethodOption, [], TagFields>(
    {
      properties,
      data: { a: spec.names$.map((name) => (spec.defaults$ as Record<string, unknown>)[name]), m: true, e: '', s: 'idle' },
      observers: {
        [names.join(',')]() {
          this._apply();
        },
      },
      lifetimes: {
        created() {
          this._early = [];
          const ctl = (this._ctl = spec.controller$({
            context: () => this._ctx as never,
            emit: (name, detail) => this._emit(name, detail),
            platform: wxPlatform(wx as unknown as WxLike),
            // The changed attributes go onto the inner tag in one setData.
            render: (attrs) => {
              const changed: Record<string, unknown> = {};
              for (const name of Object.keys(attrs))
                changed['a[' + spec.names$.indexOf(name) + ']'] = (attrs as Record<string, unknown>)[name];
              this.setData(changed);
            },
            remount: () => this._remount(),
          }));
          Object.defineProperty(this, 'status', { get: () => ctl.status });
          (this as unknown as Record<string, boolean>)[spec.mark$] = true;
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
          const { trace, problem } = spec.emulation$(value, platform);
          // Its own report: the attributes' report stays as it was, so their unchanged problems are not reported again.
          if (problem) this._report([problem], true);
          if (trace === this.data.e) return;
          if (this._emu) this._emu.stop();
          // The emulated tag's events take the real tag's way in: the same handlers.
          this._emu = trace
            ? spec.emulate$(trace, {
                code: (code, message) => this.onState({ detail: { code, message } }),
                error: (errCode, errMsg) => this.onError({ detail: { errCode, errMsg } }),
                net: (info) => this.onNet({ detail: { info } }),
                page: (shown) => this._ctl.pageVisible(shown),
              })
            : null;
          this.setData({ e: trace });
        },
        _connect() {
          // Inside a component the second argument is required, or the context silently does nothing.
          this._ctx = this._emu ? this._emu.context : spec.context$(this);
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
          for (const name of spec.names$) attributes[name] = data[name];
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
        _report(problems: readonly { message: string }[], alone?: boolean) {
          const key = problems.map((p) => p.message).join('\n');
          if (key === this._reported) return;
          if (!alone) this._reported = key;
          if (!problems.length) return;
          console.warn('[ts-pusher] ' + key);
          this._emit('invalid', { problems });
        },
        /** Nothing reaches the page after `detached`. */
        _emit(name: string, detail: unknown) {
          if (this._dead) return;
          // The emulated placeholder shows the status; a real tag never renders it.
          if (this._emu && name === 'statuschange') this.setData({ s: (detail as { status: string }).status });
          // A page handler's throw is caught and logged by the framework (exparser's safe callback).
          this.triggerEvent(name, detail);
        },
        // After detach the controller is disposed: what the old tag still sends goes nowhere.
        onState(e: Detail) {
          this._ctl.handleEvent(spec.state$(e.detail));
        },
        onNet(e: Detail) {
          this._ctl.handleNetStatus(spec.net$(e.detail));
        },
        onVolume(e: Detail) {
          this._emit('audiovolume', { volume: Number(((e.detail || {}) as { volume?: unknown }).volume) || 0 });
        },
        /** Events with no detail worth passing on (picture-in-picture, casting interrupts, BGM start and end). */
        onPlain(e: Detail) {
          this._emit(e.type as string, {});
        },
        // Last: the phone bundle (ES2017) then copies them with one Object.assign.
        ...spec.methods$,
        ...facade,
      },
    },
  );
}
