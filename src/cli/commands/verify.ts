/** `ts-pusher verify`: checks a push URL as Tencent Cloud would. */
import { REFUSAL_TEXT, verifyPushUrl } from '../../server/verify';
import { KEY, keyOf, needPushKey, print, text, type Command } from '../context';
import { checkInstant, instantOf } from '../flags';
import { EXIT } from '../help';

/** `ts-pusher verify`. */
export const VERIFY_COMMAND: Command = {
  options: { ...KEY, now: { type: 'string', check: checkInstant } },
  positionals: ['URL'],
  check(args, context, problems) {
    needPushKey(args, context, problems);
  },
  async run(args, context) {
    const nowText = text(args, 'now');
    const now = nowText === undefined ? undefined : instantOf(nowText);
    const result = verifyPushUrl(args.positionals[0], keyOf(args, context, true) as string, { now });
    if (result.ok) {
      const when = result.expiresAt.toISOString();
      print(context, result, [
        context.t(`valid: ${result.app}/${result.stream}, expires ${when}`, `有效：${result.app}/${result.stream}，过期时间 ${when}`),
      ]);
      return EXIT.OK;
    }
    const [en, zh] = REFUSAL_TEXT[result.reason];
    print(context, { ...result, message: en, messageZh: zh }, [
      context.t(`refused: ${result.reason}: ${en}`, `拒绝：${result.reason}：${zh}`),
    ]);
    return EXIT.NO;
  },
};
