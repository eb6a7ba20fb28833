/**
 * What the example page tests share, on `ts-pusher/testing`'s `loadPage`: the page with the
 * official wcc, `<ts-pusher>` from miniprogram_npm (what DevTools' 构建 npm, here
 * `npm run example`, produced), a fake phone, and fake timers.
 */
import path from 'path';
import { advance, installFakeDevice, loadPage, type FakeDevice, type FakeDeviceOptions, type TestPage } from 'ts-pusher/testing';

export { advance };

/** examples/, the mini-program root. */
const EXAMPLE = path.join(__dirname, '..');

/**
 * The attributes `<ts-pusher>` gave its inner `<live-pusher>` (`null` when no tag is rendered, as
 * while emulating): what a phone's native pusher would receive.
 */
export function livePusherAttributes(page: TestPage, pusherSelector = '#pusher'): Record<string, unknown> | null {
  const pusher = page.node.querySelector(pusherSelector);
  const tag = pusher && pusher.querySelector('#pusher');
  if (!tag) return null;
  const attributes: Record<string, unknown> = {};
  for (const { name, value } of tag.toJSON().attrs || []) attributes[name] = value;
  return attributes;
}

/** A page rendered on a fake phone. */
export interface OpenedPage {
  readonly page: TestPage;
  readonly device: FakeDevice;
}

/**
 * Sets up every test of the file: fake timers, and afterwards the page unloaded and `wx` given
 * back. The returned `open` installs a fake phone (`options`) and renders `pages/<name>/index`
 * with `query` for `onLoad`.
 */
export function pageTests(name: string): (options?: FakeDeviceOptions, query?: Record<string, string>) => OpenedPage {
  let opened: OpenedPage | null = null;
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    try {
      if (opened) opened.page.unload();
    } finally {
      if (opened) opened.device.uninstall();
      opened = null;
      jest.useRealTimers();
    }
  });
  return (options = {}, query = {}) => {
    const device = installFakeDevice(options);
    opened = { device, page: loadPage(`pages/${name}/index`, { root: EXAMPLE, query }) };
    return opened;
  };
}
