/**
 * The `ts-pusher` commands. Each returns an exit code and writes through `CliIo`, so tests run
 * them in-process; `bin.ts` only wires them to the real process.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { CODE, describeCode, type CodeName } from '../codes';
import { isPusherError, pusherError, type PusherError } from '../errors';
import { argumentError } from '../errors';
import { waitingImageHash } from '../server/image-hash';
import { startIngest, type IngestLogEntry } from '../server/ingest';
import { isMissingPeer } from '../server/media-server';
import { signPlayUrls, signPushUrl, signStream, type ExpiryOptions } from '../server/sign';
import { REFUSAL_TEXT, verifyPushUrl } from '../server/verify';
import { parseArgs, type OptionSpecs, type ParsedArgs } from './args';
import { COMMAND_HELP, EXIT, OVERVIEW, type ExitCode } from './help';
import { runUsersig, USERSIG_OPTIONS } from './usersig';

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
  run(args: ParsedArgs, context: Context): Promise<ExitCode>;
}

const GLOBAL: OptionSpecs = { json: { type: 'boolean' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } };
const EXPIRY: OptionSpecs = { ttl: { type: 'string' }, expires: { type: 'string' }, 'tx-time': { type: 'string' } };

function text(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}

function usageError(context: Context, arg: string, expected: string, expectedZh: string, value: unknown): PusherError {
  return argumentError(context.name, arg, expected, expectedZh, value);
}

/** `--ttl`, `--expires`, `--tx-time` as the API's options; `fallbackTtl` when none is given. */
function expiryOf(args: ParsedArgs, context: Context, fallbackTtl: number | undefined): ExpiryOptions {
  const ttl = text(args, 'ttl');
  const expires = text(args, 'expires');
  const txTime = text(args, 'tx-time');
  if (ttl !== undefined && !/^\d+$/.test(ttl)) throw usageError(context, '--ttl', 'a whole number of seconds', '整数秒数', ttl);
  let expiresAt: Date | number | undefined;
  if (expires !== undefined) {
    expiresAt = /^\d+$/.test(expires) ? Number(expires) : new Date(expires);
    if (expiresAt instanceof Date && isNaN(expiresAt.getTime())) {
      throw usageError(context, '--expires', 'unix seconds or an ISO date (2030-01-01T00:00:00Z)', 'Unix 秒数或 ISO 日期（2030-01-01T00:00:00Z）', expires);
    }
  }
  const none = ttl === undefined && expires === undefined && txTime === undefined;
  return {
    ttlSeconds: ttl !== undefined ? Number(ttl) : none ? fallbackTtl : undefined,
    expiresAt,
    txTime,
  };
}

/** `--key`, else `$TS_PUSHER_KEY` where the command allows it. */
function keyOf(args: ParsedArgs, context: Context, fromEnv: boolean): string | undefined {
  const key = text(args, 'key');
  return key !== undefined ? key : fromEnv ? context.io.env.TS_PUSHER_KEY : undefined;
}

/** Prints `value` as JSON, or `lines` for people. */
function print(context: Context, value: unknown, lines: readonly string[]): void {
  if (context.json) context.io.out(JSON.stringify(value));
  else for (const line of lines) context.io.out(line);
}

const KIND_ZH: { readonly [kind: string]: string } = { event: '事件', warning: '警告', fatal: '致命错误', unknown: '未知' };

/** The commands, by name. */
const COMMANDS: { readonly [name: string]: Command } = {
  sign: {
    options: { domain: { type: 'string' }, stream: { type: 'string' }, key: { type: 'string' }, app: { type: 'string' }, ...EXPIRY },
    positionals: [],
    async run(args, context) {
      const base = { domain: text(args, 'domain') as string, app: text(args, 'app'), stream: text(args, 'stream') as string, key: keyOf(args, context, true) as string };
      // One clock reading for both calls, so the URL and the reported txTime agree.
      const expiry = { ...expiryOf(args, context, 86400), now: Math.floor(Date.now() / 1000) };
      const url = signPushUrl({ ...base, ...expiry });
      const signature = signStream({ stream: base.stream, key: base.key, ...expiry });
      print(context, { url, domain: base.domain, app: base.app || 'live', stream: base.stream, txTime: signature.txTime, txSecret: signature.txSecret, expiresAt: signature.expiresAt }, [url]);
      return EXIT.OK;
    },
  },

  play: {
    options: { domain: { type: 'string' }, 'play-domain': { type: 'string' }, stream: { type: 'string' }, key: { type: 'string' }, app: { type: 'string' }, http: { type: 'boolean' }, ...EXPIRY },
    positionals: [],
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
        ...expiryOf(args, context, key === undefined ? undefined : 86400),
      });
      print(context, urls, [`rtmp    ${urls.rtmp}`, `flv     ${urls.flv}`, `hls     ${urls.hls}`, `webrtc  ${urls.webrtc}`]);
      return EXIT.OK;
    },
  },

  verify: {
    options: { key: { type: 'string' }, now: { type: 'string' } },
    positionals: ['URL'],
    async run(args, context) {
      const nowText = text(args, 'now');
      let now: Date | number | undefined;
      if (nowText !== undefined) {
        now = /^\d+$/.test(nowText) ? Number(nowText) : new Date(nowText);
        if (now instanceof Date && isNaN(now.getTime())) throw usageError(context, '--now', 'unix seconds or an ISO date', 'Unix 秒数或 ISO 日期', nowText);
      }
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
    async run(args, context) {
      const arg = args.positionals[0];
      let code: number;
      if (/^-?\d+$/.test(arg)) code = Number(arg);
      else if (Object.prototype.hasOwnProperty.call(CODE, arg)) code = CODE[arg as CodeName];
      else throw usageError(context, 'CODE', 'an integer (e.g. 3004, -1307) or a code name (PUSH_ERR_NET_DISCONNECT)', '整数（如 3004、-1307）或状态码名称（PUSH_ERR_NET_DISCONNECT）', arg);
      const info = describeCode(code);
      const unverified = info.unverified && info.kind !== 'unknown';
      const lines =
        context.lang === 'zh'
          ? [`${info.code} ${info.name}（${KIND_ZH[info.kind]}，${info.category}）${unverified ? '（未经官方确认）' : ''}`, info.messageZh]
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
    async run(args, context) {
      const file = args.positionals[0];
      const md5 = await waitingImageHash(file);
      print(context, { file, md5 }, [md5]);
      return EXIT.OK;
    },
  },

  ingest: {
    options: {
      key: { type: 'string' },
      host: { type: 'string' },
      lan: { type: 'boolean' },
      'rtmp-port': { type: 'string' },
      'http-port': { type: 'string' },
      stream: { type: 'string' },
      app: { type: 'string' },
      ttl: { type: 'string' },
      'data-dir': { type: 'string' },
      verbose: { type: 'boolean' },
    },
    positionals: [],
    run: runIngest,
  },

  usersig: { options: USERSIG_OPTIONS, positionals: [], run: runUsersig },
};

function port(args: ParsedArgs, context: Context, name: string): number | undefined {
  const value = text(args, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw usageError(context, '--' + name, 'a port from 0 to 65535', '0 到 65535 之间的端口号', value);
  return Number(value);
}

function clock(time: Date): string {
  return time.toTimeString().slice(0, 8);
}

async function runIngest(args: ParsedArgs, context: Context): Promise<ExitCode> {
  const { io } = context;
  const verbose = !!args.options.verbose;
  const ttl = text(args, 'ttl');
  if (ttl !== undefined && !/^\d+$/.test(ttl)) throw usageError(context, '--ttl', 'a whole number of seconds', '整数秒数', ttl);
  const stream = text(args, 'stream') || 'demo';
  const showEntry = (entry: IngestLogEntry): void => {
    if (entry.level === 'debug' && !verbose) return;
    if (context.json) io.out(JSON.stringify(entry));
    else io.out(`${clock(entry.time)}  ${context.t(entry.message, entry.messageZh)}`);
  };
  const ingest = await startIngest({
    key: keyOf(args, context, true),
    host: text(args, 'host'),
    lan: !!args.options.lan,
    rtmpPort: port(args, context, 'rtmp-port'),
    httpPort: port(args, context, 'http-port'),
    app: text(args, 'app'),
    dataDir: text(args, 'data-dir'),
    mediaLogLevel: verbose ? 'info' : 'warn',
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

/** Reports an error in both languages with its exit code; `--json` gets one object on stdout. */
function fail(error: unknown, io: CliIo, json: boolean, command: string | undefined): ExitCode {
  const code: ExitCode = isMissingPeer(error) ? EXIT.MISSING_PEER : isPusherError(error) && error.code === 'INVALID_ARGUMENT' ? EXIT.USAGE : EXIT.FAILURE;
  const known = isPusherError(error) ? error : undefined;
  const message = known ? known.message : error instanceof Error ? error.message : String(error);
  const detail = {
    code: known ? known.code : 'UNEXPECTED',
    message,
    messageZh: known ? known.messageZh : message,
    advice: known ? known.advice : '',
    adviceZh: known ? known.adviceZh : '',
  };
  if (json) {
    io.out(JSON.stringify({ ok: false, exitCode: code, error: detail }));
    return code;
  }
  io.err(`error: ${detail.message}`);
  if (detail.messageZh !== detail.message) io.err(`错误：${detail.messageZh}`);
  if (detail.advice) io.err(`${detail.advice} / ${detail.adviceZh}`);
  if (code === EXIT.USAGE) io.err(`See: ts-pusher ${command ? command + ' ' : ''}--help`);
  if (code === EXIT.FAILURE && error instanceof Error && error.stack && !known) io.err(error.stack);
  return code;
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
    const args = parseArgs(argv.slice(1), { ...command.options, ...GLOBAL }, `ts-pusher ${name}`);
    if (args.options.help) {
      io.out(COMMAND_HELP[name]);
      return EXIT.OK;
    }
    const lang = text(args, 'lang') === undefined ? 'en' : text(args, 'lang');
    if (lang !== 'en' && lang !== 'zh') throw argumentError(`ts-pusher ${name}`, '--lang', 'en or zh', 'en 或 zh', lang);
    if (args.positionals.length !== command.positionals.length) {
      const wanted = command.positionals.length ? command.positionals.join(' ') : 'nothing';
      throw argumentError(`ts-pusher ${name}`, 'arguments', wanted, command.positionals.length ? command.positionals.join(' ') : '无', args.positionals.join(' ') || 'nothing');
    }
    const context: Context = { io, json: !!args.options.json, lang, name: `ts-pusher ${name}`, t: (en, zh) => (lang === 'zh' ? zh : en) };
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
