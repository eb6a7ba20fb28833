/**
 * `npx ts-pusher ingest` stopped with SIGTERM: npx may exit without passing the signal on.
 * A parent process that does just that runs the built CLI; the ingest must notice its parent
 * went away and stop as on SIGTERM (ports released, exit 0), not keep running.
 */
import { existsSync } from 'fs';
import { join, resolve } from 'path';
import { probePort } from '../../src/server/network';
import { killAll, start, until } from './media-tools';

jest.setTimeout(40000);

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'dist/cli/bin.js');
const PARENT = join(__dirname, 'fixtures', 'npx-like-parent.js');

let ingestPid: number | undefined;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build (npx gulp build) first`);
});

afterAll(() => {
  killAll();
  // The grandchild is not tracked by media-tools: never leave it behind.
  if (ingestPid !== undefined && alive(ingestPid)) process.kill(ingestPid, 'SIGKILL');
});

it('stops the ingest cleanly when its parent exits on SIGTERM without passing the signal on', async () => {
  const env = { ...process.env };
  delete env.TS_PUSHER_KEY;
  delete env.NODE_PATH;
  const parent = start(
    process.execPath,
    [PARENT, BIN, 'ingest', '--rtmp-port', '0', '--http-port', '0', '--key', 'ts-pusher-test-key-5f2c'],
    30000,
    env,
  );
  await until(() => parent.stdout().includes('Ctrl-C stops.'), 15000, 'the banner');
  const pids = /^parent (\d+) child (\d+)$/m.exec(parent.stdout())!;
  ingestPid = Number(pids[2]);
  const ports = /listening: RTMP 127\.0\.0\.1:(\d+), HTTP-FLV 127\.0\.0\.1:(\d+)/.exec(parent.stdout())!.slice(1).map(Number);
  expect(alive(ingestPid)).toBe(true);

  parent.child.kill('SIGTERM');
  // The pipe stays open while the ingest (which inherited it) runs: `done` means both ended.
  const exit = await parent.done;
  expect(exit.timedOut).toBe(false);
  expect(exit.signal === null ? exit.code : exit.signal).toBe(143);
  expect(exit.stdout).toContain('Stopping (the parent process exited)…');
  expect(exit.stdout).toMatch(/ingest stopped\n$/);
  expect(exit.stderr).toBe('');
  await until(() => !alive(ingestPid as number), 5000, 'the ingest process to exit');
  for (const port of ports) await expect(probePort('127.0.0.1', port)).resolves.toBe(port);
});
