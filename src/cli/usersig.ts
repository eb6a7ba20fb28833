/**
 * `ts-pusher usersig`: a Tencent Cloud Chat UserSig for one user, for development and scripts
 * (an app's backend calls `genUserSig` from `ts-pusher/server` instead).
 */
import { argumentError } from '../errors';
import { genUserSig } from '../server/usersig';
import type { OptionSpecs, ParsedArgs } from './args';
import type { ExitCode } from './help';

/** What the command needs of the CLI's context (commands.ts passes its own). */
interface UsersigContext {
  readonly io: { out(line: string): void; readonly env: { readonly [name: string]: string | undefined } };
  readonly json: boolean;
  readonly name: string;
}

/** A UserSig lives a day unless `--ttl` says otherwise: long enough to develop, short if it leaks. */
const DEFAULT_TTL = 86400;

/** Options of `ts-pusher usersig`. */
export const USERSIG_OPTIONS: OptionSpecs = { 'sdk-app-id': { type: 'string' }, user: { type: 'string' }, key: { type: 'string' }, ttl: { type: 'string' } };

/** Help of `ts-pusher usersig`. */
export const USERSIG_HELP = `Usage: ts-pusher usersig --sdk-app-id N --user ID [--key KEY] [--ttl SECONDS]

Prints a Tencent Cloud Chat UserSig (TLS 2.0, as tls-sig-api-v2 computes it) that logs ID in
to the Chat application N: what ts-pusher/im's createHostRoom and watchRoom take as userSig.
Keep the key on servers: a mini-program gets UserSigs from your backend (genUserSig).

Options:
  --sdk-app-id N   the Chat application's SDKAppID
  --user ID        the user ID (printable ASCII without spaces, at most 32 bytes)
  --key KEY        the application's secret key (default: $TS_PUSHER_IM_KEY, which keeps it out of shell history)
  --ttl SECONDS    lifetime (default ${DEFAULT_TTL})
  --json           print one JSON object: userSig, sdkAppId, userId, expiresAt
  --lang en|zh     language of explanations (default en); errors always print both
  -h, --help       this help

Exit codes:
  0  done
  2  usage error (unknown option, missing or invalid value)`;

/** Runs `ts-pusher usersig`. */
export async function runUsersig(args: ParsedArgs, context: UsersigContext): Promise<ExitCode> {
  const value = (name: string) => (typeof args.options[name] === 'string' ? (args.options[name] as string) : undefined);
  const required = (name: string, expected: string, expectedZh: string, given = value(name)): string => {
    if (given === undefined || given === '') throw argumentError(context.name, '--' + name, expected, expectedZh, 'nothing');
    return given;
  };
  const appId = required('sdk-app-id', 'the SDKAppID', 'SDKAppID');
  const ttl = value('ttl');
  if (!/^[1-9]\d*$/.test(appId)) throw argumentError(context.name, '--sdk-app-id', 'a positive integer', '正整数', appId);
  if (ttl !== undefined && !/^[1-9]\d*$/.test(ttl)) throw argumentError(context.name, '--ttl', 'a positive whole number of seconds', '正整数秒数', ttl);
  const userId = required('user', 'a user ID', '用户 ID');
  const secretKey = required('key', 'the secret key (or set TS_PUSHER_IM_KEY)', '密钥（或设置 TS_PUSHER_IM_KEY）', value('key') === undefined ? context.io.env.TS_PUSHER_IM_KEY : value('key'));
  const expireSeconds = ttl === undefined ? DEFAULT_TTL : Number(ttl);
  // One clock reading for the signature and the reported expiry.
  const now = Math.floor(Date.now() / 1000);
  const userSig = genUserSig({ sdkAppId: Number(appId), secretKey, userId, expireSeconds, now });
  const expiresAt = new Date((now + expireSeconds) * 1000).toISOString();
  context.io.out(context.json ? JSON.stringify({ userSig, sdkAppId: Number(appId), userId, expireSeconds, expiresAt }) : userSig);
  return 0; // EXIT.OK (help.ts imports this file's help text, so no value import back)
}
