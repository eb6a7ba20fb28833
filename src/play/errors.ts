/**
 * The player's own error texts: the errors whose pusher wording names the wrong tag or the wrong
 * URL. Same class (`PusherError`) and codes as the pusher's; the texts ship in the player's part.
 */
import { PusherError, type PlayerErrorCode, type PusherErrorCategory } from '../errors';
import { fill, type Texts } from '../text';

/** The player's wording of a library error: `category|message|messageZh|advice|adviceZh`. */
const TEXTS: { readonly [C in 'NOT_FOUND' | 'URL_REFRESH_FAILED' | PlayerErrorCode]: `${PusherErrorCategory}|${Texts}` } = {
  STALLED:
    'network|No picture or sound for {ms} ms|{ms} 毫秒无画面和声音|Restarted by the stall policy; if it recurs, check the stream|卡顿策略已重播；反复出现时检查流',
  NOT_FOUND:
    'usage|No <ts-player> at {selector}|找不到 {selector} 的 <ts-player>|Check the id; call after onReady|检查 id，在 onReady 后调用',
  URL_REFRESH_FAILED:
    'auth|Play URL refresh ({reason}) failed: {detail}|播放地址刷新（{reason}）失败：{detail}|Return a new signed rtmp://, http(s)://….flv or room:// URL|返回新签名的 rtmp://、http(s)://….flv 或 room:// 地址',
};

/** A library error in the player's wording. */
export function playerError(code: keyof typeof TEXTS, params: Readonly<Record<string, string | number>>, cause?: unknown): PusherError {
  const [category, message, messageZh, advice, adviceZh] = TEXTS[code].split('|').map((text) => fill(text, params));
  return new PusherError({ code, category: category as PusherErrorCategory, message, messageZh, advice, adviceZh, cause });
}
