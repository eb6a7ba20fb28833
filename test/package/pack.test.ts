/**
 * examples/ gets ts-pusher as a user's mini-program does: the real scripts/pack-example.js runs
 * `npm pack`, installs the tarball and runs WeChat's own npm builder (miniprogram-ci
 * `packNpmManually`), once per jest run (global-setup.js). These tests check what DevTools and a
 * phone would then load.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import { createRequire } from 'module';
import os from 'os';
import path from 'path';
import ts from 'typescript';
import { PLAYER_MARK } from '../../src/play/player';
import { genUserSig } from '../../src/server';
import { FakeImServer } from '../im/fake-im-server';
import { sdkHygiene } from '../im/sdk-hygiene';
import { createRuntime, listFiles, requiresOf, resolveComponent, resolveRequire } from './miniprogram';

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'miniprogram_dist');
const EXAMPLE = path.join(ROOT, 'examples');
const NPM = path.join(EXAMPLE, 'miniprogram_npm');
const PKG = path.join(NPM, 'ts-pusher');
const INSTALLED = path.join(EXAMPLE, 'node_modules', 'ts-pusher');
/** Every page of examples/app.json (path without extension); the first is the live page. */
const PAGES = (JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'app.json'), 'utf8')) as { pages: string[] }).pages.map((page) =>
  path.join(EXAMPLE, page),
);
const PAGE = path.join(EXAMPLE, 'pages', 'live', 'index');
/** The pages with a `<ts-pusher>` (pages/watch plays, it does not push). */
const PUSHER_PAGES = PAGES.filter((page) => /<ts-pusher\b/.test(fs.readFileSync(page + '.wxml', 'utf8')));
/** The pages with a `<ts-player>` (pages/watch). */
const PLAYER_PAGES = PAGES.filter((page) => /<ts-player\b/.test(fs.readFileSync(page + '.wxml', 'utf8')));
/** The player's names in `ts-pusher` (src/index.ts takes them from the player's barrel): getters that load its part. */
const PLAYER_NAMES = Object.keys(require('../../src/index')).filter((name) => !(name in require('../../src/core')));
/** What rollup names the core's exports that only a part imports: one or two characters, never a public name. */
const SHORT_NAME = /^[A-Za-z_$][\w$]?$/;

/** The names the player's part reads off the core it requires (`const x=require("../index.js")` … `x.name`). */
function coreNamesReadByPart(): string[] {
  const code = fs.readFileSync(path.join(PKG, 'player', 'core.js'), 'utf8');
  const required = /\b([\w$]+)=require\((["'])\.\.\/index(?:\.js)?\2\)/.exec(code);
  if (!required) throw new Error('player/core.js does not require the core as `name=require("../index.js")`');
  const escaped = required[1].replace(/\$/g, '\\$');
  const names = Array.from(code.matchAll(new RegExp(`(?<![\\w$.])${escaped}\\.([\\w$]+)`, 'g')), (m) => m[1]);
  return [...new Set(names)].sort();
}

/** The public API as the packed bundle exports it (typed from the sources it was built from). */
type Core = typeof import('../../src/index');

let printed = '';
/** The Chat SDK the live room pages load: its log lines muted, its leftover intervals cleared. */
let hygiene: ReturnType<typeof sdkHygiene>;

beforeAll(() => {
  if (!fs.existsSync(path.join(DIST, 'index.js'))) {
    throw new Error('miniprogram_dist/index.js is missing: run `npm run build` before the package tests (npm test does).');
  }
  // The project's globalSetup (global-setup.js) ran scripts/pack-example.js once for this jest run.
  const { PACK_RESULT } = require('./global-setup') as { PACK_RESULT: string };
  if (!fs.existsSync(PACK_RESULT))
    throw new Error(`${PACK_RESULT} is missing: run the package tests through jest.config.js (its globalSetup packs examples/).`);
  const pack = JSON.parse(fs.readFileSync(PACK_RESULT, 'utf8')) as { ok: boolean; failure: string; stdout: string; stderr: string };
  if (!pack.ok) throw new Error(`scripts/pack-example.js failed (${pack.failure}):\n${pack.stdout}\n${pack.stderr}`);
  printed = pack.stdout;
  hygiene = sdkHygiene();
});

afterEach(() => hygiene.clearIntervals());
afterAll(() => jest.restoreAllMocks());

/** The example's own tsconfig, as DevTools reads it (or `file`, e.g. the example tests' one), with `overrides`. */
function exampleOptions(overrides: ts.CompilerOptions = {}, file = path.join(EXAMPLE, 'tsconfig.json')) {
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(file), undefined, file);
  return { files: parsed.fileNames, options: { ...parsed.options, noEmit: true, ...overrides }, errors: parsed.errors };
}

/** Parsed files shared by the type checks (miniprogram-api-typings alone is megabytes). */
const sourceFiles = new Map<string, ts.SourceFile | undefined>();

/** Type-checks the example's files; returns the diagnostics, formatted, and where 'ts-pusher' and 'ts-pusher/im' resolved. */
function typeCheck(overrides: ts.CompilerOptions = {}, configFile?: string) {
  const { files, options, errors } = exampleOptions(overrides, configFile);
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    if (!sourceFiles.has(key)) sourceFiles.set(key, read.call(host, fileName, languageVersion, ...rest));
    return sourceFiles.get(key);
  };
  const program = ts.createProgram(files, options, host);
  const diagnostics = [...errors, ...ts.getPreEmitDiagnostics(program)];
  const resolve = (name: string) => {
    const resolved = ts.resolveModuleName(name, PAGE + '.ts', options, ts.sys).resolvedModule;
    return resolved && path.resolve(resolved.resolvedFileName);
  };
  return { files, text: ts.formatDiagnostics(diagnostics, host), resolved: resolve('ts-pusher'), resolvedIm: resolve('ts-pusher/im') };
}

/** The example's TypeScript (app, pages, shared) compiled file by file, as DevTools' TypeScript plugin does: `.js` path → code. */
function transpiledExample(): Record<string, string> {
  const { files, options } = exampleOptions();
  const out: Record<string, string> = {};
  for (const file of files.map((f) => path.resolve(f))) {
    out[file.replace(/\.ts$/, '.js')] = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      compilerOptions: { ...options, noEmit: false },
      fileName: file,
    }).outputText;
  }
  return out;
}

/** A page instance: the options object, data that setData merges, and the component `selected()` returns. */
function instantiate(
  options: WechatMiniprogram.Page.TrivialInstance,
  selected: () => unknown = () => null,
): WechatMiniprogram.Page.TrivialInstance {
  return Object.assign(Object.create(options), {
    data: { ...options.data },
    setData(patch: Record<string, unknown>, callback?: () => void) {
      this.data = { ...this.data, ...patch };
      if (callback) callback();
    },
    selectComponent: selected,
  }) as WechatMiniprogram.Page.TrivialInstance;
}

describe('scripts/pack-example.js', () => {
  it('prints every file it put in examples/miniprogram_npm with its size', () => {
    const files = listFiles(NPM);
    for (const file of files) {
      expect(printed).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+${fs.statSync(path.join(NPM, file)).size} B`));
    }
    expect(printed).toContain(`${files.length} files`);
    // ts-pusher is copied as a mini-program package; @tencentcloud/chat (for the live room pages) is bundled.
    expect(printed).toMatch(/packNpmManually: 1 mini-program package\(s\), 1 other package\(s\)/);
  });

  it('installs the npm pack tarball, not a link to the working tree', () => {
    expect(fs.lstatSync(INSTALLED).isSymbolicLink()).toBe(false);
    const installed = listFiles(INSTALLED);
    expect(installed).toContain('package.json');
    // Only what package.json `files` publishes: no sources, no tests, no examples.
    expect(
      installed.filter((f) => /^(src|components|test|examples|scripts)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts'))),
    ).toEqual([]);
  });
});

describe('examples/miniprogram_npm', () => {
  it('holds exactly the files of miniprogram_dist under ts-pusher/, and only the Chat SDK besides', () => {
    expect(fs.readdirSync(NPM)).toEqual(['@tencentcloud', 'ts-pusher']);
    expect(listFiles(path.join(NPM, '@tencentcloud'))).toEqual(['chat/index.js', 'chat/index.js.map']);
    expect(listFiles(PKG)).toEqual(listFiles(DIST));
    for (const file of listFiles(DIST)) {
      expect(fs.readFileSync(path.join(PKG, file)).equals(fs.readFileSync(path.join(DIST, file)))).toBe(true);
    }
  });

  it('holds no server code, no TypeScript sources and nothing that names node-media-server', () => {
    const files = listFiles(NPM);
    expect(files.filter((f) => f.startsWith('ts-pusher/dist/') || /\/(server|cli)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => fs.readFileSync(path.join(NPM, f), 'utf8').includes('node-media-server'))).toEqual([]);
  });

  it('has every packed require resolve to a file inside the package (no Node built-ins, no other packages)', () => {
    const scripts = listFiles(PKG).filter((f) => f.endsWith('.js'));
    expect(scripts).toEqual(expect.arrayContaining(['index.js', 'pusher/index.js', 'player/index.js', 'player/core.js', 'im/index.js']));
    // The live room needs only the public core: never an SDK, never a copy of the core.
    expect(requiresOf(fs.readFileSync(path.join(PKG, 'im', 'index.js'), 'utf8'))).toEqual(['../index']);
    for (const file of scripts) {
      for (const spec of requiresOf(fs.readFileSync(path.join(PKG, file), 'utf8'))) {
        const target = resolveRequire(EXAMPLE, path.join(PKG, file), spec);
        expect({ file, spec, inside: !!target && target.startsWith(PKG + path.sep) }).toEqual({ file, spec, inside: true });
      }
    }
  });
});

describe("the player's part in examples/miniprogram_npm", () => {
  it('holds the <ts-player> component: index.js, its part core.js, index.json, index.wxml, index.wxss (and declarations)', () => {
    const files = listFiles(path.join(PKG, 'player'));
    expect(files.filter((f) => !f.endsWith('.d.ts'))).toEqual(['core.js', 'index.js', 'index.json', 'index.wxml', 'index.wxss']);
    expect(JSON.parse(fs.readFileSync(path.join(PKG, 'player', 'index.json'), 'utf8'))).toMatchObject({ component: true });
    expect(fs.readFileSync(path.join(PKG, 'player', 'index.wxml'), 'utf8')).toMatch(/<live-player\b[^>]*\bid="player"/);
  });

  it('player/index.js requires only its part, the part only the core: a page that only pushes never loads the player', () => {
    expect(requiresOf(fs.readFileSync(path.join(PKG, 'player', 'index.js'), 'utf8'))).toEqual(['./core']);
    expect(resolveRequire(EXAMPLE, path.join(PKG, 'player', 'index.js'), './core')).toBe(path.join(PKG, 'player', 'core.js'));
    const [spec, ...others] = requiresOf(fs.readFileSync(path.join(PKG, 'player', 'core.js'), 'utf8'));
    expect(others).toEqual([]);
    expect(resolveRequire(EXAMPLE, path.join(PKG, 'player', 'core.js'), spec)).toBe(path.join(PKG, 'index.js'));
    // The core requires the part only inside the getters of the player's names.
    expect(requiresOf(fs.readFileSync(path.join(PKG, 'index.js'), 'utf8'))).toEqual(['./player/core']);
    expect(requiresOf(fs.readFileSync(path.join(PKG, 'pusher', 'index.js'), 'utf8'))).toEqual(['../index']);
  });
});

describe('the example pages resolve ts-pusher inside miniprogram_npm', () => {
  it.each(PUSHER_PAGES.map((page) => [path.relative(EXAMPLE, page), page]))(
    "%s: usingComponents 'ts-pusher/pusher/index' is a complete component",
    (_name, page) => {
      const json = JSON.parse(fs.readFileSync(page + '.json', 'utf8')) as { usingComponents: Record<string, string> };
      expect(json.usingComponents['ts-pusher']).toBe('ts-pusher/pusher/index');
      const component = resolveComponent(EXAMPLE, path.dirname(page), json.usingComponents['ts-pusher']);
      expect(component).toBe(path.join(PKG, 'pusher', 'index'));
      for (const ext of ['.js', '.json', '.wxml', '.wxss']) expect(fs.existsSync(component + ext)).toBe(true);
      expect(JSON.parse(fs.readFileSync(component + '.json', 'utf8'))).toMatchObject({ component: true });
    },
  );

  it.each(PLAYER_PAGES.map((page) => [path.relative(EXAMPLE, page), page]))(
    "%s: usingComponents 'ts-pusher/player/index' is a complete component",
    (_name, page) => {
      const json = JSON.parse(fs.readFileSync(page + '.json', 'utf8')) as { usingComponents: Record<string, string> };
      expect(json.usingComponents['ts-player']).toBe('ts-pusher/player/index');
      const component = resolveComponent(EXAMPLE, path.dirname(page), json.usingComponents['ts-player']);
      expect(component).toBe(path.join(PKG, 'player', 'index'));
      for (const ext of ['.js', '.json', '.wxml', '.wxss']) expect(fs.existsSync(component + ext)).toBe(true);
    },
  );

  it.each(PLAYER_PAGES.map((page) => [path.relative(EXAMPLE, page), page]))(
    '%s: <ts-player> has a scenario, statuschange, error, reconnect and quality are handled',
    (_name, page) => {
      const wxml = fs.readFileSync(page + '.wxml', 'utf8');
      expect(/<ts-player\b[^>]*\bscenario="(live|low-latency)"[^>]*\/>/.test(wxml)).toBe(true);
      expect(Array.from(wxml.matchAll(/\bbind(\w+)="\w+"/g), (m) => m[1])).toEqual(
        expect.arrayContaining(['statuschange', 'error', 'reconnect', 'quality']),
      );
    },
  );

  it("resolves every require of the compiled example inside it: 'ts-pusher' to miniprogram_npm/ts-pusher/index.js, the module the component requires as '../index'; 'ts-pusher/im' and the Chat SDK beside it", () => {
    const sources = transpiledExample();
    const exists = (file: string) => file in sources || fs.existsSync(file);
    const targets = new Set<string>();
    for (const [file, code] of Object.entries(sources)) {
      for (const spec of requiresOf(code)) {
        const target = resolveRequire(EXAMPLE, file, spec, exists);
        expect({ file: path.relative(EXAMPLE, file), spec, resolved: !!target }).toEqual({
          file: path.relative(EXAMPLE, file),
          spec,
          resolved: true,
        });
        targets.add(target!);
      }
    }
    expect(Object.keys(sources)).toEqual(expect.arrayContaining(PAGES.map((page) => page + '.js')));
    expect(targets).toContain(path.join(PKG, 'index.js'));
    const allowed = [path.join(PKG, 'index.js'), path.join(PKG, 'im', 'index.js'), path.join(NPM, '@tencentcloud', 'chat', 'index.js')];
    expect([...targets].filter((t) => t.startsWith(NPM) && !allowed.includes(t))).toEqual([]);
    expect(targets).toContain(path.join(PKG, 'im', 'index.js'));
    expect(requiresOf(fs.readFileSync(path.join(PKG, 'pusher', 'index.js'), 'utf8'))).toEqual(['../index']);
    expect(resolveRequire(EXAMPLE, path.join(PKG, 'pusher', 'index.js'), '../index')).toBe(path.join(PKG, 'index.js'));
  });

  it.each(PAGES.map((page) => [path.relative(EXAMPLE, page), page]))(
    '%s: every handler its WXML binds is a method of the page',
    (_name, page) => {
      const bound = Array.from(fs.readFileSync(page + '.wxml', 'utf8').matchAll(/\bbind\w+="(\w+)"/g), (m) => m[1]);
      const source = fs.readFileSync(page + '.ts', 'utf8');
      expect(bound.filter((handler) => !new RegExp(`^  ${handler}\\(`, 'm').test(source))).toEqual([]);
    },
  );

  it.each(PUSHER_PAGES.map((page) => [path.relative(EXAMPLE, page), page]))(
    '%s: <ts-pusher> has a scenario, statuschange and error are handled',
    (_name, page) => {
      const wxml = fs.readFileSync(page + '.wxml', 'utf8');
      expect(/<ts-pusher\b[^>]*\bscenario="[^"]+"[^>]*\/>/.test(wxml)).toBe(true);
      expect(Array.from(wxml.matchAll(/\bbind\w+="(\w+)"/g), (m) => m[1])).toEqual(expect.arrayContaining(['onStatus', 'onError']));
    },
  );

  it('binds the live page to hd-live and its buttons to the facade', () => {
    const wxml = fs.readFileSync(PAGE + '.wxml', 'utf8');
    expect(wxml).toMatch(/<ts-pusher\b[^>]*scenario="hd-live"/);
    const bound = Array.from(wxml.matchAll(/\bbind\w+="(\w+)"/g), (m) => m[1]);
    expect(bound).toEqual(
      expect.arrayContaining([
        'onStatus',
        'onWarning',
        'onReconnect',
        'onError',
        'onStart',
        'onStop',
        'onPause',
        'onResume',
        'onSwitchCamera',
        'onSnapshot',
      ]),
    );
  });
});

describe('the packed code runs', () => {
  it('loads index.js in Node with the public API', () => {
    const core = require(path.join(PKG, 'index.js')) as Core;
    const keys = Object.keys(core);
    // The public names: src/index.ts's, plus the pusher's definition, which its one-line index.js calls.
    const publicNames = Object.keys(require('../../src/index')).concat('definePusher').sort();
    expect(publicNames.filter((name) => SHORT_NAME.test(name))).toEqual([]);
    expect(keys.filter((key) => !SHORT_NAME.test(key)).sort()).toEqual(publicNames);
    // Every other key is a short internal name: exactly what the player's part imports from the core
    // besides public names; and everything the part reads is there.
    const read = coreNamesReadByPart();
    expect(keys.filter((key) => SHORT_NAME.test(key)).sort()).toEqual(read.filter((name) => !publicNames.includes(name)));
    expect(read.filter((name) => !keys.includes(name))).toEqual([]);
    // The player's names are getters (they load the part when read), the rest plain values.
    for (const name of publicNames) {
      const descriptor = Object.getOwnPropertyDescriptor(core, name)!;
      expect({ name, getter: typeof descriptor.get === 'function' }).toEqual({ name, getter: PLAYER_NAMES.includes(name) });
    }
    expect(typeof core.pusherOf).toBe('function');
    expect(core.STATE_CODES[1002]).toMatchObject({ code: 1002, kind: 'event' });
    expect(core.CODE.PUSH_EVT_PUSH_BEGIN).toBe(1002);
    expect(core.normalizeAttributes({ scenario: 'hd-live' }).attributes).toMatchObject({ mode: 'HD', minBitrate: 600, maxBitrate: 1200 });
    let thrown: unknown;
    try {
      core.pusherOf({ selectComponent: () => null }, '#pusher');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(core.PusherError);
    expect(thrown).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('#pusher'),
      messageZh: expect.any(String),
      advice: expect.any(String),
    });
  });

  it("require('ts-pusher') in Node gives every name of src/index.ts; player/core.js loads only when a player name is first read", () => {
    // A fresh Node process: its require.cache is the module registry, as the mini-program's is.
    const script = `
      const path = require('path');
      const report = (core, part) => ({ keys: Object.keys(core), loaded: Object.keys(require.cache).map((f) => path.relative(${JSON.stringify(PKG)}, f)) });
      const core = require(${JSON.stringify(path.join(PKG, 'index.js'))});
      const before = report(core);
      const playerOf = core.playerOf;
      const after = report(core);
      const part = require(${JSON.stringify(path.join(PKG, 'player', 'core.js'))});
      let thrown = null;
      try { playerOf({ selectComponent: () => null }, '#player'); } catch (error) { thrown = { code: error.code, isCore: error instanceof core.PusherError, messageZh: error.messageZh }; }
      process.stdout.write(JSON.stringify({
        before: before.loaded, after: after.loaded, keys: before.keys,
        same: ${JSON.stringify(PLAYER_NAMES)}.every((name) => core[name] === part[name]),
        code2004: core.PLAYER_CODES[2004] && core.PLAYER_CODES[2004].kind,
        lowLatency: core.PLAYER_PRESETS['low-latency'],
        thrown,
      }));`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: EXAMPLE, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out.before).toEqual(['index.js']);
    expect(out.after).toEqual(['index.js', 'player/core.js']);
    expect(out.keys).toEqual(expect.arrayContaining(Object.keys(require('../../src/index'))));
    expect(out).toMatchObject({
      same: true,
      code2004: 'event',
      lowLatency: { mode: 'RTC', minCache: 0.2, maxCache: 0.8 },
      thrown: { code: 'NOT_FOUND', isCore: true, messageZh: expect.any(String) },
    });
  });

  it('registers player/index.js through Component() with every facade method and attribute, loading the part once', () => {
    const registered: WechatMiniprogram.Component.TrivialOption[] = [];
    const runtime = createRuntime(EXAMPLE, {
      Component: (options: WechatMiniprogram.Component.TrivialOption) => registered.push(options),
      wx: {},
    });
    const core = runtime.load(path.join(PKG, 'index.js')) as Core;
    runtime.load(path.join(PKG, 'player', 'index.js'));
    expect(registered).toHaveLength(1);
    const [options] = registered;
    const { PLAYER_METHODS, PLAYER_ATTRIBUTE_NAMES } = require('../../src/play/index') as typeof import('../../src/play/index');
    expect(Object.keys(options.methods || {})).toEqual(expect.arrayContaining([...PLAYER_METHODS, 'setPolicies', 'setSrcRefresher']));
    expect(Object.keys(options.properties || {})).toEqual(expect.arrayContaining(['scenario', 'policies', ...PLAYER_ATTRIBUTE_NAMES]));
    // The component and the core's getters share one part: the runtime loaded player/core.js once.
    expect(core.playerOf).toBe((runtime.load(path.join(PKG, 'player', 'core.js')) as Core).playerOf);
  });

  it('registers pusher/index.js through Component() with every facade method and attribute', () => {
    const registered: WechatMiniprogram.Component.TrivialOption[] = [];
    const runtime = createRuntime(EXAMPLE, {
      Component: (options: WechatMiniprogram.Component.TrivialOption) => registered.push(options),
      wx: {},
    });
    const core = runtime.load(path.join(PKG, 'index.js')) as Core;
    runtime.load(path.join(PKG, 'pusher', 'index.js'));
    expect(registered).toHaveLength(1);
    const [options] = registered;
    expect(Object.keys(options.methods || {})).toEqual(expect.arrayContaining([...core.PUSHER_METHODS]));
    expect(Object.keys(options.properties || {})).toEqual(expect.arrayContaining(['scenario', ...core.ATTRIBUTE_NAMES]));
  });

  it.each(PUSHER_PAGES.map((page) => [path.relative(EXAMPLE, page), page]))(
    '%s.js, compiled as DevTools does, loads on the packed core and registers one Page',
    (_name, page) => {
      const pages: WechatMiniprogram.Page.TrivialInstance[] = [];
      // pages/host loads the Chat SDK too, which logs as it loads.
      const runtime = createRuntime(
        EXAMPLE,
        { Page: (options: WechatMiniprogram.Page.TrivialInstance) => pages.push(options), wx: {}, console: hygiene.console },
        transpiledExample(),
      );
      runtime.load(page + '.js');
      expect(pages).toHaveLength(1);
      expect(pages[0].data).toMatchObject({ status: 'idle', error: '' });
      expect(typeof pages[0].onStatus).toBe('function');
    },
  );

  it('runs the example page, compiled file by file as DevTools does, on the packed core', async () => {
    const pages: WechatMiniprogram.Page.TrivialInstance[] = [];
    const runtime = createRuntime(
      EXAMPLE,
      { Page: (options: WechatMiniprogram.Page.TrivialInstance) => pages.push(options), wx: {} },
      transpiledExample(),
    );
    runtime.load(PAGE + '.js');
    const core = runtime.load(path.join(PKG, 'index.js')) as Core;
    expect(pages).toHaveLength(1);

    let selected: unknown = null;
    const page = instantiate(pages[0], () => selected);
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    expect(page.data).toMatchObject({ url: '', emulate: '', status: 'idle', warning: '', error: '', snapshot: '' });

    const explained = (e: { code: string; message: string; messageZh: string; advice: string }) =>
      `${e.code}: ${e.message} / ${e.messageZh}. ${e.advice}`;
    page.onStart();
    await settle();
    expect(page.data.error).toBe(explained(core.pusherError('NOT_FOUND', { selector: '#pusher' })));

    const timeout = core.pusherError('TIMEOUT', { method: 'start', ms: 15000 });
    selected = {
      [core.PUSHER_MARK]: true,
      start: () => Promise.reject(timeout),
      snapshot: () => Promise.resolve({ tempImagePath: 'wxfile://tmp/shot.jpg', width: 720, height: 1280 }),
    };
    page.onStart();
    await settle();
    expect(page.data.error).toBe(explained(timeout));

    page.onSnapshot();
    await settle();
    expect(page.data).toMatchObject({ snapshot: 'wxfile://tmp/shot.jpg', error: '' });

    page.onStatus({ type: 'statuschange', detail: { status: 'pushing', previous: 'starting', cause: 1002 } });
    expect(page.data.status).toBe('pushing');

    const warning = core.mapStateChange({ code: 1101 });
    expect(warning.kind).toBe('warning');
    page.onWarning({ type: 'warning', detail: warning });
    expect(page.data.warning).toBe(`1101: ${warning.message} / ${warning.messageZh}`);

    const fatal = core.errorFromEvent(core.mapError({ errCode: 10001, errMsg: 'camera denied' }));
    page.onError({ type: 'error', detail: fatal });
    expect(page.data.error).toBe(explained(fatal));
  });
});

describe('the example TypeScript', () => {
  it("compiles against the packed .d.ts and miniprogram-api-typings with zero diagnostics (examples/tsconfig.json, 'ts-pusher' → miniprogram_npm)", () => {
    const result = typeCheck();
    expect(result.resolved).toBe(path.join(PKG, 'index.d.ts'));
    expect(result.resolvedIm).toBe(path.join(PKG, 'im', 'index.d.ts'));
    expect(result.files).toEqual(
      expect.arrayContaining([path.join(EXAMPLE, 'app.ts'), ...PAGES.map((page) => page + '.ts')].map((f) => f.split(path.sep).join('/'))),
    );
    expect(result.files.filter((f) => f.includes('/test/'))).toEqual([]);
    expect(result.text).toBe('');
  }, 60_000);

  it("compiles the example page tests against the packed .d.ts of 'ts-pusher' and 'ts-pusher/testing' (examples/test/tsconfig.json)", () => {
    const result = typeCheck({}, path.join(EXAMPLE, 'test', 'tsconfig.json'));
    expect(result.files.filter((f) => f.endsWith('.test.ts')).length).toBeGreaterThanOrEqual(PAGES.length);
    expect(result.resolved).toBe(path.join(PKG, 'index.d.ts'));
    expect(result.text).toBe('');
  }, 60_000);

  it.each([
    ['node10', { moduleResolution: ts.ModuleResolutionKind.Node10 }, 'miniprogram_dist/index.d.ts'],
    ['bundler', { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }, 'miniprogram_dist/index.d.ts'],
  ])(
    "compiles for a user whose tsconfig has no paths: 'ts-pusher' resolves through the installed package.json (%s)",
    (_name, overrides, entry) => {
      const result = typeCheck({ paths: undefined, ...overrides });
      expect(result.resolved).toBe(path.join(INSTALLED, entry));
      // typesVersions (node10) and exports (bundler) both lead to the im declarations.
      expect(result.resolvedIm).toBe(path.join(INSTALLED, 'miniprogram_dist', 'im', 'index.d.ts'));
      expect(result.text).toBe('');
    },
    60_000,
  );
});

describe('the official compilers', () => {
  // miniprogram-compiler comes with miniprogram-simulate: the wcc/wcsc DevTools uses.
  const compiler = require('miniprogram-compiler') as { wxmlToJs(root: string, options: { wxmlList: string[] }): string };
  const wcsc = require('miniprogram-compiler/src/wcsc') as (root: string, files: string[]) => Record<string, string> | Error;

  it('compile the packed component WXML and the example page WXML with wcc', () => {
    expect(compiler.wxmlToJs(PKG, { wxmlList: ['pusher/index.wxml'] })).toContain('$gwx');
    expect(compiler.wxmlToJs(PKG, { wxmlList: ['player/index.wxml'] })).toContain('$gwx');
    expect(compiler.wxmlToJs(EXAMPLE, { wxmlList: PAGES.map((page) => path.relative(EXAMPLE, page) + '.wxml') })).toContain('$gwx');
  });

  it('compile the packed component WXSS and the example WXSS with wcsc', () => {
    const message = (r: Record<string, string> | Error) => (r instanceof Error ? r.message : '');
    expect(message(wcsc(PKG, ['pusher/index']))).toBe('');
    // The player's WXSS imports the pusher's: one file shipped once.
    expect(message(wcsc(PKG, ['player/index', 'pusher/index']))).toBe('');
    expect(message(wcsc(EXAMPLE, ['app', ...PAGES.map((page) => path.relative(EXAMPLE, page))]))).toBe('');
  });
});

describe('the live room pages (pages/host, pages/watch) on the packed ts-pusher/im and @tencentcloud/chat', () => {
  const HOST_PAGE = path.join(EXAMPLE, 'pages', 'host', 'index');
  const WATCH_PAGE = path.join(EXAMPLE, 'pages', 'watch', 'index');
  const CONFIG = path.join(EXAMPLE, 'config.js');
  const APP = 1400000001;
  const KEY = 'ts-pusher-im-test-key-pack';
  const PLAY_URL = 'https://play.example.com/live/demo.flv';

  /** One phone: a runtime with its own `wx` (the SDK binds to it), running `page` compiled as DevTools does. */
  function phone(page: string, wx: object, config?: string, selected: (selector: string) => unknown = () => null) {
    const pages: WechatMiniprogram.Page.TrivialInstance[] = [];
    // The runtime runs outside Jest's context: the SDK's console and setInterval come in as globals.
    const globals = {
      Page: (options: WechatMiniprogram.Page.TrivialInstance) => pages.push(options),
      wx,
      getApp: () => ({}),
      __wxConfig: { envVersion: 'develop' },
      console: hygiene.console,
      setInterval: hygiene.setInterval,
    };
    const sources = transpiledExample();
    if (config) sources[CONFIG] = config;
    createRuntime(EXAMPLE, globals, sources).load(page + '.js');
    expect(pages).toHaveLength(1);
    return instantiate(pages[0], selected as () => unknown);
  }

  async function until(what: string, condition: () => boolean): Promise<void> {
    for (const start = Date.now(); !condition(); await new Promise((resolve) => setTimeout(resolve, 10))) {
      if (Date.now() - start > 5000) throw new Error(`timed out waiting for ${what}`);
    }
  }

  it('is also a Node entry: require("ts-pusher/im") from the installed tarball gives dist/im with the same API', () => {
    const required = createRequire(path.join(EXAMPLE, 'package.json'));
    expect(required.resolve('ts-pusher/im')).toBe(path.join(INSTALLED, 'dist', 'im', 'index.js'));
    expect(Object.keys(required('ts-pusher/im')).sort()).toEqual(Object.keys(require('../../src/im')).sort());
  });

  it('stay offline and say what to fill in while config.ts has no SDKAppID', () => {
    const server = new FakeImServer(APP, KEY);
    const host = phone(HOST_PAGE, server.wx());
    const watch = phone(WATCH_PAGE, server.wx());
    host.onLoad({});
    watch.onLoad({});
    expect(host.data.error).toMatch(/SDKAppID.*config\.ts/);
    expect(watch.data.error).toMatch(/SDKAppID.*config\.ts/);
    expect([...server.sockets, ...server.strays]).toEqual([]);
  });

  it('host goes live → the viewer plays the playUrl; chat reaches both; the host leaves → the viewer stops and is told', async () => {
    const server = new FakeImServer(APP, KEY);
    const config = `exports.LIVE_ROOM = ${JSON.stringify({
      SDKAppID: APP,
      groupID: 'demo-room',
      hostUserID: 'host-1',
      hostUserSig: genUserSig({ sdkAppId: APP, secretKey: KEY, userId: 'host-1', expireSeconds: 600 }),
      playUrl: PLAY_URL,
      viewerUserID: 'viewer-1',
      viewerUserSig: '',
    })};`;
    const host = phone(HOST_PAGE, server.wx(), config);
    // The watch page's <ts-player>, as playerOf finds it: what the page asks of it, in order.
    const asked: string[] = [];
    const player = { [PLAYER_MARK]: true, status: 'idle' };
    for (const method of ['play', 'pause', 'stop'])
      Object.assign(player, {
        [method]: () => {
          asked.push(method);
          player.status = method === 'play' ? 'playing' : method === 'pause' ? 'paused' : 'stopped';
          return Promise.resolve();
        },
      });
    const watch = phone(WATCH_PAGE, server.wx(), config, (selector) => (selector === '#player' ? player : null));
    host.onLoad({});
    await until('the host room', () => (server.groups.get('demo-room') || new Set()).size === 1);
    watch.onLoad({});
    await until('the viewer', () => (server.groups.get('demo-room') || new Set()).size === 2);
    expect(watch.data).toMatchObject({ status: 'unknown', src: '', canSend: false });
    expect(asked).toEqual([]);

    host.onStatus({ type: 'statuschange', detail: { status: 'pushing', previous: 'starting', cause: 1002 } });
    await until('live on the watch page', () => watch.data.status === 'live');
    expect(watch.data).toMatchObject({ src: PLAY_URL, stale: false, note: '', error: '' });
    expect(asked).toEqual(['play']);
    expect(host.data).toMatchObject({ status: 'pushing', roomStatus: 'live', error: '' });

    server.postText('demo-room', 'viewer-7', 'hello');
    await until('the chat on both pages', () => host.data.chats.length === 1 && watch.data.chats.length === 1);
    expect(watch.data.chats[0]).toMatchObject({ from: 'viewer-7', text: 'hello' });

    host.onUnload();
    await until('ended on the watch page', () => watch.data.status === 'ended');
    expect(watch.data).toMatchObject({ note: 'The live has ended / 直播已结束', error: '' });
    expect(asked).toEqual(['play', 'stop']);
    watch.onUnload();
    await until('both sockets to close', () => server.openConnections() === 0);
    expect(server.strays).toEqual([]);
  }, 30000);
});

describe('node-media-server and the DevTools npm builder', () => {
  /** A mini-program folder with ts-pusher installed and node-media-server beside it, as `npm i -D` leaves it. */
  function miniprogramWith(dir: string, tsPusherDependencies: Record<string, string>) {
    const modules = path.join(dir, 'node_modules');
    fs.cpSync(INSTALLED, path.join(modules, 'ts-pusher'), { recursive: true });
    const pkgFile = path.join(modules, 'ts-pusher', 'package.json');
    fs.writeFileSync(pkgFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(pkgFile, 'utf8')), dependencies: tsPusherDependencies }));
    const server = path.dirname(createRequire(path.join(ROOT, 'package.json')).resolve('node-media-server/package.json'));
    for (const entry of ['package.json', 'src'])
      fs.cpSync(path.join(server, entry), path.join(modules, 'node-media-server', entry), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({
        name: 'app',
        private: true,
        dependencies: { 'ts-pusher': '^0.1.0' },
        devDependencies: { 'node-media-server': '^4.4.3' },
      }),
    );
    return dir;
  }

  it('never packs node-media-server, even installed beside ts-pusher; the control (ts-pusher depending on it) shows the builder would', () => {
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-pusher-builder-'));
    try {
      const published = JSON.parse(fs.readFileSync(path.join(INSTALLED, 'package.json'), 'utf8')) as Record<
        string,
        Record<string, unknown> | undefined
      >;
      expect(published.dependencies || {}).not.toHaveProperty('node-media-server');
      expect(published.peerDependenciesMeta).toMatchObject({ 'node-media-server': { optional: true } });

      const asPublished = miniprogramWith(path.join(temp, 'published'), (published.dependencies || {}) as Record<string, string>);
      const control = miniprogramWith(path.join(temp, 'control'), { 'node-media-server': '^4.4.3' });
      const run = spawnSync(process.execPath, [path.join(__dirname, 'run-builder.js'), asPublished, control], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(0);
      const [asPublishedResult, controlResult] = JSON.parse(run.stdout.trim().split('\n').pop() || '[]') as {
        error?: string;
        miniProgramPackNum?: number;
        otherNpmPackNum?: number;
      }[];

      expect(asPublishedResult).toMatchObject({ miniProgramPackNum: 1, otherNpmPackNum: 0 });
      expect(fs.readdirSync(path.join(asPublished, 'miniprogram_npm'))).toEqual(['ts-pusher']);

      // Listed as a dependency, the builder takes node-media-server in: it packs it or, as
      // miniprogram-ci 2.1.42 does, fails on its modern syntax and breaks the user's build.
      const packed = fs.existsSync(path.join(control, 'miniprogram_npm', 'node-media-server'));
      expect(packed || /node-media-server/.test(controlResult.error || '')).toBe(true);
    } finally {
      fs.rmSync(temp, { recursive: true, force: true });
    }
  }, 90_000);
});
