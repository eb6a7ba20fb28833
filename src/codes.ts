/**
 * The catalogue of every code `<live-pusher>` reports: `bindstatechange` state codes and
 * `binderror` codes. It ships inside users' mini-programs, so it is compact data: one line
 * a code, names and advice shared by key, parsed once at load.
 */
import type { Short } from './text';

/** How serious a code is: progress, a warning the SDK recovers from, or a stopped push. */
export type CodeKind = 'event' | 'warning' | 'fatal';

/** What a code is about. */
export type CodeCategory =
  | 'connection'
  | 'network'
  | 'device'
  | 'permission'
  | 'encoder'
  | 'auth'
  | 'lifecycle'
  | 'room'
  | 'screen'
  | 'media';

/**
 * Code → stable constant name (Tencent's where it has one, the seed's spelling kept): the one
 * list of the catalogue's codes, which its table is typed against.
 */
export interface PusherCodeNames {
  1001: 'PUSH_EVT_CONNECT_SUCC';
  1002: 'PUSH_EVT_PUSH_BEGIN';
  1003: 'PUSH_EVT_OPEN_CAMERA_SUCC';
  1004: 'PUSH_EVT_SCREEN_CAPTURE_SUCC';
  1005: 'PUSH_EVT_CHANGE_RESOLUTION';
  1006: 'PUSH_EVT_CHANGE_BITRATE';
  1007: 'PUSH_EVT_FIRST_FRAME_AVAILABLE';
  1008: 'PUSH_EVT_START_VIDEO_ENCODER';
  1018: 'PUSH_EVT_ROOM_IN';
  1019: 'PUSH_EVT_ROOM_OUT';
  1020: 'PUSH_EVT_ROOM_USERLIST';
  1021: 'PUSH_WARNING_ROOM_NEED_REENTER';
  1022: 'PUSH_ERR_ROOM_ENTER_FAIL';
  1031: 'PUSH_EVT_ROOM_USER_ENTER';
  1032: 'PUSH_EVT_ROOM_USER_EXIT';
  1033: 'PUSH_EVT_ROOM_USER_VIDEO_STATE';
  1034: 'PUSH_EVT_ROOM_USER_AUDIO_STATE';
  1101: 'PUSH_WARNING_NET_BUSY';
  1102: 'PUSH_WARNING_RECONNECT';
  1103: 'PUSH_WARNING_HW_ACCELERATION_FAIL';
  1104: 'PUSH_WARNING_VIDEO_ENCODE_FAIL';
  1105: 'PUSH_WARNING_BEAUTY_ENCODER_FAIL';
  1106: 'PUSH_WARNING_BEAUTY_ENCODER_FAIL_2';
  1107: 'PUSH_WARNING_SWITCH_SWENC';
  3001: 'PUSH_WARNING_DNS_FAIL';
  3002: 'PUSH_WARNING_SEVER_CONN_FAIL';
  3003: 'PUSH_WARNING_SHAKE_FAIL';
  3004: 'PUSH_WARNING_SERVER_DISCONNECT';
  3005: 'PUSH_WARNING_READ_WRITE_FAIL';
  4998: 'PUSH_EVT_MIC_OFF';
  4999: 'PUSH_EVT_MIC_ON';
  5000: 'PUSH_WARNING_HANDUP_STOP';
  5001: 'PUSH_WARNING_FLOAT_WINDOW_CLOSED';
  '-1301': 'PUSH_ERR_OPEN_CAMERA_FAIL';
  '-1302': 'PUSH_ERR_OPEN_MIC_FAIL';
  '-1303': 'PUSH_ERR_VIDEO_ENCODE_FAIL';
  '-1304': 'PUSH_ERR_AUDIO_ENCODE_FAIL';
  '-1305': 'PUSH_ERR_UNSUPPORTED_RESOLUTION';
  '-1306': 'PUSH_ERR_UNSUPPORTED_SAMPLERATE';
  '-1307': 'PUSH_ERR_NET_DISCONNECT';
  '-1308': 'PUSH_ERR_SCREEN_CAPTURE_REFUSED';
  '-1309': 'PUSH_ERR_SCREEN_CAPTURE_UNSUPPORTED';
  '-1310': 'PUSH_ERR_SCREEN_CAPTURE_DISTURBED';
  '-1311': 'PUSH_ERR_MIC_RECORD_FAIL';
  '-1312': 'PUSH_ERR_SCREEN_CAPTURE_ORIENTATION_FAIL';
  '-1313': 'PUSH_ERR_INVALID_ADDRESS';
  '-1324': 'PUSH_ERR_CONNECT_SERVER_FAIL';
  '-1325': 'PUSH_ERR_NO_NETWORK';
  '-1326': 'PUSH_ERR_SERVER_REFUSED';
  10001: 'PUSH_ERR_CAMERA_DENIED';
  10002: 'PUSH_ERR_MIC_DENIED';
  10003: 'PUSH_ERR_BGM_LOAD_FAIL';
  10004: 'PUSH_ERR_WAITING_IMAGE_LOAD_FAIL';
}

/** Stable constant names. */
export type CodeName = PusherCodeNames[keyof PusherCodeNames];

/** Advice by key, `English|Chinese`: what the library does, and what is left to the app. */
const ADVICE = {
  n: 'Move near Wi-Fi or lower maxBitrate|靠近 Wi-Fi 或降低 maxBitrate',
  t: 'The SDK retries; show "reconnecting"|SDK 自动重试，可提示重连中',
  s: 'Check the network and URL|检查网络和推流地址',
  a: 'Re-sign via setUrlRefresher(); one pusher per stream|用 setUrlRefresher() 重新签名；一路流仅一端推',
  e: 'None; if frequent, lower mode or fps|无需处理；频繁时降低 mode 或 fps',
  x: 'start() again; if frequent, lower mode|重新 start()；频繁时降低 mode',
  l: 'The reconnect policy pushes again once online; if off, start()|重连策略联网后自动重推；关闭时 start()',
  d: 'Free the device, check permission, retry|释放设备、检查授权后重试',
  p: 'Call openPermissionSettings() from a tap|在点击事件中调用 openPermissionSettings()',
  b: 'Resumes on show (resumeOnShow); if off, start() in onShow|显示时自动恢复；关闭 resumeOnShow 时在 onShow 中 start()',
  c: 'Use the camera instead|改用摄像头',
  r: 'Enter the room again|重新进房',
  u: 'Set a signed rtmp:// URL|设置已签名的 rtmp:// 地址',
  f: 'Check the URL and domain whitelist|检查地址和域名白名单',
} as const;

type AdviceKey = keyof typeof ADVICE;

/** Name prefixes by letter; the letter also says the kind (`Y`: an `ERR`-named warning, 10003/10004). */
const PREFIXES = { E: 'PUSH_EVT_', W: 'PUSH_WARNING_', X: 'PUSH_ERR_', Y: 'PUSH_ERR_' } as const;
/** Kinds by letter; W and Y are warnings. */
const KINDS: { readonly [letter: string]: CodeKind } = { E: 'event', X: 'fatal' };
/** The categories; a row names one by its first letter (each is unique). */
const CATEGORIES = 'connection network device permission encoder auth lifecycle room screen media'.split(' ') as CodeCategory[];
type CategoryLetter = CodeCategory extends infer C ? (C extends `${infer L}${string}` ? L : never) : never;

/**
 * A row for the code named `N`: `P:REST|category|English|Chinese`, then `|advice key` for
 * warnings and fatal codes (events have none). `P` gives the prefix and the kind: E PUSH_EVT_
 * event, W PUSH_WARNING_ warning, X PUSH_ERR_ fatal, Y PUSH_ERR_ warning (10003/10004); category:
 * the first letter of a `CATEGORIES` entry. A missing or extra row, or a name that is not its code's, fails
 * the type check.
 */
type Row<N> =
  | (N extends `PUSH_EVT_${string}` ? never : `${Short<N, typeof PREFIXES>}|${CategoryLetter}|${string}|${string}|${AdviceKey}`)
  | (N extends `PUSH_EVT_${string}` ? `${Short<N, typeof PREFIXES>}|${CategoryLetter}|${string}|${string}` : never);

const TABLE: { readonly [K in keyof PusherCodeNames]: Row<PusherCodeNames[K]> } = {
  1001: 'E:CONNECT_SUCC|c|Connected to the server|已连接服务器',
  1002: 'E:PUSH_BEGIN|c|Pushing started|开始推流',
  1003: 'E:OPEN_CAMERA_SUCC|d|Camera opened|摄像头已打开',
  1004: 'E:SCREEN_CAPTURE_SUCC|s|Screen capture started|录屏已开始',
  1005: 'E:CHANGE_RESOLUTION|m|Resolution adjusted|分辨率已调整',
  1006: 'E:CHANGE_BITRATE|m|Bitrate adjusted|码率已调整',
  1007: 'E:FIRST_FRAME_AVAILABLE|m|First frame captured|首帧已采集',
  1008: 'E:START_VIDEO_ENCODER|e|Encoder started|编码器已启动',
  1018: 'E:ROOM_IN|r|Entered the room|已进房',
  1019: 'E:ROOM_OUT|r|Left the room|已退房',
  1020: 'E:ROOM_USERLIST|r|Room member list|房间成员列表',
  1021: 'W:ROOM_NEED_REENTER|r|Network changed|网络变化|r',
  1022: 'X:ROOM_ENTER_FAIL|r|Could not enter the room|进房失败|r',
  1031: 'E:ROOM_USER_ENTER|r|A member entered|有成员进房',
  1032: 'E:ROOM_USER_EXIT|r|A member left|有成员退房',
  1033: 'E:ROOM_USER_VIDEO_STATE|r|A member turned the camera on/off|有成员开关摄像头',
  1034: 'E:ROOM_USER_AUDIO_STATE|r|A member turned the mic on/off|有成员开关麦克风',
  1101: 'W:NET_BUSY|n|Uplink too slow|上行网速不足|n',
  1102: 'W:RECONNECT|c|Disconnected, reconnecting|网络断开，自动重连中|t',
  1103: 'W:HW_ACCELERATION_FAIL|e|Hardware encoder failed, software used|硬编码失败，改用软编码|e',
  1104: 'W:VIDEO_ENCODE_FAIL|e|A video frame failed to encode|视频帧编码失败|e',
  1105: 'W:BEAUTY_ENCODER_FAIL|e|Beauty encoder failed, old one used|美颜编码失败，改用旧编码|e',
  1106: 'W:BEAUTY_ENCODER_FAIL_2|e|Beauty encoder failed, old one used|美颜编码失败，改用旧编码|e',
  1107: 'W:SWITCH_SWENC|e|Encoder switched for performance|因性能切换编码器|e',
  3001: 'W:DNS_FAIL|c|DNS failed, retrying|DNS 解析失败，重试中|s',
  3002: 'W:SEVER_CONN_FAIL|c|Server connect failed, retrying|连接服务器失败，重试中|s',
  3003: 'W:SHAKE_FAIL|c|Handshake failed, retrying|握手失败，重试中|s',
  3004: 'W:SERVER_DISCONNECT|a|Server closed the connection|服务器主动断开|a',
  3005: 'W:READ_WRITE_FAIL|c|Read/write failed, will disconnect|读写失败，将断开|t',
  4998: 'E:MIC_OFF|d|Microphone turned off (iOS)|麦克风已关闭（iOS）',
  4999: 'E:MIC_ON|d|Microphone turned on (iOS)|麦克风已打开（iOS）',
  5000: 'W:HANDUP_STOP|l|Mini-program suspended, push stopped|小程序被挂起，推流停止|b',
  5001: 'W:FLOAT_WINDOW_CLOSED|l|Floating window closed, push stopped|悬浮窗关闭，推流停止|b',
  '-1301': 'X:OPEN_CAMERA_FAIL|d|Could not open the camera|打开摄像头失败|d',
  '-1302': 'X:OPEN_MIC_FAIL|d|Could not open the microphone|打开麦克风失败|d',
  '-1303': 'X:VIDEO_ENCODE_FAIL|e|Video encoding failed|视频编码失败|x',
  '-1304': 'X:AUDIO_ENCODE_FAIL|e|Audio encoding failed|音频编码失败|x',
  '-1305': 'X:UNSUPPORTED_RESOLUTION|e|Resolution unsupported|不支持的分辨率|x',
  '-1306': 'X:UNSUPPORTED_SAMPLERATE|e|Sample rate unsupported|不支持的采样率|x',
  '-1307': 'X:NET_DISCONNECT|c|Disconnected, reconnects failed|网络断开，重连失败|l',
  '-1308': 'X:SCREEN_CAPTURE_REFUSED|p|Screen capture refused|用户拒绝录屏|c',
  '-1309': 'X:SCREEN_CAPTURE_UNSUPPORTED|s|Screen capture unsupported|设备不支持录屏|c',
  '-1310': 'X:SCREEN_CAPTURE_DISTURBED|s|Screen capture interrupted|录屏被打断|c',
  '-1311': 'X:MIC_RECORD_FAIL|d|Microphone records no sound|麦克风采集不到声音|d',
  '-1312': 'X:SCREEN_CAPTURE_ORIENTATION_FAIL|s|Screen capture rotation failed|录屏横竖屏切换失败|c',
  '-1313': 'X:INVALID_ADDRESS|c|Invalid push URL|推流地址无效|u',
  '-1324': 'X:CONNECT_SERVER_FAIL|c|Server connect failed|连接服务器失败|s',
  '-1325': 'X:NO_NETWORK|n|No network|无网络|n',
  '-1326': 'X:SERVER_REFUSED|a|Server refused: signature, expiry or arrears|服务器拒绝：签名、过期或欠费|a',
  10001: 'X:CAMERA_DENIED|p|Camera permission denied|摄像头权限被拒|p',
  10002: 'X:MIC_DENIED|p|Microphone permission denied|麦克风权限被拒|p',
  10003: 'Y:BGM_LOAD_FAIL|m|Background music failed to load|背景音乐加载失败|f',
  10004: 'Y:WAITING_IMAGE_LOAD_FAIL|m|Waiting image failed to load|等待图片加载失败|f',
};

/** Codes no official page confirmed (kept from Tencent's headers and components). */
const UNVERIFIED = [5001, -1313, -1324, -1325];

/** One catalogue entry. */
export interface CodeInfo {
  /** The native code. */
  readonly code: number;
  /** Stable constant name. */
  readonly name: CodeName;
  readonly kind: CodeKind;
  readonly category: CodeCategory;
  /** English message. */
  readonly message: string;
  /** Chinese message. */
  readonly messageZh: string;
  /** What to do (warnings and fatal codes); empty for progress events. */
  readonly advice: string;
  /** 该怎么做（警告与致命错误）；进度事件为空。 */
  readonly adviceZh: string;
  /** True where no official page confirmed the code. */
  readonly unverified: boolean;
}

/** What `describeCode` answers for a code the catalogue does not hold. */
export interface UnknownCodeInfo {
  readonly code: number;
  readonly name: 'UNKNOWN';
  readonly kind: 'unknown';
  readonly category: 'unknown';
  readonly message: string;
  readonly messageZh: string;
  readonly advice: string;
  readonly adviceZh: string;
  readonly unverified: true;
}

/** Every code of the catalogue, by number. */
export const STATE_CODES: { readonly [code: number]: CodeInfo | undefined } = {};
/** Constant name → code, e.g. `CODE.PUSH_EVT_PUSH_BEGIN === 1002`. */
export const CODE = {} as { readonly [N in CodeName]: number };

/** An entry from its parts; `advice` is `English|Chinese` (`|` for none). */
function entry<I extends CodeInfo | UnknownCodeInfo>(
  code: number,
  name: I['name'],
  kind: I['kind'],
  category: I['category'],
  message: string,
  messageZh: string,
  advice: string,
  unverified: I['unverified'],
): I {
  const [en, zh] = advice.split('|');
  return { code, name, kind, category, message, messageZh, advice: en, adviceZh: zh, unverified } as I;
}

for (const key of Object.keys(TABLE)) {
  const [name, category, message, messageZh, adviceKey] = (TABLE as { readonly [code: string]: string })[key].split('|');
  const code = +key;
  const info = entry<CodeInfo>(
    code,
    (PREFIXES[name[0] as keyof typeof PREFIXES] + name.slice(2)) as CodeName,
    KINDS[name[0]] || 'warning',
    CATEGORIES.find((c) => c[0] === category) as CodeCategory,
    message,
    messageZh,
    ADVICE[adviceKey as AdviceKey] || '|',
    UNVERIFIED.indexOf(code) >= 0,
  );
  (STATE_CODES as Record<number, CodeInfo>)[code] = info;
  (CODE as Record<string, number>)[info.name] = code;
}

/** The `unknown` entry of a code no catalogue holds (the player's catalogue answers with it too). */
export function unknownCode(code: number): UnknownCodeInfo {
  // String(): a symbol must not throw either.
  const text = String(code);
  return entry<UnknownCodeInfo>(
    code,
    'UNKNOWN',
    'unknown',
    'unknown',
    'Unknown code ' + text,
    '未知状态码 ' + text,
    'Log the raw detail and report it|请记录原始 detail 并反馈',
    true,
  );
}

/** The catalogue entry of a code, or an `unknown` entry that keeps the code. */
export function describeCode(code: number): CodeInfo | UnknownCodeInfo {
  return (typeof code === 'number' && STATE_CODES[code]) || unknownCode(code);
}
