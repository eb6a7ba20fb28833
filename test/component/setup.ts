/**
 * Shared set-up of the component tests: a `live-pusher` stub that keeps what it is given, the
 * project's own testing kit (`ts-pusher/testing`) as the phone, and a host page that records
 * every event `<ts-pusher>` triggers.
 */
import * as path from 'path';
import { simulate, mount, type SimNode, type SimRoot } from '../simulate';
import { ATTRIBUTES, ATTRIBUTE_NAMES, pusherOf, type PusherInstance, type StatusChange } from '../../src/index';
import { installFakeDevice, type FakeDevice, type FakeDeviceOptions } from '../../src/testing/index';

// Re-register the built-in tag with properties typed as <live-pusher> types them, so `node.data`
// shows what it was bound to.
const stubProperties: Record<string, unknown> = {};
for (const name of ATTRIBUTE_NAMES) {
  const d = ATTRIBUTES[name].default;
  stubProperties[name] = typeof d === 'boolean' ? Boolean : typeof d === 'number' ? Number : typeof d === 'string' ? String : null;
}
require('j-component').register({ id: 'live-pusher', tagName: 'wx-live-pusher', template: '<slot/>', properties: stubProperties });

export const ROOT = path.resolve(__dirname, '../..');

/** Loads the host page once per test file (simulate cannot load the same path twice under jest). */
export function loadHost(): string {
  return simulate.load(path.join(__dirname, 'host/index'), 'host-page', {
    rootPath: ROOT,
    compilerOptions: { wxmlList: ['test/component/host/index.wxml', 'components/pusher/index.wxml'] },
  });
}

/** A rendered host page with a fake phone. */
export interface Harness {
  readonly host: SimRoot;
  readonly device: FakeDevice;
  readonly pusher: PusherInstance;
  /** The `<ts-pusher>` node. */
  readonly node: SimNode;
  /** Its inner `<live-pusher>` now (`null` while re-mounted or emulated). */
  tag(): SimNode | null;
  /** The details of the events the page received, by type. */
  events<T = unknown>(type: string): T[];
  statuses(): string[];
  /** Detaches the page and gives `wx` back. */
  done(): void;
}

/** Installs the fake phone, renders the host page, sets its `data`, and attaches it (unless `attach: false`). */
export function setUp(hostId: string, options: FakeDeviceOptions & { data?: Record<string, unknown>; attach?: boolean } = {}): Harness {
  const device = installFakeDevice(options);
  const host = simulate.render(hostId);
  if (options.data) host.setData(options.data);
  if (options.attach !== false) mount(host);
  const node = host.querySelector('#pusher')!;
  const received = host.instance.received as { type: string; detail: unknown }[];
  return {
    host,
    device,
    node,
    pusher: pusherOf(host.instance, '#pusher'),
    tag: () => node.querySelector('#pusher'),
    events: <T>(type: string) => received.filter((e) => e.type === type).map((e) => e.detail as T),
    statuses: () => received.filter((e) => e.type === 'statuschange').map((e) => (e.detail as StatusChange).status),
    done() {
      try {
        host.detach();
      } finally {
        device.uninstall();
      }
    },
  };
}

/**
 * The host page for every test of the file: fake timers (at `now` when given), no jitter,
 * console.warn silenced, and what `open()` set up torn down after each test.
 */
export function hostEachTest(now?: Date): (options?: Parameters<typeof setUp>[1]) => Harness {
  let hostId: string;
  let current: Harness | null = null;
  beforeAll(() => {
    hostId = loadHost();
  });
  beforeEach(() => {
    jest.useFakeTimers(now ? { now } : undefined);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
  });
  afterEach(() => {
    if (current) current.done();
    current = null;
    jest.useRealTimers();
    jest.restoreAllMocks();
  });
  return (options = {}) => (current = setUp(hostId, options));
}

export { rejection, tick } from '../promises';

/**
 * A fake phone for every test of the file (console.warn silenced: `invalid` reports warn);
 * the returned function gives the current one.
 */
export function fakeDeviceEachTest(options?: FakeDeviceOptions): () => FakeDevice {
  let device: FakeDevice;
  beforeEach(() => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    device = installFakeDevice(options);
  });
  afterEach(() => {
    device.uninstall();
    jest.restoreAllMocks();
  });
  return () => device;
}

export { simulate, mount };
