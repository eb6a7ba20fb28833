/**
 * setData economy: one scripted session (mount, attribute changes, a push, two minutes of
 * netstatus at 1 Hz, warnings, pause/resume) through <ts-pusher> and through a typical
 * hand-written wrapper. Prints setData calls and payload bytes side by side.
 */
import * as path from 'path';
import { ATTRIBUTES, ATTRIBUTE_NAMES, pusherOf } from '../src/index';
import { installFakeDevice } from '../src/testing/index';

/** The parts of miniprogram-simulate this bench uses (its own `.d.ts` breaks `Component` typing). */
interface SimRoot {
  readonly instance: unknown;
  setData(data: Record<string, unknown>): void;
  attach(parent: unknown): void;
  querySelector(selector: string): { dispatchEvent(name: string, options: { detail: unknown }): void } | null;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate: {
  load(path: string, tagName: string, options: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): SimRoot;
  sleep(ms: number): Promise<void>;
} = require('miniprogram-simulate');

// The built-in tag keeps what it is bound to, typed as <live-pusher> types it (as in the component tests).
const stubProperties: Record<string, unknown> = {};
for (const name of ATTRIBUTE_NAMES) {
  const d = ATTRIBUTES[name].default;
  stubProperties[name] = typeof d === 'boolean' ? Boolean : typeof d === 'number' ? Number : typeof d === 'string' ? String : null;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('j-component').register({ id: 'live-pusher', tagName: 'wx-live-pusher', template: '<slot/>', properties: stubProperties });

/** Attaches a rendered root to an element of the jsdom document, as a page would be. */
const mount = (root: SimRoot) =>
  root.attach((globalThis as unknown as { document: { createElement(tag: string): unknown } }).document.createElement('parent-wrapper'));

interface Tally {
  calls: number;
  bytes: number;
}

/** True while the page (parent) sets properties: those calls are the page's, not the component's. */
let fromParent = false;

function count(instance: { setData(d: Record<string, unknown>): void }): Tally {
  const tally = { calls: 0, bytes: 0 };
  const original = instance.setData.bind(instance);
  let depth = 0;
  instance.setData = (data) => {
    // The page's own call is the outermost one; what its observers set inside it is the component's.
    if (!(fromParent && depth === 0)) {
      tally.calls++;
      tally.bytes += Buffer.byteLength(JSON.stringify(data));
    }
    depth++;
    try {
      original(data);
    } finally {
      depth--;
    }
  };
  return tally;
}

function parentSets(root: SimRoot, data: Record<string, unknown>): void {
  fromParent = true;
  try {
    root.setData(data);
  } finally {
    fromParent = false;
  }
}

const NET = (i: number) => ({
  info: {
    videoBitrate: 800 + (i % 7),
    audioBitrate: 48,
    videoFPS: 15,
    videoGOP: 2,
    netSpeed: 900,
    netJitter: i % 5,
    videoWidth: 720,
    videoHeight: 1280,
  },
});

/** The same session for both: parent changes, then native events. */
async function session(root: SimRoot, send: (name: string, detail: unknown) => void, afterMount: () => Promise<void>): Promise<void> {
  for (let i = 1; i <= 10; i++) parentSets(root, { beauty: i % 10 });
  for (let i = 0; i < 5; i++) parentSets(root, { maxBitrate: 1000 + i * 50 });
  parentSets(root, { beauty: 0 }); // the value it already has
  await afterMount();
  for (let i = 0; i < 120; i++) send('netstatus', NET(i));
  for (let i = 0; i < 20; i++) send('statechange', { code: 1101 });
  await simulate.sleep(20);
}

test('setData per session: ts-pusher vs a hand-written wrapper', async () => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const device = installFakeDevice({ delay: 1 });

  const tsId = simulate.load(path.resolve(__dirname, '../components/pusher/index'), 'ts-pusher', {
    rootPath: path.resolve(__dirname, '..'),
    compilerOptions: { wxmlList: ['components/pusher/index.wxml', 'bench/naive/index.wxml'] },
  });
  const ts = simulate.render(tsId, { scenario: 'hd-live', url: 'rtmp://push.example.com/live/s?txSecret=x&txTime=1' });
  const tsTally = count(ts.instance as never);
  mount(ts);
  const send = (name: string, detail: unknown) =>
    name === 'netstatus'
      ? device.netstatus((detail as { info: Record<string, number> }).info)
      : device.emit((detail as { code: number }).code);
  await session(ts, send, async () => {
    const host = { selectComponent: () => ts.instance };
    const pusher = pusherOf(host, '#pusher');
    await pusher.start();
    await pusher.pause();
    await pusher.resume();
  });

  const naiveId = simulate.load(path.resolve(__dirname, 'naive/index'), 'naive-pusher', {
    rootPath: path.resolve(__dirname, '..'),
    compilerOptions: { wxmlList: ['bench/naive/index.wxml'] },
  });
  const naive = simulate.render(naiveId, { url: 'rtmp://push.example.com/live/s?txSecret=x&txTime=1' });
  const naiveTally = count(naive.instance as never);
  mount(naive);
  const naiveTag = naive.querySelector('#pusher')!;
  await session(
    naive,
    (name, detail) => naiveTag.dispatchEvent(name, { detail }),
    async () => {
      naiveTag.dispatchEvent('statechange', { detail: { code: 1001 } });
      naiveTag.dispatchEvent('statechange', { detail: { code: 1002 } });
    },
  );

  const row = (name: string, t: Tally) => `${name.padEnd(26)} ${String(t.calls).padStart(8)} ${String(t.bytes).padStart(10)}`;
  console.log(
    [
      'setData by the component in one session (16 page updates, start/pause/resume, 120 netstatus, 22 state codes)',
      `${'component'.padEnd(26)} ${'calls'.padStart(8)} ${'bytes'.padStart(10)}`,
      row('<ts-pusher>', tsTally),
      row('hand-written wrapper', naiveTally),
    ].join('\n'),
  );
  device.uninstall();
  expect(tsTally.calls).toBeGreaterThan(0);
});
