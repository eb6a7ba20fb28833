/**
 * Push URLs: reads `txTime`, warns before the URL expires and asks the app's refresher for a
 * new one; on 3004 / -1326 refreshes and restarts; refreshes before a restart when the URL is
 * about to expire. At most 3 refreshes in 5 minutes, so a refused URL never loops; a refresher
 * that does not answer within the start timeout has failed (its late answer is ignored).
 */
import { pusherError, type PusherError } from '../errors';
import type { StatusCause } from '../lifecycle';
import { MAX_MS } from '../timer';
import type { Policy, PolicyHost } from './index';

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
  /** @internal The function asked for a new URL (`null`: none). */
  setRefresher$(refresher: UrlRefresher | null): void;
  /**
   * @internal A push was lost or refused (`cause`: the code): `true` when a refresh and restart are
   * under way, `false` when the URL is known bad (no reconnect), `undefined` otherwise.
   */
  lost$(cause: StatusCause): boolean | undefined;
  /** @internal Refreshes first when the URL expires within 5 minutes. */
  beforeRestart$(): Promise<unknown>;
}

const MINUTES_5 = 300000;

/**
 * @internal Asks the app's refresher (`ask`) for a new URL, as both tags do: at most 3
 * refreshes in 5 minutes (`recent`: when the last ones were asked; a refused ask does not
 * count), waited for at most the start timeout. Resolves the new URL when `valid`, otherwise
 * the `URL_REFRESH_FAILED` error saying why (`what`: what it should have been).
 */
export function askRefresher(
  host: { waitFor<T>(call: () => T | Promise<T>): Promise<T> },
  recent: number[],
  reason: string,
  ask: () => unknown,
  valid: RegExp,
  what: string,
): Promise<string | PusherError> {
  const now = Date.now();
  const fail = (detail: unknown, cause?: unknown) =>
    pusherError('URL_REFRESH_FAILED', { reason, detail: String(detail).slice(0, 120) }, cause);
  while (recent[0] < now - MINUTES_5) recent.shift();
  if (recent.length > 2) return Promise.resolve(fail('3 refreshes in 5 min'));
  recent.push(now);
  return host.waitFor(ask).then(
    (next) => (typeof next === 'string' && valid.test(next) ? next : fail('not ' + what + ': ' + next, next)),
    (error) => fail(error && (error.message || error.errMsg || error), error),
  );
}

/** `txTime` of a push URL as ms since epoch, or 0. */
export function urlExpiry(url: string): number {
  const m = /[?&]txTime=([0-9a-f]{1,8})(?:&|$)/i.exec(url);
  return m ? parseInt(m[1], 16) * 1000 : 0;
}

export function urlPolicy(host: PolicyHost): UrlPolicy {
  /** The URL on the tag, and the one the page gave (it wins whenever it changes). */
  let url = '';
  let page = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Refused, and no new URL could be had: reconnecting would only be refused again. */
  let blocked = false;
  /** Bumped by stop() and detach: answers that come later are dropped. */
  let gen = 0;
  const recent: number[] = [];
  let refresher: UrlRefresher | null = null;

  /**
   * Asks the refresher (the caller made sure there is one) and puts a good URL on the tag;
   * `then` gets `null`, or the error saying why not, unless stop() came in between.
   */
  const refresh = (reason: UrlRefreshRequest['reason'], then: (error: PusherError | null) => unknown) => {
    const mine = gen;
    return askRefresher(
      host,
      recent,
      reason,
      () => refresher!({ reason, url, expiresAt: urlExpiry(url) || null }),
      /^rtmp:\/\/\S+$/i,
      'an rtmp:// URL',
    )
      .then((next) => {
        if (typeof next !== 'string') return next;
        if (mine === gen) {
          host.patch({ url: next });
          use(next);
        }
        return null;
      })
      .then((error) => mine === gen && then(error));
  };
  /** A refresh whose failure is an error event, not a reason to stop the push. */
  const report = (error: PusherError | null) => error && host.emit('error', error);

  /** (Re)arms the expiry warning for the URL on the tag, while a push is under way. */
  const arm = () => {
    clearTimeout(timer!);
    const expiresAt = urlExpiry(url);
    if (!expiresAt || host.status === 'idle' || host.status === 'stopped' || host.status === 'failed') return;
    timer = setTimeout(
      () => {
        host.emit('urlexpiring', { expiresAt, inMs: Math.max(0, expiresAt - Date.now()) });
        if (refresher) refresh('expiring', report);
      },
      Math.min(MAX_MS, Math.max(0, expiresAt - host.policies.refreshUrlBeforeMs - Date.now())),
    );
  };

  /** A new URL on the tag: not known to be refused, and its own expiry. */
  const use = (next: string) => {
    url = next;
    blocked = false;
    arm();
  };

  return {
    setRefresher$(fn) {
      refresher = fn;
    },
    lost$(cause) {
      if (blocked) return false;
      if (cause !== 3004 && cause !== -1326) return undefined;
      if (!refresher) return !(blocked = true);
      refresh('rejected', (error) => (error ? ((blocked = true), host.signal('fatal', cause, error)) : host.restart('rejected')));
      return true;
    },
    beforeRestart$() {
      const expiresAt = urlExpiry(url);
      return expiresAt && expiresAt - Date.now() < MINUTES_5 && refresher ? refresh('restart', report) : Promise.resolve();
    },
    onCode$(event) {
      if (event.code !== 3004) return;
      // The server closed the connection: a bad or expired signature, or the stream in use.
      const error = pusherError('URL_REJECTED', { code: 3004 });
      if (refresher) host.signal('lost', 3004, error);
      else if (!blocked) host.emit('error', ((blocked = true), error));
    },
    onAttrs$(attrs) {
      if (attrs.url !== page) use((page = attrs.url));
    },
    onStatus$(change) {
      // The page's start() tries the URL again.
      if (change.cause === 'start') blocked = false;
      arm();
    },
    onStop$() {
      gen++;
      clearTimeout(timer!);
    },
  };
}
