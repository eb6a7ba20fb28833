/**
 * @jest-environment jsdom
 *
 * The built, minified component (miniprogram_dist/pusher, byte for byte what packNpmManually
 * copies into a user's miniprogram_npm: see pack.test.ts) rendered in a host page the way the
 * example uses it, with the official wcc. The unit and component tests cover the sources; this
 * covers what bundling and property mangling made of them.
 */
import fs from 'fs';
import path from 'path';
import type { Simulate } from '../simulate';

const DIST = path.join(__dirname, '..', '..', 'miniprogram_dist');
const PUSH_URL = 'rtmp://127.0.0.1/live/demo?txSecret=abc&txTime=6A000000';

type Core = typeof import('../../src/index');
type Kit = typeof import('../../src/testing/index');
/** jsdom's document: the root tsconfig has no DOM lib. */
const dom = (globalThis as unknown as { document: { createElement(tagName: string): unknown } }).document;

let simulate: Simulate;
let core: Core;
let kit: Kit;
let device: import('../../src/testing/index').FakeDevice;
/** The component's simulate id: loading the same file twice fails under jest. */
let pusherId: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(DIST, 'pusher', 'index.js'))) {
    throw new Error('miniprogram_dist/pusher is missing: run `npm run build` before the package tests (npm test does).');
  }
  simulate = require('miniprogram-simulate');
  core = require(path.join(DIST, 'index.js'));
  // The built testing kit (dist/testing), as a user's test gets it from `ts-pusher/testing`.
  kit = require(path.join(DIST, '..', 'dist', 'testing', 'index.js'));
  pusherId = simulate.load(path.join(DIST, 'pusher', 'index'));
});
beforeEach(() => {
  device = kit.installFakeDevice({ trace: [] });
  device.answer('snapshot', { result: { tempImagePath: 'wxfile://tmp/shot.jpg', width: '720', height: '1280' } });
});
afterEach(() => device.uninstall());

function renderHost() {
  const seen: { type: string; detail: unknown }[] = [];
  const record = (e: { type: string; detail: unknown }) => {
    seen.push({ type: e.type, detail: e.detail });
  };
  const host = simulate.render(
    simulate.load({
      usingComponents: { 'ts-pusher': pusherId },
      template:
        '<ts-pusher id="pusher" scenario="hd-live" url="{{url}}" bindstatuschange="onStatus" bindwarning="onWarning" binderror="onError" />',
      data: { url: PUSH_URL },
      methods: { onStatus: record, onWarning: record, onError: record },
    }),
  );
  host.attach(dom.createElement('parent-wrapper'));
  const component = host.querySelector('#pusher');
  if (!component) throw new Error('the host did not render <ts-pusher id="pusher">');
  const livePusher = component.querySelector('#pusher');
  if (!livePusher) throw new Error('<ts-pusher> did not render <live-pusher id="pusher">');
  return { host, component, livePusher, seen };
}

it('hands <live-pusher> the hd-live preset and the bound url', () => {
  const { component } = renderHost();
  // `a`: the tag's attributes by their index in ATTRIBUTE_NAMES (what the WXML binds).
  const bound = (component.instance.data as { a: unknown[] }).a;
  expect(Object.fromEntries(core.ATTRIBUTE_NAMES.map((name, i) => [name, bound[i]]))).toMatchObject({
    url: PUSH_URL,
    mode: 'HD',
    minBitrate: 600,
    maxBitrate: 1200,
  });
});

it("drives the example's buttons (start, pause, resume, snapshot, switch camera, stop) through pusherOf, with statuschange and warning events", async () => {
  const { host, seen } = renderHost();
  const pusher = core.pusherOf(host.instance, '#pusher');
  expect(pusher.status).toBe('idle');

  const started = pusher.start();
  await simulate.sleep(10);
  device.emit(1002, 'push begin');
  await simulate.sleep(0);
  await expect(started).resolves.toBeUndefined();
  expect(pusher.status).toBe('pushing');

  device.emit(1101);
  await simulate.sleep(0);

  await pusher.pause();
  await pusher.resume();
  await expect(pusher.snapshot()).resolves.toEqual({ tempImagePath: 'wxfile://tmp/shot.jpg', width: 720, height: 1280 });
  await pusher.switchCamera();
  await pusher.stop();
  expect(pusher.status).toBe('stopped');
  expect(device.methods).toEqual(['start', 'pause', 'resume', 'snapshot', 'switchCamera', 'stop']);

  const statuses = seen.filter((e) => e.type === 'statuschange').map((e) => (e.detail as { status: string }).status);
  expect(statuses).toEqual(['starting', 'pushing', 'paused', 'pushing', 'stopped']);
  expect(seen.filter((e) => e.type === 'warning').map((e) => e.detail)).toEqual([
    expect.objectContaining({ kind: 'warning', code: 1101, messageZh: expect.any(String) }),
  ]);
});

it('reports a fatal native error to binderror and rejects start() with the same PusherError', async () => {
  const { host, seen } = renderHost();
  const pusher = core.pusherOf(host.instance, '#pusher');
  const outcome = pusher.start().then(
    () => null,
    (e: unknown) => e,
  );
  await simulate.sleep(10);
  device.error(10001, 'camera denied');
  await simulate.sleep(0);
  const error = await outcome;
  expect(core.isPusherError(error)).toBe(true);
  expect(error).toMatchObject({
    code: expect.any(String),
    message: expect.any(String),
    messageZh: expect.any(String),
    advice: expect.any(String),
  });
  const reported = seen.filter((e) => e.type === 'error' && core.isPusherError(e.detail)).map((e) => e.detail);
  expect(reported).toHaveLength(1);
  expect(reported[0]).toMatchObject({ code: 'PERMISSION_DENIED', nativeCode: 10001 });
  expect(error).toMatchObject({ code: 'PERMISSION_DENIED', nativeCode: 10001 });
  expect(pusher.status).toBe('failed');
});
