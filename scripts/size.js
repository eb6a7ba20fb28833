#!/usr/bin/env node
/**
 * Prints the gzip size of what a user's mini-program receives from ts-pusher: every
 * JS, WXML, WXSS and JSON file of miniprogram_dist (not .d.ts). Exits 1 over budget.
 * Also prints how much of the core bundle is message text (the compact bilingual tables)
 * and how much is code, so the budget can be discussed with figures. The live room
 * (`im/`, required only by pages that use it) is reported apart, against its own budget.
 * Usage: node scripts/size.js [--json]
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

/** The ceiling for everything a mini-program receives from the pusher: core, component, policies, emulation. */
const BUDGET = 16384;
const root = path.join(__dirname, '..', 'miniprogram_dist');
/** ts-pusher/im, gzip: outside the pusher's sum, with a budget of its own. */
const IM_BUDGET = 4096;
const isIm = (row) => row.file.split(path.sep)[0] === 'im';

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

if (!fs.existsSync(root)) {
  console.error('miniprogram_dist/ is missing: run `npm run build` first.');
  process.exit(2);
}
const files = walk(root)
  .filter((f) => /\.(js|wxml|wxss|json)$/.test(f) && !f.endsWith('.d.ts'))
  .sort();
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const allRows = files.map((f) => {
  const buf = fs.readFileSync(f);
  return { file: path.relative(root, f), raw: buf.length, gzip: gz(buf) };
});
const rows = allRows.filter((r) => !isIm(r));
const imRows = allRows.filter(isIm);
const im = { files: imRows.length, raw: imRows.reduce((n, r) => n + r.raw, 0), gzip: imRows.reduce((n, r) => n + r.gzip, 0), budget: IM_BUDGET };
/** gzip of the core bundle with its message tables (long `a|b|c` string literals) blanked. */
function textShare() {
  const acorn = require('acorn');
  const core = path.join(root, 'index.js');
  if (!fs.existsSync(core)) return null;
  const code = fs.readFileSync(core, 'utf8');
  let stripped = '';
  let last = 0;
  for (const token of acorn.tokenizer(code, { ecmaVersion: 2022 })) {
    const isText = token.type.label === 'string' || token.type.label === 'template';
    if (isText && token.end - token.start > 100 && /\|/.test(code.slice(token.start, token.end))) {
      stripped += code.slice(last, token.start) + '""';
      last = token.end;
    }
  }
  stripped += code.slice(last);
  const withTables = gz(Buffer.from(code));
  const withoutTables = gz(Buffer.from(stripped));
  return { coreGzip: withTables, coreWithoutTextGzip: withoutTables, textTablesGzip: withTables - withoutTables };
}

const total = {
  files: rows.length,
  raw: rows.reduce((n, r) => n + r.raw, 0),
  gzipPerFile: rows.reduce((n, r) => n + r.gzip, 0),
  gzipConcatenated: gz(Buffer.concat(rows.map((r) => fs.readFileSync(path.join(root, r.file))))),
  budget: BUDGET,
  text: textShare(),
};
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ rows, total, im: { ...im, rows: imRows } }, null, 2));
} else {
  for (const r of rows) console.log(`${r.file.padEnd(28)} ${String(r.raw).padStart(7)} B  ${String(r.gzip).padStart(6)} B gzip`);
  console.log('-'.repeat(56));
  console.log(`${(total.files + ' files').padEnd(28)} ${String(total.raw).padStart(7)} B  ${String(total.gzipPerFile).padStart(6)} B gzip (sum of files)`);
  console.log(`${'all files as one stream'.padEnd(28)} ${''.padStart(9)}  ${String(total.gzipConcatenated).padStart(6)} B gzip`);
  if (total.text) {
    console.log(`index.js message tables       ${''.padStart(9)}  ${String(total.text.textTablesGzip).padStart(6)} B gzip (bilingual messages and advice)`);
    console.log(`everything but those tables   ${''.padStart(9)}  ${String(total.gzipPerFile - total.text.textTablesGzip).padStart(6)} B gzip`);
  }
  console.log(`${'budget'.padEnd(28)} ${''.padStart(9)}  ${String(BUDGET).padStart(6)} B gzip: ${total.gzipPerFile <= BUDGET ? 'within' : 'OVER by ' + (total.gzipPerFile - BUDGET) + ' B'} (sum of files)`);
}
if (!process.argv.includes('--json')) {
  for (const r of imRows) console.log(`${r.file.padEnd(28)} ${String(r.raw).padStart(7)} B  ${String(r.gzip).padStart(6)} B gzip`);
  console.log(`ts-pusher/im budget          ${''.padStart(9)}  ${String(IM_BUDGET).padStart(6)} B gzip: ${im.gzip <= IM_BUDGET ? 'within' : 'OVER'} (not in the sum above)`);
}
process.exit(total.gzipPerFile <= BUDGET && im.gzip <= IM_BUDGET ? 0 : 1);
