/**
 * `ts-pusher usersig`: a Tencent Cloud Chat UserSig for one user, for development and scripts
 * (an app's backend calls `genUserSig` from `ts-pusher/server` instead).
 */
import { checkKey } from '../../server/arguments';
import { CHAT_KEY, checkSdkAppId, checkUserId, genUserSig } from '../../server/usersig';
import type { ParsedArgs } from '../args';
import { need, text, type Command, type Context } from '../context';
import { checkSeconds } from '../flags';
import { EXIT } from '../help';
import { missingOption } from '../problems';

/** A UserSig lives a day unless `--ttl` says otherwise: long enough to develop, short if it leaks. */
export const USERSIG_DEFAULT_TTL = 86400;

/** The key from `--key`, else `$TS_PUSHER_IM_KEY` (never the push key `$TS_PUSHER_KEY`). */
function chatKeyOf(args: ParsedArgs, context: Context): string | undefined {
  const key = text(args, 'key');
  return key !== undefined ? key : context.io.env.TS_PUSHER_IM_KEY;
}

/** `ts-pusher usersig`. */
export const USERSIG_COMMAND: Command = {
  options: {
    'sdk-app-id': {
      type: 'string',
      check: (command, flag, value) => checkSdkAppId(command, /^\d+$/.test(value) ? Number(value) : value, flag),
    },
    user: { type: 'string', check: (command, flag, value) => checkUserId(command, value, flag) },
    key: { type: 'string', check: (command, flag, value) => checkKey(command, value, flag, CHAT_KEY) },
    ttl: { type: 'string', check: checkSeconds },
  },
  positionals: [],

  check(args, context, problems) {
    need(args, context, problems, {
      'sdk-app-id': ['the SDKAppID of the Chat application', '即时通信应用的 SDKAppID'],
      user: ['the user ID to sign for', '要签发的用户 ID'],
    });
    if (text(args, 'key') !== undefined || problems.about('--key')) return;
    const fromEnv = context.io.env.TS_PUSHER_IM_KEY;
    if (fromEnv === undefined)
      problems.add(
        '--key',
        missingOption(context.name, '--key', 'the Chat secret key; or set TS_PUSHER_IM_KEY', '即时通信密钥；也可设置 TS_PUSHER_IM_KEY'),
      );
    else problems.check('TS_PUSHER_IM_KEY', () => checkKey(context.name, fromEnv, '$TS_PUSHER_IM_KEY', CHAT_KEY));
  },

  async run(args, context) {
    const sdkAppId = Number(text(args, 'sdk-app-id'));
    const userId = text(args, 'user') as string;
    const ttl = text(args, 'ttl');
    const expireSeconds = ttl === undefined ? USERSIG_DEFAULT_TTL : Number(ttl);
    // One clock reading for the signature and the reported expiry.
    const now = Math.floor(Date.now() / 1000);
    const userSig = genUserSig({ sdkAppId, secretKey: chatKeyOf(args, context) as string, userId, expireSeconds, now });
    const expiresAt = new Date((now + expireSeconds) * 1000).toISOString();
    context.io.out(context.json ? JSON.stringify({ userSig, sdkAppId, userId, expireSeconds, expiresAt }) : userSig);
    return EXIT.OK;
  },
};
