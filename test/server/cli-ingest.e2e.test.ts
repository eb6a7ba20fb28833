/**
 * End to end through the built CLI: `ts-pusher ingest` as a child process on loopback ports,
 * pushed to by ffmpeg, read back by ffprobe, stopped with SIGTERM / SIGINT.
 */
import { existsSync } from 'fs';
import { join, resolve } from 'path';
import { verifyPushUrl } from '../../src/server/verify';
import { freePort, killAll, probe, push, start, until, type Running } from './media-tools';

jest.setTimeout(60000);

const BIN = join(resolve(__dirname, '../..'), 'dist/cli/bin.js');

/** The environment of a CLI child: no inherited key, no NODE_PATH. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.TS_PUSHER_KEY;
  delete env.NODE_PATH;
  return env;
}

/** NDJSON lines the CLI printed so far. */
function events(cli: Running): Array<Record<string, unknown>> {
  return cli
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build (npx gulp build) first`);
});

afterAll(() => killAll());

it('runs the ingest from the CLI (--json --verbose): generated key, signed push played back, forged push refused, SIGTERM exits 0', async () => {
  const rtmpPort = await freePort();
  let httpPort = await freePort();
  while (httpPort === rtmpPort) httpPort = await freePort();
  const cli = start(
    process.execPath,
    [BIN, 'ingest', '--rtmp-port', String(rtmpPort), '--http-port', String(httpPort), '--stream', 'cli_e2e', '--json', '--verbose'],
    50000,
    cleanEnv(),
  );
  try {
    await until(() => events(cli).some((event) => event.event === 'ready'), 15000, 'the ingest to be ready');
    const ready = events(cli).find((event) => event.event === 'ready') as {
      pushUrl: string;
      key: string;
      keyGenerated: boolean;
      playUrls: { flv: string };
      host: string;
    };
    expect(ready).toMatchObject({ host: '127.0.0.1', rtmpPort, httpPort, keyGenerated: true, stream: 'cli_e2e' });
    expect(ready.pushUrl.startsWith(`rtmp://127.0.0.1:${rtmpPort}/live/cli_e2e?txSecret=`)).toBe(true);
    expect(verifyPushUrl(ready.pushUrl, ready.key).ok).toBe(true);
    expect(ready.playUrls.flv).toBe(`http://127.0.0.1:${httpPort}/live/cli_e2e.flv`);

    const pushing = push(ready.pushUrl, 4);
    await until(() => events(cli).some((event) => event.event === 'publish'), 10000, 'the push to be accepted');
    const seen = await probe(ready.playUrls.flv, 10000);
    expect(seen.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264' });
    expect(seen.streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });

    const forged = await push(ready.pushUrl.replace(/txSecret=\w+/, 'txSecret=' + '0'.repeat(32)).replace('cli_e2e', 'cli_forged'), 3).done;
    expect(forged.code).not.toBe(0);
    await until(() => events(cli).some((event) => event.event === 'refused'), 5000, 'the refusal to be logged');
    expect(events(cli).find((event) => event.event === 'refused')).toMatchObject({
      reason: 'bad-signature',
      stream: 'live/cli_forged',
      level: 'warn',
    });
    expect((await pushing.done).code).toBe(0);

    // --verbose adds node-media-server's own lines, as `server` entries.
    const server = events(cli).filter((event) => event.event === 'server');
    expect(server.some((event) => /^RTMP session \S+ \S+ start push \/live\/cli_e2e$/.test(String(event.message)))).toBe(true);

    // The push URL is printed once on purpose (the ready line); every log line shows txSecret=***.
    const secret = /txSecret=(\w+)/.exec(ready.pushUrl)![1];
    const logLines = cli
      .stdout()
      .split('\n')
      .filter((line) => line && !line.includes('"event":"ready"'));
    expect(logLines.length).toBeGreaterThanOrEqual(4);
    for (const line of logLines) {
      expect(line).not.toContain(secret);
      expect(line).not.toMatch(/txSecret=(?!\*\*\*)/);
    }
  } finally {
    cli.child.kill('SIGTERM');
  }
  const exit = await cli.done;
  expect(exit).toMatchObject({ code: 0, signal: null, timedOut: false });
  expect(events(cli).pop()).toMatchObject({ event: 'stopped' });
  expect(exit.stderr).toBe('');
});

it("prints a push URL for people, node-media-server's lines marked with --verbose, and stops on SIGINT with exit 0", async () => {
  const cli = start(
    process.execPath,
    [BIN, 'ingest', '--rtmp-port', '0', '--http-port', '0', '--key', 'ts-pusher-test-key-5f2c', '--verbose'],
    30000,
    cleanEnv(),
  );
  try {
    await until(() => cli.stdout().includes('Ctrl-C stops.'), 15000, 'the banner');
  } finally {
    cli.child.kill('SIGINT');
  }
  const exit = await cli.done;
  expect(exit.code).toBe(0);
  const out = exit.stdout;
  expect(out).toContain('Push URL for "demo"');
  expect(out).toContain('Loopback only');
  const pushUrl = /^ {2}(rtmp:\/\/\S+txSecret=\S+)$/m.exec(out)![1];
  expect(verifyPushUrl(pushUrl, 'ts-pusher-test-key-5f2c')).toMatchObject({ ok: true, stream: 'demo' });
  expect(out).toContain('Stopping (SIGINT)');
  expect(out).toMatch(/^\d\d:\d\d:\d\d {2}node-media-server: HTTP server listening on port 127\.0\.0\.1:\d+$/m);
  expect(out).toMatch(/ingest stopped\n$/);
});

it('prints only its own lines without --verbose: a second publisher is one "refused … stream-in-use" line, not node-media-server\'s error', async () => {
  const key = 'ts-pusher-test-key-5f2c';
  const cli = start(
    process.execPath,
    [BIN, 'ingest', '--rtmp-port', '0', '--http-port', '0', '--key', key, '--stream', 'cli_twice'],
    50000,
    cleanEnv(),
  );
  try {
    await until(() => cli.stdout().includes('Ctrl-C stops.'), 15000, 'the banner');
    const pushUrl = /^ {2}(rtmp:\/\/\S+txSecret=\S+)$/m.exec(cli.stdout())![1];
    const first = push(pushUrl, 4);
    await until(() => cli.stdout().includes('push accepted: live/cli_twice'), 10000, 'the first push to be accepted');
    const second = await push(pushUrl, 3).done;
    expect(second.code).not.toBe(0);
    await until(() => cli.stdout().includes('stream-in-use'), 5000, 'the refusal of the second publisher');
    expect((await first.done).code).toBe(0);
    await until(() => cli.stdout().includes('push ended: live/cli_twice'), 5000, 'the end of the first push');
  } finally {
    cli.child.kill('SIGINT');
  }
  const exit = await cli.done;
  expect(exit.code).toBe(0);
  expect(exit.stderr).toBe('');
  // Every log line (clock first) is one of ours, in order; node-media-server said nothing.
  const logLines = exit.stdout.split('\n').filter((line) => /^\d\d:\d\d:\d\d {2}/.test(line));
  expect(logLines.map((line) => line.slice(10).replace(/:? .*/, ''))).toEqual(['listening', 'push', 'refused', 'push', 'ingest']);
  expect(logLines[1]).toMatch(/ {2}push accepted: live\/cli_twice\?txSecret=\*\*\*&txTime=[0-9A-F]{8} from 127\.0\.0\.1:\d+$/);
  expect(logLines[2]).toMatch(
    / {2}refused push live\/cli_twice\?txSecret=\*\*\*&txTime=[0-9A-F]{8} from 127\.0\.0\.1:\d+: stream-in-use: .* \(a device reports 3004\)$/,
  );
  expect(logLines[3]).toMatch(/ {2}push ended: live\/cli_twice$/);
  expect(exit.stdout).not.toMatch(/RTMP session|already has a publisher|\[(INFO|WARN|ERROR)\]/);
});
