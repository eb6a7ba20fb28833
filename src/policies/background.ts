/**
 * Background: a hidden page suspends the push (never calling `stop()`: the platform refuses it
 * in background), and `show` pushes again. 5000/5001 delivered while the page is on screen
 * (iOS may deliver them after `show`) push again after a second, unless the page hides.
 */
import type { PushStatus } from '../lifecycle';
import type { Policy, PolicyHost } from './index';

const SUSPENDABLE: readonly PushStatus[] = ['starting', 'pushing', 'reconnecting'];

export function backgroundPolicy(host: PolicyHost): Policy {
  let grace: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (grace) clearTimeout(grace);
    grace = null;
  };
  const resume = () => host.visible && host.status === 'suspended' && host.policies.resumeOnShow && host.restart('show');
  return {
    _visible(shown) {
      cancel();
      if (shown) resume();
      else if (SUSPENDABLE.indexOf(host.status) >= 0) host.signal('suspend', 'hide');
    },
    _status(change) {
      cancel();
      if (change.status === 'suspended' && change.cause !== 'hide' && host.visible) grace = setTimeout(resume, 1000);
    },
    _stop: cancel,
  };
}
