/**
 * Jest globalSetup of the `package` and `examples` projects: runs scripts/pack-example.js once
 * per jest run (npm pack, install into examples/, WeChat's npm builder), before any test file.
 * Both projects read examples/ while it runs; packing inside one of them would rebuild it under
 * the other. The outcome goes to PACK_RESULT; a failure is reported by the tests that need the
 * pack, so the other projects still run.
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..', '..');
/** `{ ok, stdout, stderr }` of the last pack; git-ignored. */
const PACK_RESULT = path.join(ROOT, '.tmp', 'pack-example.json');

module.exports = async function packExampleOnce() {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'pack-example.js')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 100_000,
  });
  const failure = run.error ? run.error.message : run.status !== 0 ? `exit ${run.status}` : '';
  fs.mkdirSync(path.dirname(PACK_RESULT), { recursive: true });
  fs.writeFileSync(PACK_RESULT, JSON.stringify({ ok: !failure, failure, stdout: run.stdout || '', stderr: run.stderr || '' }));
};
module.exports.PACK_RESULT = PACK_RESULT;
