/**
 * node-media-server, the optional peer dependency behind the ingest: found at run time so
 * `ts-pusher/server`'s signing works without it, and described by the few members the ingest
 * uses (read from node-media-server 4.4.3's sources; it ships no type declarations).
 */
import { createRequire } from 'module';
import type { Server as HttpServer } from 'http';
import type { Server } from 'net';
import { dirname, join } from 'path';
import { PusherError } from '../errors';

/** `require` of this file (the mini-program typings declare a `require` without `resolve`). */
const load = createRequire(__filename);

/** The package the ingest runs on. */
export const MEDIA_SERVER_PACKAGE = 'node-media-server';

/** A socket as far as the ingest needs one. */
export interface SocketLike {
  destroy(): void;
  once(event: 'close', listener: () => void): unknown;
}

/** A node-media-server session (`BaseSession` and its RTMP / FLV subclasses). */
export interface MediaSession {
  readonly id: string;
  /** `address:port` of the client; empty for internal sessions (record, relay). */
  readonly ip: string;
  /** `rtmp` or `flv`. */
  readonly protocol: string;
  readonly streamApp: string;
  readonly streamName: string;
  /** `/app/stream`. */
  readonly streamPath: string;
  /** The URL's query as `querystring.parse` (RTMP) or Express (FLV) read it. */
  readonly streamQuery: unknown;
  /** Ends the connection (RTMP: `socket.end()`). */
  close(): void;
  /** RTMP sessions. */
  readonly socket?: SocketLike;
  /** HTTP-FLV sessions. */
  readonly req?: { readonly socket?: SocketLike };
}

/** The events node-media-server 4 emits with a session. */
export type MediaEvent = 'prePublish' | 'postPublish' | 'donePublish' | 'prePlay' | 'postPlay' | 'donePlay';

/** Configuration keys the ingest sets (`Context.NmsConfig`). */
export interface MediaServerConfig {
  bind: string;
  rtmp: { port: number };
  http: { port: number };
  store: { path: string };
  webadmin: { enable: boolean };
}

/** A `NodeMediaServer` instance. */
export interface MediaServer {
  on(event: MediaEvent, listener: (session: MediaSession) => void): void;
  run(): Promise<void> | void;
  stop(): Promise<void> | void;
  readonly rtmpServer?: { readonly tcpServer?: Server };
  readonly httpServer?: { readonly httpServer?: HttpServer & { closeAllConnections?: () => void } };
}

/** The `NodeMediaServer` class. */
export type MediaServerClass = new (config: MediaServerConfig) => MediaServer;

/** node-media-server's logger singleton: every line goes through `log(message, level)`. */
export interface MediaLogger {
  log(message: unknown, level?: unknown): void;
}

/** A media packet as a publisher hands it on (`core/avpacket.js`): 8 audio, 9 video. */
export interface MediaPacket {
  readonly codec_type: number;
  readonly size: number;
}

/** What a publishing session knows of its stream, from the stream's metadata and its socket. */
export interface MediaPublisher {
  readonly id: string;
  /** FLV codec ids (7 H.264, 12 HEVC; 10 AAC), or a name some encoders write instead. */
  readonly videoCodec?: number | string;
  readonly videoWidth?: number;
  readonly videoHeight?: number;
  readonly videoFramerate?: number;
  readonly audioCodec?: number | string;
  readonly audioChannels?: number;
  readonly audioSamplerate?: number;
  /** Bytes received from the publisher. */
  readonly inBytes?: number;
}

/** One stream's fan-out (`server/broadcast_server.js`). */
export interface MediaBroadcast {
  readonly publisher: MediaPublisher | null;
  /** Called with every packet of the publisher; wrapped (never replaced) to count bytes by kind. */
  broadcastMessage?: (packet: MediaPacket) => void;
}

/** node-media-server's module-wide state (`core/context.js`): one server per process. */
export interface MediaContext {
  readonly eventEmitter: { removeListener(event: string, listener: (...args: never[]) => void): unknown };
  readonly sessions: { clear(): void };
  /** Streams by `/app/stream`. */
  readonly broadcasts: { clear(): void; get(path: string): MediaBroadcast | undefined };
}

/** The loaded package. */
export interface MediaServerModule {
  readonly NodeMediaServer: MediaServerClass;
  readonly version: string;
  /** Absent if a later version moves its internals; the ingest then does without. */
  readonly logger?: MediaLogger;
  readonly context?: MediaContext;
}

/** The error `ts-pusher ingest` turns into exit code 3. */
export function missingMediaServer(cause?: unknown): PusherError {
  return new PusherError({
    code: 'NOT_FOUND',
    category: 'usage',
    message: `${MEDIA_SERVER_PACKAGE} is not installed; the local ingest needs it`,
    messageZh: `未安装 ${MEDIA_SERVER_PACKAGE}，本地推流服务需要它`,
    advice: `install it: npm i -D ${MEDIA_SERVER_PACKAGE}`,
    adviceZh: `请安装：npm i -D ${MEDIA_SERVER_PACKAGE}`,
    cause: { missingPeer: MEDIA_SERVER_PACKAGE, error: cause },
  });
}

/** True for the error of a missing peer dependency. */
export function isMissingPeer(error: unknown): boolean {
  const cause = error instanceof PusherError ? (error.cause as { missingPeer?: unknown } | undefined) : undefined;
  return !!cause && cause.missingPeer === MEDIA_SERVER_PACKAGE;
}

/** Where node-media-server's entry file is: next to ts-pusher first, then in the current project. */
export function resolveMediaServer(): string | undefined {
  for (const paths of [undefined, [process.cwd()]]) {
    try {
      return paths ? load.resolve(MEDIA_SERVER_PACKAGE, { paths }) : load.resolve(MEDIA_SERVER_PACKAGE);
    } catch {
      // try the next place
    }
  }
  return undefined;
}

/** A module of the package by path (its internals have no `exports` map in 4.x), or undefined. */
function optionalRequire(file: string): unknown {
  try {
    return load(file);
  } catch {
    return undefined;
  }
}

/** node-media-server 4 uses Node 20 APIs; on older Node it would fail in obscure ways. */
function checkNodeVersion(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 20) return;
  throw new PusherError({
    code: 'UNSUPPORTED',
    category: 'usage',
    message: `The local ingest needs Node >= 20 (node-media-server 4); this is Node ${process.versions.node}`,
    messageZh: `本地推流服务需要 Node >= 20（node-media-server 4），当前为 Node ${process.versions.node}`,
    advice: 'Upgrade Node; signing and verifying work on Node 18 too.',
    adviceZh: '请升级 Node；签名与校验在 Node 18 上也可用。',
  });
}

/** Loads node-media-server, or throws `missingMediaServer()`. */
export function loadMediaServer(): MediaServerModule {
  const entry = resolveMediaServer();
  if (!entry) throw missingMediaServer();
  checkNodeVersion();
  const NodeMediaServer = load(entry) as unknown;
  if (typeof NodeMediaServer !== 'function') throw missingMediaServer(new Error(`${entry} does not export a class`));
  const root = dirname(entry);
  const pkg = optionalRequire(join(root, '..', 'package.json')) as { version?: unknown } | undefined;
  const logger = optionalRequire(join(root, 'core', 'logger.js')) as MediaLogger | undefined;
  const context = optionalRequire(join(root, 'core', 'context.js')) as MediaContext | undefined;
  return {
    NodeMediaServer: NodeMediaServer as MediaServerClass,
    version: pkg && typeof pkg.version === 'string' ? pkg.version : 'unknown',
    logger: logger && typeof logger.log === 'function' ? logger : undefined,
    context: context && context.eventEmitter && context.sessions && context.broadcasts ? context : undefined,
  };
}
