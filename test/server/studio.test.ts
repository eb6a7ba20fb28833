/**
 * The studio page's server side without a browser: what it keeps about streams and refusals,
 * and how its HTTP routes answer (same-origin signing only, bilingual errors, the key never sent).
 */
import { request } from 'http';
import { startIngest, type Ingest } from '../../src/server/ingest';
import type { IngestLogEntry } from '../../src/server/ingest-log';
import type { MediaBroadcast, MediaContext, MediaPacket } from '../../src/server/media-server';
import { ENDED_KEEP_MS, StudioStreams } from '../../src/server/studio-streams';
import { verifyPushUrl } from '../../src/server/verify';

jest.setTimeout(30000);

const KEY = 'studio-unit-key-3a9e51';

function entry(event: IngestLogEntry['event'], fields: Partial<IngestLogEntry> = {}): IngestLogEntry {
  return { time: new Date(1_700_000_000_000), level: 'info', event, message: event, messageZh: event, ...fields };
}

describe('StudioStreams', () => {
  const playUrls = (app: string, stream: string) => ({
    flv: `http://h/${app}/${stream}.flv`,
    wsFlv: `ws://h/${app}/${stream}.flv`,
    rtmp: `rtmp://h/${app}/${stream}`,
  });

  it('lists a stream from publish, reads its figures and bitrates by kind each second, keeps it "ended" for a while', () => {
    const forwarded: MediaPacket[] = [];
    const publisher = {
      id: 'p1',
      videoCodec: 7,
      videoWidth: 640,
      videoHeight: 360,
      videoFramerate: 25,
      audioCodec: 10,
      audioSamplerate: 48000,
      audioChannels: 2,
      inBytes: 0,
    };
    const broadcast: MediaBroadcast = { publisher, broadcastMessage: (packet) => forwarded.push(packet) };
    const context = { broadcasts: new Map([['/live/cam', broadcast]]) } as unknown as MediaContext;
    const streams = new StudioStreams(context, playUrls);
    expect(streams.record(entry('publish', { stream: 'live/cam', client: '10.0.0.5:5000' }))).toBe(true);
    streams.sample(1000);
    // One second: 50 KB of video, 10 KB of audio, 61 KB on the socket.
    for (let i = 0; i < 50; i++) broadcast.broadcastMessage!({ codec_type: 9, size: 1000 });
    for (let i = 0; i < 10; i++) broadcast.broadcastMessage!({ codec_type: 8, size: 1000 });
    publisher.inBytes = 61000;
    streams.sample(2000);
    expect(forwarded).toHaveLength(60);
    const [live] = streams.snapshot().streams;
    expect(live).toMatchObject({
      path: 'live/cam',
      app: 'live',
      stream: 'cam',
      client: '10.0.0.5:5000',
      state: 'live',
      since: '2023-11-14T22:13:20.000Z',
      playUrls: playUrls('live', 'cam'),
    });
    expect(live.stats).toEqual({
      width: 640,
      height: 360,
      fps: 25,
      videoCodec: 'H.264',
      audioCodec: 'AAC',
      audioSampleRate: 48000,
      audioChannels: 2,
      videoKbps: 400,
      audioKbps: 80,
      totalKbps: 488,
    });

    const endedAt = new Date(1_700_000_010_000);
    expect(streams.record({ ...entry('unpublish', { stream: 'live/cam' }), time: endedAt })).toBe(true);
    streams.sample(endedAt.getTime() + ENDED_KEEP_MS);
    expect(streams.snapshot().streams[0]).toMatchObject({ state: 'ended', endedAt: endedAt.toISOString() });
    streams.sample(endedAt.getTime() + ENDED_KEEP_MS + 1);
    expect(streams.snapshot().streams).toEqual([]);
  });

  it('lists refusals newest first with the reason in both languages and what the phone saw, at most 50', () => {
    const streams = new StudioStreams(undefined, playUrls);
    for (let i = 0; i < 55; i++)
      streams.record(
        entry('refused', {
          stream: `live/s${i}`,
          reason: i % 2 ? 'expired' : 'bad-signature',
          url: `live/s${i}?txSecret=***&txTime=1`,
          client: '10.0.0.9:1',
        }),
      );
    const { refusals } = streams.snapshot();
    expect(refusals).toHaveLength(50);
    expect(refusals[0]).toMatchObject({
      path: 'live/s54',
      reason: 'bad-signature',
      phoneCode: 3004,
      url: 'live/s54?txSecret=***&txTime=1',
    });
    expect(refusals[0].text[0]).toMatch(/txSecret does not match/);
    expect(refusals[0].text[1]).toMatch(/[\u4e00-\u9fff]/);
    expect(streams.record(entry('play', { stream: 'live/s1' }))).toBe(false);
  });

  it('shows figures without bitrates by kind when the broadcast cannot be counted', () => {
    const publisher = { id: 'p', videoCodec: 'hvc1', videoWidth: 0, inBytes: 0 };
    const context = { broadcasts: new Map([['/live/x', { publisher }]]) } as unknown as MediaContext;
    const streams = new StudioStreams(context, playUrls);
    streams.record(entry('publish', { stream: 'live/x' }));
    streams.sample(0);
    publisher.inBytes = 1000;
    streams.sample(1000);
    expect(streams.snapshot().streams[0].stats).toEqual({ videoCodec: 'HEVC', totalKbps: 8 });
  });
});

describe('studio HTTP routes', () => {
  let ingest: Ingest;

  beforeAll(async () => {
    ingest = await startIngest({ key: KEY, rtmpPort: 0, httpPort: 0, studio: true });
  });
  afterAll(async () => {
    if (ingest) await ingest.stop();
  });

  function call(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: ingest.httpPort, method, path, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          // An event stream never ends: its first message is enough.
          if (path === '/studio/events' && text.includes('\n\n')) res.destroy();
        });
        res.on('close', () => resolve({ status: res.statusCode || 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }
  const json = { 'content-type': 'application/json' };

  it('serves the page at its address, and its event stream starts with the whole picture', async () => {
    expect(ingest.studioUrl).toBe(`http://127.0.0.1:${ingest.httpPort}/`);
    expect(ingest.studioMissing).toEqual([]);
    const page = await call('GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-push-url');
    const events = await call('GET', '/studio/events');
    expect(events.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(JSON.parse(events.body.replace(/^data: /, ''))).toEqual({ streams: [], refusals: [], notices: [], app: 'live' });
  });

  it('signs a push URL the ingest accepts, with a QR code, and never sends the key', async () => {
    const made = await call(
      'POST',
      '/studio/push-url',
      { ...json, origin: `http://127.0.0.1:${ingest.httpPort}` },
      JSON.stringify({ stream: 'cam2', ttl: 600 }),
    );
    expect(made.status).toBe(200);
    const body = JSON.parse(made.body) as { url: string; qr: string; expiresAt: string };
    expect(verifyPushUrl(body.url, KEY)).toMatchObject({ ok: true, stream: 'cam2' });
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(590000);
    expect(body.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    for (const path of ['/', '/studio/studio.js', '/studio/state', '/studio/events'])
      expect((await call('GET', path)).body).not.toContain(KEY);
    expect(made.body).not.toContain(KEY);
  });

  it('refuses to sign for another site, without JSON, or with a bad name or lifetime, in English and Chinese', async () => {
    const sign = (headers: Record<string, string>, body: unknown) => call('POST', '/studio/push-url', headers, JSON.stringify(body));
    const foreign = await sign({ ...json, origin: 'http://evil.example' }, { stream: 'x' });
    expect(foreign.status).toBe(403);
    expect((await sign({ ...json, host: `evil.example:${ingest.httpPort}` }, { stream: 'x' })).status).toBe(403);
    expect((await sign({ 'content-type': 'text/plain' }, { stream: 'x' })).status).toBe(415);
    expect((await sign(json, { stream: 'x', pad: 'x'.repeat(5000) })).status).toBe(413);
    expect((await call('POST', '/studio/push-url', json, '{not json')).status).toBe(400);
    const badName = await sign(json, { stream: 'a/b' });
    const badTtl = await sign(json, { stream: 'ok', ttl: 5 });
    for (const refused of [foreign, badName, badTtl]) {
      const { error } = JSON.parse(refused.body) as { error: { message: string; messageZh: string } };
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect([badName.status, badTtl.status]).toEqual([400, 400]);
    expect(badTtl.body).toContain('60');
    // A preflight gets no CORS answer from node-media-server's middleware: the route is ours.
    const preflight = await call('OPTIONS', '/studio/push-url', { origin: 'http://evil.example', 'access-control-request-method': 'POST' });
    expect(preflight.status).toBe(405);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    // DNS rebinding: a page under another host name gets nothing; addresses and localhost do.
    expect((await call('GET', '/studio/state', { host: `evil.example:${ingest.httpPort}` })).status).toBe(403);
    expect((await call('GET', '/studio/state', { host: `127.0.0.1.evil.example:${ingest.httpPort}` })).status).toBe(403);
    expect((await call('GET', '/studio/state', { host: `localhost:${ingest.httpPort + 1}` })).status).toBe(403);
    for (const host of ['localhost', '192.168.1.20', '[::1]'])
      expect((await call('GET', '/studio/state', { host: `${host}:${ingest.httpPort}` })).status).toBe(200);
  });

  it('leaves the other paths to node-media-server (HTTP-FLV starts there, not a studio 404)', async () => {
    const type = await new Promise<unknown>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: ingest.httpPort, path: '/live/nothing.flv' }, (res) => {
        resolve(`${res.statusCode} ${res.headers['content-type'] || ''}`);
        res.destroy();
      });
      req.on('error', reject);
      req.end();
    });
    // Ours would be a JSON 404 ("no such page"); node-media-server starts an FLV response.
    expect(type).toBe('200 ');
  });
});
