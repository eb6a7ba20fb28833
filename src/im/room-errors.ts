/**
 * The live room's errors: `PusherError`s whose bilingual texts live here, in the im bundle, so
 * the core bundle does not grow. Same compact `CODE|category|message|messageZh|advice|adviceZh`
 * rows as the core table, typed by code.
 */
import { PusherError, redactUrl, type PusherErrorCategory, type RoomErrorCode } from '../index';
import { cells, fill, type Texts } from '../text';

const TABLE: { readonly [C in RoomErrorCode]: `${PusherErrorCategory}|${Texts}` } = {
  IM_CLOSED: 'usage|{method}: room is {state}|{method}：直播间{state}|Use an open room|请先打开直播间',
  IM_ANONYMOUS: 'usage|{method}: anonymous viewer|{method}：匿名观众不能发送|Pass userID, userSig|传入 userID、userSig',
  IM_TOO_LARGE: 'usage|{method}: {bytes} B > 12 KB|{method}：{bytes} 字节超过 12 KB|Shorten it|请缩短',
  IM_TIMEOUT: 'network|{method}: not ready in {ms} ms|{method}：{ms} 毫秒未就绪|Check network, UserSig|检查网络和 UserSig',
  IM_FAILED: 'connection|{method} failed: {code} {reason}|{method} 失败：{code} {reason}|See Chat error {code}|查 IM 错误码 {code}',
};

/** A live-room `PusherError` from its table entry; an SDK error becomes `nativeCode` and `cause`. */
export function roomError(code: RoomErrorCode, params: Readonly<Record<string, string | number>>, cause?: { code?: unknown }): PusherError {
  const [category, message, messageZh, advice, adviceZh] = cells(TABLE[code]).map((text) => redactUrl(fill(text, params)));
  const nativeCode = cause && typeof cause.code === 'number' ? cause.code : undefined;
  return new PusherError({ code, category: category as PusherErrorCategory, message, messageZh, advice, adviceZh, nativeCode, cause });
}
