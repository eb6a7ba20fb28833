/**
 * A local RTMP ingest for development: node-media-server with Tencent-style publish
 * authentication, so the URL that works here works on Tencent Cloud and the other way round.
 */
import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify as stringifyQuery } from 'querystring';
import { pusherError } from '../errors';
import { redactUrl } from '../redact';
import { checkKey, checkName, invalid } from './arguments';
import {
  loadMediaServer,
  type MediaEvent,
  type MediaLogger,
  type MediaServerModule,
  type MediaSession,
  type SocketLike,
} from './media-server';
import { checkListen, lanAddress, urlHost } from './network';
import { signPushUrl } from './sign';
import { startStudio, type Studio } from './studio';
import type { MissingPeerNotice } from './studio-peers';
import type { IngestLogEntry, IngestLogLevel, IngestRefusalReason } from './ingest-log';
import { REFUSAL_TEXT, verifyPushParts } from './verify';

export type { IngestEvent, IngestLogEntry, IngestLogLevel, IngestRefusalReason } from './ingest-log';

/** How verbose node-media-server's own lines are (they arrive as `server` entries). */
export type MediaLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Options of `startIngest`. */
export interface IngestOptions {
  /** Push authentication key; a random one is made (and reported as `keyGenerated`) when absent. */
  readonly key?: string;
  /** Bind address; default `127.0.0.1` (loopback: nothing outside this machine can push). */
  readonly host?: string;
  /** Bind the first non-internal IPv4 address instead, so a phone on the same network can push. */
  readonly lan?: boolean;
  /** Host written into URLs; default the bind address (`127.0.0.1` when binding every interface). */
  readonly publicHost?: string;
  /** RTMP port; default 1935; 0 picks a free one. */
  readonly rtmpPort?: number;
  /** HTTP-FLV port; default 8000; 0 picks a free one. */
  readonly httpPort?: number;
  /** App name used by `pushUrl` and `playUrls`; default `live`. Pushes to any app are checked alike. */
  readonly app?: string;
  /** node-media-server's data folder; default a fresh temporary folder, removed on stop. */
  readonly dataDir?: string;
  /** Receives every log entry. */
  readonly onLog?: (entry: IngestLogEntry) => void;
  /** node-media-server's own lines passed to `onLog`; default `warn`. */
  readonly mediaLogLevel?: MediaLogLevel;
  /** Also serve the studio page (live pictures, refusals, a push URL maker) at `/` on the HTTP port; default false. */
  readonly studio?: boolean;
}

/** Play URLs of the local ingest (it serves RTMP, HTTP-FLV and WebSocket-FLV; no HLS or WebRTC). */
export interface IngestPlayUrls {
  readonly rtmp: string;
  readonly flv: string;
  readonly wsFlv: string;
}

/** A running ingest. */
export interface Ingest {
  /** The push authentication key. */
  readonly key: string;
  /** True when the key was generated (print it: nobody else knows it). */
  readonly keyGenerated: boolean;
  /** Bind address. */
  readonly host: string;
  /** Host written into URLs. */
  readonly publicHost: string;
  readonly rtmpPort: number;
  readonly httpPort: number;
  /** Default app name of `pushUrl` / `playUrls`. */
  readonly app: string;
  /** node-media-server's data folder. */
  readonly dataDir: string;
  /** node-media-server's version. */
  readonly mediaServerVersion: string;
  /** The studio page's address when `studio` was asked for. */
  readonly studioUrl?: string;
  /** Peers the studio page lacks (it works without them, showing what to install). */
  readonly studioMissing: readonly MissingPeerNotice[];
  /** A push URL this ingest accepts (and so would Tencent Cloud, with the same key and domain). */
  pushUrl(stream: string, ttlSeconds?: number): string;
  /** Where to watch a stream. */
  playUrls(stream: string): IngestPlayUrls;
  /** `app/stream` of every stream being pushed now. */
  publishing(): string[];
  /** Stops the server and closes every connection; safe to call twice. */
  stop(): Promise<void>;
}

const METHOD = 'startIngest';
/** node-media-server keeps its state in module singletons: one ingest per process. */
let running = false;

const LEVELS: readonly MediaLogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'silent'];

function checkPort(arg: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535) {
    invalid(METHOD, arg, 'a port number from 0 (pick a free one) to 65535', '0（自动选择空闲端口）到 65535 之间的端口号', value);
  }
  return value;
}

/** The socket to destroy and to watch for a session, RTMP or HTTP-FLV. */
function socketOf(session: MediaSession): SocketLike | undefined {
  return session.socket || (session.req && session.req.socket);
}

/** Resolves once a server listens, or after `ms` (node-media-server exits the process on a listen error). */
function listening(
  server: { listening: boolean; once(event: 'listening', fn: () => void): unknown } | undefined,
  ms: number,
): Promise<void> {
  if (!server || server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    server.once('listening', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Starts node-media-server on loopback (by default) and accepts only pushes `verifyPushUrl` accepts. */
export async function startIngest(options: IngestOptions = {}): Promise<Ingest> {
  const media = loadMediaServer();
  const keyGenerated = options.key === undefined;
  const key = keyGenerated ? randomBytes(16).toString('hex') : checkKey(METHOD, options.key);
  const app = checkName(METHOD, 'app', options.app === undefined ? 'live' : options.app);
  const mediaLevel = options.mediaLogLevel === undefined ? 'warn' : options.mediaLogLevel;
  if (!LEVELS.includes(mediaLevel)) invalid(METHOD, 'mediaLogLevel', LEVELS.join(', '), LEVELS.join('、'), mediaLevel);
  let host = options.host === undefined ? '127.0.0.1' : options.host;
  if (typeof host !== 'string' || host.length === 0) invalid(METHOD, 'host', 'an address to bind', '要绑定的地址', host);
  if (options.lan) {
    if (options.host !== undefined)
      invalid(METHOD, 'host', 'left out when lan is set (lan picks the address)', '在设置 lan 时省略（lan 会选择地址）', options.host);
    const lan = lanAddress();
    if (!lan)
      invalid(
        METHOD,
        'lan',
        'set only on a machine with a network (non-internal IPv4) interface',
        '仅在有网络接口（非内部 IPv4）的机器上使用',
        true,
      );
    host = lan;
  }
  const wildcard = host === '0.0.0.0' || host === '::';
  const publicHost = options.publicHost === undefined ? (wildcard ? '127.0.0.1' : host) : options.publicHost;
  const rtmpWanted = checkPort('rtmpPort', options.rtmpPort, 1935);
  const httpWanted = checkPort('httpPort', options.httpPort, 8000);
  if (rtmpWanted !== 0 && rtmpWanted === httpWanted) invalid(METHOD, 'httpPort', 'different from rtmpPort', '与 rtmpPort 不同', httpWanted);
  if (running) throw pusherError('INVALID_STATE', { method: METHOD, status: 'another ingest runs in this process' });
  running = true;
  const ownDataDir = options.dataDir === undefined;
  let dataDir = '';
  const logger = media.logger;
  try {
    // Probing frees the port again, so node-media-server can bind it just after; two picks of
    // port 0 can come back equal, hence the loop.
    // Binding once learns a port is free (0: picks one); node-media-server would exit the process instead.
    const rtmpPort = await checkListen(METHOD, 'host', 'rtmpPort', host, rtmpWanted);
    let httpPort = await checkListen(METHOD, 'host', 'httpPort', host, httpWanted);
    while (httpWanted === 0 && httpPort === rtmpPort) httpPort = await checkListen(METHOD, 'host', 'httpPort', host, 0);
    dataDir = ownDataDir ? mkdtempSync(join(tmpdir(), 'ts-pusher-ingest-')) : (options.dataDir as string);
    return await run({
      media,
      key,
      keyGenerated,
      app,
      host,
      publicHost,
      rtmpPort,
      httpPort,
      dataDir,
      ownDataDir,
      mediaLevel,
      onLog: options.onLog,
      studio: !!options.studio,
    });
  } catch (error) {
    running = false;
    if (logger) delete (logger as Partial<MediaLogger>).log;
    if (ownDataDir && dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Everything `startIngest` settled before starting the server. */
interface RunPlan {
  readonly media: MediaServerModule;
  readonly key: string;
  readonly keyGenerated: boolean;
  readonly app: string;
  readonly host: string;
  readonly publicHost: string;
  readonly rtmpPort: number;
  readonly httpPort: number;
  readonly dataDir: string;
  readonly ownDataDir: boolean;
  readonly mediaLevel: MediaLogLevel;
  readonly onLog?: (entry: IngestLogEntry) => void;
  readonly studio: boolean;
}

async function run(plan: RunPlan): Promise<Ingest> {
  const { media, key, app, host, publicHost, rtmpPort, httpPort, dataDir } = plan;
  const onLog = plan.onLog || (() => undefined);
  /** Listeners stay on node-media-server's emitter if its internals move; they go quiet instead. */
  let active = true;
  let studio: Studio | undefined;
  const log = (entry: Omit<IngestLogEntry, 'time'>): void => {
    const full: IngestLogEntry = { time: new Date(), ...entry, message: redactUrl(entry.message), messageZh: redactUrl(entry.messageZh) };
    if (studio) studio.record(full);
    onLog(full);
  };

  // node-media-server prints straight to the console; route its lines through the same redaction.
  const logger = media.logger;
  const threshold = LEVELS.indexOf(plan.mediaLevel);
  if (logger) {
    logger.log = (message: unknown, level?: unknown) => {
      const index = LEVELS.indexOf(level as MediaLogLevel);
      if ((index < 0 ? 1 : index) < threshold) return;
      const text = String(message);
      const entryLevel: IngestLogLevel = level === 'error' ? 'error' : level === 'warn' ? 'warn' : level === 'info' ? 'info' : 'debug';
      log({ level: entryLevel, event: 'server', message: text, messageZh: text });
    };
  }

  const nms = new media.NodeMediaServer({
    bind: host,
    rtmp: { port: rtmpPort },
    http: { port: httpPort },
    store: { path: dataDir },
    webadmin: { enable: false },
  });

  /** Publishing streams: stream path → session id; a publisher leaves when its socket closes. */
  const live = new Map<string, string>();
  const refused = new WeakSet<MediaSession>();
  const describe = (session: MediaSession): Pick<IngestLogEntry, 'stream' | 'url' | 'client'> => {
    const query =
      typeof session.streamQuery === 'object' && session.streamQuery ? stringifyQuery(session.streamQuery as Record<string, string>) : '';
    const stream = `${session.streamApp}/${session.streamName}`;
    return { stream, url: redactUrl(query ? `${stream}?${query}` : stream), client: session.ip };
  };
  const leave = (session: MediaSession): void => {
    if (live.get(session.streamPath) !== session.id) return;
    live.delete(session.streamPath);
    const about = describe(session);
    log({ level: 'info', event: 'unpublish', ...about, message: `push ended: ${about.stream}`, messageZh: `推流结束：${about.stream}` });
  };

  const listeners: Array<[MediaEvent, (session: MediaSession) => void]> = [
    [
      'prePublish',
      (session) => {
        const about = describe(session);
        const verdict = verifyPushParts({ app: session.streamApp, stream: session.streamName, query: session.streamQuery }, key);
        const reason: IngestRefusalReason | undefined = !verdict.ok
          ? verdict.reason
          : live.has(session.streamPath)
            ? 'stream-in-use'
            : undefined;
        if (reason) {
          refused.add(session);
          // Closing here refuses the push; destroying the socket too stops any bytes already in flight.
          session.close();
          const socket = socketOf(session);
          if (socket) socket.destroy();
          const [en, zh] = REFUSAL_TEXT[reason];
          log({
            level: 'warn',
            event: 'refused',
            reason,
            ...about,
            message: `refused push ${about.url} from ${session.ip}: ${reason}: ${en} (a device reports 3004)`,
            messageZh: `拒绝推流 ${about.url}（来自 ${session.ip}）：${reason}：${zh}（设备上表现为 3004）`,
          });
          return;
        }
        live.set(session.streamPath, session.id);
        const socket = socketOf(session);
        if (socket) socket.once('close', () => leave(session));
        log({
          level: 'info',
          event: 'publish',
          ...about,
          message: `push accepted: ${about.url} from ${session.ip}`,
          messageZh: `推流已接受：${about.url}（来自 ${session.ip}）`,
        });
      },
    ],
    // Without a socket to watch, node-media-server's own end of publish is the signal.
    ['donePublish', (session) => refused.has(session) || leave(session)],
    [
      'postPlay',
      (session) => {
        const about = describe(session);
        log({
          level: 'info',
          event: 'play',
          ...about,
          message: `playing ${about.stream} to ${session.ip} (${session.protocol})`,
          messageZh: `${session.ip} 开始播放 ${about.stream}（${session.protocol}）`,
        });
      },
    ],
  ];
  const guarded = listeners.map(([event, listener]): [MediaEvent, (session: MediaSession) => void] => [
    event,
    (session) => active && listener(session),
  ]);
  for (const [event, listener] of guarded) nms.on(event, listener);

  // node-media-server's store hooks SIGINT/SIGTERM to flush and re-kill the process; the
  // owner of the ingest decides how to stop (and stop() flushes the store), so they come off.
  const signalHooks = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  try {
    await nms.run();
  } finally {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const hook of process.listeners(signal)) if (!signalHooks[signal].includes(hook)) process.removeListener(signal, hook);
    }
  }
  const rtmpServer = nms.rtmpServer && nms.rtmpServer.tcpServer;
  const httpServer = nms.httpServer && nms.httpServer.httpServer;
  await Promise.all([listening(rtmpServer, 5000), listening(httpServer, 5000)]);
  const rtmpBase = `rtmp://${urlHost(publicHost)}:${rtmpPort}`;
  const httpBase = `${urlHost(publicHost)}:${httpPort}`;
  const pushUrl = (stream: string, ttlSeconds = 86400): string =>
    signPushUrl({ domain: `${urlHost(publicHost)}:${rtmpPort}`, app, stream, key, ttlSeconds });
  const playUrlsOf = (appName: string, stream: string): IngestPlayUrls => {
    const path = `${appName}/${checkName('playUrls', 'stream', stream)}`;
    return { rtmp: `${rtmpBase}/${path}`, flv: `http://${httpBase}/${path}.flv`, wsFlv: `ws://${httpBase}/${path}.flv` };
  };
  if (plan.studio && httpServer) {
    studio = startStudio({ server: httpServer, context: media.context, host, publicHost, httpPort, app, pushUrl, playUrls: playUrlsOf });
    for (const notice of studio.missing)
      log({
        level: 'warn',
        event: 'studio',
        message: `${notice.message}; ${notice.advice}`,
        messageZh: `${notice.messageZh}；${notice.adviceZh}`,
      });
  }
  log({
    level: 'info',
    event: 'listening',
    message: `listening: RTMP ${host}:${rtmpPort}, HTTP-FLV ${host}:${httpPort} (node-media-server ${media.version})`,
    messageZh: `已监听：RTMP ${host}:${rtmpPort}，HTTP-FLV ${host}:${httpPort}（node-media-server ${media.version}）`,
  });

  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    active = false;
    if (studio) studio.stop();
    studio = undefined;
    const context = media.context;
    if (context) for (const [event, listener] of guarded) context.eventEmitter.removeListener(event, listener);
    // HTTP-FLV players hold their response open; without this `close` would wait for them.
    if (httpServer && httpServer.closeAllConnections) httpServer.closeAllConnections();
    try {
      await nms.stop();
    } catch {
      // A half-started server still has to release its ports below.
    }
    // Ports must be free when stop() resolves, whatever the server version did above.
    for (const server of [rtmpServer, httpServer]) if (server && server.listening) server.close();
    if (httpServer && httpServer.closeAllConnections) httpServer.closeAllConnections();
    if (context) {
      // Stale publishers in their reconnect grace window must not leak into the next ingest.
      context.sessions.clear();
      context.broadcasts.clear();
    }
    if (logger) delete (logger as Partial<MediaLogger>).log;
    if (plan.ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    live.clear();
    running = false;
    log({ level: 'info', event: 'stopped', message: 'ingest stopped', messageZh: '推流服务已停止' });
  };

  return {
    key,
    keyGenerated: plan.keyGenerated,
    host,
    publicHost,
    rtmpPort,
    httpPort,
    app,
    dataDir,
    mediaServerVersion: media.version,
    studioUrl: studio && studio.url,
    studioMissing: studio ? studio.missing : [],
    pushUrl,
    playUrls: (stream) => playUrlsOf(app, stream),
    publishing: () => Array.from(live.keys(), (path) => path.slice(1)),
    stop: () => (stopping = stopping || stop()),
  };
}
