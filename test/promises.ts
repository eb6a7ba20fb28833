/**
 * Waiting helpers every jest project shares (unit rig, component set-up): fake time passing and
 * a promise that must reject. The testing kit's `advance` is the same `tick` for users.
 */
import type { PusherError } from '../src/index';

/** Lets fake time pass, running promise callbacks in between. */
export const tick = (ms = 0): Promise<void> => jest.advanceTimersByTimeAsync(ms);

/** The rejection of a promise, which must reject. */
export async function rejection<E = PusherError>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the promise to reject');
}
