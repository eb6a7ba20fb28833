/**
 * Push URLs: reads `txTime`, warns before the URL expires and asks the app's refresher for a
 * new one; on 3004 / -1326 refreshes and restarts; refreshes before a restart when the URL is
 * about to expire. At most 3 refreshes in 5 minutes, so a refused URL never loops.
 */
import { pusherError, type PusherError } from '../errors';
import type { StatusCause } from '../controller';
import { redactDeep, redactUrl } from '../redact';
import { MAX_MS, type Policy, type PolicyHost } from './index';

/** What the refresher is asked with. `url` is the current push URL, signature included. */
export interface UrlRefreshRequest {
  readonly reason: 'expiring' | 'rejected' | 'restart';
  readonly url: string;
  /** When the current URL expires (ms since epoch), or `null` when it has no `txTime`. */
  readonly expiresAt: number | null;
}

/** Returns (a promise of) a new signed `rtmp://` push URL. */
export type UrlRefresher = (request: UrlRefreshRequest) => string | Promise<string>;

/** The URL policy as the controller drives it. */
export interface UrlPolicy extends Policy {
  _refresher: UrlRefresher | null;
  /**
   * A push was lost or refused (`cause`: the code): `true` when a refresh and restart are
   * under way, `false` when the URL is known bad (no reconnect), `undefined` otherwise.
   */
  _lost(cause: StatusCause): boolean | undefined;
  /** Refreshes first when the URL expires within 5 minutes. */
  _beforeRestart(): Promise<void>;
}

const MINUTES_5 = 300000;

/** `txTime` of a push URL as ms since epoch, or 0. */
export function urlExpiry(url: string): number {
  const m = /[?&]txTime=([0-9a-f]{1,8})(?:&|$)/i.exec(url);
  return m ? parseInt(m[1], 16) * 1000 : 0;
}

export function urlPolicy(host: PolicyHost): UrlPolicy {
  /** The URL on the tag, and the one the page gave (it wins whenever it changes). */
  let url = '';
  let page = '';
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Refused, and no new URL could be had: reconnecting would only be refused again. */
  let blocked = false;
  let gen = 0;
  const recent: number[] = [];

  const failure = (reason: string, detail: unknown, cause?: unknown) =>
    pusherError('URL_REFRESH_FAILED', { reason, detail: redactUrl(String(detail)).slice(0, 120) }, redactDeep(cause));

  /** Asks the refresher and puts a good URL on the tag: `null`, or why not. */
  const refresh = (reason: UrlRefreshRequest['reason']): Promise<PusherError | null> => {
    const refresher = state._refresher;
    const now = Date.now();
    while (recent.length && recent[0] < now - MINUTES_5) recent.shift();
    if (!refresher) return Promise.resolve(failure(reason, 'no setUrlRefresher'));
    if (recent.length >= 3) return Promise.resolve(failure(reason, '3 refreshes in 5 min'));
    recent.push(now);
    const mine = gen;
    return new Promise<string>((resolve) => resolve(refresher({ reason, url, expiresAt: urlExpiry(url) || null }))).then(
      (next) => {
        if (typeof next !== 'string' || !/^rtmp:\/\/\S+$/i.test(next)) return failure(reason, 'not an rtmp:// URL: ' + next, next);
        // An answer that comes after stop() or detach is dropped.
        if (mine === gen) {
          host.patch({ url: next });
          use(next);
        }
        return null;
      },
      (error) => failure(reason, error && (error.message || error.errMsg || error), error),
    );
  };

  /** A refresh whose failure is reported as an error event (not a reason to stop the push). */
  const refreshOrReport = (reason: UrlRefreshRequest['reason']) => {
    const mine = gen;
    return refresh(reason).then((error) => {
      if (error && mine === gen) host.emit('error', error);
    });
  };

  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const expiresAt = urlExpiry(url);
    if (!expiresAt || host.status === 'idle' || host.status === 'stopped' || host.status === 'failed') return;
    timer = setTimeout(() => {
      timer = null;
      host.emit('urlexpiring', { expiresAt, inMs: Math.max(0, expiresAt - Date.now()) });
      if (state._refresher) refreshOrReport('expiring');
    }, Math.min(MAX_MS, Math.max(0, expiresAt - host.policies.refreshUrlBeforeMs - Date.now())));
  };

  const use = (next: string) => {
    url = next;
    blocked = false;
    arm();
  };

  const state: UrlPolicy = {
    _refresher: null,
    _lost(cause) {
      if (blocked) return false;
      if (cause !== 3004 && cause !== -1326) return undefined;
      if (!state._refresher) return !(blocked = true);
      const mine = gen;
      refresh('rejected').then((error) => {
        if (mine !== gen) return;
        if (!error) return host.restart('rejected');
        blocked = true;
        host.signal('fatal', cause, error);
      });
      return true;
    },
    _beforeRestart() {
      const expiresAt = urlExpiry(url);
      return expiresAt && expiresAt - Date.now() < MINUTES_5 && state._refresher ? refreshOrReport('restart') : Promise.resolve();
    },
    _code(event) {
      if (event.code !== 3004) return;
      // The server closed the connection: a bad or expired signature, or the stream in use.
      if (state._refresher) host.signal('lost', 3004, pusherError('URL_REJECTED', { code: 3004 }));
      else if (!blocked) {
        blocked = true;
        host.emit('error', pusherError('URL_REJECTED', { code: 3004 }));
      }
    },
    _attrs(attrs) {
      if (attrs.url === page) return;
      page = attrs.url;
      use(page);
    },
    _status(change) {
      if (change.cause === 'start') blocked = false;
      arm();
    },
    _stop() {
      gen++;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
  return state;
}
