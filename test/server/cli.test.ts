import { execFile } from 'child_process';
import { createHash } from 'crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer, type Server } from 'net';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { runCli, type CliIo } from '../../src/cli/run';
import { EXIT } from '../../src/cli/help';
import { STATE_CODES } from '../../src/codes';
import { waitingImageHash } from '../../src/server/image-hash';
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
    execFile(
      process.execPath,
      [options.file || BIN, ...argv],
      { cwd: options.cwd || ROOT, env, timeout: 20000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        done({ code, out: stdout, err: stderr });
      },
    );
  });
}

/** API names that a CLI message must not show instead of the flag typed. */
const API_WORDS =
  /signPushUrl|signPlayUrls|signStream|verifyPushUrl|startIngest|waitingImageHash|ttlSeconds|expiresAt|rtmpPort|httpPort|\btxTime\b(?! holds| of 8)/;

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

  it('answers a misspelt flag with "did you mean" in English and Chinese, and nothing about the value that followed', async () => {
    const { code, err } = await cli(['sign', '--domian', 'push.example.com', '--stream', 'demo', '--key', KEY]);
    expect(code).toBe(EXIT.USAGE);
    expect(err.split('\n')).toEqual([
      'error: ts-pusher sign: unknown option --domian; did you mean --domain?',
      '错误：ts-pusher sign：未知选项 --domian；是不是想写 --domain？',
      '  Write --domain / 请写成 --domain',
      'See: ts-pusher sign --help',
    ]);
    const json = JSON.parse((await cli(['ingest', '--rtmp-prot', '0', '--verbsoe', '--json'])).out) as {
      problems: Array<{ message: string }>;
    };
    expect(json.problems.map((problem) => problem.message)).toEqual([
      'ts-pusher ingest: unknown option --rtmp-prot; did you mean --rtmp-port?',
      'ts-pusher ingest: unknown option --verbsoe; did you mean --verbose?',
    ]);
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
      expect(
        (await cli(['sign', '--domain', 'h:1935', '--app', 'a', '--stream', 's', '--key', KEY, '--expires', '2030-01-01T00:00:00Z'])).out,
      ).toBe(expected);
      expect(
        (await cli(['sign', '--domain', 'h:1935', '--app', 'a', '--stream', 's', '--expires', '1893456000'], { TS_PUSHER_KEY: KEY })).out,
      ).toBe(expected);
      expect((await cli(['sign', '--domain', 'h:1935', '--app', 'a', '--stream', 's', '--key', KEY, '--tx-time', '70dbd880'])).out).toBe(
        expected,
      );
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
      [['--domain', 'h', '--stream', 'a b', '--key', KEY], '--stream must be'],
      [['--domain', 'h', '--stream', 's'], '--key is missing'],
      [['--stream', 's', '--key', KEY], '--domain is missing'],
      [['--domain', 'h', '--stream', 's', '--key', KEY, '--ttl', 'soon'], '--ttl must be'],
      [['--domain', 'h', '--stream', 's', '--key', KEY, '--expires', 'tomorrow'], '--expires must be'],
      [['--domain', 'h', '--stream', 's', '--key', KEY, '--tx-time', 'XYZ'], '--tx-time must be'],
      [['--domain', 'h', '--stream', 's', '--key', KEY, '--expires', '2001-01-01'], '--expires must be in the future'],
      [
        ['--domain', 'h', '--stream', 's', '--key', KEY, '--ttl', '60', '--tx-time', '70DBD880'],
        'give exactly one of --ttl, --expires, --tx-time; got --ttl + --tx-time',
      ],
    ])('exits 2 for %j, naming the flag typed', async (argv, words) => {
      const { code, err } = await cli(['sign', ...argv]);
      expect(code).toBe(EXIT.USAGE);
      bilingual(err);
      expect(err).toContain(`error: ts-pusher sign: ${words}`);
      expect(err).not.toMatch(API_WORDS);
    });

    it('reports usage errors as one JSON object with --json', async () => {
      const { code, out, err } = await cli(['sign', '--domain', 'h', '--stream', 'a b', '--key', KEY, '--json']);
      expect(code).toBe(2);
      expect(err).toBe('');
      expect(JSON.parse(out)).toMatchObject({
        ok: false,
        exitCode: 2,
        error: { code: 'INVALID_ARGUMENT' },
        problems: [{ code: 'INVALID_ARGUMENT' }],
      });
    });

    it('refuses a --ttl or --expires past 2106-02-07T06:28:15Z, the most 8 hex digits of txTime hold', async () => {
      for (const [flag, value] of [
        ['--ttl', '99999999999'],
        ['--expires', '2200-01-01T00:00:00Z'],
        ['--expires', '4294967296'],
      ]) {
        const { code, out, err } = await cli(['sign', '--domain', 'h', '--stream', 's', '--key', KEY, flag, value]);
        expect({ flag, code, out }).toEqual({ flag, code: EXIT.USAGE, out: '' });
        bilingual(err);
        expect(err).toContain(`error: ts-pusher sign: ${flag} must be`);
        expect(err).toContain('2106-02-07T06:28:15Z');
        expect(err).toMatch(/错误：.*2106-02-07T06:28:15Z.*8 位十六进制 txTime/);
      }
    });

    it('signs up to the last instant a txTime holds, and verify accepts that URL', async () => {
      const { code, out } = await cli(['sign', '--domain', 'h', '--stream', 's', '--key', KEY, '--expires', '2106-02-07T06:28:15Z']);
      expect(code).toBe(0);
      expect(out).toMatch(/&txTime=FFFFFFFF$/);
      expect(await cli(['verify', out, '--key', KEY])).toMatchObject({
        code: EXIT.OK,
        out: 'valid: live/s, expires 2106-02-07T06:28:15.000Z',
      });
    });
  });

  describe('usage errors', () => {
    it('reports every problem of a run at once, each in English and Chinese', async () => {
      const { code, err } = await cli(['sign', '--domain', 'rtmp://h', '--stream', 'a b', '--ttl', 'soon', '--lang', 'fr']);
      expect(code).toBe(EXIT.USAGE);
      const english = err.split('\n').filter((line) => line.startsWith('error: '));
      const chinese = err.split('\n').filter((line) => line.startsWith('错误：'));
      expect(english).toEqual([
        'error: ts-pusher sign: --domain must be a host name such as push.example.com or 127.0.0.1:1935 (no scheme, no path), got "rtmp://h"',
        'error: ts-pusher sign: --stream must be letters, digits, "_" or "-" only (what Tencent Cloud accepts), got "a b"',
        'error: ts-pusher sign: --ttl must be a whole number of seconds, at least 1, got "soon"',
        'error: ts-pusher sign: --lang must be en or zh, got "fr"',
        'error: ts-pusher sign: --key is missing (the push authentication key; or set TS_PUSHER_KEY)',
      ]);
      expect(chinese.map((line) => line.split('：')[1] + '：' + line.split('：')[2].split(' ')[0])).toEqual(
        ['--domain', '--stream', '--ttl', '--lang', '缺少'].map((word) => 'ts-pusher sign：' + word),
      );
      expect(err.match(/^See: ts-pusher sign --help$/gm)).toHaveLength(1);
    });

    it('lists every problem in --json, each with English and Chinese message and advice', async () => {
      const { code, out, err } = await cli([
        'ingest',
        '--rtmp-port',
        '99999',
        '--http-port',
        'x',
        '--stream',
        'a/b',
        '--ttl',
        '0',
        '--bogus',
        '--json',
      ]);
      expect(code).toBe(EXIT.USAGE);
      expect(err).toBe('');
      const report = JSON.parse(out) as { ok: boolean; error: { message: string }; problems: Array<Record<string, string>> };
      expect(report.ok).toBe(false);
      expect(report.problems.map((problem) => problem.message.split(' ')[2])).toEqual([
        '--rtmp-port',
        '--http-port',
        '--stream',
        '--ttl',
        'unknown',
      ]);
      for (const problem of report.problems) {
        expect(problem).toMatchObject({
          code: 'INVALID_ARGUMENT',
          message: expect.stringMatching(/^ts-pusher ingest: /),
          messageZh: expect.stringMatching(/^ts-pusher ingest：/),
        });
        expect(problem.advice.length * problem.adviceZh.length).toBeGreaterThan(0);
        expect(problem.messageZh).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(report.error.message).toBe(report.problems.map((problem) => problem.message).join('; '));
    });

    it.each([
      ['sign', ['--domain', 'h', '--stream', 's', '--key', '']],
      ['sign', ['--domain', 'h', '--stream', 's']],
      ['verify', ['rtmp://h/live/s']],
      ['play', ['--domain', 'h', '--stream', 's', '--key', '']],
      ['ingest', ['--key', '', '--rtmp-port', '0', '--http-port', '0']],
    ])('quotes values once and never shows "undefined" (%s %j)', async (command, argv) => {
      const { code, err } = await cli([command, ...argv]);
      expect(code).toBe(EXIT.USAGE);
      bilingual(err);
      expect(err).toContain('--key');
      expect(err).not.toContain('\\"');
      expect(err).not.toContain('undefined');
      if (argv.includes('')) expect(err).toContain('got ""');
    });

    it('names an empty TS_PUSHER_KEY as the culprit', async () => {
      const { code, err } = await cli(['sign', '--domain', 'h', '--stream', 's'], { TS_PUSHER_KEY: '' });
      expect(code).toBe(EXIT.USAGE);
      expect(err).toContain('error: ts-pusher sign: $TS_PUSHER_KEY must be a non-empty string');
    });

    it('names missing and extra positionals by the usage', async () => {
      expect((await cli(['explain'])).err).toContain('error: ts-pusher explain: CODE is missing');
      expect((await cli(['explain'])).err).toContain('错误：ts-pusher explain：缺少 CODE');
      const extra = await cli(['hash', 'a.png', 'b.png']);
      expect(extra.code).toBe(EXIT.USAGE);
      expect(extra.err).toContain('error: ts-pusher hash: unexpected argument "b.png"');
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
      const { out } = await cli([
        'play',
        '--domain',
        'push.example.com',
        '--play-domain',
        'play.example.com',
        '--stream',
        's',
        '--key',
        KEY,
        '--ttl',
        '60',
        '--http',
        '--json',
      ]);
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
      expect(JSON.parse(json.out)).toMatchObject({
        ok: false,
        reason: 'missing-signature',
        stream: 'demo',
        message: expect.any(String),
        messageZh: expect.any(String),
      });
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
      expect(zh.out).toMatch(/^-1307 PUSH_ERR_NET_DISCONNECT（致命错误，连接）\n.*[\u4e00-\u9fff].*\n建议：/);
      expect((await cli(['explain', 'PUSH_ERR_NET_DISCONNECT'])).out).toBe((await cli(['explain', '-1307'])).out);
    });

    it('translates kind and category of every catalogued code with --lang zh', async () => {
      for (const info of Object.values(STATE_CODES)) {
        const first = (await cli(['explain', String(info!.code), '--lang', 'zh'])).out.split('\n')[0];
        const [, kind, category] = /（([^，）]+)，([^）]+)）/.exec(first) || [];
        expect({ code: info!.code, kind, category }).toEqual({
          code: info!.code,
          kind: expect.stringMatching(/^[\u4e00-\u9fff]+$/),
          category: expect.stringMatching(/^[\u4e00-\u9fff]+$/),
        });
      }
      expect((await cli(['explain', '12345', '--lang', 'zh'])).out.split('\n')[0]).toBe('12345 UNKNOWN（未知，未知）');
    });

    it('marks unverified codes', async () => {
      expect((await cli(['explain', '5001'])).out).toContain('(unverified)');
    });

    it('exits 1 with an unknown entry for codes outside the catalogue', async () => {
      const { code, out } = await cli(['explain', '12345', '--json']);
      expect(code).toBe(EXIT.NO);
      expect(JSON.parse(out)).toMatchObject({ code: 12345, kind: 'unknown', name: 'UNKNOWN' });
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
      expect(err).toContain('error: ts-pusher hash: IMAGE must be a readable file (ENOENT)');
    });

    it.each([
      ['JPEG', [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]],
      ['GIF', Array.from(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))],
      ['WebP', Array.from(Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'))],
      ['BMP', [0x42, 0x4d, 0x3a, 0, 0, 0, 0, 0, 0, 0, 0x36, 0]],
    ])('hashes a %s image', async (format, bytes) => {
      const file = join(dir, `waiting.${format.toLowerCase()}`);
      writeFileSync(file, Buffer.from(bytes));
      expect(await cli(['hash', file])).toEqual({ code: 0, out: createHash('md5').update(Buffer.from(bytes)).digest('hex'), err: '' });
    });

    it.each([
      ['a text file', 'notes.txt', Buffer.from('hello, waiting image\n')],
      ['an HTML error page saved as .png', 'saved.png', Buffer.from('<!DOCTYPE html><title>404</title>')],
      ['RIFF audio', 'sound.webp', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')],
      ['an empty file', 'empty.png', Buffer.alloc(0)],
    ])('refuses %s: what is hashed is what a phone can show', async (_what, name, bytes) => {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const { code, out, err } = await cli(['hash', file]);
      expect({ code, out }).toEqual({ code: EXIT.USAGE, out: '' });
      bilingual(err);
      expect(err).toContain(`error: ts-pusher hash: IMAGE must be a PNG, JPEG, GIF, WebP or BMP image`);
      expect(err).toContain('错误：ts-pusher hash：IMAGE 应为PNG、JPEG、GIF、WebP 或 BMP 图片');
      await expect(waitingImageHash(file)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('waitingImageHash: file must be a PNG'),
      });
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
      expect(err).toContain(`error: ts-pusher ingest: --rtmp-port must be a free port on 127.0.0.1, got ${busyPort} (EADDRINUSE)`);
      expect(err).not.toMatch(API_WORDS);
    });

    it('exits 2 for both busy ports at once, and for an address that is not this machine', async () => {
      const second = createServer();
      await new Promise<void>((done) => second.listen(0, '127.0.0.1', done));
      const otherPort = (second.address() as { port: number }).port;
      try {
        const { code, out } = await cli(['ingest', '--rtmp-port', String(busyPort), '--http-port', String(otherPort), '--json']);
        expect(code).toBe(EXIT.USAGE);
        expect((JSON.parse(out) as { problems: Array<{ message: string }> }).problems.map((problem) => problem.message)).toEqual([
          `ts-pusher ingest: --rtmp-port must be a free port on 127.0.0.1, got ${busyPort} (EADDRINUSE)`,
          `ts-pusher ingest: --http-port must be a free port on 127.0.0.1, got ${otherPort} (EADDRINUSE)`,
        ]);
      } finally {
        await new Promise<void>((done) => second.close(() => done()));
      }
      const same = await cli(['ingest', '--rtmp-port', String(busyPort), '--http-port', String(busyPort)]);
      expect(same.err).toContain('error: ts-pusher ingest: --http-port must differ from --rtmp-port');
      const host = await cli(['ingest', '--host', '192.0.2.1', '--rtmp-port', '0', '--http-port', '0']);
      expect(host.code).toBe(EXIT.USAGE);
      expect(host.err.match(/^error: /gm)).toHaveLength(1);
      expect(host.err).toContain('error: ts-pusher ingest: --host must be an address of this machine, got "192.0.2.1" (EADDRNOTAVAIL)');
    });

    it('exits 2 for a --ttl past what a txTime holds, before listening', async () => {
      const { code, err } = await cli(['ingest', '--rtmp-port', '0', '--http-port', '0', '--ttl', '99999999999']);
      expect(code).toBe(EXIT.USAGE);
      expect(err).toContain('error: ts-pusher ingest: --ttl must be a whole number of seconds from 1 to');
      expect(err).toContain('2106-02-07T06:28:15Z');
    });

    it('exits 2 for --lan with --host (before touching any network)', async () => {
      const { code, err } = await cli(['ingest', '--lan', '--host', '127.0.0.1']);
      expect(code).toBe(EXIT.USAGE);
      expect(err).toContain('error: ts-pusher ingest: --lan and --host exclude each other');
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
