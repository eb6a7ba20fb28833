/**
 * Background: a hidden page suspends the push (never calling `stop()`: the platform refuses it
 * in background), and `show` pushes again (also after 5000/5001: the system stopped the push).
 */
import type { PushStatus } from '../lifecycle';
import type { Policy, PolicyHost } from './index';

const SUSPENDABLE: readonly PushStatus[] = ['starting', 'pushing', 'reconnecting'];

export function backgroundPolicy(host: PolicyHost): Policy {
  return {
    _visible(shown) {
      if (!shown) {
        if (SUSPENDABLE.indexOf(host.status) >= 0) host.signal('suspend', 'hide');
      } else if (host.status === 'suspended' && host.policies.resumeOnShow) host.restart('show');
    },
  };
}
