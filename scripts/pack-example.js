#!/usr/bin/env node
/**
 * Gives examples/ exactly what a user's mini-program gets from ts-pusher:
 *   1. `npm pack` the repository (what `npm publish` would upload: package.json `files`);
 *   2. `npm install` that tarball into examples/node_modules, with the examples' other
 *      dependencies (`@tencentcloud/chat`) packed from the root's node_modules: the version the
 *      root's lock file pins, checked against examples/package.json, installed offline from
 *      tarballs so no step needs the registry's metadata (a fresh machine has none cached);
 *   3. miniprogram-ci's `packNpmManually`, the DevTools "构建 npm" builder, into
 *      examples/miniprogram_npm/.
 * Then prints what it produced. Needs a build first: `npm run example` does both.
 * Usage: node scripts/pack-example.js
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples');
const NPM_DIST = path.join(EXAMPLE, 'miniprogram_npm');
/** Files the build must have produced; without them there is nothing worth packing. */
const BUILT = ['miniprogram_dist/index.js', 'miniprogram_dist/pusher/index.js'];

/** Runs npm in `cwd`; `--prefix` pins it there whatever `npm run` left in the environment. */
function npm(args, cwd) {
  const result = spawnSync('npm', [...args, '--prefix', cwd], { cwd, encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    throw new Error(`npm ${args.join(' ')} failed (${result.error ? result.error.message : 'exit ' + result.status}):\n${result.stderr}`);
  }
  return result.stdout;
}

/** `npm pack`s the repository (what `npm publish` would upload) into `destination`; returns npm's report and the tarball's path. */
function packTarball(destination) {
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', destination], ROOT))[0];
  return { packed, tarball: path.join(destination, packed.filename) };
}

/**
 * Tarballs of examples/package.json's dependencies other than ts-pusher, packed from the
 * root's node_modules (installed by `npm ci` from the lock file, integrity-checked). Each must
 * be pinned to the exact version installed there, so examples/ gets the same version every time.
 */
function packDependencies(destination) {
  const wanted = require(path.join(EXAMPLE, 'package.json')).dependencies || {};
  return Object.keys(wanted)
    .filter((name) => name !== 'ts-pusher')
    .map((name) => {
      const dir = path.join(ROOT, 'node_modules', name);
      const installed = fs.existsSync(path.join(dir, 'package.json')) ? require(path.join(dir, 'package.json')).version : null;
      if (installed !== wanted[name]) {
        throw new Error(
          `examples/package.json wants ${name}@${wanted[name]} but the root has ${installed ? name + '@' + installed : 'none'} installed: ` +
            `pin the same exact version in both package.json files and run \`npm ci\`.`,
        );
      }
      const packed = JSON.parse(npm(['pack', dir, '--json', '--ignore-scripts', '--pack-destination', destination], ROOT))[0];
      return path.join(destination, packed.filename);
    });
}

/** Every file under `dir`, relative, with `/` separators, sorted. */
function listFiles(dir) {
  const out = [];
  (function walk(sub) {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? sub + '/' + entry.name : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out.push(rel);
    }
  })('');
  return out.sort();
}

async function timed(label, steps, fn) {
  const start = Date.now();
  const value = await fn();
  steps.push({ step: label, ms: Date.now() - start });
  return value;
}

/** Packs, installs and builds; returns what ended up in examples/miniprogram_npm. */
async function packExample() {
  const missing = BUILT.filter((file) => !fs.existsSync(path.join(ROOT, file)));
  if (missing.length) {
    const error = new Error(`${missing.join(', ')} missing: run \`npm run build\` first (or \`npm run example\`).`);
    error.code = 'NOT_BUILT';
    throw error;
  }
  const steps = [];
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-pusher-pack-'));
  try {
    const { packed, tarball } = await timed('npm pack', steps, () => packTarball(temp));

    // A clean slate: packNpmManually never deletes, and a stale install could hide a missing file.
    fs.rmSync(path.join(EXAMPLE, 'node_modules'), { recursive: true, force: true });
    fs.rmSync(NPM_DIST, { recursive: true, force: true });
    const dependencies = await timed('pack dependencies', steps, () => packDependencies(temp));
    await timed('npm install', steps, () =>
      npm(
        ['install', tarball, ...dependencies, '--no-save', '--no-package-lock', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'],
        EXAMPLE,
      ),
    );

    const ci = await timed('load miniprogram-ci', steps, () => require('miniprogram-ci'));
    const result = await timed('packNpmManually', steps, () =>
      ci.packNpmManually({ packageJsonPath: path.join(EXAMPLE, 'package.json'), miniprogramNpmDistDir: EXAMPLE }),
    );
    if (!fs.existsSync(path.join(NPM_DIST, 'ts-pusher'))) {
      throw new Error(`packNpmManually produced no miniprogram_npm/ts-pusher (${JSON.stringify(result)})`);
    }
    const files = listFiles(NPM_DIST).map((file) => ({ file, size: fs.statSync(path.join(NPM_DIST, file)).size }));
    return {
      tarball: { name: packed.filename, size: packed.size, unpackedSize: packed.unpackedSize, entryCount: packed.entryCount },
      miniProgramPackNum: result.miniProgramPackNum,
      otherNpmPackNum: result.otherNpmPackNum,
      warnings: result.warnList,
      files,
      steps,
    };
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

function report(out) {
  const width = Math.max(...out.files.map((f) => f.file.length));
  const total = out.files.reduce((n, f) => n + f.size, 0);
  const lines = [
    `npm pack: ${out.tarball.name}, ${out.tarball.size} B packed, ${out.tarball.unpackedSize} B unpacked, ${out.tarball.entryCount} files`,
    `packNpmManually: ${out.miniProgramPackNum} mini-program package(s), ${out.otherNpmPackNum} other package(s), ${out.warnings.length} warning(s)`,
    ...out.warnings.map((w) => `  warning: ${w.jsPath}: ${w.msg || w.tips}`),
    'examples/miniprogram_npm/',
    ...out.files.map((f) => `  ${f.file.padEnd(width)}  ${String(f.size).padStart(6)} B`),
    `  ${out.files.length} files, ${total} B`,
    `time: ${out.steps.map((s) => `${s.step} ${(s.ms / 1000).toFixed(1)} s`).join(', ')}`,
    'Open examples/ in WeChat DevTools (project.config.json, appid touristappid).',
  ];
  console.log(lines.join('\n'));
}

if (require.main === module) {
  packExample().then(report, (error) => {
    console.error(error.message);
    process.exit(error.code === 'NOT_BUILT' ? 2 : 1);
  });
}

module.exports = { packExample, packTarball, npm, listFiles };
