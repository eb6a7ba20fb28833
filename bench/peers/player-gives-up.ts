/**
 * A viewer that gives up, as most pages using the raw `<live-player>` tag do: it calls native
 * `play` once and reports -2301 ("network lost, reconnects failed") to the person; playback has
 * ended and nothing plays again until the person starts over (leaves and re-enters the page).
 */
import type { NativePlayerContext } from '../../src/play/native';

/** Plays once; on -2301 it reports and stops. */
export class GivesUpViewer {
  /** The codes it reported to the page. */
  readonly reported: number[] = [];

  constructor(private readonly context: NativePlayerContext) {}

  play(): void {
    this.context.play!({});
  }

  statechange(code: number): void {
    if (code !== -2301) return;
    this.context.stop!({});
    this.reported.push(code);
  }
}
