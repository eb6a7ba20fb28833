/**
 * `ts-pusher ingest` and its studio page, in-process: the page's address comes first in the
 * banner (with how reachable it is), the --json ready line carries it, and --no-studio leaves
 * the page out.
 */
import { get } from 'http';
import type { CliIo } from '../../src/cli/context';
import { runCli } from '../../src/cli/run';

jest.setTimeout(30000);

/** Runs the ingest until `whileRunning` is done, then stops it as SIGINT would. */
async function ingestWith(args: string[], whileRunning: (out: string[]) => Promise<void>): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  let stop: (reason: string) => void = () => undefined;
  let started: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => out.push('ERR ' + line),
    env: {},
    untilStopped: () => {
      started();
      return new Promise((resolve) => (stop = resolve));
    },
  };
  const running = runCli(['ingest', '--rtmp-port', '0', '--http-port', '0', '--key', 'cli-studio-key-1f0e', ...args], io);
  await ready;
  try {
    await whileRunning(out);
  } finally {
    stop('SIGINT');
  }
  return { code: await running, out };
}

function status(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      resolve(`${res.statusCode} ${res.headers['content-type'] || ''}`);
      res.destroy();
    }).on('error', reject);
  });
}

it('prints the studio page address first in the banner, as reachable as the streams', async () => {
  const { code, out } = await ingestWith([], async (lines) => {
    const page = /^Studio page: (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(lines.find((line) => line.startsWith('Studio page:')) || '');
    expect(page).not.toBeNull();
    expect(await status(page![1])).toBe('200 text/html; charset=utf-8');
  });
  expect(code).toBe(0);
  const banner = out.slice(out.indexOf('') + 1);
  expect(banner[0]).toMatch(/^Studio page: /);
  expect(banner[1]).toBe('  (this machine only, like the streams)');
  expect(banner[2]).toMatch(/^Key: /);
});

it('leaves the page out with --no-studio', async () => {
  const { code } = await ingestWith(['--no-studio', '--json'], async (lines) => {
    const ready = JSON.parse(lines.find((line) => line.includes('"event":"ready"')) as string) as { studioUrl?: string; httpPort: number };
    expect(ready.studioUrl).toBeUndefined();
    // node-media-server's own answer (Express: no such route), not the page.
    expect(await status(`http://127.0.0.1:${ready.httpPort}/`)).toMatch(/^404 /);
  });
  expect(code).toBe(0);
});
