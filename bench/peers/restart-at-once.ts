/**
 * A peer that restarts at once, as NetEase's call component does: -1307 calls native `start`
 * again immediately, with no limit, no backoff and no look at the network. After the system
 * stopped the push (5000/5001) it starts again as soon as the page shows, as `trtc-room`
 * re-enters its room in `pageLifetimes.show`.
 */
import type { NativePusherContext } from '../../src/index';

/** Restarts on -1307 and on show, immediately and without limit. */
export class RestartAtOncePeer {
  private stoppedBySystem = false;

  constructor(private readonly context: NativePusherContext) {}

  start(): void {
    this.context.start!({});
  }

  statechange(code: number): void {
    if (code === -1307) this.start();
    if (code === 5000 || code === 5001) this.stoppedBySystem = true;
  }

  pageVisible(shown: boolean): void {
    if (!shown || !this.stoppedBySystem) return;
    this.stoppedBySystem = false;
    this.start();
  }
}
