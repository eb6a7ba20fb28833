/**
 * Seeded random sequences through the real `<ts-player>` (official wcc compile, miniprogram-simulate)
 * and the project's fake phone (`installFakeDevice({ player })`), as `random.test.ts` does for
 * `<ts-pusher>`: page calls with good and careless arguments, the native player's codes (its
 * catalogue's and unknown ones), binderror, netstatus with and without data, attribute changes
 * through the host page, fake time, device answers that fail, hang or throw, page hide/show, the
 * network, the broadcaster's stream going and coming back, audio interruptions, src refreshers,
 * policies and detach. Every sequence checks that promises settle, rejecting only with
 * `PusherError`; that statuschange follows `PLAYER_TRANSITIONS` as a chain; that native calls
 * never overlap; that nothing is emitted after detach and the status stands still; that no
 * play-URL signature shows anywhere; that no timer is left behind; that ten quiet minutes end
 * every transient status and call.
 *
 * The device, not only the events: the test keeps what the fake phone carried out (answered
 * native calls) and said (codes, data, a hidden page, the network), and at every quiet moment the
 * status agrees with it (idle/stopped/failed/ended: no play the library started is left running
 * without a stop sent; playing/buffering/paused: the device plays; paused: it was paused). No
 * native play reaches the device after the page's stop() (until its next play()) or, from the
 * library, while the page is hidden; a stop() aborts only the plays made before it; a play() that
 * rejects for its own reason leaves nothing going on; the stall watch restarts only playback that
 * stood still (no status change, no data while playing) for its `stallMs`; the reconnect policy
 * spends at most one attempt while the device is offline (the one it made before it learnt it).
 * Every status and every policy must be reached in a run, and every planted bug of `./mutants`
 * (`PLAYER_MUTATIONS`: the real source with one change) must be caught within MUTANT_BUDGET sequences.
 *
 * A failure names the seed, the sequence index, the steps it ran and a reduced sequence. Replay:
 *   RANDOM_SEED=<seed> RANDOM_ONLY=<index> npx jest test/component/random-player.test.ts
 * (RANDOM_COUNT=<n> changes how many sequences run; MUTANT_BUDGET=<n> how many a mutant may take;
 * RANDOM_VERBOSE=1 prints every sequence.)
 */
import { isPusherError, type PlayerInstance, type PlayerStatusChange, type PlayStatus } from '../../src/index';
import { PLAY_STATUSES, PLAYER_INPUTS, PLAYER_TRANSITIONS, playerStatusAfter } from '../../src/play/index';
import type { FakeAnswer, FakeDevice, FakeDeviceOptions, PlayerTraceName, Trace, TraceNetInfo } from '../../src/testing/index';
import * as fs from 'fs';
import * as path from 'path';
import { mount } from '../simulate';
import { ROOT } from './setup';
import { loadPlayerHost, setUpPlayer, type PlayerHarness } from './player-setup';
import { PLAYER_MUTATIONS, PLAYER_TARGET, install } from './mutants';
import { between, findSecret, mulberry32, pick, realHrtime, seedOf as seedOfKit, show, weighted, type Rng } from './random-kit';
import { SECRET } from '../unit/helpers';

const SEED = process.env.RANDOM_SEED ? Number(process.env.RANDOM_SEED) : 20261207;
const COUNT = process.env.RANDOM_COUNT ? Number(process.env.RANDOM_COUNT) : 400;
const ONLY = process.env.RANDOM_ONLY ? Number(process.env.RANDOM_ONLY) : null;
const VERBOSE = !!process.env.RANDOM_VERBOSE;
/** Sequences a mutant may take before it must have shown a violation. */
const MUTANT_BUDGET = process.env.MUTANT_BUDGET ? Number(process.env.MUTANT_BUDGET) : 400;
/** Fake wall clock at the start of every sequence. */
const BASE_TIME = Date.UTC(2026, 11, 1);
/** Fake time given after detach for answers still on their way. */
const SETTLE_MS = 500;
/** Reruns spent reducing one failing sequence. */
const SHRINK_BUDGET = 300;
/** Quiet time after which a shown, online, attached player must have left loading/reconnecting. */
const QUIET_MS = 600000;
/** How long a transient status may not stay without any statuschange, at the end of the quiet time. */
const HELD_MS = 300000;

const seedOf = (index: number, salt = 0) => seedOfKit(SEED, index, salt);

// ---------- what a sequence is made of ----------

/** Signed play URLs (all carrying SECRET). */
const SIGNED_SRC = `rtmp://play.example.com/live/s1?txSecret=${SECRET}&txTime=6A000000`;
const FRESH_SRC = `rtmp://play.example.com/live/s2?txSecret=${SECRET}&txTime=6B000000`;
const FLV_SRC = `https://play.example.com/live/s3.flv?txSecret=${SECRET}&txTime=6B000000`;
const SRCS: readonly unknown[] = [
  SIGNED_SRC,
  SIGNED_SRC,
  FLV_SRC,
  'rtmp://play.example.com/live/room1',
  `room://cloud.tencent.com/rtc?txSecret=${SECRET}`,
  `https://play.example.com/live/s.m3u8?txSecret=${SECRET}`,
  '',
  42,
  null,
];
const ATTRIBUTE_VALUES: { readonly [key: string]: readonly unknown[] } = {
  src: SRCS,
  scenario: ['live', 'low-latency', '', 'nope', null],
  mode: ['', 'live', 'RTC', 'XX', null],
  minCache: [null, 1, 0.2, -1, 'abc'],
  maxCache: [null, 3, 0.8, 'abc'],
  autoplay: [null, false, true, 'yes'],
  policies: [
    null,
    { reconnect: false },
    { reconnect: { attempts: 2, baseMs: 100, capMs: 1000 } },
    { stallMs: 1000 },
    { stallMs: false },
    { resumeOnShow: false },
    { keepScreenOn: false },
    { quality: false },
    'junk',
    { bogus: 1 },
    { stallMs: 5 },
  ],
  startTimeout: [null, 20, 50, 1000, 20000, 'abc', -5],
  callTimeout: [null, 20, 50, 500, 5000, 'abc', ''],
};
/** The call timeout the controller uses for a `call-timeout` value (default 5000 when missing or bad). */
const callTimeoutOf = (value: unknown) => (typeof value === 'number' && value >= 1 ? value : 5000);
/** The stall watch's time for a policies value, as `resolvePlayerPolicies` reads it (`null`: it leaves the setting as it is). */
const stallOf = (value: unknown): number | false | null => {
  if (!value || typeof value !== 'object' || !('stallMs' in value)) return null;
  const ms = (value as { stallMs: unknown }).stallMs;
  // Out of range clamps to 1000 ms at least; not a number keeps the setting.
  return ms === false ? false : typeof ms === 'number' && !Number.isNaN(ms) ? Math.max(1000, ms) : null;
};

const ARGS: { readonly [method: string]: readonly (readonly unknown[])[] } = {
  snapshot: [[], [null], [{ quality: 'raw' }], [{ quality: 'compressed', sourceType: 'view' }], [{ quality: 'hd' }], [5]],
  requestFullScreen: [[], [{ direction: 90 }], [{ direction: -90 }], [{ direction: 0 }], [{ direction: 45 }], ['x']],
};
/** play(): mostly good options, some careless ones. */
const PLAY_ARGS: readonly (readonly [number, readonly unknown[]])[] = [
  [6, []],
  [1, [{}]],
  [1, [null]],
  [1, [{ timeout: 20 }]],
  [2, [{ timeout: 500 }]],
  [2, [{ timeout: 30000 }]],
  [1, [{ timeout: 3e9 }]],
  [0.5, [{ timeout: -1 }]],
  [0.5, [{ timeout: 'soon' }]],
  [0.5, ['soon']],
  [0.5, [5]],
];
const CALLS: readonly (readonly [number, string])[] = [
  [8, 'play'],
  [4, 'stop'],
  [3, 'pause'],
  [3, 'resume'],
  [1.5, 'mute'],
  [1.5, 'snapshot'],
  [1, 'requestFullScreen'],
  [0.7, 'exitFullScreen'],
  [1.2, 'requestBackgroundPlayback'],
  [0.8, 'exitBackgroundPlayback'],
  [0.4, 'requestPictureInPicture'],
  [0.3, 'startCasting'],
];
/** State codes by group: progress, buffering and end, warnings and native reconnects, fatal, unknown. */
const CODES: readonly (readonly [number, readonly number[]])[] = [
  [8, [2001, 2002, 2003, 2004, 2004, 2005, 2008, 2009, 2030, 2032]],
  [3, [2007, 2007, 2006]],
  [4, [2101, 2102, 2104, 2105, 2106, 2107, 2108]],
  [3, [2103, 2103, 3001, 3002, 3003, 3005]],
  [2, [-2301, -2301, -2302]],
  [0.7, [2027, 2029, 6000, 7777, 0]],
];
const CODE_MESSAGES: readonly (string | undefined)[] = [undefined, undefined, 'native says hi', 'refused ' + SIGNED_SRC];
const ERROR_MESSAGES: readonly string[] = ['live-player:fail', 'failed at ' + SIGNED_SRC];
const NETS: readonly Record<string, unknown>[] = [
  { videoBitrate: 1100, audioBitrate: 48, videoFPS: 15, videoGOP: 2, netSpeed: 1160, netJitter: 5, videoWidth: 360, videoHeight: 640 },
  {
    videoBitrate: 1100,
    audioBitrate: 48,
    videoFPS: 15,
    videoGOP: 2,
    netSpeed: 1160,
    netJitter: 5,
    videoWidth: 360,
    videoHeight: 640,
    netQualityLevel: 1,
  },
  { videoBitrate: 0, audioBitrate: 0, videoFPS: 0, videoGOP: 0, netSpeed: 0, netJitter: 0, videoWidth: 0, videoHeight: 0 },
  {
    videoBitrate: 0,
    audioBitrate: 0,
    videoFPS: 0,
    videoGOP: 2,
    netSpeed: 0,
    netJitter: 30,
    videoWidth: 360,
    videoHeight: 640,
    netQualityLevel: 6,
  },
  {
    videoBitrate: 150,
    audioBitrate: 48,
    videoFPS: 4,
    videoGOP: 2,
    netSpeed: 200,
    netJitter: 25,
    videoWidth: 360,
    videoHeight: 640,
    netQualityLevel: 5,
  },
  { videoBitrate: 0, audioBitrate: 32, videoFPS: 0 },
  { videoBitrate: 'x', audioBitrate: null, extra: { url: SIGNED_SRC } },
];
const ANSWERED: readonly string[] = [
  'play',
  'play',
  'stop',
  'stop',
  'pause',
  'resume',
  'mute',
  'snapshot',
  'requestFullScreen',
  'requestBackgroundPlayback',
];
const ANSWERS: readonly FakeAnswer[] = [{}, {}, {}, { fail: 'busy' }, { fail: 'denied at ' + SIGNED_SRC }, 'hang', 'hang', 'throw'];
const RESULT_ANSWERS: { readonly [method: string]: readonly FakeAnswer[] } = {
  snapshot: [{ result: { tempImagePath: 'wxfile://tmp/p.jpg', width: '360', height: '640' } }, { result: {} }],
};
const TICKS: readonly (readonly [number, [number, number]])[] = [
  [20, [0, 0]],
  [25, [1, 5]],
  [20, [6, 60]],
  [15, [61, 1000]],
  [10, [1001, 5000]],
  [12, [5001, 40000]],
];
/** App-side src refreshers (`setSrcRefresher`), by name, so a step prints readably. */
const REFRESHERS: readonly (readonly [string, unknown])[] = [
  ['returns a fresh signed URL', () => FRESH_SRC],
  ['resolves a fresh signed .flv URL', () => Promise.resolve(FLV_SRC)],
  ['rejects with an Error naming the URL', () => Promise.reject(new Error('cannot refresh ' + SIGNED_SRC))],
  [
    'throws an Error naming the URL',
    () => {
      throw new Error('boom ' + SIGNED_SRC);
    },
  ],
  ['returns an .m3u8 URL', () => `https://play.example.com/live/x.m3u8?txSecret=${SECRET}`],
  ['never answers', () => new Promise(() => undefined)],
  ['null', null],
  ['"junk" (not a function)', 'junk'],
];
const SET_POLICIES: readonly unknown[] = [
  { reconnect: false },
  { reconnect: { attempts: 1, baseMs: 10, capMs: 100 } },
  { reconnect: true },
  { stallMs: 1000 },
  { stallMs: 3000 },
  { stallMs: false },
  { resumeOnShow: false },
  { resumeOnShow: true },
  { keepScreenOn: false },
  { quality: false },
  { bogus: 1 },
  { stallMs: 'soon' },
  null,
];
const TRACE_CHOICES: readonly (PlayerTraceName | Trace | undefined)[] = [
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  'happy',
  'happy',
  'flaky-network',
  'stream-gone',
  'bad-url',
  'background',
  [],
  [
    { at: 1, code: 2001 },
    { at: 3, code: 2004 },
    { at: 5, net: { videoBitrate: 0, audioBitrate: 0, videoFPS: 0 }, every: 500 },
  ],
  [
    { at: 1, code: 2001 },
    { at: 2, code: 2004 },
    { at: 4, code: 2007 },
  ],
];

type Step =
  | { readonly k: 'call'; readonly m: string; readonly args: readonly unknown[] }
  | { readonly k: 'code'; readonly code: number; readonly msg?: string }
  | { readonly k: 'error'; readonly msg: string }
  | { readonly k: 'net'; readonly info: Record<string, unknown> }
  | { readonly k: 'data'; readonly data: Record<string, unknown> }
  | { readonly k: 'tick'; readonly ms: number }
  | { readonly k: 'answer'; readonly m: string; readonly answer: FakeAnswer }
  | { readonly k: 'page'; readonly shown: boolean }
  | { readonly k: 'network'; readonly online: boolean }
  | { readonly k: 'stream'; readonly back: boolean }
  | { readonly k: 'interruption' }
  | { readonly k: 'refresher'; readonly v: number }
  | { readonly k: 'setPolicies'; readonly input: unknown }
  | { readonly k: 'mount' }
  | { readonly k: 'detach' }
  /** Ten minutes without input: then no playback may still be loading or reconnecting (no dead end). */
  | { readonly k: 'quiet' };

/** How the phone and the page start. */
interface Header {
  readonly delay: number;
  readonly trace?: PlayerTraceName | Trace;
  /** ms between the native player's own reconnects. */
  readonly retryMs?: number;
  readonly missing?: readonly string[];
  readonly data: Record<string, unknown>;
  /** A src refresher set before the first step (index into REFRESHERS). */
  readonly refresher?: number;
  /** Mounted at once (otherwise a `mount` step comes later: calls made before `ready`). */
  readonly attached: boolean;
}

interface Sequence {
  readonly index: number;
  readonly header: Header;
  readonly steps: readonly Step[];
}

function randomData(rng: Rng, keys: number): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (let i = 0; i < keys; i++) {
    const key = pick(rng, Object.keys(ATTRIBUTE_VALUES));
    data[key] = pick(rng, ATTRIBUTE_VALUES[key]);
  }
  return data;
}

/** Step kinds by weight; after detach, only what can still reach the component. */
const STEP_KINDS = [
  [30, 'call'],
  [16, 'code'],
  [2, 'error'],
  [8, 'net'],
  [5, 'data'],
  [25, 'tick'],
  [6, 'answer'],
  [4, 'page'],
  [3, 'network'],
  [2, 'stream'],
  [1, 'interruption'],
  [2, 'refresher'],
  [3, 'setPolicies'],
  [0.7, 'detach'],
] as const;
const AFTER_DETACH = [
  [30, 'call'],
  [15, 'code'],
  [3, 'error'],
  [5, 'net'],
  [25, 'tick'],
  [4, 'page'],
  [3, 'network'],
  [2, 'interruption'],
  [3, 'refresher'],
  [6, 'setPolicies'],
] as const;

function randomStep(rng: Rng, mounted: boolean, detached: boolean): Step {
  const kind = weighted(rng, detached ? AFTER_DETACH : STEP_KINDS.filter(([, k]) => mounted || k !== 'detach'));
  switch (kind) {
    case 'call': {
      const m = weighted(rng, CALLS);
      return { k: 'call', m, args: m === 'play' ? weighted(rng, PLAY_ARGS) : ARGS[m] ? pick(rng, ARGS[m]) : [] };
    }
    case 'code': {
      const code = pick(rng, weighted(rng, CODES));
      const msg = pick(rng, CODE_MESSAGES);
      return msg === undefined ? { k: 'code', code } : { k: 'code', code, msg };
    }
    case 'error':
      return { k: 'error', msg: pick(rng, ERROR_MESSAGES) };
    case 'net':
      return { k: 'net', info: pick(rng, NETS) };
    case 'data':
      return { k: 'data', data: randomData(rng, between(rng, 1, 2)) };
    case 'tick': {
      const [min, max] = weighted(rng, TICKS);
      return { k: 'tick', ms: between(rng, min, max) };
    }
    case 'answer': {
      const m = pick(rng, ANSWERED);
      const answers = RESULT_ANSWERS[m] && rng() < 0.5 ? RESULT_ANSWERS[m] : ANSWERS;
      return { k: 'answer', m, answer: pick(rng, answers) };
    }
    case 'page':
      return { k: 'page', shown: rng() < 0.5 };
    case 'network':
      return { k: 'network', online: rng() < 0.5 };
    case 'stream':
      return { k: 'stream', back: rng() < 0.5 };
    case 'interruption':
      return { k: 'interruption' };
    case 'refresher':
      return { k: 'refresher', v: between(rng, 0, REFRESHERS.length - 1) };
    case 'setPolicies':
      return { k: 'setPolicies', input: pick(rng, SET_POLICIES) };
    case 'detach':
      return { k: 'detach' };
  }
}

/** Sequence `index` of this seed: a pure function of both. */
function generate(index: number): Sequence {
  const rng = mulberry32(seedOf(index));
  const header: Header = {
    delay: pick(rng, [0, 1, 2, 2, 2, 5, 20, 60]),
    trace: pick(rng, TRACE_CHOICES),
    retryMs: pick(rng, [undefined, undefined, 200, 3000]),
    missing:
      rng() < 0.08
        ? pick(rng, [
            ['requestBackgroundPlayback', 'exitBackgroundPlayback'],
            ['snapshot', 'startCasting'],
          ])
        : undefined,
    data: { ...randomData(rng, between(rng, 0, 3)), ...(rng() < 0.6 ? { src: SIGNED_SRC } : {}) },
    refresher: rng() < 0.3 ? between(rng, 0, REFRESHERS.length - 3) : undefined,
    attached: rng() < 0.9,
  };
  const length = between(rng, 4, 40);
  const mountAt = header.attached ? -1 : between(rng, 0, Math.floor(length / 2));
  // Most sequences play first, so more of them run while playing, buffering or reconnecting.
  const steps: Step[] =
    header.attached && rng() < 0.6
      ? [
          { k: 'call', m: 'play', args: [] },
          { k: 'tick', ms: between(rng, 5, 600) },
        ]
      : [];
  // Some of them go to the background and come back before anything else happens.
  if (steps.length && rng() < 0.2)
    steps.push(
      { k: 'page', shown: false },
      { k: 'tick', ms: between(rng, 0, 3000) },
      { k: 'page', shown: true },
      { k: 'tick', ms: between(rng, 5, 600) },
    );
  let mounted = header.attached;
  let detached = false;
  for (let i = 0; i < length; i++) {
    if (i === mountAt) {
      steps.push({ k: 'mount' });
      mounted = true;
    }
    const step = randomStep(rng, mounted, detached);
    detached = detached || step.k === 'detach';
    // Now and then the device refuses or ignores the lifecycle call just made (a failed stop must leave no dead end).
    if (step.k === 'call' && (step.m === 'stop' || step.m === 'pause' || step.m === 'resume') && rng() < 0.25) {
      steps.push({ k: 'answer', m: step.m, answer: pick(rng, [{ fail: 'busy' }, 'hang'] as const) });
    }
    steps.push(step);
    // Playback that stands still: a sample with no data, then long enough for the stall watch.
    if (step.k === 'net' && rng() < 0.2) steps.push({ k: 'tick', ms: between(rng, 1000, 9000) });
    // An outage long enough for the native player to give up (-2301), often ended by the page (stop or play again).
    if (step.k === 'network' && !step.online && rng() < 0.5) {
      steps.push({ k: 'tick', ms: between(rng, 3000, 12000) });
      if (rng() < 0.5) steps.push({ k: 'call', m: pick(rng, ['stop', 'play']), args: [] }, { k: 'tick', ms: between(rng, 5, 600) });
    }
    // A viewer who gives up while playback is lost: a stop() around the reconnect policy's first attempt.
    const lost = (step.k === 'code' && step.code === -2301) || (step.k === 'stream' && !step.back);
    if (lost && rng() < 0.4) steps.push({ k: 'tick', ms: between(rng, 0, 1500) }, { k: 'call', m: 'stop', args: [] });
    // A page that comes back after a while (the resume on show), or an interruption that ends.
    if (step.k === 'page' && !step.shown && rng() < 0.5)
      steps.push({ k: 'tick', ms: between(rng, 0, 3000) }, rng() < 0.8 ? { k: 'page', shown: true } : { k: 'interruption' });
  }
  const ending = rng();
  if (ending < 0.25) steps.push({ k: 'quiet' });
  else if (ending < 0.65) steps.push({ k: 'tick', ms: pick(rng, [20, 500, 20000]) });
  return { index, header, steps };
}

// ---------- printing ----------

function stepText(step: Step): string {
  switch (step.k) {
    case 'call':
      return `player.${step.m}(${step.args.map(show).join(', ')})`;
    case 'code':
      return `device.player.emit(${step.code}${step.msg === undefined ? '' : ', ' + show(step.msg)})`;
    case 'error':
      return `device.player.error(${show(step.msg)})`;
    case 'net':
      return `device.player.netstatus(${show(step.info)})`;
    case 'data':
      return `host.setData(${show(step.data)})`;
    case 'tick':
      return `tick(${step.ms})`;
    case 'answer':
      return `device.player.answer(${show(step.m)}, ${show(step.answer)})`;
    case 'page':
      return step.shown ? 'device.show()' : 'device.hide()';
    case 'network':
      return step.online ? 'device.online()' : 'device.offline()';
    case 'stream':
      return step.back ? 'device.player.streamBack()' : 'device.player.streamGone()';
    case 'interruption':
      return 'device.interruptionEnd()';
    case 'refresher':
      return `player.setSrcRefresher(${REFRESHERS[step.v][0]})`;
    case 'setPolicies':
      return `player.setPolicies(${show(step.input)})`;
    case 'mount':
      return 'mount(host)  // the page attaches: ready, context';
    case 'detach':
      return 'host.setData({ shown: false })  // detach';
    case 'quiet':
      return `tick(${QUIET_MS})  // quiet: no loading/reconnecting held for the last ${HELD_MS} ms, no call pending`;
  }
}

function headerText(h: Header): string {
  const player: string[] = [];
  if (h.trace !== undefined) player.push(`trace: ${show(h.trace)}`);
  if (h.retryMs !== undefined) player.push(`retryMs: ${h.retryMs}`);
  if (h.missing) player.push(`missing: ${show(h.missing)}`);
  const options: string[] = [`delay: ${h.delay}`];
  if (player.length) options.push(`player: { ${player.join(', ')} }`);
  if (Object.keys(h.data).length) options.push(`data: ${show(h.data)}`);
  if (!h.attached) options.push('attach: false');
  const refresher = h.refresher === undefined ? '' : `; player.setSrcRefresher(${REFRESHERS[h.refresher][0]})`;
  return `setUpPlayer(hostId, { ${options.join(', ')} })${refresher}`;
}

// ---------- invariants ----------

type Kind = 'settle' | 'transition' | 'overlap' | 'afterDetach' | 'secret' | 'timers' | 'deadEnd' | 'agreement' | 'device' | 'contract';
const KINDS: readonly Kind[] = [
  'settle',
  'transition',
  'overlap',
  'afterDetach',
  'secret',
  'timers',
  'deadEnd',
  'agreement',
  'device',
  'contract',
];

/** The statuschange a resolved lifecycle call stands for (stop() may also resolve with nothing to stop). */
const RESOLVED_STATUS: { readonly [method: string]: PlayStatus | undefined } = {
  play: 'playing',
  pause: 'paused',
  resume: 'playing',
  stop: 'stopped',
};

interface Violation {
  readonly kind: Kind;
  readonly message: string;
  /** Steps run when it was seen (`steps.length` + 1: in the final detach phase). */
  readonly atStep: number;
}

interface RunResult {
  readonly violations: Violation[];
  readonly log: string[];
  readonly steps: number;
}

/** The native player as the test saw it at a quiet moment. */
interface DeviceView {
  /** A native play the library made succeeded and nothing ended it since. */
  readonly commanded: boolean;
  /** The device plays (a play succeeded, or it said so: connected, begin, data), and nothing ended it since. */
  readonly live: boolean;
  readonly paused: boolean;
  /** A native stop went out since the play started (the device may have refused it). */
  readonly stopAsked: boolean;
  /**
   * A stop, pause or resume succeeded after the library's call timeout had given up on it (the
   * page was told it failed): what the device does since is not the library's to know, until the
   * next play answers.
   */
  readonly late?: boolean;
}

/** How the device disagrees with the status, or `null`. */
function disagrees(status: PlayStatus, dev: DeviceView): string | null {
  if ((status === 'idle' || status === 'stopped' || status === 'failed' || status === 'ended') && dev.commanded && !dev.stopAsked)
    return `the status is ${status} but the device still plays a play the library started, and no stop was sent`;
  if (dev.late) return null;
  if ((status === 'playing' || status === 'buffering' || status === 'paused') && !dev.live)
    return `the status is ${status} but the device does not play`;
  if (status === 'paused' && !dev.paused) return 'the status is paused but the device was never paused (or resumed since)';
  if ((status === 'playing' || status === 'buffering') && dev.paused) return `the status is ${status} but the device is paused`;
  return null;
}

/** A statuschange that no lifecycle input explains. */
const unexplained = (change: PlayerStatusChange) =>
  !PLAYER_INPUTS.some((input) => playerStatusAfter(change.previous, input) === change.status);

interface NativeCall {
  readonly method: string;
  readonly at: number;
  readonly timeout: number;
  answered: boolean;
  /** When it was answered (ms since the epoch). */
  end?: number;
}

type WxGlobal = { wx: Record<string, unknown> };
type Instance = { triggerEvent(name: string, detail?: unknown, options?: unknown): void; [method: string]: unknown };
type Received = { type: string; detail: unknown };
type Facade = Record<string, (...args: unknown[]) => unknown>;

/**
 * The component's handlers of its inner tag's events, as its WXML binds them. After detach,
 * miniprogram-simulate drops events of a removed tree, but a phone's native tag may still
 * deliver them: the sequences then call these handlers directly.
 */
const TAG_HANDLERS: { readonly [event: string]: string | undefined } = (() => {
  const wxml = fs.readFileSync(path.join(ROOT, 'components/player/index.wxml'), 'utf8');
  const bound = (event: string) => (new RegExp(`bind:?${event}="(\\w+)"`).exec(wxml) || [])[1];
  return { statechange: bound('statechange'), error: bound('error'), netstatus: bound('netstatus') };
})();
/** Codes after which the native player no longer plays: it gave up (-2301), never got the stream (-2302), or the stream ended (2006). */
const ENDING_CODES: readonly number[] = [-2301, -2302, 2006];
/** The native calls during which the status waits (inputs are held until they answer or time out). */
const LIFECYCLE: readonly string[] = ['stop', 'pause', 'resume'];
/** Codes by which the native player says it plays. */
const PLAYING_CODES: readonly number[] = [2001, 2002, 2003, 2004, 2032];

let hostId: string;
/** Console output of the running sequence (warn and error are silenced but kept). */
let consoleLines: string[] = [];
/** Math.random of the running sequence (reconnect jitter), seeded. */
let jitter: Rng = Math.random;

/** Runs one sequence; never throws for a violation, returns them. */
async function run(seq: Sequence): Promise<RunResult> {
  const violations: Violation[] = [];
  const log: string[] = [];
  let stepNo = 0;
  const violate = (kind: Kind, message: string) => {
    if (!violations.some((v) => v.kind === kind)) violations.push({ kind, message, atStep: stepNo });
  };

  jest.setSystemTime(BASE_TIME);
  const start = Date.now();
  const now = () => Date.now() - start;
  jitter = mulberry32(seedOf(seq.index, 0x5eed));
  consoleLines = [];
  const { header } = seq;
  const options: FakeDeviceOptions & { data?: Record<string, unknown>; attach?: boolean } = {
    delay: header.delay,
    player: { trace: header.trace, retryMs: header.retryMs, missing: header.missing },
    data: header.data,
    attach: false,
  };
  const h: PlayerHarness = setUpPlayer(hostId, options);
  const device: FakeDevice = h.device;
  const player: PlayerInstance = h.player;
  const received = h.host.instance.received as Received[];
  let detachedAt: number | null = null;
  let mounted = false;

  /**
   * The native player as the test sees it: what it carried out (answered native calls) and what
   * it said (codes, data). See `DeviceView`.
   */
  const dev = { commanded: false, live: false, paused: false, stopAsked: false, late: false };
  const endPlay = () => void (dev.commanded = dev.live = dev.paused = false);
  /** Times (ms from the start) of what the stall watch must not have seen in its window: data while playing, status changes. */
  let lastData = -Infinity;
  let lastChange = 0;
  /** The smallest stall time in force during the sequence (changes count from the smallest). */
  let stallMs = stallOf(header.data.policies) || 8000;
  const policiesSeen = (value: unknown) => {
    const ms = stallOf(value);
    if (ms) stallMs = Math.min(stallMs, ms);
  };

  // Every event the component triggers, seen at the source: after detach none may be triggered at all.
  const instance = h.node.instance as unknown as Instance;
  const trigger = instance.triggerEvent;
  const late: string[] = [];
  instance.triggerEvent = function (this: Instance, name: string, detail?: unknown, eventOptions?: unknown) {
    if (detachedAt !== null) late.push(name + ' ' + show(detail).slice(0, 80));
    const d = (detail || {}) as { code?: unknown; status?: unknown; previous?: unknown; cause?: unknown };
    if (name === 'statechange' && ENDING_CODES.indexOf(d.code as number) >= 0) endPlay();
    else if (name === 'statechange' && PLAYING_CODES.indexOf(d.code as number) >= 0) dev.live = true;
    const flow = detail as { videoBitrate?: number; audioBitrate?: number };
    const flowing = name === 'netstatus' && ((flow.videoBitrate || 0) > 0 || (flow.audioBitrate || 0) > 0);
    if (flowing) dev.live = true;
    // Data while playing disarms the stall watch (seen before the status may move on it).
    if (flowing && player.status === 'playing') lastData = now();
    if (name === 'statuschange') {
      // While stop/pause/resume is in flight the status waits (codes are held): the watch then sees an older one.
      const held = native.some(
        (c) => LIFECYCLE.indexOf(c.method) >= 0 && (c.end === undefined ? c.at + c.timeout : c.end) - start >= now() - stallMs,
      );
      if (d.cause === 'stall' && detachedAt === null && !held) {
        const since = Math.min(now() - lastChange, now() - lastData);
        if (since < stallMs)
          violate(
            'agreement',
            `the stall watch restarted at t=${now()} (${String(d.previous)} → ${String(d.status)}) although ` +
              `${now() - lastData < now() - lastChange ? 'data arrived while playing' : 'the status changed'} ${since} ms before (stallMs ≥ ${stallMs})`,
          );
      }
      lastChange = now();
    }
    if (name === 'reconnect' && !online) {
      offlineAttempts++;
      if (offlineAttempts > 1)
        violate('agreement', `reconnect attempt ${show(detail)} at t=${now()}: the ${offlineAttempts}th while the device is offline`);
    }
    return trigger.call(this, name, detail, eventOptions);
  };
  const deliverLate = (event: string, detail: unknown) => {
    const handler = TAG_HANDLERS[event] && instance[TAG_HANDLERS[event]!];
    if (typeof handler === 'function') handler.call(instance, { type: event, detail });
  };

  // Native calls in flight: from the call until its answer, or until the controller's call timeout gave up on it.
  let callTimeout = callTimeoutOf(header.data.callTimeout);
  const native: NativeCall[] = [];
  const wx = (globalThis as unknown as WxGlobal).wx;
  const createContext = wx.createLivePlayerContext as (
    id: string,
    component: unknown,
  ) => Record<string, (o?: Record<string, unknown>) => void>;
  const answered = (method: string, ok: boolean, late: boolean) => {
    if (!ok) return;
    if (late && LIFECYCLE.indexOf(method) >= 0) dev.late = true;
    if (method === 'play') (dev.commanded = dev.live = true), (dev.paused = dev.stopAsked = dev.late = false);
    if (method === 'stop') endPlay();
    if (method === 'pause') dev.paused = true;
    if (method === 'resume') dev.paused = false;
  };
  /** The page's last word on playback (`play()` or `stop()`), and its play() calls still pending. */
  let pageWord: 'play' | 'stop' | null = null;
  let pagePlays = 0;
  /** The device plays in the background (`requestBackgroundPlayback` succeeded, no exit since): the library may restart a hidden page then. */
  let backgroundPlayback = false;
  let stops = 0;
  let refreshes = 0;
  wx.createLivePlayerContext = (id: string, component: unknown) => {
    const context = createContext(id, component);
    const wrapped: Record<string, (o?: Record<string, unknown>) => void> = {};
    for (const method of Object.keys(context)) {
      wrapped[method] = (given: Record<string, unknown> = {}) => {
        const at = Date.now();
        const busy = native.filter((c) => !c.answered && at < c.at + c.timeout);
        if (busy.length) {
          violate(
            'overlap',
            `native ${method} issued at t=${at - start} while ${busy.map((c) => `${c.method} (issued t=${c.at - start}, call timeout ${c.timeout})`).join(', ')} still in flight`,
          );
        }
        if (method === 'stop') dev.stopAsked = true;
        if (method === 'play' && pageWord === 'stop')
          violate('device', `native play at t=${at - start} after the page's stop() (no play() since)`);
        if (method === 'play' && !visible && !pagePlays && !backgroundPlayback)
          violate('device', `native play at t=${at - start} from the library while the page is hidden`);
        const call: NativeCall = { method, at, timeout: callTimeout, answered: false };
        native.push(call);
        const settle = (fn: unknown, ok: boolean) => (result: unknown) => {
          call.answered = true;
          call.end = Date.now();
          if (ok && method.endsWith('BackgroundPlayback')) backgroundPlayback = method[0] === 'r';
          answered(method, ok, call.end >= call.at + call.timeout);
          if (typeof fn === 'function') fn(result);
        };
        try {
          context[method]({ ...given, success: settle(given.success, true), fail: settle(given.fail, false) });
        } catch (error) {
          call.answered = true;
          throw error;
        }
      };
    }
    return wrapped;
  };

  // Every facade promise, and what it settled with.
  const promises: { step: number; text: string; state: 'pending' | 'resolved' | 'rejected'; error?: unknown }[] = [];
  let checked = 0;
  let lastStatus: PlayStatus = 'idle';
  // The page and the network as the steps left them (traces hide and show through the device too).
  let visible = true;
  const pageLifetime = { show: device.show, hide: device.hide };
  device.show = () => {
    // Before the tag's `ready` the fake phone has no page to tell.
    if (mounted) visible = true;
    pageLifetime.show();
  };
  device.hide = () => {
    if (mounted) visible = false;
    pageLifetime.hide();
  };
  let online = true;
  let offlineAttempts = 0;
  const network = { online: device.online, offline: device.offline };
  device.online = () => ((online = true), (offlineAttempts = 0), network.online());
  device.offline = () => ((online = false), network.offline());

  /** Checks events received since the last look: transitions, error details, secrets, and nothing after detach. */
  const checkEvents = () => {
    if (late.length) violate('afterDetach', `triggerEvent after detach: ${late.splice(0).slice(0, 3).join(' | ')}`);
    if (detachedAt !== null && received.length > detachedAt) {
      const extra = received.slice(detachedAt).map((e) => e.type + ' ' + show(e.detail).slice(0, 200));
      violate('afterDetach', `${received.length - detachedAt} event(s) after detach: ${extra.slice(0, 3).join(' | ')}`);
      detachedAt = received.length;
    }
    for (; checked < received.length; checked++) {
      const { type, detail } = received[checked];
      const where = findSecret(detail, type + '.detail');
      if (where) violate('secret', `the signature appears in event ${where}`);
      if (type === 'error' && !isPusherError(detail)) violate('contract', `an error event's detail is not a PusherError: ${show(detail)}`);
      if (type !== 'statuschange') continue;
      const change = detail as PlayerStatusChange;
      if (change.previous !== lastStatus)
        violate('transition', `statuschange ${show(change)} does not chain: the status was ${lastStatus}`);
      else if (unexplained(change))
        violate(
          'transition',
          `statuschange ${change.previous} → ${change.status} (cause ${show(change.cause)}) matches no input of PLAYER_TRANSITIONS`,
        );
      lastStatus = change.status;
    }
    // Also after detach: the status stands still where the page last heard it.
    if (player.status !== lastStatus)
      violate(
        'contract',
        `player.status is ${player.status} but the last statuschange said ${lastStatus}${detachedAt === null ? '' : ' (after detach)'}`,
      );
    for (const line of consoleLines.splice(0)) {
      if (line.indexOf(SECRET) >= 0) violate('secret', `the signature appears in a console line: ${show(line.slice(0, 200))}`);
      if (line.startsWith('error:')) violate('contract', `console.error: ${show(line.slice(0, 300))}`);
    }
  };

  const callFacade = (stepIndex: number, method: string, args: readonly unknown[]) => {
    const text = `${method}(${args.map(show).join(', ')})`;
    if (method === 'play' || method === 'stop') pageWord = method;
    if (method === 'stop') stops++;
    const stopsBefore = stops;
    const playsBefore = native.filter((c) => c.method === 'play').length;
    let result: unknown;
    try {
      result = (player as unknown as Facade)[method](...args);
    } catch (error) {
      return violate('contract', `${text} threw synchronously: ${show(String(error))}`);
    }
    if (!result || typeof (result as Promise<unknown>).then !== 'function')
      return violate('contract', `${text} returned ${show(result)}, not a promise`);
    const entry: (typeof promises)[number] = { step: stepIndex, text, state: 'pending' };
    promises.push(entry);
    const since = received.length;
    const statusAtCall = player.status;
    if (method === 'play') pagePlays++;
    (result as Promise<unknown>).then(
      () => {
        entry.state = 'resolved';
        if (method === 'play') pagePlays--;
        const expected = RESOLVED_STATUS[method];
        const moved = received.slice(since).some((e) => e.type === 'statuschange' && (e.detail as PlayerStatusChange).status === expected);
        if (expected && !moved && detachedAt === null && !(method === 'stop' && (statusAtCall === 'idle' || statusAtCall === 'stopped'))) {
          violate(
            'agreement',
            `${text} (step ${stepIndex}) resolved at t=${now()} without a statuschange to ${expected} (status ${player.status})`,
          );
        }
      },
      (error: unknown) => {
        entry.state = 'rejected';
        entry.error = error;
        if (method === 'play') pagePlays--;
        const code = String((error as { code?: unknown }).code);
        // A stop() aborts only the plays made before it.
        if (method === 'play' && code === 'ABORTED' && /stop/.test(String((error as Error).message)) && stops === stopsBefore)
          violate('agreement', `${text} (step ${stepIndex}) rejected ABORTED by a stop() although no stop() came after it`);
        // A play() that reached the device and rejects for its own reason leaves nothing going on.
        const issued = native.filter((c) => c.method === 'play').length > playsBefore;
        const going = ['loading', 'reconnecting', 'playing', 'buffering'].indexOf(player.status) >= 0;
        if (
          method === 'play' &&
          issued &&
          ['INVALID_STATE', 'INVALID_ARGUMENT', 'ABORTED', 'NOT_READY'].indexOf(code) < 0 &&
          detachedAt === null &&
          going
        )
          violate('agreement', `${text} (step ${stepIndex}) rejected ${code} while playback goes on (status ${player.status})`);
        if (!isPusherError(error)) violate('settle', `${text} (step ${stepIndex}) rejected with a non-PusherError: ${show(String(error))}`);
        const where = findSecret(error, `${method}() rejection`);
        if (where) violate('secret', `the signature appears in ${where}`);
      },
    );
  };

  /** A synchronous instance method (setPolicies, setSrcRefresher) may throw, but only a PusherError. */
  const callSync = (text: string, fn: () => unknown) => {
    try {
      const result = fn();
      const where = findSecret(result, text + ' result');
      if (where) violate('secret', `the signature appears in ${where}`);
    } catch (error) {
      if (!isPusherError(error)) violate('contract', `${text} threw a non-PusherError: ${show(String(error))}`);
      const where = findSecret(error, text + ' throw');
      if (where) violate('secret', `the signature appears in ${where}`);
    }
  };
  const setRefresher = (v: number) => {
    const given = REFRESHERS[v][1];
    const counted =
      typeof given === 'function' ? (...args: unknown[]) => (refreshes++, (given as (...a: unknown[]) => unknown)(...args)) : given;
    callSync('setSrcRefresher', () => player.setSrcRefresher(counted as never));
  };

  const detach = () => {
    if (!mounted) {
      mount(h.host);
      mounted = true;
    }
    detachedAt = received.length;
    h.host.setData({ shown: false });
  };

  let uninstalled = false;
  try {
    if (header.attached) {
      mount(h.host);
      mounted = true;
    }
    if (header.refresher !== undefined) setRefresher(header.refresher);
    checkEvents();
    for (let i = 0; i < seq.steps.length; i++) {
      const step = seq.steps[i];
      stepNo = i + 1;
      log.push(`${String(stepNo).padStart(3)}. t=${now()}  ${stepText(step)}`);
      switch (step.k) {
        case 'call':
          callFacade(stepNo, step.m, step.args);
          break;
        case 'code':
          device.player.emit(step.code, step.msg);
          if (detachedAt !== null)
            deliverLate('statechange', step.msg === undefined ? { code: step.code } : { code: step.code, message: step.msg });
          break;
        case 'error':
          device.player.error(step.msg);
          if (detachedAt !== null) deliverLate('error', { errMsg: step.msg });
          break;
        case 'net':
          device.player.netstatus(step.info as TraceNetInfo);
          if (detachedAt !== null) deliverLate('netstatus', { info: step.info });
          break;
        case 'data':
          if ('callTimeout' in step.data) callTimeout = callTimeoutOf(step.data.callTimeout);
          if ('policies' in step.data) policiesSeen(step.data.policies);
          h.host.setData(step.data);
          break;
        case 'tick':
          await jest.advanceTimersByTimeAsync(step.ms);
          break;
        case 'answer':
          device.player.answer(step.m, step.answer);
          break;
        case 'page':
          if (step.shown) device.show();
          else device.hide();
          break;
        case 'network':
          if (step.online) device.online();
          else device.offline();
          break;
        case 'stream':
          if (step.back) device.player.streamBack();
          else device.player.streamGone();
          break;
        case 'interruption':
          device.interruptionEnd();
          break;
        case 'refresher':
          setRefresher(step.v);
          break;
        case 'setPolicies':
          policiesSeen(step.input);
          callSync('setPolicies', () => player.setPolicies(step.input as never));
          break;
        case 'mount':
          if (!mounted) mount(h.host);
          mounted = true;
          break;
        case 'detach':
          if (detachedAt === null) detach();
          break;
        case 'quiet': {
          await jest.advanceTimersByTimeAsync(QUIET_MS - HELD_MS);
          const before = received.length;
          await jest.advanceTimersByTimeAsync(HELD_MS);
          const status = player.status;
          const changed = received.slice(before).some((e) => e.type === 'statuschange');
          // Offline, a lost playback waits for the network by design; hidden, the page decides.
          if (mounted && detachedAt === null && visible && online) {
            if ((status === 'loading' || status === 'reconnecting') && !changed)
              violate(
                'deadEnd',
                `${status} for the last ${HELD_MS} ms of ${QUIET_MS} ms without input (page shown, online), no statuschange`,
              );
            const pending = promises.filter((p) => p.state === 'pending');
            if (pending.length)
              violate(
                'deadEnd',
                `still pending after ${QUIET_MS} ms without input (page shown, online): ${pending.map((p) => `${p.text} (step ${p.step})`).join(', ')}`,
              );
            const disagreement = disagrees(status, dev);
            if (disagreement) violate('device', `after ${QUIET_MS} ms without input: ${disagreement}`);
          }
          break;
        }
      }
      checkEvents();
      if (counting) reached.statuses.add(player.status);
    }

    // The end: detach (if the sequence did not), let answers on their way arrive, give wx back.
    stepNo = seq.steps.length + 1;
    log.push(`  end. t=${now()}  host.setData({ shown: false }); tick(${SETTLE_MS}); device.uninstall()`);
    if (detachedAt === null) detach();
    checkEvents();
    await jest.advanceTimersByTimeAsync(SETTLE_MS);
    checkEvents();
    device.uninstall();
    uninstalled = true;
    const timers = jest.getTimerCount();
    if (timers !== 0) {
      violate('timers', `${timers} timer(s) still pending after detach + ${SETTLE_MS} ms + uninstall`);
      await jest.advanceTimersByTimeAsync(600000);
      jest.clearAllTimers();
    }
    await jest.advanceTimersByTimeAsync(0);
    checkEvents();
    if (counting) {
      for (const policy of Object.keys(POLICY_SIGNS))
        if (POLICY_SIGNS[policy]({ events: received, wx: device.calls.map((c) => c.method), refreshes }))
          reached.policies[policy] = (reached.policies[policy] || 0) + 1;
      reached.nativeCalls += native.length;
      reached.events += received.length;
      for (const e of received)
        if (e.type === 'statuschange') reached.changes++, reached.statuses.add((e.detail as PlayerStatusChange).status);
      for (const p of promises) {
        if (p.state === 'resolved') reached.resolved++;
        const code = p.state === 'rejected' ? String((p.error as { code?: unknown }).code) : '';
        if (code) reached.rejections[code] = (reached.rejections[code] || 0) + 1;
      }
    }
    if (VERBOSE) {
      const outcome = (p: (typeof promises)[number]) =>
        `${p.text}@${p.step} ${p.state}${p.error ? ' ' + String((p.error as { code?: unknown }).code) : ''}`;
      process.stdout.write(
        [
          `#${seq.index} ${headerText(header)}`,
          ...log,
          `  native: ${native.map((c) => `${c.method}@${c.at - start}`).join(' ')}`,
          `  events: ${received.map((e) => (e.type === 'statuschange' ? (e.detail as PlayerStatusChange).status : e.type)).join(' ')}`,
          `  promises: ${promises.map(outcome).join('; ')}`,
          '',
        ].join('\n'),
      );
    }
    const pending = promises.filter((p) => p.state === 'pending');
    if (pending.length) violate('settle', `never settled: ${pending.map((p) => `${p.text} (step ${p.step})`).join(', ')}`);
  } catch (error) {
    violate('contract', `the sequence threw: ${error instanceof Error ? error.stack : show(error)}`);
  } finally {
    if (!uninstalled) device.uninstall();
    jest.clearAllTimers();
  }
  return { violations, log, steps: seq.steps.length };
}

/** Drops steps (and simplifies the header) while the sequence still shows a violation of `kind`. */
async function shrink(seq: Sequence, kind: Kind): Promise<{ seq: Sequence; result: RunResult; runs: number }> {
  const fails = async (candidate: Sequence) => {
    const result = await run(candidate);
    return result.violations.some((v) => v.kind === kind) ? result : null;
  };
  let best = seq;
  let bestResult = (await fails(seq))!;
  let runs = 1;
  if (!bestResult) return { seq, result: (await run(seq))!, runs };
  const seen = bestResult.violations.find((v) => v.kind === kind)!.atStep;
  if (seen <= best.steps.length) {
    const cut = { ...best, steps: best.steps.slice(0, seen) };
    const r = await fails(cut);
    runs++;
    if (r) [best, bestResult] = [cut, r];
  }
  const attempt = async (candidate: Sequence) => {
    if (runs >= SHRINK_BUDGET) return false;
    runs++;
    const r = await fails(candidate);
    if (r) [best, bestResult] = [candidate, r];
    return !!r;
  };
  let progress = true;
  while (progress && runs < SHRINK_BUDGET) {
    progress = false;
    for (let size = Math.max(1, best.steps.length >> 1); ; size = Math.max(1, size >> 1)) {
      for (let at = best.steps.length - size; at >= 0; at -= size) {
        const steps = best.steps.slice(0, at).concat(best.steps.slice(at + size));
        if (await attempt({ ...best, steps })) progress = true;
      }
      if (size === 1) break;
    }
    const simpler: ((h: Header) => Header)[] = [
      (h) => ({ ...h, data: {} }),
      (h) => ({ ...h, trace: undefined }),
      (h) => ({ ...h, retryMs: undefined }),
      (h) => ({ ...h, missing: undefined }),
      (h) => ({ ...h, refresher: undefined }),
      (h) => ({ ...h, delay: 2 }),
      (h) => ({ ...h, attached: true }),
      ...Object.keys(best.header.data).map((key) => (h: Header) => {
        const data = { ...h.data };
        delete data[key];
        return { ...h, data };
      }),
    ];
    for (const simplify of simpler) {
      const header = simplify(best.header);
      if (headerText(header) === headerText(best.header)) continue;
      const steps = header.attached && !best.header.attached ? best.steps.filter((s) => s.k !== 'mount') : best.steps;
      if (await attempt({ ...best, header, steps })) progress = true;
    }
  }
  return { seq: best, result: bestResult, runs };
}

function report(seq: Sequence, result: RunResult, kind: Kind): string {
  const v = result.violations.find((x) => x.kind === kind)!;
  return [
    `seed ${SEED}, sequence #${seq.index}: ${v.message}`,
    `  replay: RANDOM_SEED=${SEED} RANDOM_ONLY=${seq.index} npx jest test/component/random-player.test.ts`,
    `  ${headerText(seq.header)}`,
    ...result.log.map((line) => '  ' + line),
  ].join('\n');
}

// ---------- the suite ----------

const found: { [K in Kind]?: { seq: Sequence; result: RunResult; count: number } } = {};
const totals = { sequences: 0, steps: 0, ms: 0 };
/** Off while mutants run: `reached` counts the real component only. */
let counting = true;
const reached = {
  statuses: new Set<string>(),
  changes: 0,
  nativeCalls: 0,
  events: 0,
  rejections: {} as Record<string, number>,
  resolved: 0,
  policies: {} as Record<string, number>,
};
/** What shows a policy acted in a sequence. */
interface Seen {
  readonly events: readonly Received[];
  /** The `wx` APIs (and player methods) the device saw called. */
  readonly wx: readonly string[];
  /** Calls of the src refresher. */
  readonly refreshes: number;
}
const causeOf = (e: Received) => (e.type === 'statuschange' ? (e.detail as PlayerStatusChange).cause : undefined);
const POLICY_SIGNS: { readonly [policy: string]: (seen: Seen) => boolean } = {
  reconnect: (seen) => seen.events.some((e) => e.type === 'reconnect'),
  stall: (seen) => seen.events.some((e) => causeOf(e) === 'stall'),
  resumeOnShow: (seen) => seen.events.some((e) => causeOf(e) === 'show'),
  keepScreenOn: (seen) => seen.wx.indexOf('wx.setKeepScreenOn') >= 0,
  quality: (seen) => seen.events.some((e) => e.type === 'quality'),
  srcRefresher: (seen) => seen.refreshes > 0,
};

beforeAll(async () => {
  hostId = loadPlayerHost();
  jest.useFakeTimers();
  jest.spyOn(Math, 'random').mockImplementation(() => jitter());
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void consoleLines.push('warn: ' + args.map(String).join(' ')));
  jest
    .spyOn(console, 'error')
    .mockImplementation(
      (...args: unknown[]) => void consoleLines.push('error: ' + args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' ')),
    );
  const began = realHrtime();
  const indices = ONLY !== null ? [ONLY] : Array.from({ length: COUNT }, (_, i) => i);
  for (const index of indices) {
    const seq = generate(index);
    const result = await run(seq);
    totals.sequences++;
    totals.steps += result.steps;
    for (const v of result.violations) {
      const first = found[v.kind];
      if (first) first.count++;
      else found[v.kind] = { seq, result, count: 1 };
    }
  }
  const [s, ns] = realHrtime(began);
  totals.ms = Math.round(s * 1000 + ns / 1e6);
}, 300000);

afterAll(() => {
  jest.restoreAllMocks();
  jest.useRealTimers();
  const failed = KINDS.filter((k) => found[k]).map((k) => `${k} ×${found[k]!.count}`);
  console.log(
    `random player sequences: ${totals.sequences} sequences, ${totals.steps} steps, ${(totals.ms / 1000).toFixed(1)} s wall (seed ${SEED})` +
      (failed.length ? `; violations: ${failed.join(', ')}` : '; no violation') +
      `\nreached: ${reached.nativeCalls} native calls, ${reached.events} events, ${reached.changes} status changes through ${[...reached.statuses].sort().join(' ')}; ` +
      `${reached.resolved} promises resolved, rejections ${show(reached.rejections)}; sequences where each policy acted ${show(reached.policies)}` +
      (caught.length ? `\nmutants caught: ${caught.join('; ')}` : ''),
  );
});

const caught: string[] = [];

/** Fails with a replayable report (the first sequence showing `kind`, and a reduced one). */
async function expectNone(kind: Kind): Promise<void> {
  const first = found[kind];
  if (!first) return;
  counting = false;
  const reduced = await shrink(first.seq, kind);
  counting = true;
  throw new Error(
    `${first.count} of ${totals.sequences} sequences violate "${kind}".\n\nFirst:\n${report(first.seq, first.result, kind)}\n\n` +
      `Reduced (${reduced.runs} reruns):\n${report(reduced.seq, reduced.result, kind)}`,
  );
}

describe(`${COUNT} seeded random sequences through <ts-player> (seed ${SEED})`, () => {
  it('has checks that can fail: a planted signature, an impossible move and a device that disagrees are caught', () => {
    expect(findSecret({ detail: [{ src: SIGNED_SRC }] }, 'e')).toBe('e.detail.0.src');
    expect(unexplained({ previous: 'idle', status: 'paused', cause: 'pause' })).toBe(true);
    expect(unexplained({ previous: 'playing', status: 'paused', cause: 'pause' })).toBe(false);
    expect(disagrees('stopped', { commanded: true, live: true, paused: false, stopAsked: false })).toMatch(/still plays/);
    expect(disagrees('playing', { commanded: false, live: false, paused: false, stopAsked: false })).toMatch(/does not play/);
    expect(disagrees('playing', { commanded: true, live: true, paused: false, stopAsked: false })).toBeNull();
    expect(TAG_HANDLERS).toEqual({ statechange: expect.any(String), error: expect.any(String), netstatus: expect.any(String) });
    expect(Object.keys(PLAYER_TRANSITIONS).sort()).toEqual([...PLAY_STATUSES].sort());
  });
  it('ran every sequence', () => {
    expect(totals.sequences).toBe(ONLY !== null ? 1 : COUNT);
  });
  it(
    'settles every promise by the end, resolving with nothing (a snapshot with its image) or rejecting with a PusherError',
    () => expectNone('settle'),
    120000,
  );
  it(
    'moves the status only along PLAYER_TRANSITIONS, each statuschange chaining on the one before',
    () => expectNone('transition'),
    120000,
  );
  it('never has two native player calls in flight', () => expectNone('overlap'), 120000);
  it('emits nothing after detach, and the status stands still', () => expectNone('afterDetach'), 120000);
  it('shows no play-URL signature in any event, rejection, throw or console line', () => expectNone('secret'), 120000);
  it('leaves no timer behind after detach and uninstall', () => expectNone('timers'), 120000);
  it('has no dead end: ten quiet minutes leave nothing loading or reconnecting and no call pending', () => expectNone('deadEnd'), 120000);
  it(
    'keeps its word: play/pause/resume/stop resolve after the matching statuschange; a stop() aborts only earlier plays; a rejected play() leaves nothing going; the stall watch and the reconnect policy act only when they should',
    () => expectNone('agreement'),
    120000,
  );
  it(
    'the device agrees at every quiet moment, and the library never plays after the page’s stop() or from a hidden page',
    () => expectNone('device'),
    120000,
  );
  it('reaches every status and every policy', () => {
    if (ONLY !== null) return;
    expect(PLAY_STATUSES.filter((status) => !reached.statuses.has(status))).toEqual([]);
    expect(Object.keys(POLICY_SIGNS).filter((policy) => !reached.policies[policy])).toEqual([]);
  });
  it(
    'keeps the facade contract: promises only, PusherError events, status agrees with statuschange, no console.error',
    () => expectNone('contract'),
    120000,
  );
});

describe(`planted bugs in the player's lifecycle are caught within ${MUTANT_BUDGET} sequences of the same seed`, () => {
  it.each(PLAYER_MUTATIONS.map((m) => [m.name, m] as const))(
    '%s',
    async (_name, mutation) => {
      counting = false;
      const restore = install(mutation, PLAYER_TARGET);
      let seen: { index: number; kind: Kind; message: string } | null = null;
      try {
        for (let index = 0; index < MUTANT_BUDGET && !seen; index++) {
          const v = (await run(generate(index))).violations[0];
          if (v) seen = { index, kind: v.kind, message: v.message };
        }
      } finally {
        restore();
        counting = true;
      }
      if (seen) caught.push(`${mutation.name}: #${seen.index} ${seen.kind}`);
      expect(seen).not.toBeNull();
    },
    300000,
  );
});
