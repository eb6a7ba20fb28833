/**
 * A user's own TypeScript mini-program project, set up only as the README says: `npm init -y`,
 * the packed tarball (step 1 of the quick start), the README's dev dependencies command, its
 * `tsconfig.json` and `jest.config.js`, the quick start's page and the README's page test, all
 * taken from the README's marked blocks as printed. Then what the user runs: `tsc` and `jest`.
 * Reaches the npm registry for the dev dependencies (as a user's install does).
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const { packTarball } = require('../../scripts/pack-example.js') as { packTarball(dir: string): { tarball: string } };
const { readmeExamples, writeExamples } = require('../../scripts/readme-examples.js') as {
  readmeExamples(): { path: string; code: string }[];
  writeExamples(dir: string, prefix: string): string[];
};

const PREFIX = 'your-project/';

/** Runs a command in the project; returns its output, failing the test with it on a non-zero exit. */
function run(project: string, command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: project, encoding: 'utf8', env: { ...process.env, CI: 'true', FORCE_COLOR: '0' } });
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}${result.error ? ' (' + result.error.message + ')' : ''}:\n${output}`,
    );
  return output;
}

let project: string;
beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-pusher-your-project-'));
});
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

it('the README holds the whole project: page, test, tsconfig, jest config and dev dependencies', () => {
  const files = readmeExamples()
    .map((example) => example.path)
    .filter((file) => file.startsWith(PREFIX))
    .map((file) => file.slice(PREFIX.length));
  expect(files.sort()).toEqual(
    [
      'install-dev.sh',
      'jest.config.js',
      'pages/live/index.json',
      'pages/live/index.ts',
      'pages/live/index.wxml',
      'pages/watch/index.json',
      'pages/watch/index.ts',
      'pages/watch/index.wxml',
      'test/live.test.ts',
      'test/watch.test.ts',
      'tsconfig.json',
    ].sort(),
  );
});

it('installs, type-checks and passes its page test with only the README as a guide', () => {
  const { tarball } = packTarball(project);
  run(project, 'npm', ['init', '-y']);
  run(project, 'npm', ['install', tarball, '--no-audit', '--no-fund']);
  writeExamples(project, PREFIX);
  run(project, 'sh', [path.join(project, 'install-dev.sh')]);

  run(project, 'npx', ['--no-install', 'tsc', '--noEmit', '-p', '.']);
  const jest = run(project, 'npx', ['--no-install', 'jest', '--ci', '--verbose']);
  expect(jest).toMatch(/✓ goes live, survives a lost network and the background/);
  expect(jest).toMatch(/✓ plays, rides out a lost network, and says when the broadcaster has gone/);
  expect(jest).toMatch(/Tests:\s+2 passed, 2 total/);
}, 600_000);
