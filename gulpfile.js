/**
 * Build: `miniprogram_dist/` (what a mini-program receives: core + components, minified
 * unless `--dev`) and `dist/` (the Node-only server entry and CLI, never shipped to phones).
 *
 * The phone build is bundled: gulp-typescript emits ES modules and declarations, rollup
 * hoists the core and every component's definition into one `index.js`, terser minifies;
 * each component's `<name>/index.js` is one line that calls its definition. One file saves
 * a fifth or more of the gzip size (module glue and a dictionary gzip cannot share across
 * files, and names shared by the core and the component are shortened once). The live room
 * (`im/index.js`) is a bundle of its own that requires `../index`.
 */
const fs = require('fs');
const path = require('path');
const { Transform } = require('stream');
const gulp = require('gulp');
const ts = require('gulp-typescript');
const { minify } = require('terser');
const { rollup } = require('rollup');

const dev = process.argv.includes('--dev');
const MINI = 'miniprogram_dist';
const NODE = 'dist';
const ESM = '.tmp/esm';
/** Node-only sources: signing code, the CLI and the testing kit must never reach miniprogram_dist (the fake native context is phone-safe: the DevTools emulation is built on it). */
const NODE_ONLY = ['src/server/**', 'src/cli/**', 'src/testing/!(fake-context).ts', 'src/testing/*/**'];
/** TypeScript helpers would mean a runtime dependency or duplicated code in every file. */
const HELPERS = /\b__(awaiter|generator|rest|assign|spreadArray|exportStar|createBinding|importDefault|importStar|extends|decorate)\b/;

/**
 * A gulp-typescript compile whose errors fail the build: its own reporter prints them, and
 * the task rejects once the output is written ("emit succeeded (with errors)" is a failure).
 */
function compile(project, failures) {
  const reporter = ts.reporter.defaultReporter();
  return project({
    error(error, typescript) {
      failures.push(error.message);
      reporter.error(error, typescript);
    },
    finish(results) {
      reporter.finish(results);
    },
  });
}

/** Resolves when `stream` finished, rejects on its error or when `failures` holds type errors. */
function written(stream, failures, label) {
  return new Promise((resolve, reject) =>
    stream
      .on('finish', () => (failures.length ? reject(new Error(`${label}: ${failures.length} TypeScript error(s), see above`)) : resolve()))
      .on('error', reject),
  );
}

/** A transform stream over Vinyl files. */
function each(fn) {
  return new Transform({
    objectMode: true,
    transform(file, _enc, done) {
      Promise.resolve(fn(file)).then(() => done(null, file), done);
    },
  });
}

/**
 * `src/x` → `x` and `components/c/x` → `c/x`; a component's `../../src/` imports become `../`.
 */
function flatten() {
  return each((file) => {
    const rel = file.relative.split(path.sep).join('/');
    const inComponents = rel.startsWith('components/');
    file.path = path.join(file.base, rel.replace(/^(src|components)\//, ''));
    if (inComponents && file.contents) {
      file.contents = Buffer.from(String(file.contents).replace(/(["'])\.\.\/\.\.\/src\//g, '$1../'));
    }
  });
}

function clean(done) {
  for (const dir of [MINI, NODE, ESM]) fs.rmSync(dir, { recursive: true, force: true });
  done();
}

/** ES modules for rollup (in .tmp) and flattened declarations (in miniprogram_dist). */
function miniCompile() {
  const project = ts.createProject('tsconfig.json', {
    types: ['miniprogram-api-typings'],
    module: 'ES2015',
    declaration: true,
    isolatedModules: false,
  });
  const failures = [];
  const result = gulp
    .src(['src/**/*.ts', 'components/**/*.ts', 'typings/**/*.d.ts', ...NODE_ONLY.map((g) => '!' + g)], { base: '.' })
    .pipe(compile(project, failures));
  return Promise.all([
    written(result.js.pipe(gulp.dest(ESM)), failures, 'phone build'),
    written(result.dts.pipe(flatten()).pipe(gulp.dest(MINI)), failures, 'phone build'),
  ]);
}

/** ts-pusher/im shares only the public core (`PusherError`…): its own helpers are bundled in. */
const IM_EXTERNAL = (id) => id === '../index';

/**
 * Components whose code is a part of its own, a chunk (`<name>/core.js`) beside the core: a page
 * that only pushes never loads the player. The chunk takes the part's barrel and its
 * component's definition; the modules it shares with the pusher stay in the core (`index.js`),
 * which exports them to the chunk under short names.
 */
const PARTS = { player: 'src/play/index.js' };

/** Terser settings of every phone file; one name cache, so a member shortened in the core has the same short name in a part. */
function terserOptions(nameCache) {
  // Shortened names must not shadow what exparser sets on every component instance: `$` (its
  // id map: a method mangled to `$` is unreachable), `$$`, `is`, `id`.
  // Shortened: `_x` (a class's or an instance's own) and `x$` (shared between the library's
  // own modules, e.g. a policy's hooks, the call queue's methods; `@internal` in the types).
  const mangle = { properties: { regex: /^_[a-zA-Z]|^[a-zA-Z]\w*\$$/, reserved: ['$', '$$', 'is', 'id'] } };
  return { ecma: 2017, module: false, toplevel: true, mangle, nameCache, compress: { passes: 2 }, format: { comments: false } };
}

/** Checks a chunk for TypeScript helpers, minifies it (unless `--dev`) and writes it to miniprogram_dist. */
async function emit(file, code, nameCache) {
  const helper = HELPERS.exec(code);
  if (helper) throw new Error(`${file}: emits TypeScript helper ${helper[0]}; rewrite the construct`);
  if (!dev) code = (await minify(code, terserOptions(nameCache))).code;
  fs.mkdirSync(path.dirname(path.join(MINI, file)), { recursive: true });
  fs.writeFileSync(path.join(MINI, file), code);
}

/** Output chunks of one rollup run (cjs); `external` ids stay `require('../index')`. */
async function bundle(input, external, extra, out) {
  const build = await rollup({
    input,
    external,
    onwarn(warning, warn) {
      if (warning.code === 'UNRESOLVED_IMPORT' || warning.code === 'CIRCULAR_DEPENDENCY') throw new Error(warning.message);
      warn(warning);
    },
    ...extra,
  });
  const { output } = await build.generate({
    format: 'cjs',
    exports: 'named',
    esModule: false,
    generatedCode: { preset: 'es2015', symbols: false },
    minifyInternalExports: true,
    paths: external ? () => '../index' : undefined,
    entryFileNames: '[name].js',
    ...out,
  });
  await build.close();
  return output;
}

/**
 * The names `src/index.ts` re-exports from a part's barrel (values, not types): the core defines
 * each as a getter that loads the part on first use, so `ts-pusher` exports them all while a
 * page that never reads one never loads the part.
 */
function lazyNames(barrel) {
  const index = fs.readFileSync('src/index.ts', 'utf8');
  const from = barrel.replace(/^src\//, './').replace(/\.js$/, '');
  const names = [];
  const re = new RegExp(`export \\{([^}]*)\\} from '${from.replace(/\./g, '\\.')}'`, 'g');
  for (let m; (m = re.exec(index)); )
    names.push(
      ...m[1]
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    );
  return names;
}

/**
 * The core (`index.js`: the pusher's API and every component definition but the parts') and each
 * part's chunk, in one rollup run so shared modules exist once; each component's `index.js` is a
 * one-line call of its definition.
 */
async function miniBundle() {
  // Every folder of components/ is a component; files beside them (the shared glue) are modules.
  const components = fs.existsSync(`${ESM}/components`)
    ? fs
        .readdirSync(`${ESM}/components`, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
    : [];
  const define = (name) => 'define' + name[0].toUpperCase() + name.slice(1);
  const definition = (name) => `export { ${define(name)} } from './components/${name}/definition.js';`;
  const input = { index: `${ESM}/phone.js` };
  const lazy = [];
  fs.writeFileSync(
    input.index,
    [`export * from './src/core.js';`].concat(components.filter((name) => !PARTS[name]).map(definition)).join('\n') + '\n',
  );
  for (const name of components.filter((c) => PARTS[c])) {
    // The part exports what `ts-pusher` names lazily and its definition: nothing else reaches a phone page.
    const names = lazyNames(PARTS[name]);
    input[`${name}/core`] = `${ESM}/part-${name}.js`;
    fs.writeFileSync(input[`${name}/core`], `export { ${names.join(', ')} } from './${PARTS[name]}';\n${definition(name)}\n`);
    lazy.push([name, names]);
  }
  const inPart = (id) =>
    Object.keys(PARTS).some(
      (name) =>
        id.endsWith(`/part-${name}.js`) || id.includes(`/components/${name}/`) || id.includes('/' + PARTS[name].replace(/index\.js$/, '')),
    );
  const output = await bundle(
    input,
    undefined,
    // The core keeps its exports and may gain the short ones a part imports from it.
    { preserveEntrySignatures: 'allow-extension' },
    { manualChunks: (id) => (inPart(id) ? undefined : 'index') },
  );
  const nameCache = {};
  const names = output.map((chunk) => chunk.fileName);
  if (names.length !== Object.keys(input).length) throw new Error(`phone build: unexpected chunks ${names.join(', ')}`);
  for (const chunk of output.sort((a, b) => (a.fileName === 'index.js' ? -1 : b.fileName === 'index.js' ? 1 : 0))) {
    let code = chunk.code;
    if (chunk.fileName === 'index.js')
      for (const [name, list] of lazy)
        code += `\n"${list.join(' ')}".split(" ").forEach(n=>Object.defineProperty(exports,n,{enumerable:!0,get:()=>require("./${name}/core")[n]}));\n`;
    await emit(chunk.fileName, code, nameCache);
  }
  for (const name of components) {
    fs.mkdirSync(path.join(MINI, name), { recursive: true });
    fs.writeFileSync(path.join(MINI, name, 'index.js'), `require('${PARTS[name] ? './core' : '../index'}').${define(name)}();\n`);
  }
  // The live room is its own file, required only by pages that use it: the core never loads it.
  const [room] = await bundle(`${ESM}/src/im/index.js`, IM_EXTERNAL);
  await emit('im/index.js', room.code, {});
}

/** WXML, WXSS and JSON ship as text: comments and layout whitespace go (unless `--dev`). */
function squeeze() {
  return each((file) => {
    if (dev || !file.contents || !/\.(wxml|wxss|json)$/.test(file.path)) return;
    if (file.path.endsWith('.json')) {
      file.contents = Buffer.from(JSON.stringify(JSON.parse(String(file.contents))));
      return;
    }
    let text = String(file.contents).replace(file.path.endsWith('.wxml') ? /<!--[\s\S]*?-->/g : /\/\*[\s\S]*?\*\//g, '');
    text = text.replace(/\s*\n\s*/g, ' ').trim();
    // A rule's last declaration needs no `;`.
    if (file.path.endsWith('.wxss')) text = text.replace(/\s*([{};:,])\s*/g, '$1').replace(/;}/g, '}');
    // Layout whitespace between tags is no text.
    else text = text.replace(/\s*>\s*</g, '><');
    file.contents = Buffer.from(text + '\n');
  });
}

function miniStatic() {
  return gulp.src(['components/**/*.{wxml,wxss,json}'], { base: 'components' }).pipe(squeeze()).pipe(gulp.dest(MINI));
}

function nodeScripts() {
  const project = ts.createProject('tsconfig.json', {
    types: ['node'],
    lib: ['ES2020'],
    target: 'ES2020',
    declaration: true,
    isolatedModules: false,
    rootDir: 'src',
  });
  const failures = [];
  return written(gulp.src(['src/**/*.ts'], { base: 'src' }).pipe(compile(project, failures)).pipe(gulp.dest(NODE)), failures, 'Node build');
}

/** The studio page `ts-pusher ingest` serves: plain browser files, copied as they are. */
function nodeStatic() {
  return gulp.src(['src/server/studio/*.{html,js,css}'], { base: 'src' }).pipe(gulp.dest(NODE));
}

function chmodBin(done) {
  const bin = path.join(NODE, 'cli', 'bin.js');
  if (fs.existsSync(bin)) fs.chmodSync(bin, 0o755);
  done();
}

exports.clean = clean;
exports.build = gulp.series(
  clean,
  gulp.parallel(gulp.series(miniCompile, miniBundle), miniStatic, gulp.series(nodeScripts, nodeStatic, chmodBin)),
);
exports.default = exports.build;
