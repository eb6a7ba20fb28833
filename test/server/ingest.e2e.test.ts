/**
 * End to end, in-process: startIngest on loopback, real ffmpeg pushes, ffprobe reads HTTP-FLV.
 */
import { createHash } from 'crypto';
import { writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startIngest, type Ingest, type IngestLogEntry } from '../../src/server/ingest';
import { killAll, probe, push, until } from './media-tools';

jest.setTimeout(60000);

const KEY = 'ts-pusher-test-key-5f2c';
const logs: IngestLogEntry[] = [];
/** Figures for the report: written to $TMPDIR/ts-pusher-e2e-figures.json. */
const figures: Record<string, unknown> = {};
let ingest: Ingest;

const refusals = (stream: string): IngestLogEntry[] =>
  logs.filter((entry) => entry.event === 'refused' && entry.stream === `live/${stream}`);
const published = (stream: string): boolean => logs.some((entry) => entry.event === 'publish' && entry.stream === `live/${stream}`);

beforeAll(async () => {
  const begin = Date.now();
  ingest = await startIngest({ key: KEY, rtmpPort: 0, httpPort: 0, onLog: (entry) => logs.push(entry) });
  figures.startMs = Date.now() - begin;
  figures.ports = { rtmp: ingest.rtmpPort, http: ingest.httpPort };
}, 20000);

afterAll(async () => {
  killAll();
  if (ingest) {
    const begin = Date.now();
    await ingest.stop();
    figures.stopMs = Date.now() - begin;
  }
  writeFileSync(join(tmpdir(), 'ts-pusher-e2e-figures.json'), JSON.stringify(figures, null, 2));
}, 20000);

it('binds loopback only, on the ports it reports', () => {
  expect(ingest.host).toBe('127.0.0.1');
  expect(ingest.pushUrl('x')).toMatch(
    new RegExp(`^rtmp://127\\.0\\.0\\.1:${ingest.rtmpPort}/live/x\\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]+$`),
  );
  expect(ingest.playUrls('x')).toEqual({
    rtmp: `rtmp://127.0.0.1:${ingest.rtmpPort}/live/x`,
    flv: `http://127.0.0.1:${ingest.httpPort}/live/x.flv`,
    wsFlv: `ws://127.0.0.1:${ingest.httpPort}/live/x.flv`,
  });
});

it('accepts a signed push, serves it as HTTP-FLV (h264 + aac), and refuses a second publisher', async () => {
  const stream = 'e2e_main';
  const first = push(ingest.pushUrl(stream, 600), 4);
  await until(() => published(stream), 10000, 'the push to be accepted');
  expect(ingest.publishing()).toEqual([`live/${stream}`]);

  const seen = await probe(ingest.playUrls(stream).flv, 10000);
  const video = seen.streams.find((s) => s.codec_type === 'video');
  const audio = seen.streams.find((s) => s.codec_type === 'audio');
  expect(video).toMatchObject({ codec_name: 'h264', width: 320, height: 240 });
  expect(audio).toMatchObject({ codec_name: 'aac' });

  // The first push still runs (4 s with -re): a second publisher on the same stream is refused.
  const second = await push(ingest.pushUrl(stream, 600), 3).done;
  expect(second.code).not.toBe(0);
  expect(second.timedOut).toBe(false);
  expect(refusals(stream).map((entry) => entry.reason)).toEqual(['stream-in-use']);

  const done = await first.done;
  expect(done.code).toBe(0);
  await until(() => logs.some((entry) => entry.event === 'unpublish' && entry.stream === `live/${stream}`), 5000, 'the end of the push');
  expect(ingest.publishing()).toEqual([]);
  figures.signedPush = { exit: done.code, ms: done.ms };
  figures.ffprobe = { ms: seen.ms, attempts: seen.attempts, streams: seen.streams };
  figures.secondPublisher = { exit: second.code, ms: second.ms, reason: 'stream-in-use' };
});

it('refuses a forged signature, and the stream still takes a signed push right after', async () => {
  const stream = 'e2e_forged';
  const signed = ingest.pushUrl(stream, 600);
  const forged = signed.replace(/txSecret=[0-9a-f]{32}/, 'txSecret=' + 'f'.repeat(32));
  const refused = await push(forged, 3).done;
  expect(refused.code).not.toBe(0);
  expect(refused.timedOut).toBe(false);
  expect(refusals(stream).map((entry) => entry.reason)).toEqual(['bad-signature']);
  expect(published(stream)).toBe(false);
  figures.forged = { exit: refused.code, ms: refused.ms, reason: 'bad-signature' };

  // A refused publisher must not hold the stream (node-media-server keeps a publisher 30 s for resumes).
  const retry = push(signed, 4);
  await until(() => published(stream), 10000, 'the signed push after the forged one');
  expect((await probe(ingest.playUrls(stream).flv, 10000)).streams.some((s) => s.codec_name === 'h264')).toBe(true);
  expect((await retry.done).code).toBe(0);
});

it('refuses an expired URL', async () => {
  const stream = 'e2e_expired';
  const txTime = (Math.floor(Date.now() / 1000) - 60).toString(16).toUpperCase();
  const txSecret = createHash('md5')
    .update(KEY + stream + txTime)
    .digest('hex');
  const url = `rtmp://127.0.0.1:${ingest.rtmpPort}/live/${stream}?txSecret=${txSecret}&txTime=${txTime}`;
  const refused = await push(url, 3).done;
  expect(refused.code).not.toBe(0);
  expect(refused.timedOut).toBe(false);
  expect(refusals(stream).map((entry) => entry.reason)).toEqual(['expired']);
  figures.expired = { exit: refused.code, ms: refused.ms, reason: 'expired' };
});

it('refuses an unsigned URL and a URL signed with another key', async () => {
  const unsigned = await push(`rtmp://127.0.0.1:${ingest.rtmpPort}/live/e2e_unsigned`, 3).done;
  expect(unsigned.code).not.toBe(0);
  expect(refusals('e2e_unsigned').map((entry) => entry.reason)).toEqual(['missing-signature']);
  const otherKey = ingest.pushUrl('e2e_otherkey').replace(/txSecret=\w+/, 'txSecret=' + createHash('md5').update('nope').digest('hex'));
  expect((await push(otherKey, 3).done).code).not.toBe(0);
  expect(refusals('e2e_otherkey').map((entry) => entry.reason)).toEqual(['bad-signature']);
});

it('logs refusals with the reason and the 3004 hint, and never a txSecret', () => {
  const refused = logs.filter((entry) => entry.event === 'refused');
  expect(refused.length).toBeGreaterThanOrEqual(5);
  for (const entry of refused) {
    expect(entry.level).toBe('warn');
    expect(entry.message).toContain(entry.reason);
    expect(entry.message).toContain('3004');
    expect(entry.messageZh).toMatch(/[\u4e00-\u9fff]/);
  }
  const text = JSON.stringify(logs);
  expect(text).not.toMatch(/txSecret=(?!\*\*\*)/);
  expect(text).not.toMatch(/[0-9a-f]{32}/);
  expect(text).toContain('txSecret=***');
});

it('reports a clear error when a second ingest starts in the same process', async () => {
  await expect(startIngest({ rtmpPort: 0, httpPort: 0 })).rejects.toMatchObject({ code: 'INVALID_STATE' });
});
