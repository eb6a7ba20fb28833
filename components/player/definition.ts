import { PLAYER_CODES } from '../../src/play/codes';
import { CallQueue } from '../../src/call-queue';
import { Timers } from '../../src/timer';

export function definePlayer(): void {
  const t = new Timers();
  const q = new CallQueue(() => null, () => 1, t, () => undefined);
  Component({ data: { n: Object.keys(PLAYER_CODES).length, q: !!q } });
}
