/**
 * The push lifecycle of `<ts-pusher>`: the shared lifecycle driver (`driver.ts`, assembled from
 * the call queue, the status machine, the timers and the policies) over `TRANSITIONS`, with the
 * pusher's own seven policies and what its codes mean. `PusherController` adds the promise facade.
 * Members starting with `_` or ending in `$` are the library's own (the phone build shortens them).
 */
import { DEFAULT_ATTRIBUTES, normalizeAttributes, type PusherAttributes } from './attributes';
import type { DriverHost } from './driver';
import { LiveController } from './live-controller';
import type { PusherError } from './errors';
import { refresherArg } from './facade';
import { errorFromEvent, type PusherEvents, type PusherStateEvent } from './events';
import { signalOf, TRANSITIONS, type LifecycleInput, type PushStatus, type StatusCause } from './lifecycle';
import type { NativeMethod, NativePusherContext } from './native';
import { DEFAULT_POLICIES, resolvePolicies, type PolicyHost, type PusherPolicies, type RestartCause } from './policies/index';
import { permissionPolicy, type PermissionPolicy } from './policies/permissions';
import { urlPolicy, type UrlPolicy, type UrlRefresher } from './policies/url';
import { waitingImagePolicy } from './policies/waiting-image';
import type { ControllerOptions } from './timeouts';

/** What the controller needs from its component (or from a test). */
export type ControllerHost = DriverHost<PusherEvents, PusherAttributes, NativePusherContext>;

/**
 * The push lifecycle of `<ts-pusher>` over the shared driver: the pusher's words, table and
 * policies, and what its codes mean (permissions, refused URLs). `PusherController` adds the promise facade.
 */
export class PushDriver
  extends LiveController<PushStatus, LifecycleInput, StatusCause, NativeMethod, PusherAttributes, PusherPolicies, PusherEvents>
  implements PolicyHost
{
  /** `startPreview()` succeeded and no `stopPreview()` since. */
  previewing = false;
  /** @internal */
  protected _maxZoom!: number;
  /** @internal */
  protected readonly _url: UrlPolicy;
  /** @internal */
  protected readonly _permissions: PermissionPolicy;

  /** `timeouts`: until `configure()` gives others (a test's, or the defaults). */
  constructor(host: ControllerHost, timeouts: ControllerOptions = {}) {
    super(
      host,
      timeouts,
      TRANSITIONS,
      ['starting', 'pushing', 'start', 'pushBegin'],
      DEFAULT_ATTRIBUTES,
      DEFAULT_POLICIES,
      normalizeAttributes,
      resolvePolicies,
    );
    this._url = urlPolicy(this);
    this._permissions = permissionPolicy(this);
    const [reconnect, background, screen, quality] = this._shared();
    this._hooks = [this._url, reconnect, this._permissions, background, screen, waitingImagePolicy(this), quality] as PushDriver['_hooks'];
  }

  // ---------- what the component feeds in ----------

  /** Feeds a mapped `statechange` (or `binderror`, `fromError`) event: events, policies, lifecycle. */
  handleEvent(event: PusherStateEvent, fromError?: boolean): void {
    if (this.dead$) return;
    const signal = signalOf(event.code, event.kind);
    const ends = signal === 'fatal' || signal === 'lost';
    // A binderror that ends nothing is only reported.
    this._code(event, fromError && !ends ? null : signal, () => this._permissions.explain$(event) || errorFromEvent(event), fromError);
    if (fromError && !ends) this.emit('error', errorFromEvent(event));
  }

  /** The native context exists now (the component's `ready`, or a re-mount): calls waiting for it go on. */
  contextReady(): void {
    this._maxZoom = 0;
    super.contextReady();
  }

  /** The validated attributes the page gave (`configure()` validates and renders them first). */
  setAttributes(attrs: PusherAttributes): void {
    if (attrs.devicePosition !== this.attrs.devicePosition) this._maxZoom = 0;
    super.setAttributes(attrs);
  }

  /** The function asked for a new push URL when the current one expires or is refused. */
  setUrlRefresher(refresher: UrlRefresher | null): void {
    this._url.setRefresher$(refresherArg('setUrlRefresher', refresher));
  }

  // ---------- the pusher's words ----------

  /** @internal The permission check; a refusal is also reported as an `error` event. */
  protected async _permitted(): Promise<PusherError | null> {
    const denied = await this._permissions.check$();
    if (denied) this.emit('error', denied);
    return denied;
  }

  /** @internal Refreshes the URL first when it expires within 5 minutes (not after a refused one: that was refreshed). */
  protected _beforeRestart(cause: RestartCause): Promise<unknown> {
    return cause === 'rejected' ? Promise.resolve() : this._url.beforeRestart$();
  }

  /** @internal The URL policy answers for refused URLs (3004, -1326); the reconnect policy for lost pushes. */
  protected _takeOver(input: LifecycleInput, cause: StatusCause): boolean | undefined {
    return input === 'lost' || cause === -1326 ? this._url.lost$(cause) : undefined;
  }
}
