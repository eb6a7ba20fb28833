/** Keep the screen on while previewing, starting, pushing or reconnecting on a shown page; re-asserted every 20 s. */
import type { PushStatus } from '../lifecycle';
import type { LiveHost, Policy } from './index';

const AWAKE: readonly PushStatus[] = ['starting', 'pushing', 'reconnecting'];

/** `awake`: the statuses that keep the screen on (the player passes its own). */
export function screenPolicy<S extends string = PushStatus>(
  host: LiveHost<S>,
  awake: readonly S[] = AWAKE as readonly string[] as readonly S[],
): Policy<{ readonly status: S }, never, never, unknown> {
  let on = false;
  let timer: ReturnType<typeof setInterval> | null = null;
  const set = (want: boolean) => {
    if (timer) clearInterval(timer);
    timer = want ? setInterval(() => host.platform.setKeepScreenOn(true), 20000) : null;
    on = want;
    host.platform.setKeepScreenOn(want);
  };
  const update = () => {
    const want = host.policies.keepScreenOn && host.visible && (host.previewing || awake.indexOf(host.status) >= 0);
    if (want !== on) set(want);
  };
  return {
    onStatus$: update,
    onAttrs$: update,
    // Hidden: off; shown again: on (so it is re-asserted after the system may have reset it).
    onVisible$: update,
    onStop$(final) {
      if (final && on) set(false);
    },
  };
}
