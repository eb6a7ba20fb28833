/**
 * Runs the DevTools npm builder (miniprogram-ci's packNpmManually) on each mini-program folder
 * given as arguments, in one process (loading miniprogram-ci takes seconds), and prints one
 * JSON line: per folder, the builder's counts or the error it threw.
 */
const path = require('path');
const ci = require('miniprogram-ci');

(async () => {
  const results = [];
  for (const dir of process.argv.slice(2)) {
    try {
      const r = await ci.packNpmManually({ packageJsonPath: path.join(dir, 'package.json'), miniprogramNpmDistDir: dir });
      results.push({ dir, miniProgramPackNum: r.miniProgramPackNum, otherNpmPackNum: r.otherNpmPackNum, warnings: r.warnList.length });
    } catch (error) {
      results.push({ dir, error: String(error && error.message) });
    }
  }
  process.stdout.write('\n' + JSON.stringify(results) + '\n');
})();
