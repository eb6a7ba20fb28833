/**
 * `npm run size` (scripts/size.js) is the gate `npm test` runs before jest: it must fail when a
 * ceiling is exceeded. Checked on a copy of the build with an inflated bundle.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { randomBytes } from 'crypto';

const ROOT = path.join(__dirname, '..', '..');
const SIZE = path.join(ROOT, 'scripts', 'size.js');
const DIST = path.join(ROOT, 'miniprogram_dist');

function size(dist: string) {
  return spawnSync(process.execPath, [SIZE, '--dist', dist], { encoding: 'utf8' });
}

let copy: string;
beforeEach(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-pusher-size-'));
  fs.cpSync(DIST, copy, { recursive: true });
});
afterEach(() => fs.rmSync(copy, { recursive: true, force: true }));

it('passes on the build as it is, printing every file and each ceiling', () => {
  const run = size(copy);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^index\.js\s/m);
  expect(run.stdout).toMatch(/^pusher \(\d+ files\).*ceiling 18,432 B gzip, 49,152 B raw: within$/m);
  expect(run.stdout).toMatch(/^phone package \(\d+ files\).*ceiling 24,576 B gzip, 65,536 B raw: within$/m);
  expect(run.stdout).toMatch(/^im \(\d+ files\).*ceiling 5,120 B gzip: within$/m);
});

it('fails when incompressible bytes push the pusher over its gzip ceiling', () => {
  fs.appendFileSync(path.join(copy, 'index.js'), `\n// ${randomBytes(3000).toString('base64')}\n`);
  const run = size(copy);
  expect(run.status).toBe(1);
  expect(run.stdout).toMatch(/^pusher .*OVER \(gzip [\d,]+ B > 18432 B by \d+ B(; raw [\d,]+ B > 49152 B by \d+ B)?\)$/m);
  expect(run.stderr).toMatch(/over the ceiling: pusher gzip/);
});

it('fails on raw size alone: a well-compressing padding over 49,152 B', () => {
  fs.appendFileSync(path.join(copy, 'pusher', 'index.wxss'), ' '.repeat(49152));
  const run = size(copy);
  expect(run.status).toBe(1);
  expect(run.stdout).toMatch(/^pusher .*OVER \((gzip [\d,]+ B > 18432 B by \d+ B; )?raw [\d,]+ B > 49152 B by \d+ B\)$/m);
});

it('counts the live room apart: an inflated im/ fails its own ceiling, not the pusher', () => {
  fs.appendFileSync(path.join(copy, 'im', 'index.js'), `\n// ${randomBytes(2000).toString('base64')}\n`);
  const run = size(copy);
  expect(run.status).toBe(1);
  expect(run.stdout).toMatch(/^pusher .*: within$/m);
  expect(run.stdout).toMatch(/^im .*OVER \(gzip/m);
});
