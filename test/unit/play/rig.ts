/**
 * The player's controller on the shared fake native player and fake platform (src/testing), for
 * plain-Node tests with jest's fake timers: the player rig beside the pusher's (../rig.ts). The
 * native player answers like a phone's: callbacks on later ticks, 2001–2004 after a play, its own
 * reconnects (2103 ×3, then -2301) when the network or the stream goes. Not a test file.
 */
import type { PusherError } from '../../../src/errors';
import { asPusherError } from '../../../src/call-queue';
import { PlayerController } from '../../../src/play/controller';
import { mapPlayerNetStatus, mapPlayerStateChange } from '../../../src/play/events';
import type { NativePlayerContext } from '../../../src/play/native';
import type { PlayerEvents, PlayerStatusChange } from '../../../src/play/player-events';
import { FakePlatform } from '../../../src/testing/fake-platform';
import { FakePlayer, type FakePlayerOptions } from '../../../src/testing/fake-player';
import type { TraceNetInfo } from '../../../src/traces';

export { FakePlatform, FakePlayer };
export { rejection, settled, tick } from '../rig';

export interface PlayerRigOptions {
  /** `later`: no context until `ready()`. */
  context?: 'later';
  startTimeout?: number;
  callTimeout?: number;
  /** The fake native player's options (default: 1 ms answers, 1 s between its own reconnects). */
  device?: FakePlayerOptions;
}

/** A player controller wired to a fake native player and platform; every event it emits and every render is recorded. */
export function playerRig(options: PlayerRigOptions = {}) {
  const device = new FakePlayer(options.device);
  const platform = new FakePlatform();
  const events: { name: keyof PlayerEvents; detail: unknown }[] = [];
  const renders: Record<string, unknown>[] = [];
  let ctx: NativePlayerContext | null = options.context === 'later' ? null : device.context();
  let remounts = 0;
  const ctl: PlayerController = new PlayerController(
    {
      context: () => ctx,
      emit: (name, detail) => events.push({ name, detail }),
      platform,
      render: (attrs) => renders.push({ ...attrs }),
      remount: () => {
        remounts++;
        ctx = device.context();
        ctl.contextReady();
        return Promise.resolve();
      },
    },
    { startTimeout: options.startTimeout, callTimeout: options.callTimeout },
  );
  // As the component wires its `<live-player>` (components/player/definition.ts).
  device.code = (code, message) => ctl.handleEvent(mapPlayerStateChange(message === undefined ? { code } : { code, message }));
  device.net = (info) => ctl.handleNetStatus(mapPlayerNetStatus({ info }));
  device.error = (errCode, errMsg) => ctl.emit('error', asPusherError({ errCode, errMsg }, 'player'));
  device.network = (connected) => (connected ? api.online() : api.offline());
  device.page = (shown) => ctl.pageVisible(shown);
  const api = {
    ctl,
    device,
    platform,
    events,
    renders,
    remounts: () => remounts,
    /** The tag is ready now. */
    ready() {
      ctx = device.context();
      ctl.contextReady();
    },
    /** Sends a state code now, through the native player (-2301 and -2302 end its playing). */
    code(code: number, message?: string) {
      device.sink.code(code, message);
    },
    /** Sends a netstatus sample now. */
    net(info: TraceNetInfo) {
      device.sink.net(info);
    },
    /** The viewer's network goes: `wx` tells the listeners, the native player retries and gives up unless it returns. */
    offline() {
      platform.network(false);
      device.offline();
    },
    online() {
      platform.network(true);
      device.online();
    },
    of<K extends keyof PlayerEvents>(name: K): PlayerEvents[K][] {
      return events.filter((e) => e.name === name).map((e) => e.detail as PlayerEvents[K]);
    },
    statuses(): string[] {
      return events.filter((e) => e.name === 'statuschange').map((e) => (e.detail as PlayerStatusChange).status);
    },
    changes(): PlayerStatusChange[] {
      return api.of('statuschange');
    },
    errors(): PusherError[] {
      return api.of('error');
    },
  };
  return api;
}

export type PlayerRig = ReturnType<typeof playerRig>;

/** A play URL that passes `isPlayUrl`. */
export const PLAY_URL = 'rtmp://play.example.com/live/stream1';
