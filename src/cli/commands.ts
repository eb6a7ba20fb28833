/**
 * The `ts-pusher` commands. Each returns an exit code and writes through `CliIo`, so tests run
 * them in-process; `bin.ts` only wires them to the real process.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { CODE, describeCode, type CodeCategory, type CodeName } from '../codes';
import { isPusherError, pusherError, type PusherError } from '../errors';
import { argumentError } from '../errors';
import { checkDomain, checkKey, checkName, checkTxTime, usageProblem } from '../server/arguments';
import { checkImageFile, hashImageFile } from '../server/image-hash';
import { startIngest, type IngestLogEntry } from '../server/ingest';
import { isMissingPeer } from '../server/media-server';
import { checkListen, lanAddress } from '../server/network';
import { expiryOf, signPlayUrls, signPushUrl, signStream } from '../server/sign';
import { REFUSAL_TEXT, verifyPushUrl } from '../server/verify';
import { parseArgs, type OptionSpecs, type ParsedArgs } from './args';
import { checkInstant, checkKeyFlag, checkLang, checkNotEmpty, checkPort, checkSeconds, EXPIRY_FLAGS, expiryOptions, instantOf } from './flags';
import { COMMAND_HELP, EXIT, OVERVIEW, type ExitCode } from './help';
import { missingOption, Problems, problemsOf } from './problems';
import { USERSIG_COMMAND } from './usersig';

/** Where the CLI reads and writes: the real process in `bin.ts`, a recorder in tests. */
export interface CliIo {
  /** Writes one line to stdout. */
  out(line: string): void;
  /** Writes one line to stderr. */
  err(line: string): void;
  /** Environment (`TS_PUSHER_KEY`, `TS_PUSHER_IM_KEY`). */
  readonly env: { readonly [name: string]: string | undefined };
  /** Resolves with a reason when a long-running command (ingest) should stop. */
  untilStopped(): Promise<string>;
}

/** Language of explanations. */
type Lang = 'en' | 'zh';

/** What every command gets besides its arguments. */
interface Context {
  readonly io: CliIo;
  readonly json: boolean;
  readonly lang: Lang;
  /** `ts-pusher sign`, for messages. */
  readonly name: string;
  /** English or Chinese by `--lang`. */
  t(en: string, zh: string): string;
}

/** A command: its options and what it does. */
interface Command {
  readonly options: OptionSpecs;
  /** How many positionals, with their names for messages. */
  readonly positionals: readonly string[];
  /** Adds every problem of the arguments that parsing could not see (missing, conflicting) before `run`. */
  check?(args: ParsedArgs, context: Context, problems: Problems): void | Promise<void>;
  run(args: ParsedArgs, context: Context): Promise<ExitCode>;
}

const GLOBAL: OptionSpecs = { json: { type: 'boolean' }, lang: { type: 'string', check: checkLang }, help: { type: 'boolean', short: 'h' } };
const EXPIRY: OptionSpecs = { ttl: { type: 'string', check: checkSeconds }, expires: { type: 'string', check: checkInstant }, 'tx-time': { type: 'string', check: checkTxTime } };
const KEY: OptionSpecs = { key: { type: 'string', check: checkKeyFlag } };
const STREAM: OptionSpecs = { stream: { type: 'string', check: checkName }, app: { type: 'string', check: checkName } };

function text(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}

function usageError(context: Context, arg: string, expected: string, expectedZh: string, value: unknown): PusherError {
  return argumentError(context.name, arg, expected, expectedZh, value);
}

/** `--key`, else `$TS_PUSHER_KEY` where the command allows it. */
function keyOf(args: ParsedArgs, context: Context, fromEnv: boolean): string | undefined {
  const key = text(args, 'key');
  return key !== undefined ? key : fromEnv ? context.io.env.TS_PUSHER_KEY : undefined;
}

/** Adds a problem for each required option in `wanted` that was not given (nor refused already). */
function need(args: ParsedArgs, context: Context, problems: Problems, wanted: { readonly [name: string]: readonly [string, string] }): void {
  for (const name of Object.keys(wanted)) {
    const flag = '--' + name;
    if (text(args, name) === undefined && !problems.about(flag)) problems.add(flag, missingOption(context.name, flag, ...wanted[name]));
  }
}

/** The push key must come from `--key` or a non-empty `$TS_PUSHER_KEY`. */
function needPushKey(args: ParsedArgs, context: Context, problems: Problems): void {
  if (text(args, 'key') !== undefined || problems.about('--key')) return;
  const fromEnv = context.io.env.TS_PUSHER_KEY;
  if (fromEnv === undefined) problems.add('--key', missingOption(context.name, '--key', 'the push authentication key; or set TS_PUSHER_KEY', '推流鉴权 Key；也可设置 TS_PUSHER_KEY'));
  else problems.check('TS_PUSHER_KEY', () => checkKey(context.name, fromEnv, '$TS_PUSHER_KEY'));
}

/** The expiry flags together: one at most, in the future, within what a txTime holds. */
function checkExpiryFlags(args: ParsedArgs, context: Context, problems: Problems, fallbackTtl: number): void {
  if (['--ttl', '--expires', '--tx-time'].some((flag) => problems.about(flag))) return;
  problems.check('--ttl', () => expiryOf(context.name, expiryOptions(args, fallbackTtl), EXPIRY_FLAGS));
}

/** Prints `value` as JSON, or `lines` for people. */
function print(context: Context, value: unknown, lines: readonly string[]): void {
  if (context.json) context.io.out(JSON.stringify(value));
  else for (const line of lines) context.io.out(line);
}

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

/** The commands, by name. */
const COMMANDS: { readonly [name: string]: Command } = {
  sign: {
    options: { domain: { type: 'string', check: checkDomain }, ...STREAM, ...KEY, ...EXPIRY },
    positionals: [],
    check(args, context, problems) {
      need(args, context, problems, { domain: ['the push domain, e.g. push.example.com', '推流域名，如 push.example.com'], stream: ['the stream name', '流名称'] });
      needPushKey(args, context, problems);
      checkExpiryFlags(args, context, problems, 86400);
    },
    async run(args, context) {
      const base = { domain: text(args, 'domain') as string, app: text(args, 'app'), stream: text(args, 'stream') as string, key: keyOf(args, context, true) as string };
      // One clock reading for both calls, so the URL and the reported txTime agree.
      const expiry = { ...expiryOptions(args, 86400), now: Math.floor(Date.now() / 1000) };
      const url = signPushUrl({ ...base, ...expiry });
      const signature = signStream({ stream: base.stream, key: base.key, ...expiry });
      print(context, { url, domain: base.domain, app: base.app || 'live', stream: base.stream, txTime: signature.txTime, txSecret: signature.txSecret, expiresAt: signature.expiresAt }, [url]);
      return EXIT.OK;
    },
  },

  play: {
    options: { domain: { type: 'string', check: checkDomain }, 'play-domain': { type: 'string', check: checkDomain }, ...STREAM, ...KEY, http: { type: 'boolean' }, ...EXPIRY },
    positionals: [],
    check(args, context, problems) {
      need(args, context, problems, { domain: ['the push domain, e.g. push.example.com', '推流域名，如 push.example.com'], stream: ['the stream name', '流名称'] });
      if (text(args, 'key') !== undefined) return checkExpiryFlags(args, context, problems, 86400);
      if (problems.about('--key')) return;
      // Unsigned play URLs never expire: an expiry without a key would be silently dropped.
      for (const name of ['ttl', 'expires', 'tx-time']) {
        if (text(args, name) === undefined) continue;
        const flag = '--' + name;
        problems.add(flag, usageProblem(`${context.name}: ${flag} needs --key (unsigned play URLs do not expire)`, `${context.name}：${flag} 需要配合 --key（未签名的播放地址不会过期）`, `Add --key PLAYKEY or leave out ${flag}`, `加上 --key 播放 Key，或去掉 ${flag}`));
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
  },

  verify: {
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
        print(context, result, [context.t(`valid: ${result.app}/${result.stream}, expires ${when}`, `有效：${result.app}/${result.stream}，过期时间 ${when}`)]);
        return EXIT.OK;
      }
      const [en, zh] = REFUSAL_TEXT[result.reason];
      print(context, { ...result, message: en, messageZh: zh }, [context.t(`refused: ${result.reason}: ${en}`, `拒绝：${result.reason}：${zh}`)]);
      return EXIT.NO;
    },
  },

  explain: {
    options: {},
    positionals: ['CODE'],
    check(args, context, problems) {
      const arg = args.positionals[0];
      if (codeOf(arg) === undefined) {
        problems.add('CODE', usageError(context, 'CODE', 'an integer (e.g. 3004, -1307) or a code name (PUSH_ERR_NET_DISCONNECT)', '整数（如 3004、-1307）或状态码名称（PUSH_ERR_NET_DISCONNECT）', arg));
      }
    },
    async run(args, context) {
      const info = describeCode(codeOf(args.positionals[0]) as number);
      const unverified = info.unverified && info.kind !== 'unknown';
      const lines =
        context.lang === 'zh'
          ? [`${info.code} ${info.name}（${KIND_ZH[info.kind]}，${CATEGORY_ZH[info.category]}）${unverified ? '（未经官方确认）' : ''}`, info.messageZh]
          : [`${info.code} ${info.name} (${info.kind}, ${info.category})${unverified ? ' (unverified)' : ''}`, info.message];
      const advice = context.t(info.advice, info.adviceZh);
      if (advice) lines.push(context.t('Advice: ', '建议：') + advice);
      print(context, info, lines);
      return info.kind === 'unknown' ? EXIT.NO : EXIT.OK;
    },
  },

  hash: {
    options: {},
    positionals: ['IMAGE'],
    async check(args, context, problems) {
      await problems.settle('IMAGE', () => checkImageFile(context.name, 'IMAGE', args.positionals[0]));
    },
    async run(args, context) {
      const file = args.positionals[0];
      const md5 = await hashImageFile(context.name, 'IMAGE', file);
      print(context, { file, md5 }, [md5]);
      return EXIT.OK;
    },
  },

  ingest: {
    options: {
      ...KEY,
      host: { type: 'string', check: checkNotEmpty },
      lan: { type: 'boolean' },
      'rtmp-port': { type: 'string', check: checkPort },
      'http-port': { type: 'string', check: checkPort },
      ...STREAM,
      ttl: { type: 'string', check: checkSeconds },
      'data-dir': { type: 'string', check: checkNotEmpty },
      verbose: { type: 'boolean' },
    },
    positionals: [],
    check: checkIngest,
    run: runIngest,
  },

  usersig: USERSIG_COMMAND,
};

function port(args: ParsedArgs, name: string): number | undefined {
  const value = text(args, name);
  return value === undefined ? undefined : Number(value);
}

/** Everything `startIngest` would refuse, named by flag, and the ports probed before starting. */
async function checkIngest(args: ParsedArgs, context: Context, problems: Problems): Promise<void> {
  const { name } = context;
  const lan = !!args.options.lan;
  let host = text(args, 'host');
  let hostFlag = '--host';
  if (lan && host !== undefined) {
    problems.add('--lan', usageProblem(`${name}: --lan and --host exclude each other (--lan picks the address)`, `${name}：--lan 与 --host 不能同时使用（--lan 会自动选择地址）`, 'Keep one of them', '只保留其中一个'));
  } else if (lan) {
    host = lanAddress();
    hostFlag = '--lan';
    if (host === undefined) {
      problems.add('--lan', usageProblem(`${name}: --lan needs a network interface (non-internal IPv4), and this machine has none`, `${name}：--lan 需要网络接口（非内部 IPv4），本机没有`, 'Connect to the network, or leave out --lan', '请先联网，或去掉 --lan'));
    }
  }
  const env = context.io.env.TS_PUSHER_KEY;
  if (text(args, 'key') === undefined && env !== undefined) problems.check('TS_PUSHER_KEY', () => checkKey(name, env, '$TS_PUSHER_KEY'));
  if (text(args, 'ttl') !== undefined) checkExpiryFlags(args, context, problems, 86400);
  const rtmpPort = port(args, 'rtmp-port');
  const httpPort = port(args, 'http-port');
  if (rtmpPort !== undefined && rtmpPort !== 0 && rtmpPort === httpPort) {
    problems.add('--http-port', usageProblem(`${name}: --http-port must differ from --rtmp-port, both are ${rtmpPort}`, `${name}：--http-port 须与 --rtmp-port 不同，现在都是 ${rtmpPort}`, 'Pick another --http-port', '换一个 --http-port'));
    return;
  }
  if (problems.about('--lan') || problems.about('--host') || problems.about('--rtmp-port') || problems.about('--http-port')) return;
  // node-media-server exits the process on a listen error: learn about it here, by flag.
  // Any free port (0) tells whether the address is this machine's; then the ports themselves.
  const bind = host === undefined ? '127.0.0.1' : host;
  if ((await problems.settle(hostFlag, () => checkListen(name, hostFlag, hostFlag, bind, 0))) === undefined) return;
  for (const [flag, given, fallback] of [['--rtmp-port', rtmpPort, 1935], ['--http-port', httpPort, 8000]] as const) {
    const wanted = given === undefined ? fallback : given;
    if (wanted !== 0) await problems.settle(flag, () => checkListen(name, hostFlag, flag, bind, wanted));
  }
}

function clock(time: Date): string {
  return time.toTimeString().slice(0, 8);
}

async function runIngest(args: ParsedArgs, context: Context): Promise<ExitCode> {
  const { io } = context;
  const verbose = !!args.options.verbose;
  const ttl = text(args, 'ttl');
  const stream = text(args, 'stream') || 'demo';
  const showEntry = (entry: IngestLogEntry): void => {
    if (context.json) io.out(JSON.stringify(entry));
    else io.out(`${clock(entry.time)}  ${entry.event === 'server' ? 'node-media-server: ' : ''}${context.t(entry.message, entry.messageZh)}`);
  };
  const ingest = await startIngest({
    key: keyOf(args, context, true),
    host: text(args, 'host'),
    lan: !!args.options.lan,
    rtmpPort: port(args, 'rtmp-port'),
    httpPort: port(args, 'http-port'),
    app: text(args, 'app'),
    dataDir: text(args, 'data-dir'),
    // node-media-server's own lines (its view of refused pushes included) only on request;
    // ours (accepted, refused, ended) always.
    mediaLogLevel: verbose ? 'info' : 'silent',
    onLog: showEntry,
  });
  let pushUrl: string;
  let playUrls: ReturnType<typeof ingest.playUrls>;
  try {
    pushUrl = ingest.pushUrl(stream, ttl === undefined ? 86400 : Number(ttl));
    playUrls = ingest.playUrls(stream);
  } catch (error) {
    await ingest.stop();
    throw error;
  }
  const domain = `${ingest.publicHost}:${ingest.rtmpPort}`;
  const t = context.t;
  const key = t(`Key: ${ingest.key}`, `密钥：${ingest.key}`);
  const generated = t('  (generated: pass --key or set TS_PUSHER_KEY to keep it)', '（随机生成：用 --key 或 TS_PUSHER_KEY 固定）');
  const banner = [
    '',
    ingest.keyGenerated ? key + generated : key,
    t(`Push URL for "${stream}" (paste it into the page's url):`, `"${stream}" 的推流地址（填入页面的 url）：`),
    `  ${pushUrl}`,
    t('Play:', '播放：'),
    `  flv   ${playUrls.flv}`,
    `  rtmp  ${playUrls.rtmp}`,
    t('More streams:', '其他流：') + ` npx ts-pusher sign --domain ${domain} --stream NAME --key ${ingest.key} --ttl 3600`,
  ];
  if (ingest.host === '127.0.0.1' || ingest.host === '::1') banner.push(t('Loopback only: a phone cannot reach it; use --lan for that.', '仅本机可访问：手机推流请加 --lan。'));
  banner.push(t('Ctrl-C stops.', '按 Ctrl-C 停止。'), '');
  print(
    context,
    {
      event: 'ready',
      host: ingest.host,
      rtmpPort: ingest.rtmpPort,
      httpPort: ingest.httpPort,
      key: ingest.key,
      keyGenerated: ingest.keyGenerated,
      app: ingest.app,
      stream,
      pushUrl,
      playUrls,
      mediaServerVersion: ingest.mediaServerVersion,
    },
    banner,
  );
  const reason = await io.untilStopped();
  if (!context.json) io.out(t(`Stopping (${reason})…`, `正在停止（${reason}）…`));
  await ingest.stop();
  return EXIT.OK;
}

/** The version in ts-pusher's package.json (two folders up from src/cli and dist/cli alike). */
function version(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string }).version || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** One problem as `--json` prints it. */
function detailOf(error: PusherError): { code: string; message: string; messageZh: string; advice: string; adviceZh: string } {
  return { code: error.code, message: error.message, messageZh: error.messageZh, advice: error.advice, adviceZh: error.adviceZh };
}

/**
 * Reports an error in both languages with its exit code, every usage problem of the run at
 * once; `--json` gets one object on stdout whose `problems` lists them one by one.
 */
function fail(error: unknown, io: CliIo, json: boolean, command: string | undefined): ExitCode {
  const code: ExitCode = isMissingPeer(error) ? EXIT.MISSING_PEER : isPusherError(error) && error.code === 'INVALID_ARGUMENT' ? EXIT.USAGE : EXIT.FAILURE;
  const known = isPusherError(error) ? error : undefined;
  const message = known ? known.message : error instanceof Error ? error.message : String(error);
  const detail = known ? detailOf(known) : { code: 'UNEXPECTED', message, messageZh: message, advice: '', adviceZh: '' };
  const problems = known ? problemsOf(known).map(detailOf) : [detail];
  if (json) {
    io.out(JSON.stringify({ ok: false, exitCode: code, error: detail, problems }));
    return code;
  }
  for (const problem of problems) {
    io.err(`error: ${problem.message}`);
    if (problem.messageZh !== problem.message) io.err(`错误：${problem.messageZh}`);
    if (problem.advice) io.err(`  ${problem.advice} / ${problem.adviceZh}`);
  }
  if (code === EXIT.USAGE) io.err(`See: ts-pusher ${command ? command + ' ' : ''}--help`);
  if (code === EXIT.FAILURE && error instanceof Error && error.stack && !known) io.err(error.stack);
  return code;
}

/** A positional argument missing or one too many, by the names of the command's usage. */
function positionalProblems(command: string, wanted: readonly string[], given: readonly string[], problems: Problems): void {
  const usage = `${command}${wanted.map((name) => ' ' + name).join('')} [options]`;
  for (const name of wanted.slice(given.length)) {
    problems.add(name, usageProblem(`${command}: ${name} is missing`, `${command}：缺少 ${name}`, `Write ${usage}`, `请写成 ${usage}`));
  }
  for (const extra of given.slice(wanted.length)) {
    const shown = JSON.stringify(extra);
    problems.add(extra, usageProblem(`${command}: unexpected argument ${shown}`, `${command}：多余的参数 ${shown}`, `Write ${usage}`, `请写成 ${usage}`));
  }
}

/** Runs `ts-pusher ARGV…` and resolves with its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const json = argv.includes('--json');
  let name = argv[0];
  if (name === 'help') {
    // `ts-pusher help sign` is `ts-pusher sign --help`.
    return runCli(argv[1] ? [argv[1], '--help'] : ['--help'], io);
  }
  if (name === undefined || name.startsWith('-')) {
    if (argv.includes('--version')) {
      io.out(version());
      return EXIT.OK;
    }
    const help = argv.includes('--help') || argv.includes('-h');
    if (help || name === undefined) {
      (help ? io.out : io.err)(OVERVIEW);
      return help ? EXIT.OK : EXIT.USAGE;
    }
    name = '';
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const names = Object.keys(COMMANDS).join(', ');
    return fail(pusherError('INVALID_ARGUMENT', { method: 'ts-pusher', arg: 'command', expected: `one of ${names}`, expectedZh: `以下之一：${names}`, value: JSON.stringify(argv[0]) }), io, json, undefined);
  }
  try {
    const full = `ts-pusher ${name}`;
    const problems = new Problems();
    const args = parseArgs(argv.slice(1), { ...command.options, ...GLOBAL }, full, problems);
    if (args.options.help) {
      io.out(COMMAND_HELP[name]);
      return EXIT.OK;
    }
    const lang = text(args, 'lang') === 'zh' ? 'zh' : 'en';
    positionalProblems(full, command.positionals, args.positionals, problems);
    const context: Context = { io, json: !!args.options.json, lang, name: full, t: (en, zh) => (lang === 'zh' ? zh : en) };
    // A command's own checks read its positionals: they run when those are all there.
    if (command.check && args.positionals.length === command.positionals.length) await command.check(args, context, problems);
    problems.throwIfAny();
    return await command.run(args, context);
  } catch (error) {
    return fail(error, io, json, name);
  }
}

/** The real process: stdout, stderr, the environment, SIGINT and SIGTERM. */
export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    env: process.env,
    untilStopped: () =>
      new Promise((resolve) => {
        let signals = 0;
        const onSignal = (signal: NodeJS.Signals): void => {
          signals++;
          // The first signal stops cleanly; a second one means "now".
          if (signals === 1) resolve(signal);
          else process.exit(signal === 'SIGINT' ? 130 : 143);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }),
  };
}
