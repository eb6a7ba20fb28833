/** `ts-pusher play`: the play URLs of a stream, signed with a play key when one is given. */
import { checkDomain, usageProblem } from '../../server/arguments';
import { signPlayUrls } from '../../server/sign';
import { checkExpiryFlags, EXPIRY, KEY, keyOf, need, print, STREAM, text, type Command } from '../context';
import { expiryOptions } from '../flags';
import { EXIT } from '../help';

/** `ts-pusher play`. */
export const PLAY_COMMAND: Command = {
  options: {
    domain: { type: 'string', check: checkDomain },
    'play-domain': { type: 'string', check: checkDomain },
    ...STREAM,
    ...KEY,
    http: { type: 'boolean' },
    ...EXPIRY,
  },
  positionals: [],
  check(args, context, problems) {
    need(args, context, problems, {
      domain: ['the push domain, e.g. push.example.com', '推流域名，如 push.example.com'],
      stream: ['the stream name', '流名称'],
    });
    if (text(args, 'key') !== undefined) return checkExpiryFlags(args, context, problems, 86400);
    if (problems.about('--key')) return;
    // Unsigned play URLs never expire: an expiry without a key would be silently dropped.
    for (const name of ['ttl', 'expires', 'tx-time']) {
      if (text(args, name) === undefined) continue;
      const flag = '--' + name;
      problems.add(
        flag,
        usageProblem(
          `${context.name}: ${flag} needs --key (unsigned play URLs do not expire)`,
          `${context.name}：${flag} 需要配合 --key（未签名的播放地址不会过期）`,
          `Add --key PLAYKEY or leave out ${flag}`,
          `加上 --key 播放 Key，或去掉 ${flag}`,
        ),
      );
    }
  },
  async run(args, context) {
    // A play key differs from the push key, so $TS_PUSHER_KEY is not used here.
    const key = keyOf(args, context, false);
    const urls = signPlayUrls({
      domain: text(args, 'domain') as string,
      playDomain: text(args, 'play-domain'),
      app: text(args, 'app'),
      stream: text(args, 'stream') as string,
      key,
      secure: !args.options.http,
      ...(key === undefined ? {} : expiryOptions(args, 86400)),
    });
    print(context, urls, [`rtmp    ${urls.rtmp}`, `flv     ${urls.flv}`, `hls     ${urls.hls}`, `webrtc  ${urls.webrtc}`]);
    return EXIT.OK;
  },
};
