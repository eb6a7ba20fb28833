/**
 * The studio page without its optional peers (mpegts.js, qrcode): the ingest still runs, says
 * in English and Chinese what to install, and the page gets the same notices.
 */
import { request } from 'http';
import { startIngest, type Ingest } from '../../src/server/ingest';
import type { IngestLogEntry } from '../../src/server/ingest-log';

jest.mock('../../src/server/studio-peers', () => ({
  ...jest.requireActual('../../src/server/studio-peers'),
  mpegtsScript: () => undefined,
  qrCodeModule: () => undefined,
}));

jest.setTimeout(30000);

const logs: IngestLogEntry[] = [];
let ingest: Ingest;

beforeAll(async () => {
  ingest = await startIngest({
    key: 'studio-missing-key-88c1',
    rtmpPort: 0,
    httpPort: 0,
    studio: true,
    onLog: (entry) => logs.push(entry),
  });
});
afterAll(async () => {
  if (ingest) await ingest.stop();
});

function call(method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: ingest.httpPort, method, path, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode || 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

it('logs one bilingual warning per missing peer, with the command that installs it', () => {
  const warnings = logs.filter((entry) => entry.level === 'warn');
  expect(warnings.map((entry) => entry.event)).toEqual(['studio', 'studio']);
  expect(warnings.map((entry) => entry.message)).toEqual([
    'studio page: mpegts.js is not installed, so the page shows no live pictures (streams are listed with their figures, without a picture); install it: npm i -D mpegts.js',
    'studio page: qrcode is not installed, so the page shows no QR codes of new push URLs (the URL and its copy button still work); install it: npm i -D qrcode',
  ]);
  for (const entry of warnings) expect(entry.messageZh).toMatch(/^工作台页面：未安装 \S+，.*请安装：npm i -D \S+$/);
  expect(ingest.studioMissing.map((notice) => notice.peer)).toEqual(['mpegts.js', 'qrcode']);
});

it('tells the page what is missing, answers the player script with the notice, and signs URLs without a QR code', async () => {
  const state = JSON.parse((await call('GET', '/studio/state')).body) as { notices: Array<{ peer: string; adviceZh: string }> };
  expect(state.notices.map((notice) => notice.peer)).toEqual(['mpegts.js', 'qrcode']);
  const script = await call('GET', '/studio/mpegts.js');
  expect(script.status).toBe(404);
  expect(JSON.parse(script.body)).toMatchObject({ error: { peer: 'mpegts.js', advice: 'install it: npm i -D mpegts.js' } });
  const made = JSON.parse((await call('POST', '/studio/push-url', JSON.stringify({ stream: 'cam' }))).body) as { url: string; qr: unknown };
  expect(made.url).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+\/live\/cam\?txSecret=/);
  expect(made.qr).toBeNull();
});
