/**
 * `ts-pusher usersig`: a Tencent Cloud Chat UserSig for one user, for development and scripts
 * (an app's backend calls `genUserSig` from `ts-pusher/server` instead).
 */
import { checkKey } from '../server/arguments';
import { CHAT_KEY, checkSdkAppId, checkUserId, genUserSig } from '../server/usersig';
import type { OptionSpecs, ParsedArgs } from './args';
import { checkSeconds } from './flags';
import { EXIT, type ExitCode } from './help';
import { missingOption, type Problems } from './problems';

/** What the command needs of the CLI's context (commands.ts passes its own). */
interface UsersigContext {
  readonly io: { out(line: string): void; readonly env: { readonly [name: string]: string | undefined } };
  readonly json: boolean;
  readonly name: string;
}

/** A UserSig lives a day unless `--ttl` says otherwise: long enough to develop, short if it leaks. */
export const USERSIG_DEFAULT_TTL = 86400;

const value = (args: ParsedArgs, name: string): string | undefined => (typeof args.options[name] === 'string' ? (args.options[name] as string) : undefined);

/** The key from `--key`, else `$TS_PUSHER_IM_KEY` (never the push key `$TS_PUSHER_KEY`). */
const keyOf = (args: ParsedArgs, context: UsersigContext): string | undefined => {
  const key = value(args, 'key');
  return key !== undefined ? key : context.io.env.TS_PUSHER_IM_KEY;
};

const OPTIONS: OptionSpecs = {
  'sdk-app-id': { type: 'string', check: (command, flag, text) => checkSdkAppId(command, /^\d+$/.test(text) ? Number(text) : text, flag) },
  user: { type: 'string', check: (command, flag, text) => checkUserId(command, text, flag) },
  key: { type: 'string', check: (command, flag, text) => checkKey(command, text, flag, CHAT_KEY) },
  ttl: { type: 'string', check: checkSeconds },
};

/** `ts-pusher usersig`, in the shape of the CLI's commands. */
export const USERSIG_COMMAND = {
  options: OPTIONS,
  positionals: [] as string[],

  check(args: ParsedArgs, context: UsersigContext, problems: Problems): void {
    const wanted: [string, string, string][] = [
      ['sdk-app-id', 'the SDKAppID of the Chat application', '即时通信应用的 SDKAppID'],
      ['user', 'the user ID to sign for', '要签发的用户 ID'],
    ];
    for (const [name, what, whatZh] of wanted) {
      const flag = '--' + name;
      if (value(args, name) === undefined && !problems.about(flag)) problems.add(flag, missingOption(context.name, flag, what, whatZh));
    }
    if (value(args, 'key') !== undefined || problems.about('--key')) return;
    const fromEnv = context.io.env.TS_PUSHER_IM_KEY;
    if (fromEnv === undefined) problems.add('--key', missingOption(context.name, '--key', 'the Chat secret key; or set TS_PUSHER_IM_KEY', '即时通信密钥；也可设置 TS_PUSHER_IM_KEY'));
    else problems.check('TS_PUSHER_IM_KEY', () => checkKey(context.name, fromEnv, '$TS_PUSHER_IM_KEY', CHAT_KEY));
  },

  async run(args: ParsedArgs, context: UsersigContext): Promise<ExitCode> {
    const sdkAppId = Number(value(args, 'sdk-app-id'));
    const userId = value(args, 'user') as string;
    const ttl = value(args, 'ttl');
    const expireSeconds = ttl === undefined ? USERSIG_DEFAULT_TTL : Number(ttl);
    // One clock reading for the signature and the reported expiry.
    const now = Math.floor(Date.now() / 1000);
    const userSig = genUserSig({ sdkAppId, secretKey: keyOf(args, context) as string, userId, expireSeconds, now });
    const expiresAt = new Date((now + expireSeconds) * 1000).toISOString();
    context.io.out(context.json ? JSON.stringify({ userSig, sdkAppId, userId, expireSeconds, expiresAt }) : userSig);
    return EXIT.OK;
  },
};
