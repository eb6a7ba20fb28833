/**
 * The live room: the SDK session (login, SDK_READY, join, re-login after an expired UserSig),
 * typed events, a send queue that keeps one client under 10 messages a second, incoming
 * message decoding, audience polling, and the release of everything on close. One closure
 * serves host and audience (the host adds `publish`): the bundle has a 4 KB budget.
 */
import { argumentError, type PusherError, type PushStatus } from '../index';
import { roomError } from './room-errors';
import { AV_CHAT_ROOM, CONV_GROUP, GROUP_ID_INVALID, GROUP_NOT_FOUND, KICKED_SIG_EXPIRED, MSG_CUSTOM, MSG_TEXT, SDK_EVENT, type ChatInstance, type ChatSdk, type ChatSdkEvent } from './sdk';
import { isCount, MAX_MESSAGE_BYTES, parseRoomMessage, ROOM_EXTENSION, utf8Bytes, type Json, type RoomStatus } from './wire';

/** Where a room is: `open()` moves idle → opening → open, `close()` → closing → closed. */
export type RoomState = 'idle' | 'opening' | 'open' | 'closing' | 'closed';

/** The Chat connection (`NET_STATE_CHANGE`). */
export type ConnectionState = 'connected' | 'connecting' | 'disconnected';

/** The `status` event: what the host announced, and whether it still does. */
export interface RoomStatusEvent {
  readonly status: RoomStatus;
  /** The host's play URL ('' when it gave none). */
  readonly playUrl: string;
  /** True once no heartbeat came for 2.5 × the host's interval. */
  readonly stale: boolean;
  /** When this status was first announced (host clock, ms); 0 while `unknown`. */
  readonly since: number;
}

/** Event name → detail, for `on` / `off` of both rooms. */
export interface RoomEvents {
  status: RoomStatusEvent;
  chat: { readonly from: string; readonly text: string; readonly ts: number };
  like: { readonly from: string; readonly count: number };
  gift: { readonly from: string; readonly gift: Json };
  /** Online members, polled at most once per 10 s while someone listens. */
  audience: { readonly count: number };
  connection: { readonly state: ConnectionState };
  /** `reason` is the SDK's kick type: `userSigExpired`, `multipleAccount`, `multipleDevice`, `REST_API_Kick`. */
  kicked: { readonly reason: string };
  error: PusherError;
}

/** A `RoomEvents` name. */
export type RoomEventName = keyof RoomEvents;

/** A listener of one room event. */
export type RoomListener<K extends RoomEventName> = (detail: RoomEvents[K]) => void;

/** Options both rooms take. */
export interface RoomOptions {
  /** The Chat SDK module (`@tencentcloud/chat` or `tim-wx-sdk`), or an instance you created. */
  readonly sdk: ChatSdk;
  readonly SDKAppID: number;
  /** The AVChatRoom's group ID. */
  readonly groupID: string;
  readonly userID?: string;
  readonly userSig?: string;
  /** Called for a UserSig when none was given, and again when one expires. */
  readonly getUserSig?: () => string | Promise<string>;
  /** The host's status heartbeat in ms (default 15000); the audience counts `stale` from it. */
  readonly heartbeatMs?: number;
  /** Host: sent with every status so viewers can play; never the push URL. */
  readonly playUrl?: string;
  /** Audience: only statuses from this user count; others are ignored (`malformed`). */
  readonly hostID?: string;
}

/** What both rooms offer. */
export interface LiveRoom {
  /** Where the room is. */
  readonly state: RoomState;
  /** The last `status` event's detail. */
  readonly status: RoomStatusEvent;
  /** Incoming ts-pusher messages ignored: malformed, an unknown version, or a status not from `hostID`. */
  readonly malformed: number;
  /** Logs in (unless anonymous), waits for SDK_READY, joins the room. */
  open(): Promise<void>;
  /** Quits, logs out if the room logged in, removes every listener and timer (the host first sends `ended`). */
  close(): Promise<void>;
  /** Adds a listener. */
  on<K extends RoomEventName>(name: K, listener: RoomListener<K>): void;
  /** Removes a listener. */
  off<K extends RoomEventName>(name: K, listener: RoomListener<K>): void;
  /** Sends a chat message (Normal priority). */
  sendText(text: string): Promise<void>;
  /** Sends likes, coalesced over a second (Low priority). */
  sendLike(count?: number): Promise<void>;
  /** Sends a gift: any JSON value (High priority). */
  sendGift(gift: Json): Promise<void>;
}

/**
 * A push status the host publishes: `PushStatus`, plus `'suspended'` (the system or a hidden
 * page stopped the push), written out so the mapping covers it whichever PushStatus ships.
 */
export type PublishableStatus = PushStatus | 'suspended';

/** The host's room. */
export interface HostRoom extends LiveRoom {
  /** Call it from `statuschange`: sends the mapped room status when it changes. */
  publish(status: PublishableStatus): Promise<void>;
}

type SentStatus = Exclude<RoomStatus, 'unknown'>;

/** What each push status tells the audience; `null`: nothing to announce yet (idle, starting). */
export const ROOM_STATUS_OF: { readonly [S in PublishableStatus]: SentStatus | null } = {
  idle: null,
  starting: null,
  pushing: 'live',
  paused: 'paused',
  suspended: 'paused',
  reconnecting: 'reconnecting',
  stopped: 'ended',
  failed: 'ended',
};

/** Chat's per-group limit is 40 messages a second; one client keeps to a quarter of it. */
const MAX_PER_SECOND = 10;
/** Likes within this window travel as one message. */
const LIKE_WINDOW_MS = 1000;
/** `open()` waits this long for SDK_READY after login. */
const READY_TIMEOUT_MS = 15000;
/** The Chat service allows one online-count query per 10 s. */
const AUDIENCE_MS = 10000;
/** Login failed because the UserSig expired. */
const SIG_EXPIRED = 70001;
/** The longest group name Chat accepts, in bytes. */
const MAX_NAME_BYTES = 30;
/**
 * The SDK events a room listens to. SDK_NOT_READY is not among them: readiness matters only
 * while logging in, and every logout the room lives through (its own, a kick) resets it.
 */
const SDK_EVENTS = [SDK_EVENT.READY, SDK_EVENT.MESSAGE, SDK_EVENT.KICKED, SDK_EVENT.NET];

interface Job {
  /** The host's status: it jumps the queue and may still leave while closing. */
  readonly status?: boolean;
  /** The room method, for errors. */
  readonly method: string;
  /** Builds the SDK message when its turn comes, so a status carries the latest value. */
  readonly build: () => unknown;
  resolve(): void;
  reject(error: unknown): void;
}

interface LikeBatch {
  count: number;
  done: Promise<void>;
  /** Ends the window early (on close). */
  flush(): void;
}

/** A settled promise, for calls with nothing to wait for. */
const DONE = Promise.resolve();

const POSITIVE = 'a positive integer';
const POSITIVE_ZH = '正整数';

/** A rejection with `INVALID_ARGUMENT`. */
const invalid = (...args: Parameters<typeof argumentError>): Promise<never> => Promise.reject(argumentError(...args));

/** A non-empty string. */
export const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Checks the options; throws `INVALID_ARGUMENT` naming the first bad one. */
export function checkRoomOptions(method: string, o: RoomOptions, host: boolean): void {
  const bad = (arg: string, expected: string, expectedZh: string, value: unknown): never => {
    throw argumentError(method, arg, expected, expectedZh, value);
  };
  const sdk = (o && o.sdk) as { create?: unknown; joinGroup?: unknown } | undefined;
  if (!sdk || (typeof sdk.create !== 'function' && typeof sdk.joinGroup !== 'function')) bad('sdk', 'a Chat SDK', 'IM SDK', sdk);
  if (!(isCount(o.SDKAppID) && o.SDKAppID > 0)) bad('SDKAppID', POSITIVE, POSITIVE_ZH, o.SDKAppID);
  for (const arg of ['groupID', 'userID', 'userSig', 'playUrl', 'hostID'] as const) {
    // The host must log in; everything else is optional, but never an empty or non-string value.
    if ((o[arg] !== undefined || arg === 'groupID' || (host && arg === 'userID')) && !isText(o[arg])) bad(arg, 'a non-empty string', '非空字符串', o[arg]);
  }
  if (o.userID && !o.userSig && typeof o.getUserSig !== 'function') bad('getUserSig', 'a function', '函数', o.getUserSig);
  if (o.heartbeatMs !== undefined && !(o.heartbeatMs >= 1000)) bad('heartbeatMs', 'at least 1000', '不小于 1000', o.heartbeatMs);
}

/** A room over the Chat SDK: the audience's, or the host's (`host`), which adds `publish`. */
export function createRoom(o: RoomOptions, host: boolean): HostRoom {
  const { groupID, userID, getUserSig } = o;
  const heartbeatMs = o.heartbeatMs || 15000;
  let chat: ChatInstance | undefined;
  /** We called `create()`, so closing destroys the instance. */
  let created = false;
  /** We logged in (not the app on a shared instance), so closing logs out. */
  let loggedIn = false;
  let ready = false;
  let joined = false;
  let sig = o.userSig;
  let state: RoomState = 'idle';
  let opening: Promise<void> | undefined;
  let closing: Promise<void> | undefined;
  /** `login()` waiting for SDK_READY. */
  let readyWait: { resolve(): void; reject(error: unknown): void } | undefined;
  let listeners: { [name: string]: RoomListener<never>[] | undefined } = {};
  let queue: Job[] = [];
  /** When each of the last sends left, for the rate limit. */
  let sent: number[] = [];
  let timers: { [name: string]: ReturnType<typeof setTimeout> | undefined } = {};
  /** Clears one named timer, if it is set. */
  const cancel = (name: string): void => {
    const timer = timers[name];
    if (timer !== undefined) clearTimeout(timer);
  };
  /** Ends the wait for SDK_READY, however it ended (no Promise#finally before ES2018). */
  const endWait = (): void => {
    cancel('ready');
    readyWait = undefined;
  };
  /** Likes waiting for their window to close, and the promise every one of them got. */
  let likes: LikeBatch | undefined;
  let audience = -1;
  let current: RoomStatusEvent = { status: 'unknown', playUrl: '', stale: false, since: 0 };
  /** Host: the status announced, the last sequence number, the queued status send. */
  let announced: SentStatus | null = null;
  let seq = 0;
  let statusJob: Promise<void> | undefined;
  /** Audience: the newest status seen; older or repeated ones are dropped. */
  let last = { ts: -1, seq: -1 };

  const emit = <K extends RoomEventName>(name: K, detail: RoomEvents[K]): void => {
    for (const listener of listeners[name] || []) {
      try {
        listener(detail as never);
      } catch (error) {
        // One throwing listener must not break the room or the other listeners; its stack names it.
        console.error(error);
      }
    }
  };
  const reportError = (error: PusherError) => emit('error', error);
  /** `IM_CLOSED` for `method`, naming the state the room is in. */
  const closedError = (method: string) => roomError('IM_CLOSED', { method, state });

  /**
   * Calls an SDK method with `arg` (a function is called for it first: sendMessage builds its
   * message inside); any failure becomes `IM_FAILED` naming `method`, the SDK code as `nativeCode`.
   */
  const call = (name: keyof ChatInstance, arg?: unknown, method: string = name): Promise<unknown> =>
    new Promise<unknown>((resolve) => resolve((chat as unknown as { [name: string]: (arg: unknown) => unknown })[name](typeof arg === 'function' ? arg() : arg))).catch(
      (error: { code?: unknown; message?: unknown }) => {
        throw roomError('IM_FAILED', { method, code: String(error && error.code), reason: String((error && error.message) || error) }, error);
      },
    );

  /** Why a send is refused now, if it is; the host's last status may still leave while closing. */
  const refusal = (method: string, body: string, status?: boolean): PusherError | null => {
    if (state !== 'open' && !(state === 'closing' && status)) return closedError(method);
    if (!userID) return roomError('IM_ANONYMOUS', { method });
    const bytes = utf8Bytes(body) + ROOM_EXTENSION.length;
    return bytes > MAX_MESSAGE_BYTES ? roomError('IM_TOO_LARGE', { method, bytes }) : null;
  };

  /** Sends queued jobs, at most `MAX_PER_SECOND` in any second, while joined. */
  const pump = (): void => {
    while (joined && queue.length) {
      const now = Date.now();
      sent = sent.filter((at) => now - at < 1000);
      if (sent.length >= MAX_PER_SECOND) {
        cancel('pump');
        timers.pump = setTimeout(pump, sent[0] + 1000 - now);
        return;
      }
      const job = queue.shift() as Job;
      sent.push(now);
      call('sendMessage', job.build, job.method).then(job.resolve, job.reject);
    }
  };

  /** Queues a send; the host's status goes first (chat, gifts and likes keep their order). */
  const push = (job: Job): void => {
    if (job.status) queue.unshift(job);
    else queue.push(job);
    pump();
  };

  const enqueue = (method: string, body: string, build: () => unknown, status?: boolean): Promise<void> => {
    const refused = refusal(method, body, status);
    return refused ? Promise.reject(refused) : new Promise<void>((resolve, reject) => push({ status, method, build, resolve, reject }));
  };

  const message = (create: 'createTextMessage' | 'createCustomMessage', payload: { text: string } | { data: string; description: string; extension: string }, priority: string) =>
    (chat as ChatInstance)[create]({ to: groupID, conversationType: CONV_GROUP, priority, payload });

  const custom = (data: string, priority: string) => message('createCustomMessage', { data, description: '', extension: ROOM_EXTENSION }, priority);

  const setStatus = (next: RoomStatusEvent): void => emit('status', (current = next));

  /** Host: the status message waiting in the queue carries whatever is announced when it leaves. */
  const sendStatus = (): Promise<void> => {
    if (statusJob) return statusJob;
    let built = false;
    const job = enqueue(
      'publish',
      o.playUrl || '',
      () => {
        built = true;
        statusJob = undefined;
        // The heartbeat counts from the last status sent, whatever sent it.
        cancel('heartbeat');
        timers.heartbeat = setTimeout(() => sendStatus().catch(reportError), heartbeatMs);
        return custom(JSON.stringify({ v: 1, t: 'status', status: announced, playUrl: o.playUrl, seq: ++seq, ts: Date.now() }), 'High');
      },
      true,
    );
    // Built at once when the queue was free; otherwise later publishes ride along with it.
    if (!built) statusJob = job;
    job.catch(() => {
      if (statusJob === job) statusJob = undefined;
    });
    return job;
  };

  const announce = (status: SentStatus): void => {
    announced = status;
    setStatus({ status, playUrl: o.playUrl || '', stale: false, since: Date.now() });
  };

  /** Audience: `stale` once no status came for 2.5 heartbeats; an ended room expects none. */
  const armStale = (): void => {
    cancel('stale');
    if (current.status !== 'ended') timers.stale = setTimeout(() => setStatus(Object.assign({}, current, { stale: true })), 2.5 * heartbeatMs);
  };

  /** After (re)joining: the host announces its status, the audience watches for staleness, waiting sends leave. */
  const joinedAgain = (): void => {
    if (!host) armStale();
    else if (announced) sendStatus().catch(reportError);
    pump();
  };

  const joinGroup = () => call('joinGroup', { groupID, type: AV_CHAT_ROOM });

  /** Joins; the host creates a missing room (never created, or dismissed); the audience gets the SDK's 10010. */
  const join = (): Promise<unknown> =>
    joinGroup()
      .catch((error: PusherError) => {
        if (!host || (error.nativeCode !== GROUP_NOT_FOUND && error.nativeCode !== GROUP_ID_INVALID)) throw error;
        // Group IDs are printable ASCII (Chat refuses others), so characters are bytes.
        return call('createGroup', { name: groupID.slice(0, MAX_NAME_BYTES), type: AV_CHAT_ROOM, groupID }).then(joinGroup);
      })
      .then(() => {
        joined = true;
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
        timers.ready = setTimeout(() => reject(roomError('IM_TIMEOUT', { method: 'open', ms: READY_TIMEOUT_MS })), READY_TIMEOUT_MS);
      }).then(endWait, (error: unknown) => {
        endWait();
        throw error;
      });
    }
  };

  /** Quits and logs out as far as the session got (the host first sends `ended`); returns what failed. */
  const leave = async (): Promise<PusherError[]> => {
    const failures: PusherError[] = [];
    const step = (run: () => Promise<unknown>) => run().catch((error: PusherError) => void failures.push(error));
    if (joined && host) {
      if (announced !== 'ended') announce('ended');
      await step(sendStatus);
    }
    if (joined) await step(() => call('quitGroup', groupID));
    if (loggedIn) await step(() => call('logout'));
    joined = loggedIn = false;
    return failures;
  };

  /** Refuses queued sends (the host's status too when `all`) and likes still in their window. */
  const rejectQueued = (all: boolean): void => {
    const error = closedError('send');
    const dropped = queue.filter((job) => all || !job.status);
    queue = all ? [] : queue.filter((job) => job.status);
    if (likes) likes.flush();
    for (const job of dropped) job.reject(error);
  };

  const stopTimers = (): void => {
    for (const name in timers) cancel(name);
    timers = {};
  };

  /** Detaches from the SDK and stops every timer; `end` also drops the app's listeners and closes the room. */
  const release = (end: boolean): void => {
    stopTimers();
    rejectQueued(true);
    if (chat) for (const name of SDK_EVENTS) chat.off(name, onEvent);
    // tim-wx-sdk 2.27 and @tencentcloud/chat 3.6 reject destroy() with 2024 once logged out,
    // after closing the socket: the rejection means nothing here.
    if (chat && created && chat.destroy) chat.destroy().catch(() => undefined);
    chat = opening = undefined;
    ready = false;
    state = end ? 'closed' : 'idle';
    if (end) listeners = {};
  };

  /** Kicked out: an expired UserSig is renewed through `getUserSig`; anything else ends the room. */
  const kicked = (reason: string): void => {
    loggedIn = joined = ready = false;
    emit('kicked', { reason });
    if (state !== 'open') return;
    if (reason !== KICKED_SIG_EXPIRED || !getUserSig) return void room.close();
    // close() during the re-login waits for it (as for open()), then logs out what it logged in.
    opening = login(true)
      .then(join)
      .then(joinedAgain, (error: PusherError) => {
        // Cut short by close(): nothing to report.
        if (!closing) reportError(error);
        room.close();
      });
  };

  const receive = (m: { to?: unknown; type?: unknown; from?: unknown; time?: unknown; payload?: { [key: string]: unknown } }): void => {
    // A group message's `to` is the group (a one-to-one message's is a user): other groups and C2C are not ours.
    if (m.to !== groupID) return;
    const from = String(m.from || '');
    const payload = m.payload || {};
    if (m.type === MSG_TEXT && typeof payload.text === 'string') emit('chat', { from, text: payload.text, ts: (m.time as number) * 1000 || Date.now() });
    if (m.type !== MSG_CUSTOM || payload.extension !== ROOM_EXTENSION) return;
    const message = parseRoomMessage(payload.data);
    if (!message || (message.t === 'status' && o.hostID && from !== o.hostID)) room.malformed++;
    else if (message.t === 'like') emit('like', { from, count: message.count });
    else if (message.t === 'gift') emit('gift', { from, gift: message.gift });
    // The host is the source of statuses: others' claims change nothing there.
    else if (!host && (message.ts > last.ts || (message.ts === last.ts && message.seq > last.seq))) {
      last = message;
      const playUrl = message.playUrl || '';
      if (message.status !== current.status || playUrl !== current.playUrl || current.stale) {
        setStatus({ status: message.status, playUrl, stale: false, since: message.status === current.status ? current.since : message.ts });
      }
      armStale();
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
      if (detail.state) emit('connection', { state: detail.state });
    } else if (name === SDK_EVENT.KICKED) kicked(String(detail.type || 'unknown'));
    else if (Array.isArray(data)) {
      for (const m of data) {
        try {
          receive(m);
        } catch {
          room.malformed++;
        }
      }
    }
  };

  const pollAudience = (): void => {
    timers.audience = setTimeout(pollAudience, AUDIENCE_MS);
    if (!(listeners.audience || []).length) return;
    call('getGroupOnlineMemberCount', groupID).then((result) => {
      const { data } = (result || {}) as { data?: { memberCount?: unknown } };
      const count = data && data.memberCount;
      if (typeof count === 'number' && count !== audience) emit('audience', { count: (audience = count) });
    }, reportError);
  };

  /** Login (unless anonymous), SDK_READY and join. */
  const connect = async (): Promise<void> => {
    const { sdk, SDKAppID } = o;
    created = typeof (sdk as { create?: unknown }).create === 'function';
    chat = created ? (sdk as { create(options: { SDKAppID: number }): ChatInstance }).create({ SDKAppID }) : (sdk as ChatInstance);
    for (const name of SDK_EVENTS) chat.on(name, onEvent);
    ready = !!(chat.isReady && chat.isReady());
    if (userID) await login();
    await join();
  };

  const room = {
    malformed: 0,

    get state(): RoomState {
      return state;
    },

    get status(): RoomStatusEvent {
      return current;
    },

    on<K extends RoomEventName>(name: K, listener: RoomListener<K>): void {
      (listeners[name] = listeners[name] || []).push(listener);
    },

    off<K extends RoomEventName>(name: K, listener: RoomListener<K>): void {
      listeners[name] = (listeners[name] || []).filter((l) => l !== listener);
    },

    open(): Promise<void> {
      if (state === 'open') return DONE;
      if (state !== 'idle') return state === 'opening' ? (opening as Promise<void>) : Promise.reject(closedError('open'));
      state = 'opening';
      return (opening = connect().then(
        () => {
          if (state !== 'opening') throw closedError('open');
          state = 'open';
          joinedAgain();
          pollAudience();
        },
        async (error: unknown) => {
          // close() during open cleans up itself; otherwise undo what was done, keep the listeners.
          if (state === 'opening') {
            await leave();
            release(false);
          }
          throw error;
        },
      ));
    },

    close(): Promise<void> {
      if (!closing) {
        // An open() or a re-login in flight finishes first: leaving then undoes all it did.
        const pending = opening;
        state = 'closing';
        if (readyWait) readyWait.reject(closedError('open'));
        closing = (async () => {
          if (pending) await pending.catch(() => undefined);
          stopTimers();
          rejectQueued(false);
          (await leave()).forEach(reportError);
          release(true);
        })();
      }
      return closing;
    },

    sendText(text: string): Promise<void> {
      if (!isText(text)) return invalid('sendText', 'text', 'a non-empty string', '非空字符串', text);
      return enqueue('sendText', text, () => message('createTextMessage', { text }, 'Normal'));
    },

    sendLike(count = 1): Promise<void> {
      if (!(isCount(count) && count > 0)) return invalid('sendLike', 'count', POSITIVE, POSITIVE_ZH, count);
      const refused = refusal('sendLike', '');
      if (refused) return Promise.reject(refused);
      if (likes) {
        likes.count += count;
        return likes.done;
      }
      const batch = (likes = { count } as LikeBatch);
      // When the window closes (or the room does), the batch is queued, or refused if closing.
      batch.done = new Promise<void>((flush) => (timers.like = setTimeout((batch.flush = flush), LIKE_WINDOW_MS))).then(() => {
        likes = undefined;
        return enqueue('sendLike', '', () => custom(JSON.stringify({ v: 1, t: 'like', count: batch.count }), 'Low'));
      });
      return batch.done;
    },

    sendGift(gift: Json): Promise<void> {
      let data: string | undefined;
      try {
        data = gift == null ? undefined : JSON.stringify({ v: 1, t: 'gift', gift });
      } catch {
        // A cycle or a BigInt: refused below, like undefined.
      }
      if (!data) return invalid('sendGift', 'gift', 'a JSON value', 'JSON 值', gift);
      return enqueue('sendGift', data, () => custom(data as string, 'High'));
    },

  };

  const publish = (status: PublishableStatus): Promise<void> => {
    if (closing) return Promise.reject(closedError('publish'));
    const next = ROOM_STATUS_OF[status];
    // Unknown names read undefined, inherited ones ('toString') a function: only strings and null are entries.
    if (next !== null && typeof next !== 'string') return invalid('publish', 'status', 'a PushStatus', 'PushStatus 值', status);
    if (!next || next === announced) return DONE;
    announce(next);
    // Before open() it is only remembered: open() announces it.
    return state === 'open' ? sendStatus() : DONE;
  };
  return Object.assign(room, host ? { publish } : {}) as HostRoom;
}
