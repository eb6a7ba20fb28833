/**
 * Permissions: before `start()` / `startPreview()`, check camera and microphone (unless turned
 * off), ask once when never asked, and refuse with `PERMISSION_DENIED` naming the scope when
 * denied. `openPermissionSettings()` opens the settings and re-mounts the tag once granted
 * (the tag does not pick a grant up by itself).
 */
import { isPusherError, pusherError, type PusherError } from '../errors';
import type { PermissionScope, PusherStateEvent } from '../events';
import type { AuthSetting } from '../platform';
import type { Policy, PolicyHost } from './index';

export type { PermissionScope };

/** The permission policy as the controller drives it. */
export interface PermissionPolicy extends Policy {
  /** `null` when pushing may go on, or the `PERMISSION_DENIED` error. */
  /** @internal */
  check$(): Promise<PusherError | null>;
  /** `wx.openSetting`, then re-mount when everything needed is granted. */
  /** @internal */
  open$(): Promise<boolean>;
  /** The error of a `binderror` 10001/10002, with the right advice; `null` for other codes. */
  /** @internal */
  explain$(event: PusherStateEvent): PusherError | null;
}

/** A person's refusal, or the mini-program's privacy settings (a developer setting). */
function denied(scope: PermissionScope, errMsg?: unknown, knownGranted?: boolean, nativeCode?: number): PusherError {
  const text = String(errMsg || '');
  // "Not allowed to use camera" while the setting says granted: the privacy guideline blocks it.
  const privacy = /privacy|隐私/i.test(text) || (knownGranted && /not allowed/i.test(text));
  // `cause` tells pages which scope, and whether opening the settings can help (not for privacy).
  return pusherError(
    'PERMISSION_DENIED',
    { scope },
    { scope, privacy, errMsg: text },
    { text: privacy ? 'PRIVACY' : undefined, nativeCode },
  );
}

export function permissionPolicy(host: PolicyHost): PermissionPolicy {
  const known: { [scope: string]: boolean } = {};
  const report = (scope: PermissionScope, granted: boolean) => {
    if (known[scope] === granted) return;
    known[scope] = granted;
    host.emit('permission', { scope, granted });
  };
  const needed = (): PermissionScope[] => {
    const a = host.attrs;
    const scopes: PermissionScope[] = [];
    if (a.enableCamera) scopes.push('camera');
    if (a.enableMic && !a.muted) scopes.push('record');
    return scopes;
  };
  return {
    async check$() {
      if (!host.policies.permissions) return null;
      let setting: AuthSetting;
      try {
        setting = await host.platform.getSetting();
      } catch {
        return null; // Cannot tell: the tag asks by itself and binderror reports a refusal.
      }
      for (const scope of needed()) {
        const value = setting['scope.' + scope];
        if (value === undefined) {
          try {
            await host.platform.authorize('scope.' + scope);
          } catch (failure) {
            // No answer in time (or detach): unknown, as when getSetting cannot tell.
            if (isPusherError(failure)) return null;
            report(scope, false);
            return denied(scope, (failure as { errMsg?: string }).errMsg);
          }
        } else if (!value) {
          report(scope, false);
          return denied(scope);
        }
        report(scope, true);
      }
      return null;
    },
    async open$() {
      const setting = await host.platform.openSetting();
      let granted = true;
      for (const scope of needed()) {
        const allowed = setting['scope.' + scope] === true;
        report(scope, allowed);
        granted = granted && allowed;
      }
      if (granted && (host.status === 'idle' || host.status === 'stopped' || host.status === 'failed')) await host.remount();
      return granted;
    },
    explain$(event) {
      const scope = ({ 10001: 'camera', 10002: 'record' } as const)[event.code as 10001 | 10002];
      if (!scope) return null;
      const wasGranted = known[scope] === true;
      report(scope, false);
      return denied(scope, event.nativeMessage, wasGranted, event.code as number);
    },
  };
}
