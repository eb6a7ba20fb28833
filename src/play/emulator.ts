/**
 * The player's emulation where `<live-player>` cannot run (WeChat DevTools): the shared fake
 * native context (testing/fake-context.ts, the pusher's emulation's and every test's) with the
 * player's methods, answering like a phone and playing a player trace after `play`. The
 * `emulate` property's rules are the pusher's: `emulationFor(value, platform, PLAYER_TRACES)`.
 */
import type { EmulatorSink } from '../emulator';
import { fakeContext } from '../testing/fake-context';
import { PLAYER_NATIVE_METHODS, type NativePlayerContext, type PlayerNativeMethod } from './native';
import { NO_STREAM, PLAYER_TRACES, type PlayerTraceName } from './traces';

/** An emulated player: its context, and a stop for its trace. */
export interface PlayerEmulation {
  readonly context: NativePlayerContext;
  stop(): void;
}

/**
 * Emulates a player that answers every call after 30 ms and plays `trace` on the first `play`,
 * then what the trace's story needs: `stream-gone` finds no stream on the next play either
 * (`NO_STREAM`) and the stream back on the one after; every other later play is `happy`.
 */
export function emulatePlayer(trace: PlayerTraceName, sink: EmulatorSink): PlayerEmulation {
  let plays = 0;
  const device = fakeContext<PlayerNativeMethod>(
    sink,
    30,
    (play) => (!play ? [] : !plays++ ? PLAYER_TRACES[trace] : trace === 'stream-gone' && plays < 3 ? NO_STREAM : PLAYER_TRACES.happy),
    undefined,
    undefined,
    PLAYER_NATIVE_METHODS,
  );
  return { context: device.context, stop: () => device.play([]) };
}
