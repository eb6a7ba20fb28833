/**
 * The parts of miniprogram-simulate the tests use, typed here: the package's own `.d.ts`
 * instantiates `WechatMiniprogram.Component.Options` with too few type arguments, and merely
 * importing it makes every `Component({...})` in the program lose its `this` type.
 */

/** A rendered node (component or built-in tag). */
export interface SimNode {
  readonly data: Record<string, unknown>;
  /** The component's `this` (for custom components). */
  readonly instance: { selectComponent(selector: string): unknown; [key: string]: unknown };
  querySelector(selector: string): SimNode | null;
  querySelectorAll(selector: string): SimNode[];
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  setData(data: Record<string, unknown>, callback?: () => void): void;
  addEventListener(name: string, handler: (event: { type: string; detail: unknown }) => void): void;
  toJSON(): unknown;
}

/** The root a `render` returns. */
export interface SimRoot extends SimNode {
  attach(parent: unknown): void;
  detach(): void;
  triggerLifeTime(name: string): void;
  triggerPageLifeTime(name: string): void;
}

/** The miniprogram-simulate module. */
export interface Simulate {
  load(path: string, tagName?: string, options?: Record<string, unknown>): string;
  load(path: string, options: Record<string, unknown>): string;
  /** A component defined inline (`template`, `usingComponents`, `methods`, …). */
  load(definition: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): SimRoot;
  sleep(ms: number): Promise<void>;
}

export const simulate: Simulate = require('miniprogram-simulate');

/** Attaches a rendered root to a parent element of the jsdom document, as a page would be. */
export function mount(root: SimRoot): void {
  const { document } = globalThis as unknown as { document: { createElement(tag: string): unknown } };
  root.attach(document.createElement('parent-wrapper'));
}
