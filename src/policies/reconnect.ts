/**
 * Reconnect: after -1307 (-1324, -1325) the native SDK has given up; this policy restarts the
 * push with exponential backoff and jitter, spends no attempt while the device is offline
 * (and tries at once when the network returns), and reports the loss that began it when
 * the attempts run out.
 */
import type { PusherError } from '../errors';
import type { PushStatus } from '../lifecycle';
import type { NetworkChange } from '../platform';
import type { LiveHost, Policy, ReconnectPolicy } from './index';

/** The reconnect policy as a driver drives it (`S`: its statuses). */
export interface ReconnectPolicyState<S extends string = PushStatus> extends Policy<{ readonly status: S }> {
  /** @internal The loss that began the current series (reported if it fails). */
  origin$(): PusherError | null;
  /** @internal Pushing (playing) was lost in `status`: `true` when an attempt is (or will be) made. */
  lost$(status: S, error: PusherError): boolean;
  /** @internal The page's `start()`: a fresh series. */
  reset$(): void;
}

type Timer = ReturnType<typeof setTimeout> | null;

/** Statuses a lost push is taken over from (a suspended one is pushed again on `show`); the second is the steady one. */
const LIVE: readonly PushStatus[] = ['starting', 'pushing', 'reconnecting', 'suspended'];
/** Pushing this long without a loss starts a fresh series. */
const STEADY_MS = 30000;

/** `live`: the statuses a loss is taken over from, the steady one second (the player passes its own). */
export function reconnectPolicy<S extends string = PushStatus>(
  host: LiveHost<S>,
  live: readonly S[] = LIVE as readonly string[] as readonly S[],
): ReconnectPolicyState<S> {
  let spent = 0;
  let timer: Timer = null;
  /** When pushing (re)began. */
  let since = 0;
  let online = true;
  /** An attempt waits for the network. */
  let waiting = false;
  let listening = false;
  /** The loss that began the current series. */
  let origin: PusherError | null = null;
  const clear = (t: Timer): null => (t && clearTimeout(t), null);

  const onNetwork = (change: NetworkChange) => {
    online = !!change.isConnected;
    if (!online && timer) {
      timer = clear(timer);
      waiting = true;
    } else if (online && waiting) attempt(0);
  };
  const listen = (on: boolean) => {
    if (on === listening) return;
    listening = on;
    // What it heard before is stale: a new series assumes a network and asks (getNetworkType).
    if (on) {
      online = true;
      host.platform.onNetworkStatusChange(onNetwork);
    } else host.platform.offNetworkStatusChange(onNetwork);
  };
  const attempt = (delayMs: number) => {
    timer = null;
    waiting = false;
    if (host.status !== 'reconnecting') return;
    if (!online) return void (waiting = true);
    spent++;
    host.emit('reconnect', { attempt: spent, attempts: (host.policies.reconnect as ReconnectPolicy).attempts, delayMs, cause: origin! });
    host.restart('reconnect');
  };

  /** A fresh series: the page's `start()`, a push that ended, or 30 s of steady pushing. */
  const reset = () => {
    spent = 0;
    origin = null;
    timer = clear(timer);
    waiting = false;
  };

  return {
    origin$: () => origin,
    lost$(status, error) {
      const policy = host.policies.reconnect;
      if (!policy || live.indexOf(status) < 0) return false;
      // Pushing steadily for 30 s since the last loss starts a fresh series.
      if (status === live[1] && Date.now() - since >= STEADY_MS) reset();
      if (!origin) origin = error;
      if (status === 'suspended') return true;
      if (spent >= policy.attempts) return false;
      timer = clear(timer);
      listen(true);
      if (!online) return (waiting = true);
      const delayMs = Math.round(Math.min(policy.capMs, policy.baseMs * Math.pow(2, spent)) * (0.8 + Math.random() * 0.4));
      timer = setTimeout(() => attempt(delayMs), delayMs);
      // Offline: no attempt is spent until the network returns.
      host.platform.getNetworkType().then(
        (type) => type === 'none' && onNetwork({ isConnected: false, networkType: type }),
        () => undefined,
      );
      return true;
    },
    reset$: reset,
    onStatus$(change) {
      if (change.status === live[1]) {
        timer = clear(timer);
        since = Date.now();
      } else if (live.indexOf(change.status) < 0) {
        reset();
        listen(false);
      }
    },
    onStop$() {
      reset();
      listen(false);
    },
  };
}
