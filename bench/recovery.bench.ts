/**
 * @jest-environment node
 */
/**
 * Recovery in virtual time: ts-pusher's controller and two peer models drive the same fake phone
 * (bench/phone.ts) through a lost network, a hidden page and a 10-minute outage. Prints, side by
 * side, how long from the network or the page coming back to the next native `start` (and to
 * pushing again), and how many native starts an outage costs. Figures, never asserted as timings.
 */
import { PusherController, mapError, mapNetStatus, mapStateChange, type NativePusherContext } from '../src/index';
import { advance as tick } from '../src/testing/index';
import { GivesUpPeer } from './peers/gives-up';
import { RestartAtOncePeer } from './peers/restart-at-once';
import { Phone } from './phone';

/** A pusher under test, as the scenarios drive it. */
interface Subject {
  readonly phone: Phone;
  start(): void;
  pageVisible(shown: boolean): void;
  dispose(): void;
}

/** The real controller (what `<ts-pusher>` wraps), default policies and timeouts, on the phone; the tag is ready after the phone is. */
function tsPusher(): Subject {
  const phone = new Phone();
  let ctx: NativePusherContext | null = null;
  const ctl: PusherController = new PusherController(
    {
      context: () => ctx,
      emit: () => undefined,
      platform: phone.platform,
      render: () => undefined,
      remount: () => {
        ctx = phone.device.context();
        ctl.contextReady();
        return Promise.resolve();
      },
    },
    {},
  );
  phone.device.code = (code, message) => ctl.handleEvent(mapStateChange({ code, message }));
  phone.device.error = (errCode, errMsg) => ctl.handleEvent(mapError({ errCode, errMsg }), true);
  phone.device.net = (info) => ctl.handleNetStatus(mapNetStatus({ info }));
  ctx = phone.device.context();
  ctl.contextReady();
  return {
    phone,
    start: () => void ctl.start().catch(() => undefined),
    pageVisible: (shown) => ctl.pageVisible(shown),
    dispose: () => ctl.dispose(),
  };
}

/** A peer model on its own phone, which sends it the state codes. */
function peer(Peer: typeof GivesUpPeer | typeof RestartAtOncePeer): Subject {
  const phone = new Phone();
  const pusher = new Peer(phone.device.context());
  phone.device.code = (code) => pusher.statechange(code);
  return { phone, start: () => pusher.start(), pageVisible: (shown) => pusher.pageVisible(shown), dispose: () => undefined };
}

const SUBJECTS: readonly [string, () => Subject][] = [
  ['ts-pusher', tsPusher],
  ['gives-up peer', () => peer(GivesUpPeer)],
  ['restart-at-once peer', () => peer(RestartAtOncePeer)],
];

/** Runs one scenario on a fresh clock, from a push that is on air. */
async function onAir<T>(make: () => Subject, scenario: (subject: Subject) => Promise<T>): Promise<T> {
  jest.useFakeTimers({ now: new Date('2026-11-25T12:00:00Z') });
  const subject = make();
  try {
    subject.start();
    await tick(2000);
    expect(subject.phone.first(1002, 0)).toBeDefined();
    return await scenario(subject);
  } finally {
    subject.dispose();
    jest.clearAllTimers();
    jest.useRealTimers();
  }
}

/** What happened after the network or the page came back, in virtual ms from then. */
interface Recovery {
  toStart?: number;
  toPushing?: number;
}

async function recoveryAfter(subject: Subject, comeBack: () => void): Promise<Recovery> {
  const back = Date.now();
  comeBack();
  await tick(60000);
  const start = subject.phone.starts(back)[0];
  const pushing = subject.phone.first(1002, back);
  return { toStart: start === undefined ? undefined : start - back, toPushing: pushing === undefined ? undefined : pushing - back };
}

/** Outage lengths for scenario 1: -1307 comes 10 s in; the network returns at 12 different points of a peer's 9.4 s start loop. */
const OUTAGES_MS = Array.from({ length: 12 }, (_, i) => 15000 + i * 10000);
const GOAL_MS = 1000;

const ms = (value: number) => (value < 10000 ? `${value} ms` : `${(value / 1000).toFixed(1)} s`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const once = (value?: number) => (value === undefined ? 'never' : ms(value));
/** `median / worst` of the runs that got there, or `never`. */
const spread = (values: (number | undefined)[]) => {
  const got = values.filter((v): v is number => v !== undefined);
  return got.length ? `${ms(median(got))} / ${ms(Math.max(...got))}` : 'never';
};
const mark = (met: boolean) => (met ? '✓' : '✗');
const table = (title: string, head: string[], rows: string[][], widths: number[]) =>
  [
    title,
    ...[head, ...rows].map((cells) => cells.map((cell, i) => (i ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' ')),
  ].join('\n');

beforeEach(() => jest.spyOn(Math, 'random').mockReturnValue(0.5)); // no jitter: the same figures every run
afterEach(() => jest.restoreAllMocks());

test('network back → native start: ts-pusher vs peers', async () => {
  const rows: string[][] = [];
  for (const [name, make] of SUBJECTS) {
    const runs: Recovery[] = [];
    for (const outage of OUTAGES_MS) {
      runs.push(
        await onAir(make, async (subject) => {
          const down = Date.now();
          subject.phone.offline();
          await tick(outage);
          expect(subject.phone.first(-1307, down)).toBeDefined(); // lost while offline
          return recoveryAfter(subject, () => subject.phone.online());
        }),
      );
    }
    const starts = runs.map((run) => run.toStart);
    const resumed = runs.filter((run) => run.toPushing !== undefined).length;
    const met = starts.every((start) => start !== undefined && start <= GOAL_MS);
    rows.push([name, spread(starts), spread(runs.map((run) => run.toPushing)), `${resumed}/${runs.length}`, mark(met)]);
  }
  console.log(
    table(
      `1. network back → native start: -1307 while offline, the network back after ${OUTAGES_MS[0] / 1000}–${OUTAGES_MS[OUTAGES_MS.length - 1] / 1000} s (${OUTAGES_MS.length} runs, median / worst)`,
      ['pusher', '→ native start', '→ pushing (1002)', 'resumed', 'goal ≤ 1 s'],
      rows,
      [22, 18, 18, 8, 11],
    ) +
      "\n   never: no native start within 60 s; the restart-at-once peer resumes without one, when the SDK's next retry of its start in flight finds the network (≤ 3 s)",
  );
});

test('page show → native start: ts-pusher vs peers', async () => {
  const rows: string[][] = [];
  for (const [name, make] of SUBJECTS) {
    const run = await onAir(make, async (subject) => {
      const hidden = Date.now();
      subject.pageVisible(false);
      subject.phone.hide();
      await tick(30000);
      expect(subject.phone.first(5000, hidden)).toBeDefined(); // the system stopped the push
      return recoveryAfter(subject, () => subject.pageVisible(true));
    });
    rows.push([name, once(run.toStart), once(run.toPushing), mark(run.toStart !== undefined && run.toStart <= GOAL_MS)]);
  }
  console.log(
    table(
      '2. page show → native start: page hidden, 5000, shown again 30 s later',
      ['pusher', '→ native start', '→ pushing (1002)', 'goal ≤ 1 s'],
      rows,
      [22, 16, 18, 11],
    ),
  );
});

test('native starts during a 10-minute outage: ts-pusher vs peers', async () => {
  const rows: string[][] = [];
  for (const [name, make] of SUBJECTS) {
    const run = await onAir(make, async (subject) => {
      const down = Date.now();
      subject.phone.offline();
      await tick(600000);
      const attempts = subject.phone.starts(down).length;
      const lost = subject.phone.sent.filter((sent) => sent.code === -1307 && sent.at >= down).length;
      expect(lost).toBeGreaterThan(0);
      return { attempts, lost, ...(await recoveryAfter(subject, () => subject.phone.online())) };
    });
    rows.push([name, String(run.attempts), String(run.lost), once(run.toPushing), mark(run.attempts === 0)]);
  }
  console.log(
    table(
      '3. a 10-minute outage while pushing (every native start answers -1307 after 9.4 s offline)',
      ['pusher', 'native starts', '-1307 seen', 'back → pushing', 'goal 0'],
      rows,
      [22, 14, 11, 15, 7],
    ) + '\n   the gives-up peer spends nothing because it has given up: it never pushes again',
  );
});
