/**
 * Seeded random sequences through the real `<ts-pusher>` (official wcc compile, miniprogram-simulate)
 * and the project's fake phone: facade calls with good and careless arguments, native codes,
 * binderror, netstatus, attribute changes through the host page, fake time, device answers,
 * page hide/show, network, permissions, URL refreshers, policies and detach. Every sequence
 * checks that facade promises settle and reject only with `PusherError`, that statuschange
 * follows `TRANSITIONS` as a chain, that native calls never overlap, that nothing is emitted
 * after detach, that no push-URL signature shows anywhere, and that no timer is left behind;
 * also that ten quiet minutes end every transient status and call (no dead end), that resolved
 * lifecycle calls match a statuschange and setZoom stays within the max zoom read for the
 * camera in use, and that the facade keeps its contract (promises, PusherError events, status,
 * which also stands still after detach).
 *
 * The device, not only the events: the test keeps what the fake phone carried out (answered
 * native calls) and said (codes, a hidden page), and at every quiet moment the status agrees with
 * it (idle/stopped/failed: no push the library started is left running without a stop sent;
 * pushing/paused: the device pushes; paused: it was paused), as do the preview and the camera
 * with what the page was told. No native start reaches the device after the page's stop() (until
 * its next start()) or, from the library, while the page is hidden; a stop() aborts only the
 * starts made before it; a start() that rejects for its own reason leaves nothing going on.
 * Every status and every policy must be reached in a run, and every planted bug of
 * `./mutants` (the real source with one change) must be caught within MUTANT_BUDGET sequences.
 *
 * A failure names the seed, the sequence index, the steps it ran and a reduced sequence. Replay:
 *   RANDOM_SEED=<seed> RANDOM_ONLY=<index> npx jest test/component/random.test.ts
 * (RANDOM_COUNT=<n> changes how many sequences run; MUTANT_BUDGET=<n> how many a mutant may take.)
 */
import {
  LIFECYCLE_INPUTS,
  PUSH_STATUSES,
  isPusherError,
  pusherError,
  statusAfter,
  type PushStatus,
  type PusherInstance,
  type StatusChange,
} from '../../src/index';
import type { FakeAnswer, FakeDevice, FakeDeviceOptions, TestTraceName, Trace, TraceNetInfo } from '../../src/testing/index';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, loadHost, mount, setUp, type Harness } from './setup';
import { MUTATIONS, install } from './mutants';
import { between, findSecret, mulberry32, pick, realHrtime, seedOf as seedOfKit, show, weighted, type Rng } from './random-kit';
import { SECRET, SIGNED_URL } from '../unit/helpers';

const SEED = process.env.RANDOM_SEED ? Number(process.env.RANDOM_SEED) : 20250711;
const COUNT = process.env.RANDOM_COUNT ? Number(process.env.RANDOM_COUNT) : 1000;
const ONLY = process.env.RANDOM_ONLY ? Number(process.env.RANDOM_ONLY) : null;
/** RANDOM_VERBOSE=1: print every sequence's steps, events, native calls and outcomes (for replay). */
const VERBOSE = !!process.env.RANDOM_VERBOSE;
/** Fake wall clock at the start of every sequence (URL expiries are relative to it). */
const BASE_TIME = Date.UTC(2025, 6, 1);
/** Fake time given after detach for platform answers still on their way (well below every policy timer). */
const SETTLE_MS = 500;
/** Reruns spent reducing one failing sequence. */
const SHRINK_BUDGET = 400;
/** Quiet time after which a shown, online, attached push must have left starting/reconnecting. */
const QUIET_MS = 600000;
/** How long a transient status may not stay without any statuschange, at the end of the quiet time. */
const HELD_MS = 300000;

const seedOf = (index: number, salt = 0) => seedOfKit(SEED, index, salt);

// ---------- what a sequence is made of ----------

const txTime = (msFromBase: number) =>
  Math.floor((BASE_TIME + msFromBase) / 1000)
    .toString(16)
    .toUpperCase();
/** Signed URLs (all carrying SECRET): long expired, expiring in ~12 min, valid for a day. */
const EXPIRING_URL = `rtmp://push.example.com/live/s2?txSecret=${SECRET}&txTime=${txTime(700000)}`;
const FRESH_URL = `rtmp://push.example.com/live/s3?txSecret=${SECRET}&txTime=${txTime(86400000)}`;
const URLS: readonly unknown[] = [
  '',
  SIGNED_URL,
  SIGNED_URL,
  EXPIRING_URL,
  FRESH_URL,
  'rtmp://push.example.com/live/plain',
  `room://cloud.tencent.com/rtc?txSecret=${SECRET}`,
  `http://push.example.com/live/s?txSecret=${SECRET}`,
  42,
  null,
];
const ATTRIBUTE_VALUES: { readonly [key: string]: readonly unknown[] } = {
  url: URLS,
  scenario: ['hd-live', 'sd-live', 'meeting-participant', '', 'nope', null],
  mode: ['', 'SD', 'HD', 'FHD', 'RTC', 'XX', null],
  maxBitrate: [null, 1000, 300, -5, 'abc', '800', ''],
  enableMic: [null, true, false, '', 'false', 'true', 'yes'],
  policies: [
    null,
    { reconnect: false },
    { reconnect: false },
    { reconnect: { attempts: 2, baseMs: 100, capMs: 1000 } },
    { resumeOnShow: false },
    { permissions: false },
    { keepScreenOn: false },
    { quality: false },
    { refreshUrlBeforeMs: 5000 },
    'junk',
    { bogus: 1 },
    { reconnect: { attempts: -1 } },
  ],
  startTimeout: [null, 20, 50, 1000, 20000, 'abc', -5],
  callTimeout: [null, 20, 50, 500, 5000, 'abc', ''],
  waitingImage: ['', 'https://cdn.example.com/wait.png', '/images/wait.png'],
};
/** The call timeout the controller uses for a `call-timeout` value (default 5000 when missing or bad). */
const callTimeoutOf = (value: unknown) => (typeof value === 'number' && value >= 1 ? value : 5000);

const ARGS: { readonly [method: string]: readonly (readonly unknown[])[] } = {
  snapshot: [
    [],
    [null],
    [{ quality: 'raw' }],
    [{ quality: 'compressed', sourceType: 'view' }],
    [{ quality: 'hd' }],
    [{ sourceType: 'screen' }],
    [5],
  ],
  setZoom: [[1], [2.5], [2.95], [2.96], [2.99], [3], [5], [8], [9.96], [100], [0], [-1], [NaN], ['2'], [undefined]],
  setMICVolume: [[0], [0.5], [1], [1.5], [-0.1], [NaN], ['0.5'], [undefined]],
  setBGMVolume: [[0.3], [2], [null]],
  playBGM: [[{ url: 'https://cdn.example.com/a.mp3' }], [null], [{ url: '' }], [{ url: 'https://cdn.example.com/a.mp3', startTimeMs: -1 }]],
  sendMessage: [['hi'], [''], [5], ['see ' + SIGNED_URL]],
};
/** start(): mostly good options, a third careless ones. */
const START_ARGS: readonly (readonly [number, readonly unknown[]])[] = [
  [6, []],
  [1, [{}]],
  [1, [null]],
  [1, [{ timeout: 20 }]],
  [2, [{ timeout: 500 }]],
  [2, [{ timeout: 30000 }]],
  [1, [{ timeout: 3e9 }]],
  [0.5, [{ timeout: -1 }]],
  [0.5, [{ timeout: 'soon' }]],
  [0.5, [{ timeout: NaN }]],
  [0.5, ['soon']],
  [0.5, [5]],
  [0.5, [[]]],
  [0.5, [{ foo: 1 }]],
];
const CALLS: readonly (readonly [number, string])[] = [
  [7, 'start'],
  [4, 'stop'],
  [3, 'pause'],
  [3, 'resume'],
  [2, 'switchCamera'],
  [2, 'snapshot'],
  [2.5, 'setZoom'],
  [1.5, 'getMaxZoom'],
  [1, 'toggleTorch'],
  [1.5, 'setMICVolume'],
  [0.5, 'setBGMVolume'],
  [1, 'startPreview'],
  [1, 'stopPreview'],
  [0.5, 'playBGM'],
  [0.3, 'pauseBGM'],
  [0.3, 'resumeBGM'],
  [0.3, 'stopBGM'],
  [0.5, 'sendMessage'],
  [0.3, 'exitPictureInPicture'],
  [0.5, 'openPermissionSettings'],
];
/** State codes by group: mostly progress and warnings, some losses and fatal ones, room and unknown codes. */
const CODES: readonly (readonly [number, readonly number[]])[] = [
  [8, [1001, 1002, 1002, 1003, 1007, 1008, 1018, 4998, 4999]],
  [5, [1101, 1102, 1102, 1103, 3001, 3002, 3003, 3005, 1021]],
  [1.5, [5000, 5001]],
  [1, [3004, -1326]],
  [1.5, [-1307, -1307, -1324, -1325]],
  [1, [-1301, -1302, -1313, 1022]],
  [1.5, [1031, 1032, 1033, 1034]],
  [0.5, [7777, 0, 10003]],
];
const ROOM_MESSAGES: readonly (string | undefined)[] = [
  undefined,
  'not json',
  '[1,2]',
  JSON.stringify({ userid: 'u1', playurl: SIGNED_URL }),
  JSON.stringify({ userlist: [{ userid: 'u2', playurl: SIGNED_URL, more: { url: SIGNED_URL } }] }),
];
const CODE_MESSAGES: readonly (string | undefined)[] = [undefined, undefined, 'native says hi', 'closed ' + SIGNED_URL];
const ERRORS: readonly number[] = [10001, 10001, 10002, 10003, 10004, -1301, 7777];
const ERROR_MESSAGES: readonly (string | undefined)[] = [
  undefined,
  'Not allowed to use camera',
  'privacy agreement not accepted',
  'failed at ' + SIGNED_URL,
];
const NETS: readonly Record<string, unknown>[] = [
  { videoBitrate: 812, audioBitrate: 48, videoFPS: 15, videoGOP: 2, netSpeed: 900, netJitter: 3, videoWidth: 720, videoHeight: 1280 },
  { videoBitrate: 0, audioBitrate: 0, videoFPS: 0, videoGOP: 0, netSpeed: 0, netJitter: 0, videoWidth: 0, videoHeight: 0 },
  {
    videoBitrate: 0,
    audioBitrate: 32,
    videoFPS: 0,
    videoGOP: 0,
    netSpeed: 40,
    netJitter: 9,
    videoWidth: 0,
    videoHeight: 0,
    netQualityLevel: 5,
  },
  {
    videoBitrate: 1100,
    audioBitrate: 48,
    videoFPS: 15,
    videoGOP: 2,
    netSpeed: 1200,
    netJitter: 1,
    videoWidth: 720,
    videoHeight: 1280,
    netQualityLevel: 1,
    videoCache: 1,
    audioCache: 0,
  },
  { videoBitrate: 200, audioBitrate: 0, videoFPS: 8 },
  { videoBitrate: 'x', audioBitrate: null, extra: { url: SIGNED_URL } },
];
const ANSWERED: readonly string[] = [
  'start',
  'start',
  'stop',
  'stop',
  'pause',
  'resume',
  'switchCamera',
  'toggleTorch',
  'snapshot',
  'getMaxZoom',
  'setZoom',
  'setMICVolume',
  'startPreview',
  'stopPreview',
];
const ANSWERS: readonly FakeAnswer[] = [{}, {}, { fail: 'busy' }, { fail: 'denied at ' + SIGNED_URL }, 'hang', 'hang', 'throw'];
const RESULT_ANSWERS: { readonly [method: string]: readonly FakeAnswer[] } = {
  getMaxZoom: [{ result: { maxZoom: 2.96 } }, { result: { maxZoom: 10 } }, { result: { maxZoom: '3' } }, { result: {} }],
  snapshot: [{ result: { tempImagePath: 'wxfile://tmp/1.jpg', width: '720', height: '1280' } }, { result: {} }],
};
const TICKS: readonly (readonly [number, [number, number]])[] = [
  [20, [0, 0]],
  [25, [1, 5]],
  [20, [6, 60]],
  [15, [61, 1000]],
  [10, [1001, 5000]],
  [10, [5001, 40000]],
];
/** App-side URL refreshers (`setUrlRefresher`), by name, so a step prints readably. */
const REFRESHERS: readonly (readonly [string, unknown])[] = [
  ['returns a fresh signed URL', () => FRESH_URL],
  ['resolves a fresh signed URL', () => Promise.resolve(FRESH_URL)],
  ['rejects with an Error naming the URL', () => Promise.reject(new Error('cannot refresh ' + SIGNED_URL))],
  [
    'throws an Error naming the URL',
    () => {
      throw new Error('boom ' + SIGNED_URL);
    },
  ],
  ['returns an http:// URL', () => 'http://push.example.com/live/x?txSecret=' + SECRET],
  ['null', null],
  ['"junk" (not a function)', 'junk'],
];
const SET_POLICIES: readonly unknown[] = [
  { reconnect: false },
  { reconnect: { attempts: 1, baseMs: 10, capMs: 100 } },
  { resumeOnShow: false },
  { bogus: 1 },
  { reconnect: 'maybe' },
  null,
];
const TRACE_CHOICES: readonly (TestTraceName | Trace | undefined)[] = [
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  'happy',
  'flaky-network',
  'gives-up',
  'rejected-url',
  'permission-denied',
  'background',
  'no-1002',
  'stream-in-use',
  [],
  [{ at: 1, code: -1301 }],
  [
    { at: 1, code: 1001 },
    { at: 3, code: 1102 },
    { at: 5, code: -1307 },
  ],
];

type Step =
  | { readonly k: 'call'; readonly m: string; readonly args: readonly unknown[] }
  | { readonly k: 'code'; readonly code: number; readonly msg?: string }
  | { readonly k: 'error'; readonly code: number; readonly msg?: string }
  | { readonly k: 'net'; readonly info: Record<string, unknown> }
  | { readonly k: 'data'; readonly data: Record<string, unknown> }
  | { readonly k: 'tick'; readonly ms: number }
  | { readonly k: 'answer'; readonly m: string; readonly answer: FakeAnswer }
  | { readonly k: 'page'; readonly shown: boolean }
  | { readonly k: 'network'; readonly online: boolean }
  | { readonly k: 'permission'; readonly scope: 'camera' | 'record'; readonly granted: boolean }
  | { readonly k: 'refresher'; readonly v: number }
  | { readonly k: 'setPolicies'; readonly input: unknown }
  | { readonly k: 'mount' }
  | { readonly k: 'detach' }
  /** Ten minutes without input: then no push may still be starting or reconnecting (no dead end). */
  | { readonly k: 'quiet' };

/** How the phone and the page start. */
interface Header {
  readonly delay: number;
  readonly trace?: TestTraceName | Trace;
  readonly permissions?: { camera?: boolean; record?: boolean };
  readonly prompt?: boolean;
  readonly missing?: readonly string[];
  /** What the device's getMaxZoom answers (the fake's default is 5). */
  readonly maxZoom?: number;
  readonly data: Record<string, unknown>;
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

/** Step kinds by weight; after detach, only what can still reach the component (calls, codes, page, time). */
const STEP_KINDS = [
  [30, 'call'],
  [17, 'code'],
  [3, 'error'],
  [6, 'net'],
  [7, 'data'],
  [25, 'tick'],
  [7, 'answer'],
  [3, 'page'],
  [2, 'network'],
  [1, 'permission'],
  [1.5, 'refresher'],
  [2, 'setPolicies'],
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
  [3, 'refresher'],
  [6, 'setPolicies'],
] as const;

function randomStep(rng: Rng, mounted: boolean, detached: boolean): Step {
  const kind = weighted(rng, detached ? AFTER_DETACH : STEP_KINDS.filter(([, k]) => mounted || k !== 'detach'));
  switch (kind) {
    case 'call': {
      const m = weighted(rng, CALLS);
      return { k: 'call', m, args: m === 'start' ? weighted(rng, START_ARGS) : ARGS[m] ? pick(rng, ARGS[m]) : [] };
    }
    case 'code': {
      const code = pick(rng, weighted(rng, CODES));
      const msg = code >= 1031 && code <= 1034 ? pick(rng, ROOM_MESSAGES) : pick(rng, CODE_MESSAGES);
      return msg === undefined ? { k: 'code', code } : { k: 'code', code, msg };
    }
    case 'error': {
      const msg = pick(rng, ERROR_MESSAGES);
      return msg === undefined ? { k: 'error', code: pick(rng, ERRORS) } : { k: 'error', code: pick(rng, ERRORS), msg };
    }
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
    case 'permission':
      return { k: 'permission', scope: rng() < 0.5 ? 'camera' : 'record', granted: rng() < 0.5 };
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
  const permissions = weighted(rng, [
    [8, undefined],
    [1, { camera: false, record: true }],
    [1, { camera: true, record: false }],
    [1, {}],
  ] as const);
  const header: Header = {
    delay: pick(rng, [0, 1, 2, 2, 2, 2, 5, 20, 60]),
    trace: pick(rng, TRACE_CHOICES),
    permissions,
    prompt: rng() < 0.7,
    missing: rng() < 0.08 ? ['getMaxZoom', 'setZoom'] : undefined,
    maxZoom: pick(rng, [undefined, undefined, 2.96, 2.96, 9.96, 1]),
    data: { ...randomData(rng, between(rng, 0, 3)), ...(rng() < 0.5 ? { url: SIGNED_URL } : {}) },
    attached: rng() < 0.9,
  };
  const length = between(rng, 4, 40);
  const mountAt = header.attached ? -1 : between(rng, 0, Math.floor(length / 2));
  // Half the sequences start a push first, so more of them run while pushing or reconnecting.
  const steps: Step[] =
    header.attached && rng() < 0.5
      ? [
          { k: 'call', m: 'start', args: [] },
          { k: 'tick', ms: between(rng, 5, 60) },
        ]
      : [];
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
  }
  // Most sequences let time pass before the end; the others detach with calls still on their way.
  const ending = rng();
  if (ending < 0.25) steps.push({ k: 'quiet' });
  else if (ending < 0.65)
    steps.push({
      k: 'tick',
      ms: weighted(rng, [
        [1, 20],
        [1, 500],
        [1, 20000],
      ] as const),
    });
  return { index, header, steps };
}

// ---------- printing ----------

function stepText(step: Step): string {
  switch (step.k) {
    case 'call':
      return `pusher.${step.m}(${step.args.map(show).join(', ')})`;
    case 'code':
      return `device.emit(${step.code}${step.msg === undefined ? '' : ', ' + show(step.msg)})`;
    case 'error':
      return `device.error(${step.code}${step.msg === undefined ? '' : ', ' + show(step.msg)})`;
    case 'net':
      return `device.netstatus(${show(step.info)})`;
    case 'data':
      return `host.setData(${show(step.data)})`;
    case 'tick':
      return `tick(${step.ms})`;
    case 'answer':
      return `device.answer(${show(step.m)}, ${show(step.answer)})`;
    case 'page':
      return step.shown ? 'device.show()' : 'device.hide()';
    case 'network':
      return step.online ? 'device.online()' : 'device.offline()';
    case 'permission':
      return `device.${step.granted ? 'grant' : 'deny'}(${show(step.scope)})`;
    case 'refresher':
      return `pusher.setUrlRefresher(${REFRESHERS[step.v][0]})`;
    case 'setPolicies':
      return `pusher.setPolicies(${show(step.input)})`;
    case 'mount':
      return 'mount(host)  // the page attaches: ready, context';
    case 'detach':
      return 'host.setData({ shown: false })  // detach';
    case 'quiet':
      return `tick(${QUIET_MS})  // quiet: no starting/reconnecting held for the last ${HELD_MS} ms, no call pending`;
  }
}

function headerText(h: Header): string {
  const options: string[] = [`delay: ${h.delay}`];
  if (h.trace !== undefined) options.push(`trace: ${show(h.trace)}`);
  if (h.permissions) options.push(`permissions: ${show(h.permissions)}, prompt: ${h.prompt}`);
  if (h.missing) options.push(`missing: ${show(h.missing)}`);
  if (h.maxZoom !== undefined) options.push(`/* getMaxZoom answers */ maxZoom: ${h.maxZoom}`);
  if (Object.keys(h.data).length) options.push(`data: ${show(h.data)}`);
  if (!h.attached) options.push('attach: false');
  return `setUp(hostId, { ${options.join(', ')} })`;
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
const RESOLVED_STATUS: { readonly [method: string]: PushStatus | undefined } = {
  start: 'pushing',
  pause: 'paused',
  resume: 'pushing',
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
  /** The steps as they ran, with the fake time of each. */
  readonly log: string[];
  readonly steps: number;
}

/** The device as the test saw it at a quiet moment. */
interface DeviceView {
  readonly commanded: boolean;
  readonly live: boolean;
  readonly paused: boolean;
  readonly previewing: boolean;
  readonly camera: 'front' | 'back';
  /** A native stop went out since the push started (the device may have refused it). */
  readonly stopAsked: boolean;
}

/** How the device disagrees with the status and with what the page was told, or `null`. */
function disagrees(status: PushStatus, dev: DeviceView, preview: boolean | null, camera: 'front' | 'back' | null): string | null {
  if ((status === 'idle' || status === 'stopped' || status === 'failed') && dev.commanded && !dev.stopAsked)
    return `the status is ${status} but the device still pushes a push the library started, and no stop was sent`;
  if ((status === 'pushing' || status === 'paused') && !dev.live) return `the status is ${status} but the device does not push`;
  if (status === 'paused' && !dev.paused) return 'the status is paused but the device was never paused (or resumed since)';
  if (preview !== null && preview !== dev.previewing)
    return `the page's last preview call ${preview ? 'started' : 'stopped'} the preview, but the device is ${dev.previewing ? '' : 'not '}previewing`;
  if (camera !== null && camera !== dev.camera)
    return `the page's camera switches leave the ${camera} camera, but the device uses the ${dev.camera} one`;
  return null;
}

/** A statuschange that no lifecycle input explains. */
const unexplained = (change: StatusChange) => !LIFECYCLE_INPUTS.some((input) => statusAfter(change.previous, input) === change.status);

interface NativeCall {
  readonly method: string;
  readonly at: number;
  readonly timeout: number;
  answered: boolean;
}

type WxGlobal = { wx: Record<string, unknown> };
type Instance = { triggerEvent(name: string, detail?: unknown, options?: unknown): void; [method: string]: unknown };

/**
 * The component's handlers of its inner tag's events, as its WXML binds them. After detach,
 * miniprogram-simulate drops events of a removed tree, but a phone's native tag may still
 * deliver them: the sequences then call these handlers directly.
 */
const TAG_HANDLERS: { readonly [event: string]: string | undefined } = (() => {
  const wxml = fs.readFileSync(path.join(ROOT, 'components/pusher/index.wxml'), 'utf8');
  const bound = (event: string) => (new RegExp(`bind:?${event}="(\\w+)"`).exec(wxml) || [])[1];
  return { statechange: bound('statechange'), error: bound('error'), netstatus: bound('netstatus') };
})();
type Received = { type: string; detail: unknown };
type Facade = Record<string, (...args: unknown[]) => unknown>;

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
  jitter = mulberry32(seedOf(seq.index, 0x5eed));
  consoleLines = [];
  const { header } = seq;
  const options: FakeDeviceOptions & { data?: Record<string, unknown>; attach?: boolean } = {
    delay: header.delay,
    trace: header.trace,
    permissions: header.permissions,
    prompt: header.prompt,
    missing: header.missing,
    data: header.data,
    attach: false,
  };
  const h: Harness = setUp(hostId, options);
  const device: FakeDevice = h.device;
  const pusher: PusherInstance = h.pusher;
  if (header.maxZoom !== undefined) device.answer('getMaxZoom', { result: { maxZoom: header.maxZoom } });
  const received = h.host.instance.received as Received[];
  // Every event the component triggers, seen at the source: after detach none may be triggered at all.
  const instance = h.node.instance as unknown as Instance;
  const trigger = instance.triggerEvent;
  const late: string[] = [];
  instance.triggerEvent = function (this: Instance, name: string, detail?: unknown, eventOptions?: unknown) {
    if (detachedAt !== null) late.push(name + ' ' + show(detail).slice(0, 80));
    // What the device said, in order with its answers: a code that ends the push, or one that says it pushes.
    const d = (detail || {}) as { code?: unknown; kind?: unknown; status?: unknown; cause?: unknown; nativeCode?: unknown };
    if (name === 'statechange' && (d.kind === 'fatal' || [-1307, -1324, -1325, 5000, 5001].indexOf(d.code as number) >= 0)) endPush();
    else if (name === 'statechange' && (d.code === 1001 || d.code === 1002)) dev.live = true;
    // Data flowing says so too (base libraries that never send 1002).
    const flow = detail as { videoBitrate?: number; audioBitrate?: number };
    if (name === 'netstatus' && ((flow.videoBitrate || 0) > 0 || (flow.audioBitrate || 0) > 0)) dev.live = true;
    // A fatal binderror (10001 camera refused, -1301, …) or the system suspending the push (hidden page).
    if (name === 'statuschange' && ((d.status === 'failed' && typeof d.cause === 'number') || d.status === 'suspended')) endPush();
    if (name === 'error' && (d.nativeCode === 10001 || d.nativeCode === 10002)) endPush();
    return trigger.call(this, name, detail, eventOptions);
  };
  /** What the old tag's native side may still send after detach, delivered to the handler the WXML binds. */
  const deliverLate = (event: string, detail: unknown) => {
    const handler = TAG_HANDLERS[event] && instance[TAG_HANDLERS[event]!];
    if (typeof handler === 'function') handler.call(instance, { type: event, detail });
  };

  // Native calls in flight: from the call until its answer, or until the controller's call timeout gave up on it.
  let callTimeout = callTimeoutOf(header.data.callTimeout);
  const native: NativeCall[] = [];
  const wx = (globalThis as unknown as WxGlobal).wx;
  const createContext = wx.createLivePusherContext as (
    id: string,
    component: unknown,
  ) => Record<string, (o?: Record<string, unknown>) => void>;
  /** The max zoom the device last reported for the camera in use (`null`: not read since a switch or a new context). */
  let knownMax: number | null = null;
  /**
   * The phone as the test sees it: what the device carried out (answered native calls) and what
   * it said (state codes, a hidden page). `commanded`: a native start succeeded and nothing ended
   * that push since; `live`: the device pushes (also a push it reported by itself, 1001/1002).
   */
  const dev = { commanded: false, live: false, paused: false, previewing: false, camera: 'front' as 'front' | 'back', stopAsked: false };
  const endPush = () => void (dev.commanded = dev.live = dev.paused = false);
  /** What the page was told, when it can know: a resolved preview call, resolved camera switches (`null`: unknown). */
  let expectPreview: boolean | null = false;
  let expectCamera: 'front' | 'back' | null = 'front';
  const answered = (method: string, ok: boolean, result: unknown) => {
    if (!ok) return;
    if (method === 'getMaxZoom') knownMax = Number((result as { maxZoom?: unknown }).maxZoom) || 1;
    if (method === 'switchCamera') (knownMax = null), (dev.camera = dev.camera === 'front' ? 'back' : 'front');
    if (method === 'start') (dev.commanded = dev.live = true), (dev.paused = dev.stopAsked = false);
    if (method === 'stop') endPush();
    if (method === 'pause') dev.paused = true;
    if (method === 'resume') dev.paused = false;
    if (method === 'startPreview' || method === 'stopPreview') dev.previewing = method === 'startPreview';
  };
  /** The page's last word on the push (`start()` or `stop()`), and its start() calls still pending. */
  let pageWord: 'start' | 'stop' | null = null;
  let pageStarts = 0;
  /** stop() calls so far, and calls of the URL refresher. */
  let stops = 0;
  let refreshes = 0;
  let hashed = false;
  wx.createLivePusherContext = (id: string, component: unknown) => {
    // A new context (ready, or a re-mount while idle, stopped or failed): the fake phone is one device, its state goes on.
    knownMax = null;
    const context = createContext(id, component);
    const wrapped: Record<string, (o?: Record<string, unknown>) => void> = {};
    for (const method of Object.keys(context)) {
      wrapped[method] = (given: Record<string, unknown> = {}) => {
        const now = Date.now();
        const busy = native.filter((c) => !c.answered && now < c.at + c.timeout);
        if (busy.length) {
          violate(
            'overlap',
            `native ${method} issued at t=${now - start} while ${busy.map((c) => `${c.method} (issued t=${c.at - start}, call timeout ${c.timeout})`).join(', ')} still in flight`,
          );
        }
        // A device may refuse a stop: the library must at least have asked for one.
        if (method === 'stop') dev.stopAsked = true;
        if (method === 'start' && pageWord === 'stop')
          violate('device', `native start at t=${now - start} after the page's stop() (no start() since)`);
        if (method === 'start' && !visible && !pageStarts)
          violate('device', `native start at t=${now - start} from the library while the page is hidden`);
        if (method === 'setZoom') {
          const zoom = given.zoom as number;
          if (knownMax === null)
            violate(
              'agreement',
              `native setZoom(${zoom}) at t=${now - start} without reading the max zoom of this camera (after a switch or a new context)`,
            );
          else if (!(zoom <= knownMax))
            violate('agreement', `native setZoom(${zoom}) at t=${now - start} above the max zoom ${knownMax} the device reported`);
        }
        const call: NativeCall = { method, at: now, timeout: callTimeout, answered: false };
        native.push(call);
        const settle = (fn: unknown, ok: boolean) => (result: unknown) => {
          call.answered = true;
          answered(method, ok, result);
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
  let lastStatus: PushStatus = 'idle';
  let mounted = false;
  let detachedAt: number | null = null;
  // The page and network as the steps left them (traces only hide and show in pairs).
  let visible = true;
  // Seen where the page lifetimes come from (steps and traces, such as `background`, both hide and show through the device).
  const pageLifetime = { show: device.show, hide: device.hide };
  device.show = () => ((visible = true), pageLifetime.show());
  device.hide = () => ((visible = false), pageLifetime.hide());
  let online = true;
  const network = { online: device.online, offline: device.offline };
  device.online = () => ((online = true), network.online());
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
      const path = findSecret(detail, type + '.detail');
      if (path) violate('secret', `the signature appears in event ${path}`);
      if (type === 'error' && !isPusherError(detail)) violate('contract', `an error event's detail is not a PusherError: ${show(detail)}`);
      if (type !== 'statuschange') continue;
      const change = detail as StatusChange;
      if (change.previous !== lastStatus)
        violate('transition', `statuschange ${show(change)} does not chain: the status was ${lastStatus}`);
      else if (unexplained(change))
        violate(
          'transition',
          `statuschange ${change.previous} → ${change.status} (cause ${show(change.cause)}) matches no input of TRANSITIONS`,
        );
      lastStatus = change.status;
    }
    // Also after detach: the status stands still where the page last heard it.
    if (pusher.status !== lastStatus)
      violate(
        'contract',
        `pusher.status is ${pusher.status} but the last statuschange said ${lastStatus}${detachedAt === null ? '' : ' (after detach)'}`,
      );
    for (const line of consoleLines.splice(0)) {
      if (line.indexOf(SECRET) >= 0) violate('secret', `the signature appears in a console line: ${show(line.slice(0, 200))}`);
      if (line.startsWith('error:')) violate('contract', `console.error: ${show(line.slice(0, 300))}`);
    }
  };

  const callFacade = (stepIndex: number, method: string, args: readonly unknown[]) => {
    const text = `${method}(${args.map(show).join(', ')})`;
    if (method === 'start' || method === 'stop') pageWord = method;
    if (method === 'stop') stops++;
    const stopsBefore = stops;
    const startsBefore = native.filter((c) => c.method === 'start').length;
    let result: unknown;
    try {
      result = (pusher as unknown as Facade)[method](...args);
    } catch (error) {
      return violate('contract', `${text} threw synchronously: ${show(String(error))}`);
    }
    if (!result || typeof (result as Promise<unknown>).then !== 'function')
      return violate('contract', `${text} returned ${show(result)}, not a promise`);
    const entry: (typeof promises)[number] = { step: stepIndex, text, state: 'pending' };
    promises.push(entry);
    const since = received.length;
    const statusAtCall = pusher.status;
    if (method === 'start') pageStarts++;
    (result as Promise<unknown>).then(
      () => {
        entry.state = 'resolved';
        if (method === 'start') pageStarts--;
        if (method === 'startPreview' || method === 'stopPreview') expectPreview = method === 'startPreview';
        if (method === 'switchCamera' && expectCamera) expectCamera = expectCamera === 'front' ? 'back' : 'front';
        // A resolved lifecycle call means the status moved accordingly (stop() may find nothing to stop).
        const expected = RESOLVED_STATUS[method];
        const moved = received.slice(since).some((e) => e.type === 'statuschange' && (e.detail as StatusChange).status === expected);
        // (After detach no event can say so: a stop() in flight then may resolve silently.)
        if (expected && !moved && detachedAt === null && !(method === 'stop' && (statusAtCall === 'idle' || statusAtCall === 'stopped'))) {
          violate(
            'agreement',
            `${text} (step ${stepIndex}) resolved at t=${Date.now() - start} without a statuschange to ${expected} (status ${pusher.status})`,
          );
        }
      },
      (error: unknown) => {
        entry.state = 'rejected';
        entry.error = error;
        if (method === 'start') pageStarts--;
        const code = String((error as { code?: unknown }).code);
        // A stop() aborts only the starts made before it.
        if (method === 'start' && code === 'ABORTED' && /stop/.test(String((error as Error).message)) && stops === stopsBefore) {
          violate('agreement', `${text} (step ${stepIndex}) rejected ABORTED by a stop() although no stop() came after it`);
        }
        // A start() that reached the device and rejects for its own reason (not refused at the call, not aborted, not detached)
        // leaves nothing going on; one that never reached it leaves the status to the device.
        const issued = native.filter((c) => c.method === 'start').length > startsBefore;
        if (
          method === 'start' &&
          issued &&
          ['INVALID_STATE', 'INVALID_ARGUMENT', 'ABORTED', 'NOT_READY'].indexOf(code) < 0 &&
          detachedAt === null &&
          (pusher.status === 'starting' || pusher.status === 'reconnecting')
        ) {
          violate('agreement', `${text} (step ${stepIndex}) rejected ${code} while the push goes on (status ${pusher.status})`);
        }
        // A refused or unanswered call may or may not have been carried out.
        if (method === 'startPreview' || method === 'stopPreview') expectPreview = null;
        if (method === 'switchCamera') expectCamera = null;
        if (!isPusherError(error)) violate('settle', `${text} (step ${stepIndex}) rejected with a non-PusherError: ${show(String(error))}`);
        const path = findSecret(error, `${method}() rejection`);
        if (path) violate('secret', `the signature appears in ${path}`);
      },
    );
  };

  /** A synchronous instance method (setPolicies, setUrlRefresher) may throw, but only a PusherError. */
  const callSync = (text: string, fn: () => void) => {
    try {
      fn();
    } catch (error) {
      if (!isPusherError(error)) violate('contract', `${text} threw a non-PusherError: ${show(String(error))}`);
      const path = findSecret(error, text + ' throw');
      if (path) violate('secret', `the signature appears in ${path}`);
    }
  };

  const detach = () => {
    if (!mounted) {
      mount(h.host);
      mounted = true;
    }
    // From here on (the `detached` lifetime included) nothing may be triggered.
    detachedAt = received.length;
    h.host.setData({ shown: false });
  };

  let uninstalled = false;
  try {
    if (header.attached) {
      mount(h.host);
      mounted = true;
    }
    checkEvents();
    for (let i = 0; i < seq.steps.length; i++) {
      const step = seq.steps[i];
      stepNo = i + 1;
      log.push(`${String(stepNo).padStart(3)}. t=${Date.now() - start}  ${stepText(step)}`);
      switch (step.k) {
        case 'call':
          callFacade(stepNo, step.m, step.args);
          break;
        case 'code':
          device.emit(step.code, step.msg);
          if (detachedAt !== null)
            deliverLate('statechange', step.msg === undefined ? { code: step.code } : { code: step.code, message: step.msg });
          break;
        case 'error':
          device.error(step.code, step.msg);
          if (detachedAt !== null) deliverLate('error', { errCode: step.code, errMsg: step.msg || 'error ' + step.code });
          break;
        case 'net':
          device.netstatus(step.info as TraceNetInfo);
          if (detachedAt !== null) deliverLate('netstatus', { info: step.info });
          break;
        case 'data':
          if ('callTimeout' in step.data) callTimeout = callTimeoutOf(step.data.callTimeout);
          h.host.setData(step.data);
          break;
        case 'tick':
          await jest.advanceTimersByTimeAsync(step.ms);
          break;
        case 'answer':
          device.answer(step.m, step.answer);
          break;
        case 'page':
          if (step.shown) device.show();
          else device.hide();
          break;
        case 'network':
          if (step.online) device.online();
          else device.offline();
          break;
        case 'permission':
          if (step.granted) device.grant(step.scope);
          else device.deny(step.scope);
          break;
        case 'refresher': {
          const given = REFRESHERS[step.v][1];
          const counted =
            typeof given === 'function' ? (...args: unknown[]) => (refreshes++, (given as (...a: unknown[]) => unknown)(...args)) : given;
          callSync('setUrlRefresher', () => pusher.setUrlRefresher(counted as never));
          break;
        }
        case 'setPolicies':
          callSync('setPolicies', () => void pusher.setPolicies(step.input as never));
          break;
        case 'mount':
          if (!mounted) mount(h.host);
          mounted = true;
          break;
        case 'detach':
          if (detachedAt === null) detach();
          break;
        case 'quiet': {
          // A trace may go on cycling (the `background` one hides and shows the page at every start):
          // a dead end is a transient status that no statuschange left during the last HELD_MS.
          await jest.advanceTimersByTimeAsync(QUIET_MS - HELD_MS);
          const before = received.length;
          await jest.advanceTimersByTimeAsync(HELD_MS);
          const status = pusher.status;
          const changed = received.slice(before).some((e) => e.type === 'statuschange');
          // Offline, a lost push waits for the network by design; hidden, the page decides.
          if (mounted && detachedAt === null && visible && online) {
            if ((status === 'starting' || status === 'reconnecting') && !changed)
              violate(
                'deadEnd',
                `${status} for the last ${HELD_MS} ms of ${QUIET_MS} ms without input (page shown, online), no statuschange`,
              );
            // Every native call and wait is bounded: nothing may still be pending either.
            const pending = promises.filter((p) => p.state === 'pending');
            if (pending.length)
              violate(
                'deadEnd',
                `still pending after ${QUIET_MS} ms without input (page shown, online): ${pending.map((p) => `${p.text} (step ${p.step})`).join(', ')}`,
              );
            const disagreement = disagrees(status, dev, expectPreview, expectCamera);
            if (disagreement) violate('device', `after ${QUIET_MS} ms without input: ${disagreement}`);
          }
          break;
        }
      }
      checkEvents();
      if (counting) reached.statuses.add(pusher.status);
      const tagNow = detachedAt === null && mounted ? h.tag() : null;
      if (tagNow && tagNow.data.waitingImageHash) hashed = true;
    }

    // The end: detach (if the sequence did not), let answers on their way arrive, give wx back.
    stepNo = seq.steps.length + 1;
    log.push(`  end. t=${Date.now() - start}  host.setData({ shown: false }); tick(${SETTLE_MS}); device.uninstall()`);
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
    if (counting)
      for (const policy of Object.keys(POLICY_SIGNS)) {
        if (POLICY_SIGNS[policy]({ events: received, wx: device.calls.map((c) => c.method), refreshes, hashed }))
          reached.policies[policy] = (reached.policies[policy] || 0) + 1;
      }
    if (counting) reached.nativeCalls += native.length;
    if (counting) reached.events += received.length;
    for (const e of received)
      if (counting && e.type === 'statuschange') reached.changes++, reached.statuses.add((e.detail as StatusChange).status);
    for (const p of promises) {
      if (!counting) break;
      if (p.state === 'resolved') reached.resolved++;
      const code = p.state === 'rejected' ? String((p.error as { code?: unknown }).code) : '';
      if (code) reached.rejections[code] = (reached.rejections[code] || 0) + 1;
    }
    if (VERBOSE) {
      const outcome = (p: (typeof promises)[number]) =>
        `${p.text}@${p.step} ${p.state}${p.error ? ' ' + String((p.error as { code?: unknown }).code) : ''}`;
      process.stdout.write(
        [
          `#${seq.index} ${headerText(header)}`,
          ...log,
          `  native: ${native.map((c) => `${c.method}@${c.at - start}`).join(' ')}`,
          `  events: ${received.map((e) => (e.type === 'statuschange' ? (e.detail as StatusChange).status : e.type)).join(' ')}`,
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
  // Steps after the one that showed the violation are not needed (end-phase violations keep them all).
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
    // Chunks of halving size, from the end (ddmin, simplified), then single steps.
    for (let size = Math.max(1, best.steps.length >> 1); ; size = Math.max(1, size >> 1)) {
      for (let at = best.steps.length - size; at >= 0; at -= size) {
        const steps = best.steps.slice(0, at).concat(best.steps.slice(at + size));
        if (await attempt({ ...best, steps })) progress = true;
      }
      if (size === 1) break;
    }
    // Each simplification applies to the header as reduced so far.
    const simpler: ((h: Header) => Header)[] = [
      (h) => ({ ...h, data: {} }),
      (h) => ({ ...h, trace: undefined }),
      (h) => ({ ...h, permissions: undefined, prompt: undefined }),
      (h) => ({ ...h, missing: undefined }),
      (h) => ({ ...h, maxZoom: undefined }),
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
    `  replay: RANDOM_SEED=${SEED} RANDOM_ONLY=${seq.index} npx jest test/component/random.test.ts`,
    `  ${headerText(seq.header)}`,
    ...result.log.map((line) => '  ' + line),
  ].join('\n');
}

// ---------- the suite ----------

const found: { [K in Kind]?: { seq: Sequence; result: RunResult; count: number } } = {};
const totals = { sequences: 0, steps: 0, ms: 0 };
/** Off while mutants run: `reached` counts the real component only. */
let counting = true;
/** Sequences a mutant may take before it must have shown a violation. */
const MUTANT_BUDGET = process.env.MUTANT_BUDGET ? Number(process.env.MUTANT_BUDGET) : 1000;
/** What the sequences reached, so a run that exercises little shows it. */
const reached = {
  statuses: new Set<string>(),
  changes: 0,
  nativeCalls: 0,
  events: 0,
  rejections: {} as Record<string, number>,
  resolved: 0,
  policies: {} as Record<string, number>,
};
/** Each policy, and what shows it acted in a sequence. */
interface Seen {
  readonly events: readonly Received[];
  /** The `wx` APIs the device saw called. */
  readonly wx: readonly string[];
  /** Calls of the URL refresher. */
  readonly refreshes: number;
  /** The tag carried a `waiting-image-hash` the page never gave (computed, or from the shared cache). */
  readonly hashed: boolean;
}
const POLICY_SIGNS: { readonly [policy: string]: (seen: Seen) => boolean } = {
  reconnect: (seen) => seen.events.some((e) => e.type === 'reconnect'),
  url: (seen) => seen.refreshes > 0 || seen.events.some((e) => e.type === 'urlexpiring'),
  permissions: (seen) => seen.events.some((e) => e.type === 'permission'),
  background: (seen) =>
    seen.events.some((e) => e.type === 'statuschange' && ['hide', 'show'].indexOf(String((e.detail as StatusChange).cause)) >= 0),
  screen: (seen) => seen.wx.indexOf('wx.setKeepScreenOn') >= 0,
  waitingImage: (seen) => seen.hashed || seen.wx.indexOf('wx.downloadFile') >= 0,
  quality: (seen) => seen.events.some((e) => e.type === 'quality'),
};

beforeAll(async () => {
  hostId = loadHost();
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
    `random sequences: ${totals.sequences} sequences, ${totals.steps} steps, ${(totals.ms / 1000).toFixed(1)} s wall (seed ${SEED})` +
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

describe(`${COUNT} seeded random sequences through <ts-pusher> (seed ${SEED})`, () => {
  it('has checks that can fail: a planted signature and an impossible step are caught', () => {
    const leaky = pusherError('NATIVE_FAIL', { method: 'start', errMsg: 'x' });
    (leaky as unknown as { cause: unknown }).cause = { errMsg: [{ url: SIGNED_URL }] };
    expect(findSecret(leaky, 'e')).toBe('e.cause.errMsg.0.url');
    expect(findSecret(new Error(EXPIRING_URL), 'e')).toMatch(/^e\.(stack|message)$/);
    expect(unexplained({ previous: 'idle', status: 'paused', cause: 'pause' })).toBe(true);
    expect(unexplained({ previous: 'pushing', status: 'paused', cause: 'pause' })).toBe(false);
    expect(TAG_HANDLERS).toEqual({ statechange: expect.any(String), error: expect.any(String), netstatus: expect.any(String) });
  });
  it('ran every sequence', () => {
    expect(totals.sequences).toBe(ONLY !== null ? 1 : COUNT);
    if (ONLY === null && !process.env.RANDOM_COUNT) expect(totals.sequences).toBeGreaterThanOrEqual(1000);
  });
  it('settles every facade promise by the end, rejecting only with PusherError', () => expectNone('settle'), 120000);
  it('moves the status only along TRANSITIONS, each statuschange chaining on the one before', () => expectNone('transition'), 120000);
  it('never has two native pusher calls in flight', () => expectNone('overlap'), 120000);
  it('emits nothing after detach', () => expectNone('afterDetach'), 120000);
  it('shows no push-URL signature in any event, rejection, throw or console line', () => expectNone('secret'), 120000);
  it('leaves no timer behind after detach and uninstall', () => expectNone('timers'), 120000);
  it('has no dead end: ten quiet minutes leave no push starting or reconnecting and no call pending', () => expectNone('deadEnd'), 120000);
  it(
    'agrees with the device: start/pause/resume/stop resolve after the matching statuschange; setZoom within the max zoom read for this camera',
    () => expectNone('agreement'),
    120000,
  );
  it(
    'the device agrees at every quiet moment (pushing, paused, preview, camera), and the library never starts it after the page’s stop() or from a hidden page',
    () => expectNone('device'),
    120000,
  );
  it('reaches every status and every policy', () => {
    if (ONLY !== null) return;
    expect(PUSH_STATUSES.filter((status) => !reached.statuses.has(status))).toEqual([]);
    expect(Object.keys(POLICY_SIGNS).filter((policy) => !reached.policies[policy])).toEqual([]);
  });
  it(
    'keeps the facade contract: promises only, PusherError events, status agrees with statuschange, no console.error',
    () => expectNone('contract'),
    120000,
  );
});

describe(`planted bugs are caught within ${MUTANT_BUDGET} sequences of the same seed`, () => {
  it.each(MUTATIONS.map((m) => [m.name, m] as const))(
    '%s',
    async (_name, mutation) => {
      counting = false;
      const restore = install(mutation);
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
