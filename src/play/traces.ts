/**
 * Named player traces: what a phone's `<live-player>` produces after a native `play`, step by
 * step, so a page can be developed (DevTools emulation) and tested (`ts-pusher/testing`)
 * without a phone. Data in the pusher's trace format (../traces.ts), played by its player;
 * framework-free, and apart from the pusher's traces so a page that only pushes does not carry it.
 */
import { traceCode as code, traceNet as net, type Trace, type TraceStep } from '../traces';

// Samples are the pusher traces' (`net(at, video kbps, fps, netQualityLevel, every?)`: 360×640, GOP 2 s).

/** The names of the shipped player traces. */
export type PlayerTraceName = 'happy' | 'flaky-network' | 'stream-gone' | 'bad-url' | 'background';

/** Connected, stream begins, first key frame, playing, first frame rendered: how every play begins. */
const OPENING = [code(0, 2001), code(150, 2002), code(400, 2003), code(450, 2004), code(500, 2032)];
/** Healthy samples every 2 s from `at`. */
const healthy = (at: number) => net(at, 1100, 15, 1, 2000);
/** The native player's own reconnects from `at`, 2 s apart, that find nothing: three 2103s, then -2301 (it gives up). */
const gone = (at: number): TraceStep[] => [code(at, 2103), code(at + 2000, 2103), code(at + 4000, 2103), code(at + 6000, -2301)];

/** What a play plays while the broadcaster is away (the viewer online): connected, no stream, -2301. */
export const NO_STREAM: Trace = [code(0, 2001), ...gone(1000)];

/** The shipped player traces; the README lists each with its steps. */
export const PLAYER_TRACES: { readonly [N in PlayerTraceName]: Trace } = {
  happy: [...OPENING, healthy(1000)],
  'flaky-network': [
    ...OPENING,
    net(1000, 1100, 15, 1, 1000),
    code(3000, 2104),
    net(3200, 600, 12, 3, 1000),
    code(5000, 2105),
    code(5500, 2007),
    net(5600, 150, 4, 5, 1000),
    code(7000, 2103),
    net(7100, 0, 0, 6, 1000),
    code(9000, 2001),
    code(9400, 2004),
    net(10000, 700, 12, 2, 1000),
    healthy(13000),
  ],
  // The broadcaster stops at 5 s: no data while the viewer's network is fine, then -2301.
  'stream-gone': [...OPENING, healthy(1000), net(5000, 0, 0, 1), ...gone(6000)],
  'bad-url': [code(300, -2302, 'play URL refused: 403 Forbidden')],
  // Hidden at 4 s (frames stop), shown at 9 s (frames again).
  background: [...OPENING, healthy(1000), { at: 4000, page: 'hide' }, net(4100, 0, 0, 1), { at: 9000, page: 'show' }, healthy(9500)],
};
