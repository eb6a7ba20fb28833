/** The options both rooms take, and the argument checks the rooms share. */
import { argumentError } from '../index';
import { isCount } from './wire';
import type { ChatSdk } from './sdk';

/** Options both rooms take. */
export interface RoomOptions {
  /** The Chat SDK module (`@tencentcloud/chat` or `tim-wx-sdk`), or an instance you created. */
  readonly sdk: ChatSdk;
  readonly SDKAppID: number;
  /** The AVChatRoom's group ID. */
  readonly groupID: string;
  readonly userID?: string;
  readonly userSig?: string;
  /** Called for a UserSig when none was given, and again when one expires. */
  readonly getUserSig?: () => string | Promise<string>;
  /** The host's status heartbeat in ms (default 15000); the audience counts `stale` from it. */
  readonly heartbeatMs?: number;
  /** Host: sent with every status so viewers can play; never the push URL. */
  readonly playUrl?: string;
  /** Audience: only statuses from this user count; others are ignored (`malformed`). */
  readonly hostID?: string;
}

/** The host's status heartbeat when `heartbeatMs` is not given. */
export const HEARTBEAT_MS = 15000;

/** The text options a room cannot go without (the host must log in, so it adds `userID`). */
export type RequiredText = 'groupID' | 'userID';

export const POSITIVE = 'a positive integer';
export const POSITIVE_ZH = '正整数';

/** A rejection with `INVALID_ARGUMENT`. */
export const invalid = (...args: Parameters<typeof argumentError>): Promise<never> => Promise.reject(argumentError(...args));

/** A non-empty string. */
export const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Checks the options; throws `INVALID_ARGUMENT` naming the first bad one. */
export function checkRoomOptions(method: string, o: RoomOptions, required: readonly RequiredText[]): void {
  const bad = (arg: string, expected: string, expectedZh: string, value: unknown): never => {
    throw argumentError(method, arg, expected, expectedZh, value);
  };
  const sdk = (o && o.sdk) as { create?: unknown; joinGroup?: unknown } | undefined;
  if (!sdk || (typeof sdk.create !== 'function' && typeof sdk.joinGroup !== 'function')) bad('sdk', 'a Chat SDK', 'IM SDK', sdk);
  if (!(isCount(o.SDKAppID) && o.SDKAppID > 0)) bad('SDKAppID', POSITIVE, POSITIVE_ZH, o.SDKAppID);
  for (const arg of ['groupID', 'userID', 'userSig', 'playUrl', 'hostID'] as const) {
    // Optional ones may be left out, but never given as an empty or non-string value.
    if ((o[arg] !== undefined || required.indexOf(arg as RequiredText) >= 0) && !isText(o[arg]))
      bad(arg, 'a non-empty string', '非空字符串', o[arg]);
  }
  if (o.userID && !o.userSig && typeof o.getUserSig !== 'function') bad('getUserSig', 'a function', '函数', o.getUserSig);
  if (o.heartbeatMs !== undefined && !(o.heartbeatMs >= 1000)) bad('heartbeatMs', 'at least 1000', '不小于 1000', o.heartbeatMs);
}
