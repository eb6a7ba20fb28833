/**
 * The fake phone's `<live-player>` for `installFakeDevice`: the shared fake native player
 * (`fake-player.ts`) served as `wx.createLivePlayerContext(id, component)`, its events delivered
 * on the calling component's own `<live-player id="…">` tag, as a phone delivers them. The
 * network is the device's (its `offline()` / `online()` reach this player too). Node only.
 */
import { PLAYER_TRACES, type PlayerTraceName } from '../play/traces';
import type { NativePlayerContext } from '../play/native';
import { playTrace, type Trace, type TraceNetInfo, type TracePlayback } from '../traces';
import type { FakeAnswer } from './fake-context';
import { FakePlayer } from './fake-player';

/** Options of the fake phone's player (`installFakeDevice({ player })`). */
export interface FakeDevicePlayerOptions {
  /** What every native `play` that finds the network and the stream plays: a player trace name or steps. Default: 2001, 2002, 2003, 2004, on later ticks. */
  readonly trace?: PlayerTraceName | Trace;
  /** Player methods this base library lacks (e.g. `['startCasting']` before 2.32.0). */
  readonly missing?: readonly string[];
  /** ms between the native player's own reconnects (2103s) before it gives up with -2301 (default 1000). */
  readonly retryMs?: number;
}

/** The fake phone's player, as a test drives it (`device.player`). */
export interface FakeDevicePlayer {
  /** Whether the native player plays now (from a successful `play` until `stop`, `pause`, -2301 or -2302; its own reconnects count). */
  readonly playing: boolean;
  /** The player methods called, in order (`play`, `stop`, …; in `device.calls` as `player.play`, …). */
  readonly methods: readonly string[];
  /** Sends a `bindstatechange` code (now); -2301 and -2302 end `playing`. */
  emit(code: number, message?: string): void;
  /** Sends a `bindnetstatus` sample (now). */
  netstatus(info: TraceNetInfo): void;
  /** Sends a `binderror` `{ errMsg }` (now). */
  error(errMsg: string): void;
  /** Sends a `bindfullscreenchange` (now); a successful `requestFullScreen` / `exitFullScreen` sends one by itself. */
  fullscreen(direction: 'vertical' | 'horizontal', fullScreen: boolean): void;
  /** Plays a trace (a player trace name or steps) from now, beside what the native play plays; resolves when every step has played. */
  play(trace: PlayerTraceName | Trace): Promise<void>;
  /** How a player method answers from now on. */
  answer(method: string, answer: FakeAnswer): void;
  /** The broadcaster stops (the viewer online): while playing, 2103 three times then -2301; every later `play` ends so until `streamBack()`. */
  streamGone(): void;
  /** The broadcaster pushes again: a retry under way succeeds with 2004, a later `play` begins normally. */
  streamBack(): void;
}

/** A component as the kit sees it: it finds its own tags. */
export interface FakeHost {
  selectComponent(selector: string): { triggerEvent(name: string, detail: unknown): void } | null;
}

/** What the device lends its player: the calls, how to record one, its network and page controls, its timers. */
export interface FakeDeviceParts {
  readonly delay: number;
  readonly calls: readonly { readonly method: string }[];
  record(method: string, given?: Record<string, unknown>): void;
  network(connected: boolean): void;
  page(shown: boolean): void;
  later(fn: () => void, ms: number): void;
}

/** The snapshot a player gives unless told otherwise: the frame of the traces' 360×640 stream. */
const SNAPSHOT = { tempImagePath: 'wxfile://tmp/player-snapshot.jpg', width: 360, height: 640 };

/** The fake phone's player: what `device.player` is, and what the device wires into `wx`. */
export function fakeDevicePlayer(options: FakeDevicePlayerOptions, parts: FakeDeviceParts) {
  let host: FakeHost | null = null;
  let tagId = 'player';
  const plays = new Set<TracePlayback>();
  /** Delivers a tag event on the current player's `<live-player>`, as the native tag would. */
  const dispatch = (name: string, detail: unknown) => {
    const tag = host && host.selectComponent('#' + tagId);
    if (tag) tag.triggerEvent(name, detail);
  };
  const { trace } = options;
  const native = new FakePlayer({
    delay: parts.delay,
    retryMs: options.retryMs,
    missing: options.missing,
    results: { snapshot: SNAPSHOT },
    called: (method, given) => parts.record('player.' + method, given),
    started: trace ? () => (typeof trace === 'string' ? PLAYER_TRACES[trace] : trace) : undefined,
  });
  native.code = (code, message) => dispatch('statechange', message === undefined ? { code } : { code, message });
  native.error = (errCode, errMsg) => dispatch('error', { errCode, errMsg: errMsg || 'error ' + errCode });
  native.net = (info) => dispatch('netstatus', { info });
  native.network = parts.network;
  native.page = parts.page;
  native.fullscreen = (direction, fullScreen) => dispatch('fullscreenchange', { direction, fullScreen });

  const player: FakeDevicePlayer = {
    get playing() {
      return native.playing;
    },
    get methods() {
      return parts.calls.filter((c) => c.method.startsWith('player.')).map((c) => c.method.slice(7));
    },
    emit: (code, message) => native.sink.code(code, message),
    netstatus: (info) => native.sink.net(info),
    error: (errMsg) => dispatch('error', { errMsg }),
    fullscreen: (direction, fullScreen) => native.fullscreen(direction, fullScreen),
    play(played) {
      const steps = typeof played === 'string' ? PLAYER_TRACES[played] : played;
      const playback = playTrace(steps, native.sink);
      plays.add(playback);
      // Done once the last step has played (repeating samples go on until uninstall).
      return new Promise<void>((resolve) =>
        parts.later(() => resolve(void plays.delete(playback)), Math.max(0, ...steps.map((s) => s.at)) + 1),
      );
    },
    answer(method, answer) {
      native.answers[method] = answer;
    },
    streamGone: () => native.streamGone(),
    streamBack: () => native.streamBack(),
  };
  return {
    player,
    /** `wx.createLivePlayerContext(id, component)`: events go to that component's `<live-player id>` from now on. */
    context(id: string, component?: FakeHost): NativePlayerContext {
      if (component) {
        host = component;
        tagId = id;
      }
      return native.context();
    },
    offline: () => native.offline(),
    online: () => native.online(),
    /** Stops what plays and every answer on its way. */
    end() {
      native.end();
      plays.forEach((playback) => playback.stop());
      plays.clear();
    },
  };
}
