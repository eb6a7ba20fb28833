/**
 * The Chat SDK session of one room: the instance (created or the app's), login with a UserSig
 * (a fresh one when it expired), the wait for SDK_READY, kicks, the connection state, logout,
 * and letting go of the instance. Every SDK call goes through `call`, which turns a rejection
 * into `IM_FAILED`.
 */
import type { PusherError } from '../index';
import type { RoomContext } from './context';
import { roomError } from './room-errors';
import { KICKED_SIG_EXPIRED, SDK_EVENT, type ChatInstance, type ChatSdkEvent } from './sdk';
import type { ConnectionState } from './events';

/** `open()` waits this long for SDK_READY after login. */
const READY_TIMEOUT_MS = 15000;
/** Login failed because the UserSig expired. */
const SIG_EXPIRED = 70001;
/**
 * The SDK events a session listens to. SDK_NOT_READY is not among them: readiness matters only
 * while logging in, and every logout the session lives through (its own, a kick) resets it.
 */
const SDK_EVENTS = [SDK_EVENT.READY, SDK_EVENT.MESSAGE, SDK_EVENT.KICKED, SDK_EVENT.NET];

/** What a session hands to its room. */
export interface SessionListener {
  /** MESSAGE_RECEIVED's list. */
  received(messages: readonly unknown[]): void;
  /** Kicked out (logged out already); `relogin` is given when an expired UserSig can be renewed. */
  kicked(reason: string, relogin?: () => Promise<void>): void;
}

/** The SDK session of one room. */
export interface Session {
  /** Creates (or takes) the instance and listens to it; logs in unless anonymous, then waits for SDK_READY. */
  connect(): Promise<void>;
  /**
   * Calls an SDK method with `arg` (a function is called with the instance for it first:
   * sendMessage builds its message inside); a failure becomes `IM_FAILED` naming `method`.
   */
  call(name: keyof ChatInstance, arg?: unknown, method?: string): Promise<unknown>;
  /** Logs out if this session logged in (never an app's login on a shared instance). */
  logout(): Promise<unknown>;
  /** Ends a wait for SDK_READY with `error` (the room closes meanwhile). */
  abort(error: PusherError): void;
  /** Stops listening to the instance and destroys it if the session created it. */
  release(): void;
}

/** A session for the room of `ctx`, telling `listener` what it hears. */
export function createSession(ctx: RoomContext, listener: SessionListener): Session {
  const { userID, getUserSig } = ctx.options;
  let chat: ChatInstance | undefined;
  /** We called `create()`, so releasing destroys the instance. */
  let created = false;
  /** We logged in (not the app on a shared instance), so leaving logs out. */
  let loggedIn = false;
  let ready = false;
  let sig = ctx.options.userSig;
  /** `login()` waiting for SDK_READY. */
  let readyWait: { resolve(): void; reject(error: unknown): void } | undefined;

  /** Ends the wait for SDK_READY, however it ended (no Promise#finally before ES2018). */
  const endWait = (): void => {
    ctx.timers.stop('ready');
    readyWait = undefined;
  };

  const call = (name: keyof ChatInstance, arg?: unknown, method: string = name): Promise<unknown> =>
    new Promise<unknown>((resolve) => {
      const instance = chat as ChatInstance;
      resolve(
        (instance as unknown as { [name: string]: (arg: unknown) => unknown })[name](typeof arg === 'function' ? arg(instance) : arg),
      );
    }).catch((error: { code?: unknown; message?: unknown }) => {
      throw roomError('IM_FAILED', { method, code: String(error && error.code), reason: String((error && error.message) || error) }, error);
    });

  const login = async (fresh?: boolean): Promise<void> => {
    // A bad UserSig from getUserSig fails the login with the SDK's own code.
    if (!sig || fresh) sig = await (getUserSig as () => string | Promise<string>)();
    let result: { data?: { repeatLogin?: boolean } } | undefined;
    try {
      result = (await call('login', { userID, userSig: sig })) as typeof result;
    } catch (error) {
      if ((error as PusherError).nativeCode !== SIG_EXPIRED || fresh || !getUserSig) throw error;
      return login(true);
    }
    // The app already logged in on a shared instance: not ours to log out. Without isReady
    // (tim-wx-sdk) its SDK_READY is taken as past.
    if (result && result.data && result.data.repeatLogin) ready = ready || !(chat as ChatInstance).isReady;
    else loggedIn = true;
    // SDK_READY is an event, not a promise: the one step of open() that could wait forever.
    if (!ready) {
      await new Promise<void>((resolve, reject) => {
        readyWait = { resolve, reject };
        ctx.timers.set('ready', () => reject(roomError('IM_TIMEOUT', { method: 'open', ms: READY_TIMEOUT_MS })), READY_TIMEOUT_MS);
      }).then(endWait, (error: unknown) => {
        endWait();
        throw error;
      });
    }
  };

  /** One handler for every SDK event: both SDKs emit `{ name, data }`. */
  const onEvent = (event: ChatSdkEvent): void => {
    const { name, data } = event || {};
    const detail = (data || {}) as { state?: ConnectionState; type?: unknown };
    if (name === SDK_EVENT.READY) {
      ready = true;
      if (readyWait) readyWait.resolve();
    } else if (name === SDK_EVENT.NET) {
      if (detail.state) ctx.events.emit('connection', { state: detail.state });
    } else if (name === SDK_EVENT.KICKED) {
      loggedIn = ready = false;
      const reason = String(detail.type || 'unknown');
      listener.kicked(reason, reason === KICKED_SIG_EXPIRED && getUserSig ? () => login(true) : undefined);
    } else if (Array.isArray(data)) listener.received(data);
  };

  return {
    call,

    async connect() {
      const { sdk, SDKAppID } = ctx.options;
      created = typeof (sdk as { create?: unknown }).create === 'function';
      chat = created ? (sdk as { create(options: { SDKAppID: number }): ChatInstance }).create({ SDKAppID }) : (sdk as ChatInstance);
      for (const name of SDK_EVENTS) chat.on(name, onEvent);
      ready = !!(chat.isReady && chat.isReady());
      if (userID) await login();
    },

    logout() {
      if (!loggedIn) return Promise.resolve();
      loggedIn = false;
      return call('logout');
    },

    abort(error) {
      if (readyWait) readyWait.reject(error);
    },

    release() {
      if (chat) for (const name of SDK_EVENTS) chat.off(name, onEvent);
      // tim-wx-sdk 2.27 and @tencentcloud/chat 3.6 reject destroy() with 2024 once logged out,
      // after closing the socket: the rejection means nothing here.
      if (chat && created && chat.destroy) chat.destroy().catch(() => undefined);
      chat = undefined;
      ready = false;
    },
  };
}
