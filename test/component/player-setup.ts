/**
 * Shared set-up of `<ts-player>`'s component tests: a `live-player` stub that keeps what it is
 * given, the project's own testing kit (`ts-pusher/testing`, its player) as the phone, and a host
 * page that records every event `<ts-player>` triggers.
 */
import * as path from 'path';
import { simulate, mount, type SimNode, type SimRoot } from '../simulate';
import { playerOf, type PlayerInstance, type PlayerStatusChange } from '../../src/index';
import { PLAYER_ATTRIBUTES, PLAYER_ATTRIBUTE_NAMES } from '../../src/play/index';
import { installFakeDevice, type FakeDevice, type FakeDeviceOptions } from '../../src/testing/index';
import { ROOT } from './setup';

// Re-register the built-in tag with properties typed as <live-player> types them, so `node.data`
// shows what it was bound to.
const stubProperties: Record<string, unknown> = {};
for (const name of PLAYER_ATTRIBUTE_NAMES) {
  const d = PLAYER_ATTRIBUTES[name].default;
  stubProperties[name] = typeof d === 'boolean' ? Boolean : typeof d === 'number' ? Number : typeof d === 'string' ? String : null;
}
require('j-component').register({ id: 'live-player', tagName: 'wx-live-player', template: '<slot/>', properties: stubProperties });

/** Loads the player host page once per test file (simulate cannot load the same path twice under jest). */
export function loadPlayerHost(): string {
  return simulate.load(path.join(__dirname, 'player-host/index'), 'player-host-page', {
    rootPath: ROOT,
    compilerOptions: { wxmlList: ['test/component/player-host/index.wxml', 'components/player/index.wxml'] },
  });
}

/** A rendered player host page with a fake phone. */
export interface PlayerHarness {
  readonly host: SimRoot;
  readonly device: FakeDevice;
  readonly player: PlayerInstance;
  /** The `<ts-player>` node. */
  readonly node: SimNode;
  /** Its inner `<live-player>` now (`null` while emulated). */
  tag(): SimNode | null;
  /**
   * Sends an event from the inner `<live-player>` as the native tag does: to `<ts-player>`'s
   * handler only, never past the component (simulate's `dispatchEvent` would bubble it to the page).
   * `fire.from()` keeps the tag of now, to send from it later (after a detach).
   */
  fire: ((name: string, detail: unknown) => void) & { from(): (name: string, detail: unknown) => void };
  /** The details of the events the page received, by type. */
  events<T = unknown>(type: string): T[];
  statuses(): string[];
  /** Detaches the page and gives `wx` back. */
  done(): void;
}

/** Installs the fake phone, renders the host page, sets its `data`, and attaches it (unless `attach: false`). */
export function setUpPlayer(
  hostId: string,
  options: FakeDeviceOptions & { data?: Record<string, unknown>; attach?: boolean } = {},
): PlayerHarness {
  const device = installFakeDevice(options);
  const host = simulate.render(hostId);
  if (options.data) host.setData(options.data);
  if (options.attach !== false) mount(host);
  const node = host.querySelector('#player')!;
  const received = host.instance.received as { type: string; detail: unknown }[];
  /** The inner tag's own triggerEvent (not bubbling, not composed), as the kit delivers native events. */
  const fromTag = () => {
    const inner = node.instance.selectComponent('#player') as { triggerEvent(name: string, detail: unknown): void } | null;
    if (!inner) throw new Error('no <live-player> inside <ts-player> now');
    return (name: string, detail: unknown) => inner.triggerEvent(name, detail);
  };
  return {
    host,
    device,
    node,
    player: playerOf(host.instance, '#player'),
    tag: () => node.querySelector('#player'),
    fire: Object.assign((name: string, detail: unknown) => fromTag()(name, detail), { from: fromTag }),
    events: <T>(type: string) => received.filter((e) => e.type === type).map((e) => e.detail as T),
    statuses: () => received.filter((e) => e.type === 'statuschange').map((e) => (e.detail as PlayerStatusChange).status),
    done() {
      try {
        host.detach();
      } finally {
        device.uninstall();
      }
    },
  };
}

/** The player host page for every test of the file: fake timers, no jitter, console.warn silenced, torn down after each test. */
export function playerEachTest(): (options?: Parameters<typeof setUpPlayer>[1]) => PlayerHarness {
  let hostId: string;
  let current: PlayerHarness | null = null;
  beforeAll(() => {
    hostId = loadPlayerHost();
  });
  beforeEach(() => {
    jest.useFakeTimers();
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
  });
  afterEach(() => {
    if (current) current.done();
    current = null;
    jest.useRealTimers();
    jest.restoreAllMocks();
  });
  return (options = {}) => (current = setUpPlayer(hostId, options));
}

export { rejection, tick } from '../promises';
