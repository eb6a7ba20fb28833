import type { CodeCategory } from './codes';
import { redactDeep, redactUrl, show } from './redact';
import { fill, type Texts } from './text';

/** Library error codes; native codes come as `STATE_<n>`. */
export type PusherErrorCode =
  | 'INVALID_STATE'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'NATIVE_FAIL'
  | 'PERMISSION_DENIED'
  | 'NOT_READY'
  | 'NOT_FOUND'
  | 'INVALID_ARGUMENT'
  | 'INVALID_PRESET'
  | 'UNSUPPORTED'
  | 'URL_REJECTED'
  | 'URL_REFRESH_FAILED'
  | RoomErrorCode
  | PlayerErrorCode
  | `STATE_${number}`;

/** Errors only `<ts-player>` reports; their texts ship in the player's part, not in the core. */
export type PlayerErrorCode = 'STALLED';

/** Errors of the live room (`ts-pusher/im`); their texts ship in the im bundle, not in the core. */
export type RoomErrorCode = 'IM_CLOSED' | 'IM_ANONYMOUS' | 'IM_TOO_LARGE' | 'IM_TIMEOUT' | 'IM_FAILED';

/** Category of a `PusherError`: a native code's category, or where a library error comes from. */
export type PusherErrorCategory = CodeCategory | 'usage' | 'unknown';

/** What a `PusherError` is made of. */
export interface PusherErrorInit {
  code: PusherErrorCode;
  category: PusherErrorCategory;
  message: string;
  messageZh: string;
  advice: string;
  adviceZh: string;
  /** The native code behind the error, if any. */
  nativeCode?: number | null;
  /** The native `errMsg` or detail. */
  cause?: unknown;
}

/** The one error type ts-pusher rejects and emits with. */
export class PusherError extends Error {
  readonly code: PusherErrorCode;
  readonly category: PusherErrorCategory;
  /** Chinese message. */
  readonly messageZh: string;
  /** What to do about it. */
  readonly advice: string;
  /** 处理建议。 */
  readonly adviceZh: string;
  readonly nativeCode?: number;
  /** The native `errMsg` or detail behind the error. */
  readonly cause?: unknown;

  /** Signatures in the texts and anywhere in `cause` are hidden here, once for every error. */
  constructor(init: PusherErrorInit) {
    super(redactUrl(init.message));
    this.name = 'PusherError';
    this.code = init.code;
    this.category = init.category;
    this.messageZh = redactUrl(init.messageZh);
    this.advice = init.advice;
    this.adviceZh = init.adviceZh;
    // `!= null`: a mapped event without a code hands over `code: null`.
    if (init.nativeCode != null) this.nativeCode = init.nativeCode;
    if (init.cause !== undefined) this.cause = redactDeep(init.cause);
  }
}

/**
 * Library errors, compact because they ship to phones:
 * `category|message|messageZh|advice|adviceZh` by code (a missing or extra code fails the type
 * check); `{x}` are parameters.
 */
const TABLE: { readonly [C in LibraryErrorCode | 'PRIVACY']: `${PusherErrorCategory}|${Texts}` } = {
  INVALID_STATE:
    'usage|{method}: not allowed while {status}|{method}：{status} 状态下不可调用|Check status or wait for statuschange|先检查 status 或等待 statuschange',
  TIMEOUT: 'connection|{method}: no answer in {ms} ms|{method}：{ms} 毫秒无响应|Check the network and URL|检查网络和推流地址',
  ABORTED: 'usage|{method}: cancelled by {by}|{method}：被 {by} 取消|None|无需处理',
  NATIVE_FAIL: 'unknown|{method} failed: {errMsg}|{method} 调用失败：{errMsg}|Check status and base library|检查 status 和基础库',
  NOT_READY: 'usage|{method}: component not ready|{method}：组件未就绪|Call after onReady, before unload|在 onReady 后、卸载前调用',
  NOT_FOUND: 'usage|No <{tag}> at {selector}|找不到 {selector} 的 <{tag}>|Check the id; call after onReady|检查 id，在 onReady 后调用',
  INVALID_ARGUMENT:
    'usage|{method}: {arg} must be {expected}, got {value}|{method}：{arg} 应为{expectedZh}，实为 {value}|Pass {expected}|请传入{expectedZh}',
  INVALID_PRESET: 'usage|Invalid preset: {detail}|预设无效：{detailZh}|Fix the fields named|修正所列字段',
  UNSUPPORTED: 'usage|{method}: WeChat too old|{method}：微信版本过低|Check wx.canIUse first|先用 wx.canIUse 判断',
  PERMISSION_DENIED:
    'permission|{scope} permission denied|{scopeZh}权限被拒绝|Call openPermissionSettings() from a tap|在点击事件中调用 openPermissionSettings()',
  PRIVACY:
    "permission|{scope} blocked by the privacy settings|{scopeZh}被隐私设置拦截|Declare it in the mini-program's privacy guide|在小程序隐私保护指引中声明",
  URL_REJECTED:
    'auth|Push URL refused ({code}): signature, expiry or stream in use|推流地址被拒（{code}）：签名、过期或流被占用|Re-sign (txSecret, txTime) via setUrlRefresher(); one pusher per stream|用 setUrlRefresher() 重新签名（txSecret、txTime）；一路流仅一端推',
  URL_REFRESH_FAILED:
    'auth|URL refresh ({reason}) failed: {detail}|地址刷新（{reason}）失败：{detail}|Return a new signed URL (txSecret, txTime)|返回新签名的地址（txSecret、txTime）',
};

const SCOPES_ZH: { readonly [scope: string]: string } = { camera: '摄像头', record: '麦克风' };

/** A library error code of the core table (not a native `STATE_<n>`, not a live-room code). */
export type LibraryErrorCode = Exclude<PusherErrorCode, `STATE_${number}` | RoomErrorCode | PlayerErrorCode>;

/** Builds a library `PusherError` from its catalogue entry (or the entry `extra.text`) and parameters. */
export function pusherError(
  code: LibraryErrorCode,
  params: Readonly<Record<string, string | number>> = {},
  cause?: unknown,
  extra: { text?: string; nativeCode?: number } = {},
): PusherError {
  // `tag`: NOT_FOUND names `<ts-pusher>` unless told another tag.
  const all = { scopeZh: SCOPES_ZH[params.scope] || '', tag: 'ts-pusher', ...params };
  const [category, message, messageZh, advice, adviceZh] = TABLE[(extra.text || code) as LibraryErrorCode]
    .split('|')
    .map((text) => fill(text, all));
  return new PusherError({
    code,
    category: category as PusherErrorCategory,
    message,
    messageZh,
    advice,
    adviceZh,
    nativeCode: extra.nativeCode,
    cause,
  });
}

/** True for a `PusherError` (also across realms, where `instanceof` fails). */
export function isPusherError(value: unknown): value is PusherError {
  return value instanceof PusherError || (!!value && (value as { name?: unknown }).name === 'PusherError');
}

/** The `INVALID_ARGUMENT` error (English and Chinese) for one argument of a method. */
export function argumentError(
  method: string,
  arg: string,
  expected: string,
  expectedZh: string,
  value: unknown,
  cause?: unknown,
): PusherError {
  return pusherError('INVALID_ARGUMENT', { method, arg, expected, expectedZh, value: show(value) }, cause);
}
