/**
 * The testing kit's traces: the emulation's (`TRACES`, shipped to phones) and two more that only
 * tests need, kept out of the phone bundle: `no-1002` (a base library that never sends 1002) and
 * `stream-in-use` (a second publisher on a live stream). Node only.
 */
import { TRACES, traceCode, traceNet, type TestTraceName, type Trace } from '../traces';

/** Every trace a test can name. */
export const TEST_TRACES: { readonly [N in TestTraceName]: Trace } = {
  ...TRACES,
  // The opening (camera, first frame, encoder, connected), then data but never 1002.
  'no-1002': [...TRACES.happy.slice(0, 4), traceNet(1000, 900, 15, 2, 2000)],
  'stream-in-use': [traceCode(0, 3004, 'stream already has a publisher'), traceCode(1000, 1102), traceCode(4000, -1307)],
};
