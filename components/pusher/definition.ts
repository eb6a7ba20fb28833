import { ATTRIBUTE_NAMES, DEFAULT_ATTRIBUTES } from '../../src/attributes';
import { PUSHER_METHODS, PusherController } from '../../src/controller';
import { emulate, emulationFor, type Emulation } from '../../src/emulator';
import { mapError, mapNetStatus, mapStateChange } from '../../src/events';
import { PUSHER_MARK } from '../../src/pusher';
import type { TraceName } from '../../src/traces';
import { defineTag, type TagFields } from '../tag';

/**
 * Registers `<ts-pusher>` with `Component()` (the shared glue, `../tag.ts`, with the pusher's
 * tag, controller, mappers and handlers). The phone build bundles this definition into the core
 * (`index.js`); the component's own `index.js` only calls it.
 */
export function definePusher(): void {
  defineTag({
    context$: (component) => wx.createLivePusherContext('pusher', component as never),
    mark$: PUSHER_MARK,
    names$: ATTRIBUTE_NAMES,
    defaults$: DEFAULT_ATTRIBUTES,
    facade$: [...PUSHER_METHODS, 'setPolicies', 'setUrlRefresher'],
    controller$: (host) => new PusherController(host) as never,
    state$: mapStateChange,
    net$: mapNetStatus,
    emulation$: emulationFor,
    emulate$: (trace, sink) => emulate(trace as TraceName, sink) as Emulation,
    methods$: {
      onError(this: TagFields, e) {
        this._ctl.handleEvent(mapError(e.detail), true);
      },
      onBgm(this: TagFields, e) {
        const d = (e.detail || {}) as { progress?: unknown; duration?: unknown };
        this._emit('bgmprogress', { progress: Number(d.progress) || 0, duration: Number(d.duration) || 0 });
      },
    },
  });
}
