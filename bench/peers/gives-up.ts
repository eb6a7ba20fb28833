/**
 * A peer that gives up, as Tencent's MLVB sample and `trtc-wx-sdk` do: on -1307, or when the
 * system stops the push (5000/5001), it stops the native push and reports; nothing pushes again
 * until the person starts over (MLVB leaves the page, `trtc-wx-sdk` only emits the error).
 */
import type { NativePusherContext } from '../../src/index';

const FINAL = [-1307, 5000, 5001];

/** Stops and reports on a lost push; never restarts. */
export class GivesUpPeer {
  /** The codes it reported to the page. */
  readonly reported: number[] = [];

  constructor(private readonly context: NativePusherContext) {}

  start(): void {
    this.context.start!({});
  }

  statechange(code: number): void {
    if (FINAL.indexOf(code) < 0) return;
    this.context.stop!({});
    this.reported.push(code);
  }

  pageVisible(_shown: boolean): void {
    // Nothing to resume: the push was given up.
  }
}
