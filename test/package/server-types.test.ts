/**
 * `ts-pusher/server` in a Node backend, as a user gets it: the `npm pack` tarball installed
 * (offline) into a fresh project, type-checked by the real `tsc` under the module settings
 * backends use, and the compiled CommonJS run by Node.
 */
import { spawn, spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const ROOT = path.join(__dirname, '..', '..');
// The same pack and npm helpers the example's packaging uses.
const { packTarball, npm } = require(path.join(ROOT, 'scripts', 'pack-example.js')) as {
  packTarball(destination: string): { tarball: string };
  npm(args: string[], cwd: string): string;
};

/** A backend file using both entries; `@ts-expect-error` fails the check if a module were typed `any`. */
const BACKEND = `import { signPushUrl, verifyPushUrl, startIngest, type IngestLogEntry } from 'ts-pusher/server';
import { describeCode, PusherError } from 'ts-pusher';
import { TRACES, installFakeDevice } from 'ts-pusher/testing';

const url: string = signPushUrl({ domain: 'push.example.com', stream: 'room_42', key: 'backend-key', ttlSeconds: 3600 });
const verdict = verifyPushUrl(url, 'backend-key');
const stream: string | undefined = verdict.stream;
const pushBegin: string = describeCode(1002).name;
const happySteps: number = TRACES.happy.length + (typeof installFakeDevice === 'function' ? 0 : 1);
const onLog = (entry: IngestLogEntry): string => entry.messageZh;
// @ts-expect-error a stream name is a string
const mistake = () => signPushUrl({ domain: 'push.example.com', stream: 42, key: 'k', ttlSeconds: 60 });

console.log(JSON.stringify({ url, ok: verdict.ok, stream, pushBegin, happySteps, functions: [startIngest, onLog, mistake].map((f) => typeof f), error: new PusherError({ code: 'TIMEOUT', category: 'usage', message: 'm', messageZh: 'm', advice: '', adviceZh: '' }) instanceof Error }));
`;

/** Module settings of the backends we support: `tsc --init`'s classic CommonJS first. */
const SETTINGS = {
  'commonjs + node (node10)': { module: 'commonjs', moduleResolution: 'node' },
  'node16 + node16': { module: 'node16', moduleResolution: 'node16' },
  'esnext + bundler': { module: 'esnext', moduleResolution: 'bundler' },
} as const;

let project = '';
let tarball = '';
/** The type checks, started together once the project is installed (each tsc takes seconds). */
const checks = new Map<string, Promise<{ code: number | null; out: string }>>();

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server', 'index.d.ts')))
    throw new Error('dist/ is missing: run `npm run build` before the package tests (npm test does).');
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-pusher-backend-'));
  tarball = packTarball(project).tarball;
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'backend', private: true }));
  npm(['install', tarball, '--no-save', '--no-package-lock', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], project);
  // TypeScript and Node's types as the backend would have them; linked from this repository to stay offline.
  for (const dependency of ['typescript', '@types/node']) {
    fs.mkdirSync(path.dirname(path.join(project, 'node_modules', dependency)), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules', dependency), path.join(project, 'node_modules', dependency), 'dir');
  }
  fs.writeFileSync(path.join(project, 'index.ts'), BACKEND);
  for (const [name, settings] of Object.entries(SETTINGS)) checks.set(name, tsc(name, { ...settings, noEmit: true }));
}, 60_000);

afterAll(() => {
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

/** Runs the project's `tsc -p tsconfig.<name>.json --listFiles`; resolves with its exit code and output. */
function tsc(name: string, compilerOptions: Record<string, unknown>): Promise<{ code: number | null; out: string }> {
  const config = `tsconfig.${name.replace(/\W+/g, '-')}.json`;
  const options = { target: 'ES2020', strict: true, esModuleInterop: true, types: ['node'], ...compilerOptions };
  fs.writeFileSync(path.join(project, config), JSON.stringify({ compilerOptions: options, files: ['index.ts'] }));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config, '--listFiles'], {
      cwd: project,
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

it('installs the packed tarball with typesVersions pointing at files it contains', () => {
  const installed = path.join(project, 'node_modules', 'ts-pusher');
  expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
  const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
    typesVersions?: Record<string, Record<string, string[]>>;
    exports: Record<string, { types?: string }>;
  };
  const mapped = Object.values(pkg.typesVersions || {}).flatMap((paths) => Object.values(paths).flat());
  expect(mapped.length).toBeGreaterThan(0);
  for (const file of mapped) expect(fs.existsSync(path.join(installed, file))).toBe(true);
  expect(path.join(installed, pkg.exports['./server'].types as string)).toBe(path.join(installed, mapped[0]));
});

it.each(Object.entries(SETTINGS))(
  "type-checks a backend importing 'ts-pusher/server', 'ts-pusher/testing' and 'ts-pusher' with module %s",
  async (name, settings) => {
    expect(checks.has(name) && settings.module).toBeTruthy();
    const { code, out } = await (checks.get(name) as Promise<{ code: number | null; out: string }>);
    expect(out).not.toMatch(/error TS/);
    expect(code).toBe(0);
    const listed = out.split('\n').map((line) => path.resolve(line.trim()));
    for (const entry of ['dist/server/index.d.ts', 'dist/testing/index.d.ts', 'miniprogram_dist/index.d.ts']) {
      expect(listed).toContain(fs.realpathSync(path.join(project, 'node_modules', 'ts-pusher', entry)));
    }
  },
  60_000,
);

it('runs the backend compiled as CommonJS (tsc --init defaults): require resolves to the packed dist', async () => {
  const { code, out } = await tsc('emit', { module: 'commonjs', moduleResolution: 'node', outDir: 'out' });
  expect({ code, errors: out.match(/error TS.*/g) }).toEqual({ code: 0, errors: null });
  const run = spawnSync(process.execPath, [path.join(project, 'out', 'index.js')], { cwd: project, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const printed = JSON.parse(run.stdout) as Record<string, unknown>;
  expect(printed).toEqual({
    url: expect.stringMatching(/^rtmp:\/\/push\.example\.com\/live\/room_42\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]{8}$/),
    ok: true,
    stream: 'room_42',
    pushBegin: 'PUSH_EVT_PUSH_BEGIN',
    happySteps: 6,
    functions: ['function', 'function', 'function'],
    error: true,
  });
}, 60_000);
