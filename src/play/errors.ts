/** The player's own error: `STALLED`, whose text ships in the player's part, not in the core. */
import { PusherError } from '../errors';

/** No picture and no sound for `ms`: the stall watch restarts playback (a reconnect attempt). */
export function stalledError(ms: number): PusherError {
  return new PusherError({
    code: 'STALLED',
    category: 'network',
    message: `No picture or sound for ${ms} ms`,
    messageZh: `${ms} 毫秒无画面和声音`,
    advice: 'Restarted; if it recurs, check the stream',
    adviceZh: '已重播；反复出现时检查流',
  });
}
