/**
 * The README's complete Node and live-room examples, run as printed: each block marked
 * `<!-- example: readme/NAME.ts -->` is written to .tmp/readme/ and required (ts-jest compiles
 * and type-checks it like any source). Pages run on a small `Page` global; the Chat SDK is
 * `ts-pusher/testing`'s fake. (The quick start's page and its test run in a user's project:
 * test/package/your-project.test.ts.)
 */
import fs from 'fs';
import path from 'path';
import ts from 'typescript';
import { FakeChat } from 'ts-pusher/testing';

const { writeExamples } = require('../../scripts/readme-examples.js') as { writeExamples(dir: string, prefix: string): string[] };

const OUT = path.join(__dirname, '..', '..', '.tmp', 'readme');
fs.rmSync(OUT, { recursive: true, force: true });
const written = writeExamples(OUT, 'readme/').map((file) => path.basename(file));

/** The Chat SDK module the page examples require. */
let mockChat = new FakeChat(['live_42']);
jest.mock('@tencentcloud/chat', () => ({ create: () => mockChat }), { virtual: true });

type PageOptions = { data: Record<string, unknown>; [handler: string]: unknown };
type PageThis = { data: Record<string, unknown>; setData(patch: Record<string, unknown>): void };

/** Requires an example page and returns its options and a `this` for its handlers. */
function loadExamplePage(name: string): { options: PageOptions; page: PageThis; call(handler: string, ...args: unknown[]): unknown } {
  let options: PageOptions | null = null;
  (globalThis as unknown as { Page(o: PageOptions): void }).Page = (given) => void (options = given);
  jest.isolateModules(() => require(path.join(OUT, name)));
  if (!options) throw new Error(`${name} called no Page()`);
  const found: PageOptions = options;
  const page: PageThis = { data: JSON.parse(JSON.stringify(found.data)), setData: (patch) => Object.assign(page.data, patch) };
  return { options: found, page, call: (handler, ...args) => (found[handler] as (...a: unknown[]) => unknown).apply(page, args) };
}

const g = globalThis as unknown as { wx?: unknown };
beforeEach(() => {
  jest.useFakeTimers(); // a room left open by a failing test keeps no timer alive
  mockChat = new FakeChat(['live_42']);
  g.wx = {
    request(options: { url: string; success(res: { data: unknown; statusCode: number }): void }) {
      const user = /user=([^&]+)/.exec(options.url);
      setTimeout(() => options.success({ data: { userSig: 'sig-of-' + (user ? decodeURIComponent(user[1]) : '?') }, statusCode: 200 }), 1);
    },
  };
});
afterEach(() => {
  delete g.wx;
  jest.useRealTimers();
});

it('every readme/ example of the README is run here', () => {
  expect(written.sort()).toEqual(['host-page.ts', 'server-sign.ts', 'server-usersig.ts', 'watch-page.ts']);
});

it('every example type-checks under strict TypeScript (unused locals allowed: they show values)', () => {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(__dirname, '..', '..', 'tsconfig.json'),
    {},
    ts.sys as unknown as ts.ParseConfigFileHost,
  );
  if (!config) throw new Error('tsconfig.json did not parse');
  const program = ts.createProgram(
    written.map((file) => path.join(OUT, file)),
    { ...config.options, noEmit: true, noUnusedLocals: false },
  );
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && d.file.fileName.startsWith(OUT))
    .map((d) => `${path.basename(d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  expect(problems).toEqual([]);
}, 60_000);

/** Runs a server example with `env` set, returning what its calls of `method` returned. */
function runServerExample(name: string, env: Record<string, string>, method: 'verifyPushUrl' | 'verifyUserSig'): unknown[] {
  Object.assign(process.env, env);
  let results: unknown[] = [];
  try {
    jest.isolateModules(() => {
      // The example's own registry: the spy sits on the module instance it imports.
      const server = require('ts-pusher/server') as { [m: string]: (...args: never[]) => unknown };
      const spy = jest.spyOn(server, method);
      require(path.join(OUT, name));
      results = spy.mock.results.map((result) => result.value);
    });
    return results;
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
  }
}

it('server-sign: the push URL it signs passes its own verification', () => {
  expect(runServerExample('server-sign', { PUSH_KEY: 'readme-key' }, 'verifyPushUrl')).toEqual([
    { ok: true, app: 'live', stream: 'room_42', expiresAt: expect.any(Date) },
  ]);
});

it('server-sign: without PUSH_KEY it throws INVALID_ARGUMENT in English and Chinese', () => {
  expect(() => jest.isolateModules(() => require(path.join(OUT, 'server-sign')))).toThrow(
    expect.objectContaining({ code: 'INVALID_ARGUMENT', messageZh: expect.any(String) }),
  );
});

it('server-usersig: the UserSig it signs for host_42 verifies', () => {
  expect(runServerExample('server-usersig', { IM_KEY: 'readme-im-key' }, 'verifyUserSig')).toEqual([
    expect.objectContaining({ ok: true, userId: 'host_42', expiresAt: expect.any(Date) }),
  ]);
});

it('host-page: logs in with the fetched UserSig, announces live, shows chat, sends ended on unload', async () => {
  const host = loadExamplePage('host-page');
  const loaded = host.call('onLoad');
  await jest.advanceTimersByTimeAsync(100);
  await loaded;
  expect(mockChat.calls.find(([name]) => name === 'login')).toEqual(['login', { userID: 'host_42', userSig: 'sig-of-host_42' }]);

  host.call('onStatus', { detail: { status: 'pushing', previous: 'starting', cause: 1002 } });
  await jest.advanceTimersByTimeAsync(10);
  expect(mockChat.sentData()).toContainEqual(
    expect.objectContaining({ v: 1, t: 'status', status: 'live', playUrl: 'https://play.example.com/live/room_42.flv' }),
  );

  mockChat.receive('live_42', 'viewer_7', { text: 'hello' });
  expect(host.page.data.chat).toEqual(['viewer_7: hello']);

  await host.call('onUnload');
  await jest.advanceTimersByTimeAsync(10);
  expect(mockChat.sentData()).toContainEqual(expect.objectContaining({ t: 'status', status: 'ended' }));
});

it('watch-page: joins anonymously and plays the host URL while live, nothing once ended', async () => {
  const watch = loadExamplePage('watch-page');
  const loaded = watch.call('onLoad');
  await jest.advanceTimersByTimeAsync(100);
  await loaded;
  const playUrl = 'https://play.example.com/live/room_42.flv';
  mockChat.receive('live_42', 'host_42', { data: { v: 1, t: 'status', status: 'live', playUrl, seq: 1, ts: Date.now() } });
  expect(watch.page.data).toMatchObject({ status: 'live', src: playUrl, stale: false });
  mockChat.receive('live_42', 'host_42', { data: { v: 1, t: 'status', status: 'ended', playUrl, seq: 2, ts: Date.now() + 1 } });
  expect(watch.page.data).toMatchObject({ status: 'ended', src: '' });
  await watch.call('onUnload');
});
