/**
 * A controller on the shared fake device and fake platform (src/testing), for plain-Node tests
 * with jest's fake timers. The device answers like a phone: callbacks on later ticks, 1001 then
 * 1002 after a successful start, nothing more after a stop. Not a test file.
 */
import {
  PusherController,
  mapError,
  mapNetStatus,
  mapStateChange,
  type NativePusherContext,
  type PusherAttributes,
  type PusherEvents,
  type StatusChange,
} from '../../src/index';
import { FakePlatform } from '../../src/testing/fake-platform';
import { FakePusher as FakeDevice } from '../../src/testing/fake-pusher';

/** The shared fakes (src/testing): the native pusher and `wx` as the policies see it. */
export { FakeDevice, FakePlatform };
export type { FakeAnswer as Answer } from '../../src/testing/fake-context';
export type { FakeNativeCall as NativeCall } from '../../src/testing/fake-pusher';

export interface RigOptions {
  /** `later`: no context until `ready()`. */
  context?: 'later';
  startTimeout?: number;
  callTimeout?: number;
  attrs?: Partial<PusherAttributes>;
}

/** A controller wired to a fake device and platform; every event it emits is recorded. */
export function rig(options: RigOptions = {}) {
  const device = new FakeDevice();
  const platform = new FakePlatform();
  const events: { name: keyof PusherEvents; detail: unknown }[] = [];
  const patches: Partial<PusherAttributes>[] = [];
  let ctx: NativePusherContext | null = options.context === 'later' ? null : device.context();
  let remounts = 0;
  const ctl: PusherController = new PusherController(
    {
      context: () => ctx,
      emit: (name, detail) => events.push({ name, detail }),
      platform,
      render: (attrs) => patches.push(attrs),
      remount: () => {
        remounts++;
        ctx = device.context();
        ctl.contextReady();
        return Promise.resolve();
      },
    },
    { startTimeout: options.startTimeout, callTimeout: options.callTimeout },
  );
  if (options.attrs) ctl.setAttributes({ ...ctl.attrs, ...options.attrs });
  device.code = (code, message) => ctl.handleEvent(mapStateChange({ code, message }));
  device.error = (errCode, errMsg) => ctl.handleEvent(mapError({ errCode, errMsg }), true);
  device.net = (info) => ctl.handleNetStatus(mapNetStatus({ info }));
  return {
    ctl,
    device,
    platform,
    events,
    patches,
    remounts: () => remounts,
    /** The tag is ready now. */
    ready() {
      ctx = device.context();
      ctl.contextReady();
    },
    of<K extends keyof PusherEvents>(name: K): PusherEvents[K][] {
      return events.filter((e) => e.name === name).map((e) => e.detail as PusherEvents[K]);
    },
    statuses(): string[] {
      return events.filter((e) => e.name === 'statuschange').map((e) => (e.detail as StatusChange).status);
    },
  };
}

export { rejection, tick } from '../promises';

/** Settles a promise in the background, so fake time can pass while it waits. */
export function settled<T>(promise: Promise<T>): { done: () => boolean; value: () => T | undefined; error: () => unknown } {
  let done = false;
  let value: T | undefined;
  let error: unknown;
  promise.then(
    (v) => ((done = true), (value = v)),
    (e) => ((done = true), (error = e)),
  );
  return { done: () => done, value: () => value, error: () => error };
}
