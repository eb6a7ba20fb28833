/**
 * Renders an example page in jest the way a user's page test can: miniprogram-simulate with the
 * official wcc, the page's own files, and `<ts-pusher>` from miniprogram_npm, which DevTools'
 * 构建 npm (here `npm run example`) produced. simulate renders components only, so `Page()` runs
 * as a component whose lifetimes call the page's handlers in the page's order: onLoad(query),
 * onShow, then onReady once the components are ready.
 */
import fs from 'fs';
import path from 'path';
import { installFakeDevice, type FakeDevice, type FakeDeviceOptions } from 'ts-pusher/testing';

/** examples/, the mini-program root. */
const EXAMPLE = path.join(__dirname, '..');
const PUSHER = '/miniprogram_npm/ts-pusher/pusher/index';

/** A rendered node (the parts of miniprogram-simulate's these tests use). */
export interface PageNode {
  readonly dom: { readonly textContent: string | null };
  /** A component's `this` (the page's, for the root). */
  readonly instance: { readonly data: Record<string, unknown>; selectComponent(selector: string): unknown };
  /** `undefined` when nothing matches. */
  querySelector(selector: string): PageNode | null | undefined;
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  /** The node as a snapshot sees it: a built-in tag's attributes are here (camelCase). */
  toJSON(): { readonly tagName: string; readonly attrs?: readonly { readonly name: string; readonly value: unknown }[] };
}

/** A rendered page. */
export interface PageRoot extends PageNode {
  attach(parent: unknown): void;
  detach(): void;
  setData(data: Record<string, unknown>): void;
}

interface Simulate {
  load(componentPath: string, options: { rootPath: string; usingComponents: Record<string, string> }): string;
  render(id: string): PageRoot;
}

type PageMethod = (this: PageThis, ...args: unknown[]) => unknown;
type PageThis = Record<string, unknown>;

/** The query the page being opened receives in `onLoad`. */
let query: Record<string, string> = {};

/** `Page(options)` as simulate can render it: a component with the page's data and handlers. */
function pageAsComponent(options: Record<string, unknown>) {
  const methods: Record<string, PageMethod> = {};
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'data') continue;
    if (typeof value === 'function') methods[key] = value as PageMethod;
    else fields[key] = value;
  }
  const run = (page: PageThis, name: string, ...args: unknown[]) => {
    const handler = page[name];
    if (typeof handler === 'function') handler.apply(page, args);
  };
  return {
    data: options.data || {},
    methods,
    lifetimes: {
      created(this: PageThis) {
        Object.assign(this, JSON.parse(JSON.stringify(fields)));
      },
      attached(this: PageThis) {
        run(this, 'onLoad', { ...query });
        run(this, 'onShow');
      },
      ready(this: PageThis) {
        run(this, 'onReady');
      },
      detached(this: PageThis) {
        run(this, 'onUnload');
      },
    },
    pageLifetimes: {
      show(this: PageThis) {
        run(this, 'onShow');
      },
      hide(this: PageThis) {
        run(this, 'onHide');
      },
    },
  };
}

const g = globalThis as unknown as {
  Page: (options: Record<string, unknown>) => void;
  Component: (options: object) => void;
  document: { createElement(tag: string): unknown };
};
// simulate defines `Component` (and the global `wx`) when it is loaded.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate') as Simulate;
g.Page = (options) => g.Component(pageAsComponent(options));

let loaded: { name: string; id: string } | null = null;

/**
 * Renders `pages/<name>/index` and attaches it, with `query` for `onLoad`. One page per test file:
 * simulate cannot load the packed component twice in one jest module registry.
 */
export function openPage(name: string, pageQuery: Record<string, string> = {}): PageRoot {
  if (!fs.existsSync(path.join(EXAMPLE, PUSHER + '.js'))) {
    throw new Error(`examples${PUSHER}.js is missing: run \`npm run example\` (npm test packs examples/ in its globalSetup; see .tmp/pack-example.json).`);
  }
  if (loaded && loaded.name !== name) throw new Error(`one page per test file: ${loaded.name} is loaded already`);
  if (!loaded) {
    // usingComponents "ts-pusher/pusher/index" resolves through miniprogram_npm, as in the runtime.
    loaded = { name, id: simulate.load(path.join(EXAMPLE, 'pages', name, 'index'), { rootPath: EXAMPLE, usingComponents: { 'ts-pusher': PUSHER } }) };
  }
  query = pageQuery;
  const page = simulate.render(loaded.id);
  page.attach(g.document.createElement('parent-wrapper'));
  return page;
}

/** The text a person sees in the first node matching `selector` (`null` when it is not rendered). */
export function textOf(page: PageNode, selector: string): string | null {
  const node = page.querySelector(selector);
  return node ? (node.dom.textContent || '').replace(/\s+/g, ' ').trim() : null;
}

/**
 * The attributes `<ts-pusher>` gave its inner `<live-pusher>` (`null` when no tag is rendered, as
 * while emulating): what a phone's native pusher would receive.
 */
export function livePusherAttributes(page: PageNode, pusherSelector = '#pusher'): Record<string, unknown> | null {
  const pusher = page.querySelector(pusherSelector);
  const tag = pusher && pusher.querySelector('#pusher');
  if (!tag) return null;
  const attributes: Record<string, unknown> = {};
  for (const { name, value } of tag.toJSON().attrs || []) attributes[name] = value;
  return attributes;
}

/** Taps the first node matching `selector`. */
export function tap(page: PageNode, selector: string): void {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`nothing to tap: ${selector}`);
  node.dispatchEvent('tap');
}

/** Lets fake time pass, running promise callbacks in between. */
export const advance = (ms = 0): Promise<void> => jest.advanceTimersByTimeAsync(ms);

/** A page rendered on a fake phone. */
export interface OpenedPage {
  readonly page: PageRoot;
  readonly device: FakeDevice;
}

/**
 * Sets up every test of the file: fake timers, and afterwards the page detached and `wx` given
 * back. The returned `open` installs a fake phone (`options`) and renders `pages/<name>/index`
 * with `query` for `onLoad`.
 */
export function pageTests(name: string): (options?: FakeDeviceOptions, query?: Record<string, string>) => OpenedPage {
  let opened: OpenedPage | null = null;
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    try {
      if (opened) opened.page.detach();
    } finally {
      if (opened) opened.device.uninstall();
      opened = null;
      jest.useRealTimers();
    }
  });
  return (options = {}, query = {}) => {
    const device = installFakeDevice(options);
    opened = { device, page: openPage(name, query) };
    return opened;
  };
}
