/**
 * Page tests for users of `ts-pusher/testing`: render a mini-program *page* (its `.js`/`.ts`,
 * `.wxml`, `.json`, `.wxss` and `usingComponents`) with miniprogram-simulate and the official
 * `wcc`, drive its lifetimes, and let fake time pass. simulate renders components only, so
 * `Page(options)` runs as a component whose lifetimes call the page's handlers in the page's
 * order: `onLoad(query)`, `onShow`, then `onReady` once its components are ready; `hide()` /
 * `show()` call `onHide` / `onShow` and every component's `pageLifetimes`; `unload()` detaches
 * (`onUnload`, every component's `detached`).
 */
import fs from 'fs';
import path from 'path';

/** A rendered node: the parts of miniprogram-simulate's API a page test uses. */
export interface PageNode {
  readonly dom: { readonly textContent: string | null };
  /** A component's `this` (the page's, for the page itself). */
  readonly instance: PageInstance;
  /** `undefined` or `null` when nothing matches. */
  querySelector(selector: string): PageNode | null | undefined;
  querySelectorAll(selector: string): PageNode[];
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  /** The node as a snapshot sees it: a built-in tag's attributes are here (camelCase). */
  toJSON(): { readonly tagName: string; readonly attrs?: readonly { readonly name: string; readonly value: unknown }[] };
}

/** The page's `this`: its data, `setData`, `selectComponent` and every handler of its options. */
export interface PageInstance {
  readonly data: Record<string, unknown>;
  setData(data: Record<string, unknown>, callback?: () => void): void;
  selectComponent(selector: string): unknown;
  [handler: string]: unknown;
}

/** Options of `loadPage`. */
export interface LoadPageOptions {
  /**
   * The mini-program root (the folder of `app.json`; default: the current directory, where jest
   * runs). `usingComponents` resolve as in the
   * runtime: `/…` from here, `./…` from the page, anything else from `miniprogram_npm/` (what
   * DevTools' 构建 npm produces) or, when that is missing, from the `miniprogram` folder of the
   * package in `node_modules/` (what 构建 npm would copy).
   */
  readonly root?: string;
  /** The query `onLoad` receives. */
  readonly query?: Readonly<Record<string, string>>;
}

/** A page rendered and attached (loaded and shown). */
export interface TestPage {
  /** The rendered page: query it, dispatch events on its nodes. */
  readonly node: PageNode;
  /** The page's `this`: `data`, `setData` and its handlers. Pass it to `pusherOf`. */
  readonly instance: PageInstance;
  /** The page goes to the background: `onHide` and every component's `pageLifetimes.hide`. */
  hide(): void;
  /** The page comes back: `onShow` and every component's `pageLifetimes.show`. */
  show(): void;
  /** The page closes: `onUnload`, every component detached. */
  unload(): void;
  /** The text a person sees in the first node matching `selector` (`null` when none is rendered). */
  text(selector: string): string | null;
  /** Taps the first node matching `selector`; throws when none is rendered. */
  tap(selector: string): void;
}

/** @internal The parts of miniprogram-simulate the kit uses. */
export interface Simulate {
  load(componentPath: string, options: Record<string, unknown>): string;
  render(id: string): PageNode & { attach(parent: unknown): void; detach(): void; triggerPageLifeTime(name: string): void };
}

type Handler = (this: PageInstance, ...args: unknown[]) => unknown;

/** The page on screen (its lifetimes reach every component), for the fake device's `hide()` / `show()`. */
let onScreen: { triggerPageLifeTime(name: string): void } | null = null;

/** @internal Sends a page lifetime to the page on screen; `false` when no page is loaded. */
export function pageLifetime(name: 'show' | 'hide'): boolean {
  if (!onScreen) return false;
  onScreen.triggerPageLifeTime(name);
  return true;
}

/** The query of the page being attached (read by its `attached` lifetime). */
let pendingQuery: Record<string, string> = {};
/** The page loaded in this module registry: simulate runs a component's code once per registry. */
let loaded: { file: string; id: string } | null = null;

/** `Page(options)` as simulate renders it: a component with the page's data, fields and handlers. */
function pageAsComponent(options: Record<string, unknown>): Record<string, unknown> {
  const methods: Record<string, Handler> = {};
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(options)) {
    const value = options[key];
    if (key === 'data') continue;
    if (typeof value === 'function') methods[key] = value as Handler;
    else fields[key] = value;
  }
  const run = (page: PageInstance, name: string, ...args: unknown[]) => {
    const handler = page[name];
    if (typeof handler === 'function') (handler as Handler).apply(page, args);
  };
  return {
    data: options.data || {},
    methods,
    lifetimes: {
      created(this: PageInstance) {
        Object.assign(this, JSON.parse(JSON.stringify(fields)));
      },
      attached(this: PageInstance) {
        run(this, 'onLoad', { ...pendingQuery });
        run(this, 'onShow');
      },
      ready(this: PageInstance) {
        run(this, 'onReady');
      },
      detached(this: PageInstance) {
        run(this, 'onUnload');
      },
    },
    pageLifetimes: {
      show(this: PageInstance) {
        run(this, 'onShow');
      },
      hide(this: PageInstance) {
        run(this, 'onHide');
      },
    },
  };
}

/** @internal miniprogram-simulate, loaded on first use (it defines the global `Component` and `wx`). */
export function requireSimulate(): Simulate {
  try {
    // Loaded on use: a user's dev dependency, defines the global `Component` and `wx`.
    return require('miniprogram-simulate') as Simulate;
  } catch {
    throw new Error(
      'ts-pusher/testing: loadPage needs miniprogram-simulate: npm install -D miniprogram-simulate (and run the test with jest-environment-jsdom) / ' +
        'loadPage 需要 miniprogram-simulate：npm install -D miniprogram-simulate（并在 jest-environment-jsdom 中运行测试）',
    );
  }
}

const readJson = (file: string): { usingComponents?: Record<string, string>; miniprogram?: string } | null =>
  fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;

/** Every `.wxml` under `dir` (relative to `root`), skipping `node_modules`. */
function wxmlUnder(root: string, dir = ''): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir ? dir + '/' + entry.name : entry.name;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : wxmlUnder(root, rel);
    return rel.endsWith('.wxml') ? [rel] : [];
  });
}

/**
 * `usingComponents` of the page with npm paths resolved, and the `.wxml` files `wcc` must compile
 * when a component comes from `node_modules/` (which wcc skips unless it is listed).
 */
function resolveComponents(root: string, pageFile: string): { usingComponents: Record<string, string>; wxmlList?: string[] } {
  const usingComponents: Record<string, string> = {};
  const fromNodeModules: string[] = [];
  const visit = (file: string) => {
    const json = readJson(file + '.json');
    const using = (json && json.usingComponents) || {};
    for (const tag of Object.keys(using)) {
      const spec = using[tag];
      if (spec.startsWith('/') || spec.startsWith('.')) continue;
      const npm = path.join(root, 'miniprogram_npm', spec);
      if (fs.existsSync(npm + '.json')) {
        usingComponents[tag] = '/miniprogram_npm/' + spec;
        continue;
      }
      const parts = spec.split('/');
      const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      const pkg = readJson(path.join(root, 'node_modules', name, 'package.json'));
      const target = pkg && path.join(root, 'node_modules', name, pkg.miniprogram || 'miniprogram_dist', spec.slice(name.length + 1));
      if (!target || !fs.existsSync(target + '.json')) {
        throw new Error(
          `ts-pusher/testing: <${tag}> ("${spec}" in ${path.relative(root, file)}.json) is in neither miniprogram_npm/ nor node_modules/${name}: ` +
            `npm install ${name}, then run 构建 npm (DevTools → Tools) or let loadPage read node_modules / ` +
            `找不到组件 "${spec}"：先 npm install ${name}（可再在开发者工具中“构建 npm”）`,
        );
      }
      usingComponents[tag] = '/' + path.relative(root, target).split(path.sep).join('/');
      fromNodeModules.push(path.relative(root, target).split(path.sep).join('/') + '.wxml');
      visit(target);
    }
  };
  visit(pageFile);
  return fromNodeModules.length ? { usingComponents, wxmlList: wxmlUnder(root).concat(fromNodeModules) } : { usingComponents };
}

/**
 * Renders the page at `page` (`'pages/live/index'`, relative to `options.root`, or absolute) on
 * a `Page` global, attaches it (`onLoad(query)`, `onShow`, `onReady`) and returns it. Install the
 * fake device first (`installFakeDevice()`): components take their contexts when ready. One page
 * per test file (simulate runs a page's code once per jest module registry); render it again in
 * each test.
 */
export function loadPage(page: string, options: LoadPageOptions = {}): TestPage {
  const root = path.resolve(options.root || process.cwd());
  const file = path.resolve(root, page.replace(/\.(js|ts)$/, ''));
  if (!fs.existsSync(file + '.json')) {
    throw new Error(`ts-pusher/testing: no page at ${file}.json / 找不到页面 ${file}.json`);
  }
  if (loaded && loaded.file !== file) {
    throw new Error(
      `ts-pusher/testing: ${path.relative(root, loaded.file)} is loaded already: test one page per file / 每个测试文件只能加载一个页面`,
    );
  }
  const sim = requireSimulate();
  const g = globalThis as unknown as {
    Page?: (o: Record<string, unknown>) => void;
    Component: (o: object) => void;
    document: { createElement(tag: string): unknown };
  };
  g.Page = (pageOptions) => g.Component(pageAsComponent(pageOptions));
  if (!loaded) {
    const { usingComponents, wxmlList } = resolveComponents(root, file);
    const id = sim.load(file, { rootPath: root, usingComponents, ...(wxmlList ? { compilerOptions: { wxmlList } } : {}) });
    loaded = { file, id };
  }
  pendingQuery = { ...(options.query || {}) };
  const node = sim.render(loaded.id);
  node.attach(g.document.createElement('parent-wrapper'));
  onScreen = node;
  const find = (selector: string) => node.querySelector(selector) || null;
  return {
    node,
    instance: node.instance,
    hide: () => node.triggerPageLifeTime('hide'),
    show: () => node.triggerPageLifeTime('show'),
    unload() {
      if (onScreen === node) onScreen = null;
      node.detach();
    },
    text(selector) {
      const found = find(selector);
      return found ? (found.dom.textContent || '').replace(/\s+/g, ' ').trim() : null;
    },
    tap(selector) {
      const found = find(selector);
      if (!found) throw new Error(`ts-pusher/testing: nothing to tap: ${selector} / 没有可点击的节点：${selector}`);
      found.dispatchEvent('tap');
    },
  };
}

/** The fake clock jest's modern fake timers (and @sinonjs/fake-timers) put on `setTimeout`. */
interface FakeClock {
  tickAsync(ms: number): Promise<unknown>;
}

function fakeClock(): FakeClock {
  const clock = (globalThis.setTimeout as unknown as { clock?: FakeClock }).clock;
  if (!clock || typeof clock.tickAsync !== 'function') {
    throw new Error(
      'ts-pusher/testing: advance/settle need fake timers: call jest.useFakeTimers() first / advance/settle 需要模拟计时器：请先调用 jest.useFakeTimers()',
    );
  }
  return clock;
}

/**
 * Lets `ms` of fake time pass (`jest.useFakeTimers()`), running promise callbacks in between:
 * what `jest.advanceTimersByTimeAsync(ms)` does.
 */
export async function advance(ms = 0): Promise<void> {
  await fakeClock().tickAsync(ms);
}

/**
 * Lets fake time pass in steps of `stepMs` until `promise` settles, then returns its value (or
 * throws its error). Under fake timers a bare `await pusher.stop()` waits forever: the device's
 * answer is a timer nobody advances. Throws when it is still pending after `maxMs` of fake time.
 */
export async function settle<T>(promise: Promise<T>, options: { readonly maxMs?: number; readonly stepMs?: number } = {}): Promise<T> {
  const maxMs = options.maxMs === undefined ? 60000 : options.maxMs;
  const stepMs = options.stepMs === undefined ? 10 : options.stepMs;
  let done = false;
  const watched = promise.then(
    (value) => ((done = true), value),
    (error: unknown) => {
      done = true;
      throw error;
    },
  );
  watched.catch(() => undefined);
  const clock = fakeClock();
  for (let waited = 0; !done && waited < maxMs; waited += stepMs) await clock.tickAsync(stepMs);
  if (!done) await clock.tickAsync(0);
  if (!done) throw new Error(`ts-pusher/testing: still pending after ${maxMs} ms of fake time / 模拟时间 ${maxMs} ms 后仍未完成`);
  return watched;
}
