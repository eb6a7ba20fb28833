/**
 * A viewer that restarts at once, the usual fix written for -2301 (the platform's advice: call
 * `stop()` then `play()`): on -2301 it stops and plays again immediately, with no limit, no
 * backoff and no look at the network.
 */
import type { NativePlayerContext } from '../../src/play/native';

/** Restarts on -2301, immediately and without limit. */
export class RestartAtOnceViewer {
  constructor(private readonly context: NativePlayerContext) {}

  play(): void {
    this.context.play!({});
  }

  statechange(code: number): void {
    if (code !== -2301) return;
    this.context.stop!({});
    this.play();
  }
}
