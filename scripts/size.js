#!/usr/bin/env node
/**
 * The size of what a user's mini-program receives from ts-pusher: every JS, WXML, WXSS and JSON
 * file of miniprogram_dist (not .d.ts), raw and gzip -9, each file and the sums, against the
 * ceilings below. Exits 1 when any sum is over its ceiling; `npm test` runs it.
 *
 *   pusher         everything a page that only pushes receives: miniprogram_dist without
 *                  `im/` and without the player's own files (`player/`)
 *   player         the player's own files (`player/`)
 *   phone package  pusher, player and shared core: everything but `im/`
 *   im             `ts-pusher/im` (`im/`), required only by live-room pages
 *
 * Also prints how much of the core bundle is message text (the bilingual tables), so the
 * ceilings can be discussed with figures.
 * Usage: node scripts/size.js [--json] [--dist DIR]
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

/** Ceilings in bytes; `null`: not limited. `files` picks a sum's files by their path in miniprogram_dist. */
const GROUPS = [
  { name: 'pusher', gzip: 18432, raw: 49152, files: (top) => top !== 'im' && top !== 'player' },
  { name: 'player', gzip: 6144, raw: null, files: (top) => top === 'player' },
  { name: 'phone package', gzip: 24576, raw: 65536, files: (top) => top !== 'im' },
  { name: 'im', gzip: 5120, raw: null, files: (top) => top === 'im' },
];

const distArg = process.argv.indexOf('--dist');
const root = distArg > 0 ? path.resolve(process.argv[distArg + 1]) : path.join(__dirname, '..', 'miniprogram_dist');

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

/** gzip of the core bundle with its message tables (the `a|b|c` rows of the bilingual tables) blanked. */
function textShare() {
  const acorn = require('acorn');
  const core = path.join(root, 'index.js');
  if (!fs.existsSync(core)) return null;
  const code = fs.readFileSync(core, 'utf8');
  let stripped = '';
  let last = 0;
  for (const token of acorn.tokenizer(code, { ecmaVersion: 2022 })) {
    const isText = token.type.label === 'string' || token.type.label === 'template';
    if (isText && token.end - token.start > 12 && /\|/.test(code.slice(token.start, token.end))) {
      stripped += code.slice(last, token.start) + '""';
      last = token.end;
    }
  }
  stripped += code.slice(last);
  const withTables = gz(Buffer.from(code));
  return { coreGzip: withTables, textTablesGzip: withTables - gz(Buffer.from(stripped)) };
}

/** Rows of every shipped file and the sums of each group, with their verdicts. */
function measure() {
  const rows = walk(root)
    .filter((f) => /\.(js|wxml|wxss|json)$/.test(f) && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => {
      const buf = fs.readFileSync(f);
      const file = path.relative(root, f).split(path.sep).join('/');
      return { file, raw: buf.length, gzip: gz(buf) };
    });
  const sums = GROUPS.map((group) => {
    const members = rows.filter((r) => group.files(r.file.includes('/') ? r.file.split('/')[0] : ''));
    const raw = members.reduce((n, r) => n + r.raw, 0);
    const gzip = members.reduce((n, r) => n + r.gzip, 0);
    const over = [];
    if (gzip > group.gzip) over.push(`gzip ${gzip} B > ${group.gzip} B by ${gzip - group.gzip} B`);
    if (group.raw !== null && raw > group.raw) over.push(`raw ${raw} B > ${group.raw} B by ${raw - group.raw} B`);
    return { name: group.name, files: members.length, raw, gzip, ceilings: { gzip: group.gzip, raw: group.raw }, over };
  });
  return { rows, sums, text: textShare() };
}

const n = (value) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function print({ rows, sums, text }) {
  const width = Math.max(28, ...rows.map((r) => r.file.length + 2));
  console.log(`${'file'.padEnd(width)} ${'raw'.padStart(9)}  ${'gzip -9'.padStart(9)}`);
  for (const r of rows) console.log(`${r.file.padEnd(width)} ${n(r.raw).padStart(7)} B  ${n(r.gzip).padStart(7)} B`);
  console.log('-'.repeat(width + 22));
  for (const s of sums) {
    const ceiling = `ceiling ${n(s.ceilings.gzip)} B gzip${s.ceilings.raw === null ? '' : ', ' + n(s.ceilings.raw) + ' B raw'}`;
    const label = `${s.name} (${s.files} files)`;
    console.log(
      `${label.padEnd(width)} ${n(s.raw).padStart(7)} B  ${n(s.gzip).padStart(7)} B  ${ceiling}: ${s.over.length ? 'OVER (' + s.over.join('; ') + ')' : 'within'}`,
    );
  }
  if (text)
    console.log(`index.js message tables: ${n(text.textTablesGzip)} B of its ${n(text.coreGzip)} B gzip (bilingual messages and advice)`);
}

if (require.main === module) {
  if (!fs.existsSync(root)) {
    console.error(`${path.relative(process.cwd(), root) || root}/ is missing: run \`npm run build\` first.`);
    process.exit(2);
  }
  const result = measure();
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else print(result);
  const over = result.sums.filter((s) => s.over.length);
  if (over.length) console.error(`size: over the ceiling: ${over.map((s) => s.name + ' ' + s.over.join(', ')).join('; ')}`);
  process.exit(over.length ? 1 : 0);
}

module.exports = { GROUPS, measure };
