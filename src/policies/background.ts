/**
 * Background: a hidden page suspends the push (never calling `stop()`: the platform refuses it
 * in background), and `show` pushes again (also after 5000/5001: the system stopped the push,
 * with or without a `hide` first), as does the end of an audio interruption on a shown page.
 */
import type { PushStatus } from '../lifecycle';
import type { LiveHost, Policy } from './index';

const SUSPENDABLE: readonly PushStatus[] = ['starting', 'pushing', 'reconnecting'];

/** `suspendable`: the statuses a hidden page suspends (the player passes its own). */
export function backgroundPolicy<S extends string = PushStatus>(
  host: LiveHost<S>,
  suspendable: readonly S[] = SUSPENDABLE as readonly string[] as readonly S[],
): Policy<{ readonly status: S }, never, never, unknown> {
  let listening = false;
  const resume = () => {
    if (host.visible && host.status === 'suspended' && host.policies.resumeOnShow) host.restart('show');
  };
  /** A phone call or another app took the audio (5001) often without hiding the page: its end resumes. */
  const listen = (on: boolean) => {
    if (on === listening) return;
    listening = on;
    const p = host.platform;
    // Missing on old base libraries: then only `show` resumes.
    const fn = on ? p.onAudioInterruptionEnd : p.offAudioInterruptionEnd;
    if (fn) fn.call(p, resume);
  };
  return {
    onVisible$(shown) {
      if (!shown) {
        if (suspendable.indexOf(host.status) >= 0) host.signal('suspend', 'hide');
      } else resume();
    },
    onStatus$(change) {
      listen(change.status === 'suspended');
    },
    onStop$() {
      listen(false);
    },
  };
}
