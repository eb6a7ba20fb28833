/**
 * Shared set-up of the component tests: a `live-pusher` stub that keeps what it is given,
 * a fake native context that answers like a device (callbacks on later ticks, state codes
 * dispatched on the tag), and a host page loader.
 */
import * as path from 'path';
import { simulate } from '../simulate';
import { ATTRIBUTE_NAMES, attributeType } from '../../src/index';

// Re-register the built-in tag with properties, so `node.data` shows what it was bound to.
const stubProperties: Record<string, unknown> = {};
for (const name of ATTRIBUTE_NAMES) stubProperties[name] = attributeType(name);
// eslint-disable-next-line @typescript-eslint/no-var-requires
require('j-component').register({ id: 'live-pusher', tagName: 'wx-live-pusher', template: '<slot/>', properties: stubProperties });

export const ROOT = path.resolve(__dirname, '../..');

/** A native call the fake received. */
export interface NativeCall {
  method: string;
  options: Record<string, unknown>;
}

/** How the fake answers one method. */
export type Answer = { ok: Record<string, unknown> } | { fail: string } | 'hang' | 'throw';

/** A LivePusherContext stand-in: async callbacks, configurable answers, and 1001/1002 after start. */
export class FakeContext {
  readonly calls: NativeCall[] = [];
  answers: Record<string, Answer> = {};
  /** State codes dispatched on the tag after a successful `start` (a device sends 1001, then 1002). */
  startCodes: number[] = [1001, 1002];
  private tag: { dispatchEvent(name: string, detail: unknown): void } | null = null;

  constructor(private readonly delay = 2) {}

  /** The `<live-pusher>` node that state codes are dispatched on. */
  bind(tag: { dispatchEvent(name: string, detail: unknown): void }): void {
    this.tag = tag;
  }

  /** Dispatches a raw `statechange` detail on the tag, later, as the device would. */
  emit(code: number, message?: string): void {
    setTimeout(() => this.tag && this.tag.dispatchEvent('statechange', { detail: { code, message } }), this.delay);
  }

  private invoke(method: string, options: Record<string, unknown> & { success?: (r: unknown) => void; fail?: (e: unknown) => void }): void {
    this.calls.push({ method, options });
    const answer = this.answers[method] || { ok: { errMsg: `${method}:ok` } };
    if (answer === 'hang') return;
    if (answer === 'throw') throw new TypeError(`${method} exploded`);
    setTimeout(() => {
      if ('fail' in answer) options.fail && options.fail({ errMsg: `${method}:fail ${answer.fail}` });
      else {
        options.success && options.success(answer.ok);
        if (method === 'start') this.startCodes.forEach((code, i) => setTimeout(() => this.emit(code), i * this.delay));
      }
    }, this.delay);
  }

  /** The methods a context of base library 2.31 has. */
  methods(): Record<string, (options: Record<string, unknown>) => void> {
    const names = ['start', 'stop', 'pause', 'resume', 'switchCamera', 'toggleTorch', 'snapshot', 'playBGM', 'pauseBGM', 'resumeBGM', 'stopBGM', 'setBGMVolume', 'setMICVolume', 'startPreview', 'stopPreview', 'sendMessage', 'getMaxZoom', 'setZoom', 'exitPictureInPicture'];
    const out: Record<string, (options: Record<string, unknown>) => void> = {};
    for (const name of names) out[name] = (options) => this.invoke(name, options as never);
    return out;
  }
}

/** Loads the host page once per test file (simulate cannot load the same path twice under jest). */
export function loadHost(): string {
  return simulate.load(path.join(__dirname, 'host/index'), 'host-page', {
    rootPath: ROOT,
    compilerOptions: { wxmlList: ['test/component/host/index.wxml', 'components/pusher/index.wxml'] },
  });
}

export { simulate };
