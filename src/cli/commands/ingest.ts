/** `ts-pusher ingest`: the local RTMP ingest, run until a signal (or the parent) stops it. */
import { checkKey, usageProblem } from '../../server/arguments';
import { startIngest, type IngestLogEntry } from '../../server/ingest';
import { checkListen, lanAddress } from '../../server/network';
import type { ParsedArgs } from '../args';
import { checkExpiryFlags, KEY, keyOf, PARENT_EXITED, print, STREAM, text, type Command, type Context } from '../context';
import { checkNotEmpty, checkPort, checkSeconds } from '../flags';
import { EXIT, type ExitCode } from '../help';
import type { Problems } from '../problems';

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
    problems.add(
      '--lan',
      usageProblem(
        `${name}: --lan and --host exclude each other (--lan picks the address)`,
        `${name}：--lan 与 --host 不能同时使用（--lan 会自动选择地址）`,
        'Keep one of them',
        '只保留其中一个',
      ),
    );
  } else if (lan) {
    host = lanAddress();
    hostFlag = '--lan';
    if (host === undefined) {
      problems.add(
        '--lan',
        usageProblem(
          `${name}: --lan needs a network interface (non-internal IPv4), and this machine has none`,
          `${name}：--lan 需要网络接口（非内部 IPv4），本机没有`,
          'Connect to the network, or leave out --lan',
          '请先联网，或去掉 --lan',
        ),
      );
    }
  }
  const env = context.io.env.TS_PUSHER_KEY;
  if (text(args, 'key') === undefined && env !== undefined) problems.check('TS_PUSHER_KEY', () => checkKey(name, env, '$TS_PUSHER_KEY'));
  if (text(args, 'ttl') !== undefined) checkExpiryFlags(args, context, problems, 86400);
  const rtmpPort = port(args, 'rtmp-port');
  const httpPort = port(args, 'http-port');
  if (rtmpPort !== undefined && rtmpPort !== 0 && rtmpPort === httpPort) {
    problems.add(
      '--http-port',
      usageProblem(
        `${name}: --http-port must differ from --rtmp-port, both are ${rtmpPort}`,
        `${name}：--http-port 须与 --rtmp-port 不同，现在都是 ${rtmpPort}`,
        'Pick another --http-port',
        '换一个 --http-port',
      ),
    );
    return;
  }
  if (problems.about('--lan') || problems.about('--host') || problems.about('--rtmp-port') || problems.about('--http-port')) return;
  // node-media-server exits the process on a listen error: learn about it here, by flag.
  // Any free port (0) tells whether the address is this machine's; then the ports themselves.
  const bind = host === undefined ? '127.0.0.1' : host;
  if ((await problems.settle(hostFlag, () => checkListen(name, hostFlag, hostFlag, bind, 0))) === undefined) return;
  for (const [flag, given, fallback] of [
    ['--rtmp-port', rtmpPort, 1935],
    ['--http-port', httpPort, 8000],
  ] as const) {
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
    else
      io.out(`${clock(entry.time)}  ${entry.event === 'server' ? 'node-media-server: ' : ''}${context.t(entry.message, entry.messageZh)}`);
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
    studio: !args.options['no-studio'],
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
  const loopback = ingest.host === '127.0.0.1' || ingest.host === '::1' || ingest.host === 'localhost';
  const page = ingest.studioUrl
    ? [
        t(`Studio page: ${ingest.studioUrl}`, `工作台页面：${ingest.studioUrl}`),
        loopback
          ? t('  (this machine only, like the streams)', '（与流一样，仅本机可访问）')
          : t(
              `  (as reachable as the streams: anyone who reaches ${ingest.host} port ${ingest.httpPort} can watch them and sign push URLs there)`,
              `（与流一样可被访问：能访问 ${ingest.host} 端口 ${ingest.httpPort} 的人都能观看并在此签发推流地址）`,
            ),
      ]
    : [];
  const banner = [
    '',
    ...page,
    ingest.keyGenerated ? key + generated : key,
    t(`Push URL for "${stream}" (paste it into the page's url):`, `"${stream}" 的推流地址（填入页面的 url）：`),
    `  ${pushUrl}`,
    t('Play:', '播放：'),
    `  flv   ${playUrls.flv}`,
    `  rtmp  ${playUrls.rtmp}`,
    t('More streams:', '其他流：') + ` npx ts-pusher sign --domain ${domain} --stream NAME --key ${ingest.key} --ttl 3600`,
  ];
  if (loopback) banner.push(t('Loopback only: a phone cannot reach it; use --lan for that.', '仅本机可访问：手机推流请加 --lan。'));
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
      studioUrl: ingest.studioUrl,
    },
    banner,
  );
  const reason = await io.untilStopped();
  if (!context.json) {
    const why = reason === PARENT_EXITED ? t('the parent process exited', '父进程已退出') : reason;
    io.out(t(`Stopping (${why})…`, `正在停止（${why}）…`));
  }
  await ingest.stop();
  return EXIT.OK;
}

/** `ts-pusher ingest`. */
export const INGEST_COMMAND: Command = {
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
    'no-studio': { type: 'boolean' },
  },
  positionals: [],
  check: checkIngest,
  run: runIngest,
};
