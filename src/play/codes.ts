/**
 * The catalogue of every code `<live-player>` reports in `bindstatechange`. It ships to phones,
 * so it is compact data parsed once at load, like the pusher's (../codes.ts); unlike a bare
 * string table, its rows are typed against `PlayerCodeNames`, so a missing or extra row, a row
 * whose name differs from its code's, or a warning without advice fails the type check.
 */
import { STATE_CODES, unknownCode, type CodeCategory, type CodeInfo, type UnknownCodeInfo } from '../codes';
import type { Short } from '../text';

/**
 * Code → stable name: Tencent's LiteAV names, except 2030 and 2032, which WeChat documents
 * without one (LiteAV's headers give these numbers to other events): the names are ours.
 */
export interface PlayerCodeNames {
  2001: 'PLAY_EVT_CONNECT_SUCC';
  2002: 'PLAY_EVT_RTMP_STREAM_BEGIN';
  2003: 'PLAY_EVT_RCV_FIRST_I_FRAME';
  2004: 'PLAY_EVT_PLAY_BEGIN';
  2005: 'PLAY_EVT_PLAY_PROGRESS';
  2006: 'PLAY_EVT_PLAY_END';
  2007: 'PLAY_EVT_PLAY_LOADING';
  2008: 'PLAY_EVT_START_VIDEO_DECODER';
  2009: 'PLAY_EVT_CHANGE_RESOLUTION';
  2030: 'PLAY_EVT_AUDIO_DEVICE_CHANGED';
  2032: 'PLAY_EVT_FIRST_FRAME_RENDERED';
  2101: 'PLAY_WARNING_VIDEO_DECODE_FAIL';
  2102: 'PLAY_WARNING_AUDIO_DECODE_FAIL';
  2103: 'PLAY_WARNING_RECONNECT';
  2104: 'PLAY_WARNING_RECV_DATA_LAG';
  2105: 'PLAY_WARNING_VIDEO_PLAY_LAG';
  2106: 'PLAY_WARNING_HW_ACCELERATION_FAIL';
  2107: 'PLAY_WARNING_VIDEO_DISCONTINUITY';
  2108: 'PLAY_WARNING_FIRST_IDR_HW_DECODE_FAIL';
  3001: 'PLAY_WARNING_DNS_FAIL';
  3002: 'PLAY_WARNING_SEVER_CONN_FAIL';
  3003: 'PLAY_WARNING_SHAKE_FAIL';
  3005: 'PLAY_WARNING_SERVER_DISCONNECT';
  '-2301': 'PLAY_ERR_NET_DISCONNECT';
  '-2302': 'PLAY_ERR_GET_RTMP_ACC_URL_FAIL';
}

type Numeric<K> = K extends `${infer N extends number}` ? N : K;

/** A code of the player's catalogue. */
export type PlayerCode = Numeric<keyof PlayerCodeNames>;
/** A stable constant name of the player's catalogue. */
export type PlayerCodeName = PlayerCodeNames[keyof PlayerCodeNames];

/** How serious a player code is: the prefix of its name says it (EVT, WARNING, ERR). */
export type PlayerCodeKind = 'event' | 'warning' | 'fatal';

/** What a player code is about (a subset of the pusher's categories). */
export type PlayerCodeCategory = Extract<CodeCategory, 'connection' | 'network' | 'device' | 'auth' | 'lifecycle' | 'media'>;

type CategoryLetter = 'c' | 'n' | 'd' | 'a' | 'l' | 'm';

/** Categories by their letter in the table. */
const CATEGORIES: { readonly [L in CategoryLetter]: PlayerCodeCategory } = {
  c: 'connection',
  n: 'network',
  d: 'device',
  a: 'auth',
  l: 'lifecycle',
  m: 'media',
};

/** Advice by key, `English|Chinese`: what the library does, and what is left to the app. */
const ADVICE = {
  e: 'The stream ended; play() to watch again|流已结束，可再次 play()',
  b: 'Shown as buffering; restarted after stallMs|显示为 buffering，超过 stallMs 重播',
  d: 'None; if frequent, lower the resolution|无需处理；频繁时降低分辨率',
  s: 'None: software decoding used|无需处理，已用软解',
  n: 'None; if frequent, use the live preset|无需处理；频繁时用 live 预设',
  r: 'Native reconnect, shown as reconnecting|自动重连，显示为 reconnecting',
  u: 'Retried; if it persists, check the domain and network|自动重试；持续时检查域名和网络',
  l:
    "Reconnect policy retries with backoff once online; if the viewer's network is fine, the broadcaster may have stopped|" +
    '重连策略联网后退避重播；观众网络正常时主播可能已停播',
  a: 'setSrcRefresher() gives a new signed URL; else re-sign txSecret/txTime|由 setSrcRefresher() 换新签名地址，否则重签 txSecret/txTime',
} as const;

type AdviceKey = keyof typeof ADVICE;
type Cells = `${CategoryLetter}|${string}|${string}`;

/** `P:REST` with `P` standing for the name's prefix: E PLAY_EVT_, W PLAY_WARNING_, X PLAY_ERR_. */
const PREFIXES = { E: 'PLAY_EVT_', W: 'PLAY_WARNING_', X: 'PLAY_ERR_' } as const;
const KINDS = { E: 'event', W: 'warning', X: 'fatal' } as const;
/** A row for the code named `N`: `P:REST|category|English|Chinese`, then `|advice` (events may omit it). */
type Row<N> =
  | `${Short<N, typeof PREFIXES>}|${Cells}|${AdviceKey}`
  | (N extends `PLAY_EVT_${string}` ? `${Short<N, typeof PREFIXES>}|${Cells}` : never);

const TABLE: { readonly [K in keyof PlayerCodeNames]: Row<PlayerCodeNames[K]> } = {
  2001: 'E:CONNECT_SUCC|c|=1001|',
  2002: 'E:RTMP_STREAM_BEGIN|c|Connected, stream started|已连接，开始拉流',
  2003: 'E:RCV_FIRST_I_FRAME|m|First key frame received|收到首个关键帧',
  2004: 'E:PLAY_BEGIN|l|Playback started|开始播放',
  2005: 'E:PLAY_PROGRESS|l|Playback progress|播放进度',
  2006: 'E:PLAY_END|l|Playback ended|播放结束|e',
  2007: 'E:PLAY_LOADING|l|Loading (buffering)|加载中（缓冲）|b',
  2008: 'E:START_VIDEO_DECODER|m|Decoder started|解码器已启动',
  2009: 'E:CHANGE_RESOLUTION|m|=1005|',
  2030: 'E:AUDIO_DEVICE_CHANGED|d|Audio output device changed|音频输出设备已改变',
  2032: 'E:FIRST_FRAME_RENDERED|m|First video frame rendered|首帧视频已渲染',
  2101: 'W:VIDEO_DECODE_FAIL|m|A video frame failed to decode|视频帧解码失败|d',
  2102: 'W:AUDIO_DECODE_FAIL|m|An audio frame failed to decode|音频帧解码失败|d',
  2103: 'W:RECONNECT|c|=1102||r',
  2104: 'W:RECV_DATA_LAG|n|Incoming data unstable|拉流数据不稳定|n',
  2105: 'W:VIDEO_PLAY_LAG|n|Playback stutters|播放卡顿|n',
  2106: 'W:HW_ACCELERATION_FAIL|d|Hardware decoding failed, software used|硬解失败，改用软解|s',
  2107: 'W:VIDEO_DISCONTINUITY|m|Video frames not continuous|视频帧不连续|d',
  2108: 'W:FIRST_IDR_HW_DECODE_FAIL|d|First key frame hardware decoding failed, software used|首个关键帧硬解失败，改用软解|s',
  3001: 'W:DNS_FAIL|c|=3001||u',
  3002: 'W:SEVER_CONN_FAIL|c|=3002||u',
  3003: 'W:SHAKE_FAIL|c|=3003||u',
  3005: 'W:SERVER_DISCONNECT|c|Read/write failed, retrying|读写失败，重试中|r',
  '-2301': 'X:NET_DISCONNECT|c|=-1307||l',
  '-2302': 'X:GET_RTMP_ACC_URL_FAIL|a|Could not get the play URL|获取播放地址失败|a',
};

/** One entry of the player's catalogue. */
export interface PlayerCodeInfo {
  readonly code: PlayerCode;
  /** Stable constant name. */
  readonly name: PlayerCodeName;
  readonly kind: PlayerCodeKind;
  readonly category: PlayerCodeCategory;
  /** English message. */
  readonly message: string;
  /** Chinese message. */
  readonly messageZh: string;
  /** What the library does and what is left to the app (warnings, fatal codes, 2006, 2007); empty otherwise. */
  readonly advice: string;
  /** 库会做什么、应用需做什么；其余进度事件为空。 */
  readonly adviceZh: string;
}

/** Every code of the player's catalogue, by number. */
export const PLAYER_CODES: { readonly [code: number]: PlayerCodeInfo | undefined } = {};
/** Constant name → code, e.g. `PLAYER_CODE.PLAY_ERR_NET_DISCONNECT === -2301`. */
export const PLAYER_CODE = {} as { readonly [N in PlayerCodeName]: PlayerCode };

for (const key of Object.keys(TABLE)) {
  const [name, category, text, textZh, adviceKey] = (TABLE as { [code: string]: string })[key].split('|');
  const prefix = name[0] as keyof typeof PREFIXES;
  const tips = adviceKey ? ADVICE[adviceKey as AdviceKey].split('|') : ['', ''];
  // `=n`: the pusher's code n says the same (its texts ship once, in the core).
  const same = text[0] === '=' && (STATE_CODES[+text.slice(1)] as CodeInfo);
  const info: PlayerCodeInfo = {
    code: +key as PlayerCode,
    name: (PREFIXES[prefix] + name.slice(2)) as PlayerCodeName,
    kind: KINDS[prefix],
    category: CATEGORIES[category as CategoryLetter],
    message: same ? same.message : text,
    messageZh: same ? same.messageZh : textZh,
    advice: tips[0],
    adviceZh: tips[1],
  };
  (PLAYER_CODES as Record<number, PlayerCodeInfo>)[info.code] = info;
  (PLAYER_CODE as Record<string, number>)[info.name] = info.code;
}

/**
 * The catalogue entry of a player code, or an `unknown` entry that keeps the code (2027, 2029
 * and 6000 are seen in the field); never throws.
 */
export function describePlayerCode(code: number): PlayerCodeInfo | UnknownCodeInfo {
  return (typeof code === 'number' && PLAYER_CODES[code]) || unknownCode(code);
}
