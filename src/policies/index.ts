/**
 * What keeps a push alive, switchable one by one: the configuration, and the two interfaces
 * between the controller and each policy module. Every policy is framework-free: it sees the
 * controller through `PolicyHost` and the platform through `Platform`.
 */
import { bool, check, int, problem, type AttributeProblem, type AttributeSpec, type PusherAttributes } from '../attributes';
import type { PusherError } from '../errors';
import type { PusherEvents, PusherNetStatus, PusherStateEvent } from '../events';
import type { LifecycleInput, PushStatus, StatusCause, StatusChange } from '../lifecycle';
import type { Platform } from '../platform';
import { MAX_MS } from '../timer';

/** Restarts after -1307 (-1324, -1325): attempt n waits `min(capMs, baseMs·2^(n-1))` ±20 %. */
export interface ReconnectPolicy {
  readonly attempts: number;
  readonly baseMs: number;
  readonly capMs: number;
}

/** Every policy and its setting. */
export interface PusherPolicies {
  /** `false`: -1307 fails the push, as the native tag does. */
  readonly reconnect: false | ReconnectPolicy;
  /** How long before the URL's `txTime` to emit `urlexpiring` and ask the refresher. */
  readonly refreshUrlBeforeMs: number;
  /** Push again when the page is shown after the system stopped the push. */
  readonly resumeOnShow: boolean;
  /** Check and ask for camera and microphone before `start()` / `startPreview()`. */
  readonly permissions: boolean;
  /** `wx.setKeepScreenOn` while previewing, starting, pushing or reconnecting. */
  readonly keepScreenOn: boolean;
  /** Compute `waiting-image-hash` on the device when only `waiting-image` is given. */
  readonly waitingImageHash: boolean;
  /** Emit `quality` from netstatus. */
  readonly quality: boolean;
}

/** What `policies` and `setPolicies()` take: any subset, merged over the current settings. */
export type PolicyInput = {
  readonly [K in keyof PusherPolicies]?: K extends 'reconnect' ? boolean | Partial<ReconnectPolicy> : PusherPolicies[K];
};

const DEFAULT_RECONNECT: ReconnectPolicy = { attempts: 6, baseMs: 1000, capMs: 30000 };

/** The defaults: every policy on. */
export const DEFAULT_POLICIES: PusherPolicies = {
  reconnect: DEFAULT_RECONNECT,
  refreshUrlBeforeMs: 600000,
  resumeOnShow: true,
  permissions: true,
  keepScreenOn: true,
  waitingImageHash: true,
  quality: true,
};

/** @internal How the pusher's settings are checked (the player's share all but its own). */
export const SPECS: PolicySpecs = {
  refreshUrlBeforeMs: int(600000, 0, MAX_MS),
  resumeOnShow: bool(true),
  permissions: bool(true),
  keepScreenOn: bool(true),
  waitingImageHash: bool(true),
  quality: bool(true),
  attempts: int(6, 1, 1000),
  baseMs: int(1000, 1, MAX_MS),
  capMs: int(30000, 1, MAX_MS),
};

/** How each policy setting is checked (`reconnect`'s fields included). */
export type PolicySpecs = { readonly [name: string]: AttributeSpec };

/**
 * Merges `input` over `base`, checking each value: a bad one keeps the base value and is
 * reported (`policies.<name>`); `''`/`null`/`undefined` mean "not given"; never throws.
 * `defaults` and `specs` say which settings exist (the player passes its own).
 */
export function resolvePolicies<P = PusherPolicies>(
  input: unknown,
  base: P = DEFAULT_POLICIES as P,
  defaults: P = DEFAULT_POLICIES as P,
  specs: PolicySpecs = SPECS,
): { policies: P; problems: AttributeProblem[] } {
  const problems: AttributeProblem[] = [];
  const merge = (given: unknown, into: Record<string, unknown>, prefix: string, known: object): Record<string, unknown> => {
    if (given === undefined || given === null || given === '') return into;
    if (typeof given !== 'object' || Array.isArray(given))
      return (problems.push(problem('WRONG_TYPE', prefix.slice(0, -1), given, into, 'an object')), into);
    const out = { ...into };
    for (const key of Object.keys(given)) {
      const value = (given as Record<string, unknown>)[key];
      const name = prefix + key;
      if (!(key in known)) problems.push(problem('UNKNOWN_ATTRIBUTE', name, value, value));
      else if (key === 'reconnect') {
        const off = value === false || value === 'false';
        out.reconnect = off
          ? false
          : merge(
              value === true || value === 'true' ? {} : value,
              (into.reconnect || DEFAULT_RECONNECT) as Record<string, unknown>,
              name + '.',
              DEFAULT_RECONNECT,
            );
      } else if (value !== undefined && value !== null && value !== '') {
        const result = check(name, specs[key], value, into[key]);
        out[key] = result.value;
        if (result.problem) problems.push(result.problem);
      }
    }
    return out;
  };
  return {
    policies: merge(input, base as unknown as Record<string, unknown>, 'policies.', defaults as unknown as object) as unknown as P,
    problems,
  };
}

/** Why the library pushes again. */
export type RestartCause = 'reconnect' | 'show' | 'rejected';

/** What a policy sees of the controller. */
export interface PolicyHost {
  readonly status: PushStatus;
  /** The page is shown (between `show` and `hide`). */
  readonly visible: boolean;
  /** `startPreview()` succeeded and no `stopPreview()` since. */
  readonly previewing: boolean;
  /** The attributes the page gave, validated (without the library's own patches). */
  readonly attrs: PusherAttributes;
  readonly policies: PusherPolicies;
  readonly platform: Platform;
  emit<K extends keyof PusherEvents>(name: K, detail: PusherEvents[K]): void;
  /** Pushes again through the call queue: native `stop` (its failure ignored), then `start`. */
  restart(cause: RestartCause): void;
  /** Applies a lifecycle input as the device would. */
  signal(input: LifecycleInput, cause: StatusCause, error?: PusherError): void;
  /** Puts library-chosen values on the tag (a refreshed `url`, a computed `waitingImageHash`). */
  patch(attrs: Partial<PusherAttributes>): void;
  /** Re-mounts the inner tag; resolves when its new context exists. */
  remount(): Promise<void>;
  /** Waits for the app's code at most the start timeout (then rejects `TIMEOUT`); detach settles it. */
  waitFor<T>(call: () => T | Promise<T>): Promise<T>;
}

/**
 * Hooks a policy may implement; the controller calls them in a fixed order, as plain functions (no `this`). Members ending in `$`
 * are the library's own (the phone build shortens them, like `_` members): internal, left out of the published types.
 */
export interface Policy<
  C extends { readonly status: string } = StatusChange,
  E extends { readonly code: number | null } = PusherStateEvent,
  N = PusherNetStatus,
  A = PusherAttributes,
> {
  /** @internal The status moved. */
  onStatus$?(change: C): void;
  /** @internal A mapped state code. */
  onCode$?(event: E): void;
  /** @internal A mapped netstatus sample. */
  onNet$?(status: N): void;
  /** @internal The page was shown (`true`) or hidden. */
  onVisible$?(shown: boolean): void;
  /** @internal The attributes, the policy settings or the preview changed. */
  onAttrs$?(attrs: A): void;
  /** @internal `stop()` (final false) or detach (final true): cancel timers, listeners, requests. */
  onStop$?(final: boolean): void;
}

/** The settings the shared policies (reconnect, background, screen, quality) read: the pusher's and the player's have them all. */
export interface SharedPolicies {
  readonly reconnect: false | ReconnectPolicy;
  readonly resumeOnShow: boolean;
  readonly keepScreenOn: boolean;
  readonly quality: boolean;
}

/**
 * What the shared policies see of a driver, the pusher's or the player's (`S`: its statuses).
 * `PusherController` and `PlayerController` both are one.
 */
export interface LiveHost<S extends string> {
  readonly status: S;
  readonly visible: boolean;
  /** The pusher's camera preview runs (the player has none). */
  readonly previewing?: boolean;
  readonly policies: SharedPolicies;
  readonly platform: Platform;
  emit(name: 'reconnect', detail: PusherEvents['reconnect']): void;
  emit(name: 'quality', detail: PusherEvents['quality']): void;
  restart(cause: RestartCause): void;
  signal(input: 'suspend', cause: 'hide'): void;
}
