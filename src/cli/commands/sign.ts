/** `ts-pusher sign`: a push URL signed as Tencent Cloud computes it. */
import { checkDomain } from '../../server/arguments';
import { signPushUrl, signStream } from '../../server/sign';
import { checkExpiryFlags, EXPIRY, KEY, keyOf, need, needPushKey, print, STREAM, text, type Command } from '../context';
import { expiryOptions } from '../flags';
import { EXIT } from '../help';

/** `ts-pusher sign`. */
export const SIGN_COMMAND: Command = {
  options: { domain: { type: 'string', check: checkDomain }, ...STREAM, ...KEY, ...EXPIRY },
  positionals: [],
  check(args, context, problems) {
    need(args, context, problems, {
      domain: ['the push domain, e.g. push.example.com', '推流域名，如 push.example.com'],
      stream: ['the stream name', '流名称'],
    });
    needPushKey(args, context, problems);
    checkExpiryFlags(args, context, problems, 86400);
  },
  async run(args, context) {
    const base = {
      domain: text(args, 'domain') as string,
      app: text(args, 'app'),
      stream: text(args, 'stream') as string,
      key: keyOf(args, context, true) as string,
    };
    // One clock reading for both calls, so the URL and the reported txTime agree.
    const expiry = { ...expiryOptions(args, 86400), now: Math.floor(Date.now() / 1000) };
    const url = signPushUrl({ ...base, ...expiry });
    const signature = signStream({ stream: base.stream, key: base.key, ...expiry });
    print(
      context,
      {
        url,
        domain: base.domain,
        app: base.app || 'live',
        stream: base.stream,
        txTime: signature.txTime,
        txSecret: signature.txSecret,
        expiresAt: signature.expiresAt,
      },
      [url],
    );
    return EXIT.OK;
  },
};
