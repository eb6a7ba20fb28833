/**
 * The studio page of `ts-pusher ingest` in a real browser: Debian's Chromium (headless, driven
 * by puppeteer-core), the built CLI, ffmpeg pushing a test pattern, all on loopback. It checks
 * what a person sees, measures first-frame time and end-to-end delay, and saves a screenshot
 * (.tmp/studio.png; docs/studio.png too with UPDATE_SCREENSHOT=1).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import jsQR from 'jsqr';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { verifyPushUrl } from '../../src/server/verify';
import { COUNTED, FFMPEG, killAll, push, pushCounted, start, until, type Running } from './media-tools';

jest.setTimeout(90000);

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'dist/cli/bin.js');
const CHROMIUM = '/usr/bin/chromium';
const KEY = 'studio-e2e-key-7d41b9';
const PROBE = readFileSync(join(__dirname, 'fixtures', 'studio-probe.js'), 'utf8');
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
  '--mute-audio',
];

let ingest: Running;
let browser: Browser | undefined;
let page: Page;
let profile: string;
let ready: { studioUrl: string; pushUrl: string; httpPort: number };

function events(): Array<Record<string, unknown>> {
  return ingest
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** What the page shows in the browser, read in the page. */
const inPage = <T>(expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (apt-get install -y chromium fonts-liberation)`);
  const env = { ...process.env };
  delete env.TS_PUSHER_KEY;
  ingest = start(
    process.execPath,
    [BIN, 'ingest', '--rtmp-port', '0', '--http-port', '0', '--key', KEY, '--stream', 'studio_e2e', '--json'],
    80000,
    env,
  );
  await until(() => events().some((event) => event.event === 'ready'), 15000, 'the ingest to be ready');
  ready = events().find((event) => event.event === 'ready') as typeof ready;
  profile = mkdtempSync(join(tmpdir(), 'ts-pusher-chromium-'));
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    args: [...FLAGS, `--user-data-dir=${profile}`],
    defaultViewport: { width: 1100, height: 720 },
  });
  page = await browser.newPage();
  await page.evaluateOnNewDocument(PROBE);
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
});

afterAll(async () => {
  if (browser) await browser.close();
  killAll();
  if (ingest) {
    ingest.child.kill('SIGTERM');
    await ingest.done;
  }
  if (profile) rmSync(profile, { recursive: true, force: true });
});

it('serves the studio page at the address it prints, on the HTTP-FLV port, loopback only', () => {
  expect(ready.studioUrl).toBe(`http://127.0.0.1:${ready.httpPort}/`);
});

it('shows a pushed stream live with a decoding picture, refusals with their reason, and a QR code of a URL it accepts', async () => {
  await page.goto(ready.studioUrl, { waitUntil: 'load' });
  await page.waitForSelector('#connection[data-text="connected"]', { timeout: 5000 });

  // A stream appears within 5 s of the push starting, and its <video> decodes the pushed picture.
  const pushedAt = Date.now();
  // Pushes until stopped below (60 s at most).
  const pushing = pushCounted(ready.pushUrl, 60);
  await page.waitForSelector('[data-stream="studio_e2e"] video', { timeout: 5000 });
  const appearedMs = Date.now() - pushedAt;
  const decoded = async (): Promise<{ frames: number; width: number }> =>
    inPage(
      `(() => { const v = document.querySelector('[data-stream="studio_e2e"] video'); return { frames: v.getVideoPlaybackQuality().totalVideoFrames, width: v.videoWidth }; })()`,
    );
  await page.waitForFunction(
    'document.querySelector(\'[data-stream="studio_e2e"] video\').getVideoPlaybackQuality().totalVideoFrames > 0',
    { timeout: 5000 },
  );
  const before = await decoded();
  await new Promise((done) => setTimeout(done, 1000));
  const after = await decoded();
  expect(after.frames).toBeGreaterThan(before.frames);
  expect(after.width).toBe(COUNTED.width);
  // Its figures, live: resolution and frame rate from the stream, who pushes it.
  await page.waitForFunction('/320×240/.test(document.querySelector(\'[data-stream="studio_e2e"] dl\').textContent)', { timeout: 5000 });
  const card = await inPage<string>('document.querySelector(\'[data-stream="studio_e2e"]\').textContent');
  expect(card).toContain('15 fps');
  expect(card).toContain('H.264');
  expect(card).toContain('AAC');
  expect(card).toMatch(/127\.0\.0\.1:\d+/);
  expect(card).toContain(`http://127.0.0.1:${ready.httpPort}/live/studio_e2e.flv`);

  // A forged push is listed under Refused with its reason code.
  const forgedUrl = ready.pushUrl.replace(/txSecret=\w+/, 'txSecret=' + '0'.repeat(32)).replace('studio_e2e', 'studio_forged');
  const forged = await push(forgedUrl, 2).done;
  expect(forged.code).not.toBe(0);
  await page.waitForSelector('[data-refused]', { timeout: 5000 });
  const refused = await inPage<string>("document.querySelector('[data-refused]').textContent");
  expect(refused).toContain('bad-signature');
  expect(refused).toContain('live/studio_forged');

  // A new push URL, signed on the server: the QR code decodes to exactly the URL shown.
  await page.$eval('#make input[name="stream"]', (input) => ((input as unknown as { value: string }).value = 'studio_qr'));
  await page.click('#make button[type="submit"]');
  await page.waitForFunction(
    "(() => { const img = document.querySelector('[data-qr]'); return img && img.complete && img.naturalWidth > 0 && document.querySelector('[data-push-url]').textContent.length > 0; })()",
    { timeout: 5000 },
  );
  const shown = await inPage<string>("document.querySelector('[data-push-url]').textContent");
  const size = 400;
  const pixels = await inPage<number[]>(`window.__studioProbe.qrPixels(${size})`);
  const qr = jsQR(Uint8ClampedArray.from(pixels), size, size);
  expect(qr && qr.data).toBe(shown);
  expect(verifyPushUrl(shown, KEY)).toMatchObject({ ok: true, stream: 'studio_qr' });
  // …and the ingest accepts it: the stream shows up on the page.
  const scanned = pushCounted(shown, 60);
  await page.waitForSelector('[data-stream="studio_qr"]', { timeout: 5000 });

  // Switchable language; the key never reaches the page.
  await page.click('[data-lang-switch]');
  expect(await inPage<string>("document.querySelector('#live h2').textContent")).toBe('正在推流');
  await page.click('[data-lang-switch]');
  const state = await inPage<string>("fetch('/studio/state').then((r) => r.text())");
  const html = await page.content();
  for (const text of [html, state]) expect(text).not.toContain(KEY);

  // The figures: first frame after the card appeared, and push clock vs picture.
  const since = Date.parse(
    (JSON.parse(state) as { streams: Array<{ stream: string; since: string }> }).streams.find((s) => s.stream === 'studio_e2e')!.since,
  );
  await new Promise((done) => setTimeout(done, 2500));
  const probe = await inPage<{ createdWall: number; firstFrameWall: number; samples: Array<{ wall: number; frame: number }> }>(
    "window.__studioProbe.cards['studio_e2e']",
  );
  const delays = probe.samples
    .slice(-60)
    .map((sample) => sample.wall - (since + (sample.frame * 1000) / COUNTED.fps))
    .sort((a, b) => a - b);
  const median = delays[Math.floor(delays.length / 2)];
  const figures = {
    appearedMs,
    firstFrameAfterCardMs: Math.round(probe.firstFrameWall - probe.createdWall),
    firstFrameAfterAcceptedMs: Math.round(probe.firstFrameWall - since),
    delayMedianMs: Math.round(median),
    delayRangeMs: [Math.round(delays[0]), Math.round(delays[delays.length - 1])],
    framesSampled: probe.samples.length,
  };
  process.stdout.write(`studio figures: ${JSON.stringify(figures)}\n`);
  // The counter read back is a real frame number, not noise: it moves forward with the clock.
  expect(probe.samples[probe.samples.length - 1].frame).toBeGreaterThan(probe.samples[0].frame);
  expect(median).toBeGreaterThan(0);

  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  await page.screenshot({ path: join(ROOT, '.tmp', 'studio.png') });
  if (process.env.UPDATE_SCREENSHOT) {
    // A 64-colour palette keeps the committed picture small.
    const shot = start(
      FFMPEG,
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        '-i',
        join(ROOT, '.tmp', 'studio.png'),
        '-filter_complex',
        '[0]split[a][b];[a]palettegen=max_colors=64[p];[b][p]paletteuse=dither=none',
        join(ROOT, 'docs', 'studio.png'),
      ],
      20000,
    );
    expect((await shot.done).code).toBe(0);
  }
  for (const ffmpeg of [pushing, scanned]) ffmpeg.child.kill('SIGTERM');
  await Promise.all([pushing.done, scanned.done]);
  // The page keeps an ended stream, marked so, with its last picture.
  await page.waitForSelector('[data-stream="studio_e2e"].ended video', { timeout: 5000 });
  expect(await inPage<number>('document.querySelector(\'[data-stream="studio_e2e"] video\').videoWidth')).toBe(COUNTED.width);
});
