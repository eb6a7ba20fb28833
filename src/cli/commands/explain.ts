/** `ts-pusher explain`: what a `<live-pusher>` code means and what to do. */
import { CODE, describeCode, type CodeCategory, type CodeName } from '../../codes';
import { argumentError } from '../../errors';
import { print, type Command } from '../context';
import { EXIT } from '../help';

const KIND_ZH: { readonly [kind: string]: string } = { event: '事件', warning: '警告', fatal: '致命错误', unknown: '未知' };
const CATEGORY_ZH: { readonly [C in CodeCategory | 'unknown']: string } = {
  connection: '连接',
  network: '网络',
  device: '设备',
  permission: '权限',
  encoder: '编码',
  auth: '鉴权',
  lifecycle: '生命周期',
  room: '房间',
  screen: '录屏',
  media: '音视频',
  unknown: '未知',
};

/** What `explain` accepts: a code number or a constant name. */
function codeOf(arg: string): number | undefined {
  if (/^-?\d+$/.test(arg)) return Number(arg);
  return Object.prototype.hasOwnProperty.call(CODE, arg) ? CODE[arg as CodeName] : undefined;
}

/** `ts-pusher explain`. */
export const EXPLAIN_COMMAND: Command = {
  options: {},
  positionals: ['CODE'],
  check(args, context, problems) {
    const arg = args.positionals[0];
    if (codeOf(arg) === undefined) {
      problems.add(
        'CODE',
        argumentError(
          context.name,
          'CODE',
          'an integer (e.g. 3004, -1307) or a code name (PUSH_ERR_NET_DISCONNECT)',
          '整数（如 3004、-1307）或状态码名称（PUSH_ERR_NET_DISCONNECT）',
          arg,
        ),
      );
    }
  },
  async run(args, context) {
    const info = describeCode(codeOf(args.positionals[0]) as number);
    const unverified = info.unverified && info.kind !== 'unknown';
    const lines =
      context.lang === 'zh'
        ? [
            `${info.code} ${info.name}（${KIND_ZH[info.kind]}，${CATEGORY_ZH[info.category]}）${unverified ? '（未经官方确认）' : ''}`,
            info.messageZh,
          ]
        : [`${info.code} ${info.name} (${info.kind}, ${info.category})${unverified ? ' (unverified)' : ''}`, info.message];
    const advice = context.t(info.advice, info.adviceZh);
    if (advice) lines.push(context.t('Advice: ', '建议：') + advice);
    print(context, info, lines);
    return info.kind === 'unknown' ? EXIT.NO : EXIT.OK;
  },
};
