import { asPusherError } from '../../src/call-queue';
import { emulationFor } from '../../src/emulator';
import { emulatePlayer } from '../../src/play/emulator';
import { PLAYER_TRACES, type PlayerTraceName } from '../../src/play/traces';
import { DEFAULT_PLAYER_ATTRIBUTES, PLAYER_ATTRIBUTE_NAMES } from '../../src/play/attributes';
import { PLAYER_METHODS, PlayerController } from '../../src/play/controller';
import { mapPlayerNetStatus, mapPlayerStateChange } from '../../src/play/events';
import { PLAYER_MARK } from '../../src/play/player';
import { defineTag, type TagFields } from '../tag';

/** Text of a detail field (`''` when absent). */
const text = (e: { detail?: unknown }, key: string) => String(((e.detail || {}) as Record<string, unknown>)[key] || '');

/**
 * Registers `<ts-player>` with `Component()` (the shared glue, `../tag.ts`, with the player's
 * tag, controller, mappers and handlers). The phone build bundles this definition into the
 * player's part (`player/core.js`); the component's own `index.js` only calls it.
 */
export function definePlayer(): void {
  defineTag({
    context$: (component) => wx.createLivePlayerContext('player', component as never),
    mark$: PLAYER_MARK,
    names$: PLAYER_ATTRIBUTE_NAMES,
    defaults$: DEFAULT_PLAYER_ATTRIBUTES,
    facade$: [...PLAYER_METHODS, 'setPolicies', 'setSrcRefresher'],
    controller$: (host) => new PlayerController(host as never) as never,
    state$: mapPlayerStateChange,
    net$: mapPlayerNetStatus,
    emulation$: (value, platform) => emulationFor(value, platform, PLAYER_TRACES),
    emulate$: (trace, sink) => emulatePlayer(trace as PlayerTraceName, sink),
    methods$: {
      /** `binderror` `{ errMsg }`: reported; the status follows the state codes. */
      onError(this: TagFields, e) {
        this._emit('error', asPusherError(e.detail, 'player'));
      },
      onFull(this: TagFields, e) {
        const d = (e.detail || {}) as { direction?: unknown; fullScreen?: unknown };
        // The tag says 'vertical' or 'horizontal' (the official typings); a number (±90) is read as horizontal.
        const h = d.direction === 'horizontal' || Math.abs(Number(d.direction)) === 90;
        this._emit('fullscreenchange', { direction: h ? 'horizontal' : 'vertical', fullScreen: !!d.fullScreen });
      },
      onCasting(this: TagFields, e) {
        const state = text(e, 'state');
        this._emit(e.type!, e.type === 'castingstatechange' ? { type: text(e, 'type'), state } : { state });
      },
    },
  });
}
