import { execFile } from 'child_process';
import { createHash } from 'crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer, type Server } from 'net';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { runCli, type CliIo } from '../../src/cli/commands';
import { EXIT } from '../../src/cli/help';
import { signPushUrl } from '../../src/server/sign';
import { verifyPushUrl } from '../../src/server/verify';

// Child processes start a Node each; leave room on a busy 2-core machine.
jest.setTimeout(30000);

const KEY = 'ts-pusher-test-key-5f2c';
const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'dist/cli/bin.js');

/** Runs the CLI in-process and records what it prints. */
async function cli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line), env, untilStopped: () => new Promise(() => undefined) };
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Runs the built `dist/cli/bin.js` as a child process. */
function bin(argv: string[], options: { cwd?: string; file?: string } = {}): Promise<{ code: number | null; out: string; err: string }> {
  const env = { ...process.env };
  delete env.NODE_PATH;
  delete env.TS_PUSHER_KEY;
  return new Promise((done) => {
    execFile(process.execPath, [options.file || BIN, ...argv], { cwd: options.cwd || ROOT, env, timeout: 20000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      done({ code, out: stdout, err: stderr });
    });
  });
}

const bilingual = (text: string): void => {
  expect(text).toMatch(/^error: /m);
  expect(text).toMatch(/^错误：/m);
};

describe('ts-pusher (in-process)', () => {
  it('prints the overview with exit codes on --help (exit 0) and on no command (exit 2)', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(EXIT.OK);
    expect(help.out).toContain('Exit codes:');
    expect(help.out).toMatch(/3 {2}missing peer dependency/);
    const none = await cli([]);
    expect(none.code).toBe(EXIT.USAGE);
    expect(none.err).toContain('Usage: ts-pusher COMMAND');
  });

  it.each(['sign', 'play', 'verify', 'explain', 'hash', 'ingest'])('has --help for %s, also as `help %s`', async (command) => {
    const help = await cli([command, '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain(`Usage: ts-pusher ${command}`);
    expect(help.out).toContain('Exit codes:');
    expect((await cli(['help', command])).out).toBe(help.out);
    expect((await cli([command, '-h'])).out).toBe(help.out);
  });

  it('prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await cli(['--version'])).out).toBe(pkg.version);
  });

  it('refuses an unknown command or option with exit 2, in English and Chinese', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(EXIT.USAGE);
    bilingual(unknown.err);
    expect(unknown.err).toContain('sign, play, verify, explain, hash, ingest');
    const option = await cli(['sign', '--domian', 'x']);
    expect(option.code).toBe(EXIT.USAGE);
    bilingual(option.err);
    expect(option.err).toContain('See: ts-pusher sign --help');
    expect((await cli(['explain'])).code).toBe(EXIT.USAGE);
    expect((await cli(['explain', '1', '2'])).code).toBe(EXIT.USAGE);
    expect((await cli(['explain', '1001', '--lang', 'fr'])).code).toBe(EXIT.USAGE);
  });

  describe('sign', () => {
    it('prints only a URL that verifyPushUrl accepts, valid for --ttl', async () => {
      const { code, out } = await cli(['sign', '--domain', 'push.example.com', '--stream', 'demo', '--key', KEY, '--ttl', '3600']);
      expect(code).toBe(0);
      expect(out).toMatch(/^rtmp:\/\/push\.example\.com\/live\/demo\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]{8}$/);
      const verdict = verifyPushUrl(out, KEY);
      expect(verdict.ok).toBe(true);
      const left = (verdict as { expiresAt: Date }).expiresAt.getTime() - Date.now();
      expect(left).toBeGreaterThan(3590 * 1000);
      expect(left).toBeLessThanOrEqual(3600 * 1000);
    });

    it('matches the library for --expires and --tx-time, takes the key from TS_PUSHER_KEY', async () => {
      const expected = signPushUrl({ domain: 'h:1935', app: 'a', stream: 's', key: KEY, expiresAt: 1893456000 });
      expect((await cli(['sign', '--domain', 'h:1935', '--app', 'a', '--stream', 's', '--key', KEY, '--expires', '2030-01-01T00:00:00Z'])).out).toBe(expected);
      expect((await cli(['sign', '--domain', 'h:1935', '--app', 'a', '--stream', 's', '--expires', '1893456000'], { TS_PUSHER_KEY: KEY })).out).toBe(expected);
      expect((await cli(['sign', '--domain', 'h:1935', '--app', 'a', '--stream', 's', '--key', KEY, '--tx-time', '70dbd880'])).out).toBe(expected);
    });

    it('defaults to a 24 h lifetime', async () => {
      const { out } = await cli(['sign', '--domain', 'h', '--stream', 's', '--key', KEY]);
      const expiresAt = parseInt(/txTime=(\w+)/.exec(out)![1], 16);
      expect(expiresAt - Date.now() / 1000).toBeGreaterThan(86390);
    });

    it('prints one JSON object with --json', async () => {
      const { code, out } = await cli(['sign', '--domain', 'h', '--stream', 's', '--key', KEY, '--ttl', '60', '--json']);
      expect(code).toBe(0);
      const value = JSON.parse(out) as Record<string, string>;
      expect(Object.keys(value).sort()).toEqual(['app', 'domain', 'expiresAt', 'stream', 'txSecret', 'txTime', 'url']);
      expect(value.url).toBe(`rtmp://h/live/s?txSecret=${value.txSecret}&txTime=${value.txTime}`);
    });

    it.each([
      [['--domain', 'h', '--stream', 'a b', '--key', KEY], 'stream'],
      [['--domain', 'h', '--stream', 's'], 'key'],
      [['--stream', 's', '--key', KEY], 'domain'],
      [['--domain', 'h', '--stream', 's', '--key', KEY, '--ttl', 'soon'], '--ttl'],
      [['--domain', 'h', '--stream', 's', '--key', KEY, '--expires', 'tomorrow'], '--expires'],
      [['--domain', 'h', '--stream', 's', '--key', KEY, '--tx-time', 'XYZ'], 'txTime'],
      [['--domain', 'h', '--stream', 's', '--key', KEY, '--expires', '2001-01-01'], 'future'],
    ])('exits 2 for %j', async (argv, word) => {
      const { code, err } = await cli(['sign', ...argv]);
      expect(code).toBe(EXIT.USAGE);
      bilingual(err);
      expect(err).toContain(word);
    });

    it('reports usage errors as one JSON object with --json', async () => {
      const { code, out, err } = await cli(['sign', '--domain', 'h', '--stream', 'a b', '--key', KEY, '--json']);
      expect(code).toBe(2);
      expect(err).toBe('');
      expect(JSON.parse(out)).toMatchObject({ ok: false, exitCode: 2, error: { code: 'INVALID_ARGUMENT' } });
    });
  });

  describe('play', () => {
    it('prints rtmp, flv, hls and webrtc URLs, unsigned without a key', async () => {
      const { code, out } = await cli(['play', '--domain', 'play.example.com', '--stream', 's']);
      expect(code).toBe(0);
      expect(out.split('\n')).toEqual([
        'rtmp    rtmp://play.example.com/live/s',
        'flv     https://play.example.com/live/s.flv',
        'hls     https://play.example.com/live/s.m3u8',
        'webrtc  webrtc://play.example.com/live/s',
      ]);
    });

    it('signs with --key on --play-domain, with --http', async () => {
      const { out } = await cli(['play', '--domain', 'push.example.com', '--play-domain', 'play.example.com', '--stream', 's', '--key', KEY, '--ttl', '60', '--http', '--json']);
      const urls = JSON.parse(out) as Record<string, string>;
      expect(urls.flv).toMatch(/^http:\/\/play\.example\.com\/live\/s\.flv\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]+$/);
      expect(Object.keys(urls)).toEqual(['rtmp', 'flv', 'hls', 'webrtc']);
    });

    it('does not sign play URLs with the push key from TS_PUSHER_KEY', async () => {
      expect((await cli(['play', '--domain', 'p', '--stream', 's'], { TS_PUSHER_KEY: KEY })).out).not.toContain('txSecret');
    });
  });

  describe('verify', () => {
    const url = signPushUrl({ domain: 'push.example.com', stream: 'demo', key: KEY, expiresAt: 1893456000, now: 1893450000 });

    it('exits 0 for a valid URL', async () => {
      const { code, out } = await cli(['verify', url, '--key', KEY, '--now', '1893450000']);
      expect(code).toBe(0);
      expect(out).toBe('valid: live/demo, expires 2030-01-01T00:00:00.000Z');
    });

    it('exits 1 with the reason for refused URLs, in the chosen language', async () => {
      const forged = await cli(['verify', url.replace(/txSecret=\w/, 'txSecret=x'), '--key', KEY, '--now', '1893450000']);
      expect(forged).toMatchObject({ code: EXIT.NO, out: expect.stringMatching(/^refused: bad-signature: /) });
      const expired = await cli(['verify', url, '--now', '2031-01-01T00:00:00Z', '--lang', 'zh'], { TS_PUSHER_KEY: KEY });
      expect(expired).toMatchObject({ code: EXIT.NO, out: expect.stringContaining('拒绝：expired：') });
      const json = await cli(['verify', 'rtmp://h/live/demo', '--key', KEY, '--json']);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.out)).toMatchObject({ ok: false, reason: 'missing-signature', stream: 'demo', message: expect.any(String), messageZh: expect.any(String) });
    });

    it('exits 2 without a key or with a bad --now', async () => {
      expect((await cli(['verify', url])).code).toBe(EXIT.USAGE);
      expect((await cli(['verify', url, '--key', KEY, '--now', 'later'])).code).toBe(EXIT.USAGE);
    });
  });

  describe('explain', () => {
    it('explains a known code with kind, category and advice', async () => {
      const { code, out } = await cli(['explain', '3004']);
      expect(code).toBe(0);
      expect(out).toMatch(/^3004 PUSH_WARNING_SERVER_DISCONNECT \(warning, auth\)\n.+\nAdvice: .+/);
    });

    it('reads negative codes and names, and speaks Chinese with --lang zh', async () => {
      const zh = await cli(['explain', '-1307', '--lang', 'zh']);
      expect(zh.code).toBe(0);
      expect(zh.out).toMatch(/^-1307 PUSH_ERR_NET_DISCONNECT（致命错误，connection）\n.*[\u4e00-\u9fff].*\n建议：/);
      expect((await cli(['explain', 'PUSH_ERR_NET_DISCONNECT'])).out).toBe((await cli(['explain', '-1307'])).out);
    });

    it('marks unverified codes', async () => {
      expect((await cli(['explain', '5001'])).out).toContain('(unverified)');
    });

    it('exits 1 with an unknown entry for codes outside the catalogue', async () => {
      const { code, out } = await cli(['explain', '4997', '--json']);
      expect(code).toBe(EXIT.NO);
      expect(JSON.parse(out)).toMatchObject({ code: 4997, kind: 'unknown', name: 'UNKNOWN' });
    });

    it('exits 2 for something that is not a code', async () => {
      const { code, err } = await cli(['explain', '30x4']);
      expect(code).toBe(EXIT.USAGE);
      bilingual(err);
    });
  });

  describe('hash', () => {
    let dir: string;
    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ts-pusher-hash-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('prints the md5 of the file bytes', async () => {
      const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
      const file = join(dir, 'waiting.png');
      writeFileSync(file, bytes);
      const md5 = createHash('md5').update(bytes).digest('hex');
      expect(await cli(['hash', file])).toEqual({ code: 0, out: md5, err: '' });
      expect(JSON.parse((await cli(['hash', file, '--json'])).out)).toEqual({ file, md5 });
    });

    it('exits 2 for a missing file', async () => {
      const { code, err } = await cli(['hash', join(dir, 'missing.png')]);
      expect(code).toBe(EXIT.USAGE);
      bilingual(err);
    });
  });

  describe('ingest', () => {
    let blocker: Server;
    let busyPort: number;
    beforeAll(async () => {
      blocker = createServer();
      await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
      busyPort = (blocker.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((done) => blocker.close(() => done())));

    it('exits 2 when a port is taken, instead of node-media-server exiting the process', async () => {
      const { code, err } = await cli(['ingest', '--rtmp-port', String(busyPort), '--http-port', '0']);
      expect(code).toBe(EXIT.USAGE);
      bilingual(err);
      expect(err).toContain('free port');
    });

    it('exits 2 for --lan with --host (before touching any network)', async () => {
      const { code, err } = await cli(['ingest', '--lan', '--host', '127.0.0.1']);
      expect(code).toBe(EXIT.USAGE);
      expect(err).toContain('lan');
    });

    it('exits 2 for bad ports and an equal RTMP and HTTP port', async () => {
      expect((await cli(['ingest', '--rtmp-port', '70000'])).code).toBe(EXIT.USAGE);
      expect((await cli(['ingest', '--rtmp-port', '5000', '--http-port', '5000'])).code).toBe(EXIT.USAGE);
    });
  });
});

describe('ts-pusher (built dist/cli/bin.js, child process)', () => {
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build (npx gulp build) first`);
  });

  it('signs (exit 0, one JSON object)', async () => {
    const { code, out } = await bin(['sign', '--domain', 'push.example.com', '--stream', 'demo', '--key', KEY, '--ttl', '3600', '--json']);
    expect(code).toBe(0);
    expect(verifyPushUrl((JSON.parse(out) as { url: string }).url, KEY).ok).toBe(true);
  });

  it('explains -1307 (exit 0) and an unknown code (exit 1)', async () => {
    const known = await bin(['explain', '-1307']);
    expect(known.code).toBe(0);
    expect(known.out).toContain('PUSH_ERR_NET_DISCONNECT');
    expect((await bin(['explain', '10012'])).code).toBe(1);
  });

  it('refuses a forged URL (exit 1) and bad input (exit 2, both languages on stderr)', async () => {
    const url = signPushUrl({ domain: 'h', stream: 'demo', key: KEY, ttlSeconds: 600 });
    expect((await bin(['verify', url, '--key', KEY])).code).toBe(0);
    expect((await bin(['verify', url, '--key', 'wrong'])).code).toBe(1);
    const bad = await bin(['sign', '--domain', 'h', '--stream', 'a/b', '--key', KEY]);
    expect(bad.code).toBe(2);
    bilingual(bad.err);
  });

  it('asks for node-media-server when it is missing (exit 3, both languages)', async () => {
    // A copy of dist far from any node_modules: require.resolve fails as in a project without the peer.
    const dir = mkdtempSync(join(tmpdir(), 'ts-pusher-nopeer-'));
    try {
      cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
      const result = await bin(['ingest'], { cwd: dir, file: join(dir, 'dist/cli/bin.js') });
      expect(result.code).toBe(EXIT.MISSING_PEER);
      expect(result.err).toContain('install it: npm i -D node-media-server');
      expect(result.err).toContain('请安装：npm i -D node-media-server');
      bilingual(result.err);
      const json = await bin(['ingest', '--json'], { cwd: dir, file: join(dir, 'dist/cli/bin.js') });
      expect(json.code).toBe(3);
      expect(JSON.parse(json.out)).toMatchObject({ ok: false, exitCode: 3, error: { advice: 'install it: npm i -D node-media-server' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
