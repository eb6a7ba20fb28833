/**
 * What a phone receives holds no signing code and no key material: miniprogram_dist/ (built by
 * `npm run build`, which `npm test` runs first) is inspected file by file, and the sources that
 * feed it are checked never to import the Node-only server or CLI.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve } from 'path';

const ROOT = resolve(__dirname, '../..');
const MINI = join(ROOT, 'miniprogram_dist');

function files(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    found.push(...(statSync(path).isDirectory() ? files(path) : [path]));
  }
  return found;
}

/** Text that must never reach miniprogram_dist, with why. */
const FORBIDDEN: ReadonlyArray<readonly [RegExp, string]> = [
  [/createHash|timingSafeEqual|randomBytes|createHmac/, 'Node crypto calls (signing happens on a server)'],
  [/require\(\s*["'](node:)?crypto["']\s*\)|from\s+["'](node:)?crypto["']/, 'the crypto module'],
  [/signPushUrl|signPlayUrls|signStream|txSecretOf|verifyPushUrl|verifyPushParts|startIngest/, 'ts-pusher/server functions'],
  [/node-media-server|@ffmpeg-installer|@ffprobe-installer/, 'server-side packages'],
  [/ts-pusher\/server|["'][./]*server\/|["'][./]*cli\//, 'imports of the server or CLI'],
  // The MD5 initial state and first round constants, hex and decimal (signed and unsigned): any md5 implementation has them.
  [/0x67452301|1732584193|0xefcdab89|4023233417|-271733879|0xd76aa478|3614090360|-680876936/i, 'an md5 implementation'],
  [/txSecret=\$\{|["']&?txSecret=["']\s*\+/, 'txSecret being computed into a URL'],
  [/ts-pusher-test-key|ts-pusher-im-test-key|contract-test-secret-key/, 'the test keys'],
  // Chat UserSig signing: TLS 2.0 field names, zlib, Tencent's reference package, our functions.
  [
    /genUserSig|verifyUserSig|USERSIG_REFUSAL_TEXT|TLS\.(?:identifier|sdkappid|expire|sig)\b|deflateSync|inflateSync|tls-sig-api|TS_PUSHER_IM_KEY/,
    'UserSig signing code',
  ],
  [/\b[0-9a-f]{32}\b/, 'an md5-looking literal (key material or a precomputed signature)'],
];

describe('miniprogram_dist (what a mini-program gets)', () => {
  let shipped: string[] = [];

  beforeAll(() => {
    if (!existsSync(MINI)) throw new Error('miniprogram_dist/ is missing: run npm run build first (npm test does it before jest)');
    shipped = files(MINI);
  });

  it('has files, and no server or cli folder', () => {
    expect(shipped.length).toBeGreaterThan(0);
    const folders = shipped.map((file) => relative(MINI, file).split(/[\\/]/)[0]);
    expect(folders).not.toContain('server');
    expect(folders).not.toContain('cli');
  });

  it.each(FORBIDDEN.map(([pattern, why]) => [why, pattern] as const))('holds no %s', (_why, pattern) => {
    const hits = shipped.filter((file) => pattern.test(readFileSync(file, 'utf8'))).map((file) => relative(ROOT, file));
    expect(hits).toEqual([]);
  });

  it('still ships the shared URL redaction (txSecret=***) the component uses', () => {
    expect(
      shipped.some(
        (file) => file.endsWith('.js') && /txSecret/.test(readFileSync(file, 'utf8')) && readFileSync(file, 'utf8').includes('***'),
      ),
    ).toBe(true);
  });
});

describe('sources that feed miniprogram_dist', () => {
  const phoneSources = [
    ...readdirSync(join(ROOT, 'src'))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => join(ROOT, 'src', name)),
    // ts-pusher/im ships to phones too.
    ...files(join(ROOT, 'src', 'im')).filter((file) => file.endsWith('.ts')),
    ...(existsSync(join(ROOT, 'components')) ? files(join(ROOT, 'components')).filter((file) => file.endsWith('.ts')) : []),
  ];

  it('never import src/server or src/cli', () => {
    const importsServer = /from\s+["'][^"']*\/(server|cli)(\/[^"']*)?["']|require\(\s*["'][^"']*\/(server|cli)(\/[^"']*)?["']\s*\)/;
    const hits = phoneSources.filter((file) => importsServer.test(readFileSync(file, 'utf8'))).map((file) => relative(ROOT, file));
    expect(phoneSources.length).toBeGreaterThan(0);
    expect(hits).toEqual([]);
  });

  it('server and CLI log through the one shared redactUrl instead of their own', () => {
    const serverFiles = [...files(join(ROOT, 'src/server')), ...files(join(ROOT, 'src/cli'))];
    const ownRedaction = serverFiles.filter((file) => /txSecret=\)|\(txSecret=/.test(readFileSync(file, 'utf8')));
    expect(ownRedaction).toEqual([]);
    expect(readFileSync(join(ROOT, 'src/server/ingest.ts'), 'utf8')).toMatch(/import \{ redactUrl \} from '\.\.\/redact'/);
  });
});
