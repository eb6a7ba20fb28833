/**
 * @jest-environment jsdom
 *
 * The built, minified components (miniprogram_dist/pusher and miniprogram_dist/player, byte for
 * byte what packNpmManually copies into a user's miniprogram_npm: see pack.test.ts) rendered in a
 * host page the way the example uses them, with the official wcc. The unit and component tests
 * cover the sources; this covers what bundling, splitting the player into its own part and
 * property mangling (one name cache for the core and the part) made of them.
 */
import { PLAYER_ATTRIBUTE_NAMES } from '../../src/play/attributes';
import fs from 'fs';
import path from 'path';
import type { Simulate } from '../simulate';

const DIST = path.join(__dirname, '..', '..', 'miniprogram_dist');
const PUSH_URL = 'rtmp://127.0.0.1/live/demo?txSecret=abc&txTime=6A000000';

/**
 * Both components' WXML in one wcc run from the package root, as DevTools compiles a project:
 * templates compiled in two runs share wcc's globals, and the second run's tag reads the first's.
 */
const WCC = { rootPath: DIST, compilerOptions: { wxmlList: ['pusher/index.wxml', 'player/index.wxml'] } };

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
  pusherId = simulate.load(path.join(DIST, 'pusher', 'index'), WCC);
});
describe('<ts-pusher> as packed', () => {
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
});

describe('<ts-player> as packed: player/index.js → player/core.js → the core, minified with names shortened across both', () => {
  const PLAY_URL = 'rtmp://127.0.0.1/live/demo';
  /** The player's simulate id, loaded once: its index.js requires ./core, which requires ../index.js (the `core` above). */
  let playerId: string;
  let player: import('../../src/index').PlayerInstance;

  beforeAll(() => {
    playerId = simulate.load(path.join(DIST, 'player', 'index'), WCC);
  });
  beforeEach(() => {
    // The native player retries every 10 ms before it gives up (-2301), so a lost network plays out in real time.
    device = kit.installFakeDevice({ player: { retryMs: 10 } });
  });
  afterEach(() => device.uninstall());

  function renderPlayerPage(scenario = 'live') {
    const seen: { type: string; detail: unknown }[] = [];
    const record = (e: { type: string; detail: unknown }) => {
      seen.push({ type: e.type, detail: e.detail });
    };
    const host = simulate.render(
      simulate.load({
        usingComponents: { 'ts-player': playerId },
        template:
          '<ts-player id="player" scenario="{{scenario}}" src="{{src}}" bindstatuschange="onStatus" binderror="onError" bindreconnect="onReconnect" bindquality="onQuality" />',
        data: { src: PLAY_URL, scenario },
        methods: { onStatus: record, onError: record, onReconnect: record, onQuality: record },
      }),
    );
    host.attach(dom.createElement('parent-wrapper'));
    const component = host.querySelector('#player');
    if (!component) throw new Error('the page did not render <ts-player id="player">');
    if (!component.querySelector('#player')) throw new Error('<ts-player> did not render <live-player id="player">');
    player = core.playerOf(host.instance, '#player');
    // `a`: the tag's attributes by their index in PLAYER_ATTRIBUTE_NAMES (what the WXML binds).
    const attributes = () => {
      const bound = (component.instance.data as { a: unknown[] }).a;
      return Object.fromEntries(PLAYER_ATTRIBUTE_NAMES.map((name, i) => [name, bound[i]]));
    };
    const statuses = () => seen.filter((e) => e.type === 'statuschange').map((e) => (e.detail as { status: string }).status);
    return { host, component, seen, attributes, statuses };
  }

  it('hands <live-player> the scenario preset and the bound src; a scenario change reaches the tag', async () => {
    const { host, attributes } = renderPlayerPage();
    expect(attributes()).toMatchObject({ src: PLAY_URL, mode: 'live', minCache: 1, maxCache: 3, autoplay: false });
    host.setData({ scenario: 'low-latency' });
    await simulate.sleep(0);
    expect(attributes()).toMatchObject({ src: PLAY_URL, mode: 'RTC', minCache: 0.2, maxCache: 0.8 });
  });

  it('plays through playerOf (loading → playing), pauses, resumes, takes a snapshot and stops, with statuschange events', async () => {
    const { statuses } = renderPlayerPage();
    expect(player.status).toBe('idle');
    await Promise.all([player.play(), simulate.sleep(20)]);
    expect(player.status).toBe('playing');
    expect(device.player.playing).toBe(true);
    await player.pause();
    expect(player.status).toBe('paused');
    await player.resume();
    await expect(player.snapshot()).resolves.toEqual({ tempImagePath: 'wxfile://tmp/player-snapshot.jpg', width: 360, height: 640 });
    await player.stop();
    expect(device.player.playing).toBe(false);
    expect(device.player.methods).toEqual(['play', 'pause', 'resume', 'snapshot', 'stop']);
    expect(statuses()).toEqual(['loading', 'playing', 'paused', 'playing', 'stopped']);
  });

  it('the network lost: the native retries, -2301, reconnecting with the quality down; back: one reconnect and playing', async () => {
    const { seen, statuses } = renderPlayerPage();
    await Promise.all([player.play(), simulate.sleep(20)]);
    device.offline();
    await simulate.sleep(100);
    expect(player.status).toBe('reconnecting');
    expect(device.player.methods).toEqual(['play']);
    device.online();
    await simulate.sleep(50);
    expect(player.status).toBe('playing');
    expect(device.player.methods).toEqual(['play', 'stop', 'play']);
    expect(seen.filter((e) => e.type === 'reconnect').map((e) => e.detail)).toEqual([
      expect.objectContaining({ attempt: 1, attempts: 6, delayMs: 0, cause: expect.any(core.PusherError) }),
    ]);
    expect(seen.filter((e) => e.type === 'quality').map((e) => (e.detail as { level: string }).level)).toEqual(['down']);
    expect(statuses()).toEqual(['loading', 'playing', 'reconnecting', 'playing']);
  });

  it('the page hidden suspends it; shown, it plays again by itself', async () => {
    const { host, statuses } = renderPlayerPage();
    await Promise.all([player.play(), simulate.sleep(20)]);
    host.triggerPageLifeTime('hide');
    expect(player.status).toBe('suspended');
    host.triggerPageLifeTime('show');
    await simulate.sleep(50);
    expect(player.status).toBe('playing');
    expect(statuses()).toEqual(['loading', 'playing', 'suspended', 'loading', 'playing']);
  });

  it('a refused play URL (-2302) is a PusherError of the core in the player words, on binderror and from play()', async () => {
    const { seen } = renderPlayerPage();
    const outcome = player.play().then(
      () => null,
      (e: unknown) => e,
    );
    await simulate.sleep(3);
    device.player.emit(-2302);
    const error = await outcome;
    expect(error).toBeInstanceOf(core.PusherError);
    expect(error).toMatchObject({
      nativeCode: -2302,
      message: expect.any(String),
      messageZh: expect.any(String),
      advice: expect.any(String),
    });
    expect(seen.filter((e) => e.type === 'error').map((e) => e.detail)).toEqual([error]);
    expect(player.status).toBe('failed');
    let thrown: unknown;
    try {
      core.playerOf({ selectComponent: () => null }, '#nothing');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(core.PusherError);
    expect(thrown).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('#nothing'), messageZh: expect.any(String) });
  });
});
