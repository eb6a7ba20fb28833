/**
 * The studio page `ts-pusher ingest` serves on its HTTP port, beside the HTTP-FLV streams:
 * the page and its assets, a server-sent event stream of what it shows, and a push URL maker
 * that signs on the server (the key never reaches the page). Requests it does not know go on
 * to node-media-server untouched.
 */
import { readFileSync } from 'fs';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import { isIP } from 'net';
import { join } from 'path';
import { isPusherError } from '../errors';
import { checkName, invalid } from './arguments';
import type { IngestLogEntry } from './ingest-log';
import type { MediaContext } from './media-server';
import { urlHost } from './network';
import { missingStudioPeers, mpegtsScript, qrCodeModule, type MissingPeerNotice } from './studio-peers';
import { StudioStreams, type StudioSnapshot, type StudioStream } from './studio-streams';

/** What the studio needs of the ingest. */
export interface StudioOptions {
  /** node-media-server's HTTP server (its request listener is kept for every other path). */
  readonly server: Server;
  readonly context: MediaContext | undefined;
  /** Bind address and port of the HTTP server. */
  readonly host: string;
  readonly publicHost: string;
  readonly httpPort: number;
  /** Default app of the page's URL maker. */
  readonly app: string;
  /** Signs a push URL (the ingest's own `pushUrl`). */
  pushUrl(stream: string, ttlSeconds: number): string;
  playUrls(app: string, stream: string): StudioStream['playUrls'];
}

/** The studio page of a running ingest. */
export interface Studio {
  /** The page's address. */
  readonly url: string;
  /** Peers that are missing, each with what the page lacks without it. */
  readonly missing: readonly MissingPeerNotice[];
  /** Takes one of the ingest's log entries. */
  record(entry: IngestLogEntry): void;
  /** Ends the event streams and the sampling. */
  stop(): void;
}

/** What the page receives on each change and each second. */
export interface StudioMessage extends StudioSnapshot {
  readonly notices: readonly MissingPeerNotice[];
  readonly app: string;
}

const ASSETS: { readonly [path: string]: readonly [file: string, type: string] } = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/studio/studio.js': ['studio.js', 'text/javascript; charset=utf-8'],
  '/studio/studio.css': ['studio.css', 'text/css; charset=utf-8'],
};
/** A push URL's lifetime from the page: at least a minute, at most a week. */
const TTL_RANGE = [60, 7 * 86400] as const;
const SAMPLE_MS = 1000;
const BODY_LIMIT = 4096;

/** Headers every studio answer carries: no caching, no framing, no guessing types. */
const SAFE = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' };

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...SAFE, 'content-type': type });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** A bilingual error answer, as the CLI reports problems. */
function sendProblem(res: ServerResponse, status: number, code: string, message: string, messageZh: string): void {
  sendJson(res, status, { error: { code, message, messageZh } });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > BODY_LIMIT) reject(new Error('body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

/** Serves the studio page on node-media-server's HTTP server. */
export function startStudio(options: StudioOptions): Studio {
  const { server } = options;
  const mpegts = mpegtsScript();
  const qrcode = qrCodeModule();
  const missing = missingStudioPeers({ mpegts: mpegts !== undefined, qrcode: qrcode !== undefined });
  const streams = new StudioStreams(options.context, options.playUrls);
  const clients = new Set<ServerResponse>();
  const url = `http://${urlHost(options.publicHost)}:${options.httpPort}/`;
  const assets = join(__dirname, 'studio');

  const message = (): string =>
    `data: ${JSON.stringify({ ...streams.snapshot(), notices: missing, app: options.app } as StudioMessage)}\n\n`;
  const broadcast = (): void => {
    if (clients.size === 0) return;
    const data = message();
    for (const res of clients) res.write(data);
  };
  const timer = setInterval(() => {
    streams.sample();
    broadcast();
  }, SAMPLE_MS);
  timer.unref();

  /**
   * The Host header a browser sends for this server: an address (any, so a wildcard bind works
   * from the network) or localhost, with this port. A DNS name is another site rebinding its
   * name to this machine to read the page or sign URLs.
   */
  const hostAllowed = (req: IncomingMessage): boolean => {
    const match = /^(\[[0-9a-f:.]+\]|[\d.]+|localhost):(\d+)$/.exec((req.headers.host || '').toLowerCase());
    return (
      !!match && Number(match[2]) === options.httpPort && (match[1] === 'localhost' || match[1].startsWith('[') || isIP(match[1]) === 4)
    );
  };

  const makePushUrl = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // A page of another site may not have URLs signed here: same origin, JSON only (which forces a CORS preflight nobody answers).
    const origin = req.headers.origin;
    if (!hostAllowed(req) || (origin !== undefined && origin !== `http://${req.headers.host}`)) {
      return sendProblem(res, 403, 'FORBIDDEN', 'push URLs are signed for the studio page only', '推流地址只为工作台页面签发');
    }
    if (!String(req.headers['content-type'] || '').startsWith('application/json')) {
      return sendProblem(
        res,
        415,
        'INVALID_ARGUMENT',
        'send JSON: {"stream": "demo", "ttl": 3600}',
        '请发送 JSON：{"stream": "demo", "ttl": 3600}',
      );
    }
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      return sendProblem(
        res,
        413,
        'INVALID_ARGUMENT',
        `send at most ${BODY_LIMIT} bytes of JSON`,
        `请发送不超过 ${BODY_LIMIT} 字节的 JSON`,
      );
    }
    let request: { stream?: unknown; ttl?: unknown };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return sendProblem(
        res,
        400,
        'INVALID_ARGUMENT',
        'send JSON: {"stream": "demo", "ttl": 3600}',
        '请发送 JSON：{"stream": "demo", "ttl": 3600}',
      );
    }
    try {
      const stream = checkName('studio', 'stream', request && request.stream);
      const ttl = request.ttl === undefined ? 3600 : request.ttl;
      if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < TTL_RANGE[0] || ttl > TTL_RANGE[1]) {
        invalid(
          'studio',
          'ttl',
          `whole seconds from ${TTL_RANGE[0]} to ${TTL_RANGE[1]}`,
          `${TTL_RANGE[0]} 到 ${TTL_RANGE[1]} 之间的整数秒`,
          ttl,
        );
      }
      const pushUrl = options.pushUrl(stream, ttl as number);
      const qr = qrcode ? await qrcode.toString(pushUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : undefined;
      sendJson(res, 200, {
        url: pushUrl,
        stream,
        expiresAt: new Date(Date.now() + (ttl as number) * 1000).toISOString(),
        qr: qr === undefined ? null : 'data:image/svg+xml;base64,' + Buffer.from(qr).toString('base64'),
      });
    } catch (error) {
      if (!isPusherError(error)) throw error;
      sendProblem(res, 400, error.code, error.message, error.messageZh);
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url || '/').split('?')[0];
    if (path !== '/' && !path.startsWith('/studio/')) return false;
    const method = req.method || 'GET';
    if (path === '/studio/push-url') {
      if (method !== 'POST') sendProblem(res, 405, 'INVALID_ARGUMENT', 'POST only', '仅支持 POST');
      else {
        makePushUrl(req, res).catch((error: unknown) => {
          if (res.headersSent) {
            res.end();
            return;
          }
          const why = error instanceof Error ? error.message : String(error);
          sendProblem(res, 500, 'UNEXPECTED', `could not sign the URL: ${why}`, `无法签发地址：${why}`);
        });
      }
      return true;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      sendProblem(res, 405, 'INVALID_ARGUMENT', 'GET only', '仅支持 GET');
      return true;
    }
    if (!hostAllowed(req)) {
      sendProblem(res, 403, 'FORBIDDEN', `open the page at ${url}`, `请打开 ${url}`);
      return true;
    }
    if (path === '/studio/events') {
      res.writeHead(200, { ...SAFE, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
      res.write(message());
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return true;
    }
    if (path === '/studio/state') {
      sendJson(res, 200, { ...streams.snapshot(), notices: missing, app: options.app });
      return true;
    }
    if (path === '/studio/mpegts.js') {
      if (mpegts) send(res, 200, 'text/javascript; charset=utf-8', readFileSync(mpegts));
      else sendJson(res, 404, { error: missing.find((notice) => notice.peer === 'mpegts.js') });
      return true;
    }
    const asset = Object.prototype.hasOwnProperty.call(ASSETS, path) ? ASSETS[path] : undefined;
    if (!asset) sendProblem(res, 404, 'NOT_FOUND', `no such page: ${path}`, `没有这个页面：${path}`);
    else send(res, 200, asset[1], readFileSync(join(assets, asset[0])));
    return true;
  };

  // Our paths first; everything else (the .flv streams) to node-media-server as before.
  const others = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    if (!handle(req, res)) for (const other of others) other.call(server, req, res);
  };
  server.on('request', listener);

  return {
    url,
    missing,
    record(entry) {
      if (streams.record(entry)) {
        streams.sample();
        broadcast();
      }
    },
    stop() {
      clearInterval(timer);
      for (const res of clients) res.end();
      clients.clear();
      server.removeListener('request', listener);
      for (const other of others) server.on('request', other);
    },
  };
}
