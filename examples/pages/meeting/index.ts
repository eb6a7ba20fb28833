import { PRESETS, type PresetId, type PusherEvent, type PushStatus, type QualityLevel } from 'ts-pusher';
import { explain, runOnPusher } from '../../shared/run-on-pusher';

/** A person's role in the meeting. */
type Role = 'host' | 'participant';

/** The preset of each role: the host sends more, a participant keeps the uplink small. */
const ROLE_SCENARIOS: { readonly [R in Role]: PresetId } = { host: 'meeting-host', participant: 'meeting-participant' };

/** "RTC · 200–1000 kbps · audio high": what a preset puts on the tag. */
function presetSummary(id: PresetId): string {
  const { mode, minBitrate, maxBitrate, audioQuality } = PRESETS[id];
  return `${mode} · ${minBitrate}–${maxBitrate} kbps · audio ${audioQuality}`;
}

Page({
  data: {
    /** The meeting's push URL: your server signs one per person (`ts-pusher/server` signPushUrl). */
    url: '',
    /** `''`: emulated in DevTools, the real tag on a phone; a trace name (query `emulate=…`) plays that trace. */
    emulate: '',
    role: 'host' as Role,
    scenario: ROLE_SCENARIOS.host,
    preset: presetSummary(ROLE_SCENARIOS.host),
    status: 'idle' as PushStatus,
    /** The last `quality` event: it fires only when the level changes, never per sample. */
    quality: '' as QualityLevel | '',
    qualityChange: '',
    error: '',
  },

  onLoad(query: Record<string, string | undefined>) {
    if (query.emulate) this.setData({ emulate: query.emulate });
  },

  /**
   * The segmented control. Changing `scenario` while pushing is fine: `<ts-pusher>` hands the tag
   * only the attributes that changed (bitrates, audio quality).
   */
  onRole(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { role?: string }>) {
    const { role } = e.currentTarget.dataset;
    if (role !== 'host' && role !== 'participant') return;
    const scenario = ROLE_SCENARIOS[role];
    this.setData({ role, scenario, preset: presetSummary(scenario) });
  },

  onStatus(e: PusherEvent<'statuschange'>) {
    this.setData({ status: e.detail.status });
  },

  onQuality(e: PusherEvent<'quality'>) {
    const { level, previous, source } = e.detail;
    this.setData({ quality: level, qualityChange: `${previous || '—'} → ${level} (${source})` });
  },

  onError(e: PusherEvent<'error'>) {
    this.setData({ error: explain(e.detail) });
  },

  onStart() {
    runOnPusher(this, (pusher) => pusher.start());
  },

  onPause() {
    runOnPusher(this, (pusher) => pusher.pause());
  },

  onResume() {
    runOnPusher(this, (pusher) => pusher.resume());
  },

  onStop() {
    runOnPusher(this, (pusher) => pusher.stop());
  },
});
