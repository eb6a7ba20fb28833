/**
 * pages/meeting: host and participant presets switched at run time, quality events, and
 * pause / resume / stop, through the page as a person uses it.
 */
import { advance, livePusherAttributes, pageTests, tap, textOf } from './page';

const open = pageTests('meeting');

/** A `bindnetstatus` sample with the fields a phone sends. */
const sample = (videoBitrate: number, videoFPS: number, netQualityLevel: number) => ({
  videoBitrate,
  audioBitrate: 48,
  videoFPS,
  videoGOP: 2,
  netSpeed: videoBitrate + 60,
  netJitter: 4,
  videoWidth: 360,
  videoHeight: 640,
  netQualityLevel,
});

/** Opens the page and taps start; resolves once pushing. */
async function startPushing(query: Record<string, string> = {}) {
  const opened = open({}, query);
  tap(opened.page, '.start');
  // A fake device pushes within a few ms, an emulated one after its trace's 1002 (0.7 s).
  await advance(1000);
  expect(textOf(opened.page, '.status')).toBe('status: pushing');
  return opened;
}

it('switches host ⇄ participant while pushing: the tag gets the other preset, the push goes on', async () => {
  const { page, device } = await startPushing();
  expect(livePusherAttributes(page)).toMatchObject({ mode: 'RTC', minBitrate: 200, maxBitrate: 1000, audioQuality: 'high' });
  expect(textOf(page, '.preset')).toBe('meeting-host: RTC · 200–1000 kbps · audio high');

  tap(page, '.role-participant');
  await advance(0);
  expect(livePusherAttributes(page)).toMatchObject({ mode: 'RTC', minBitrate: 150, maxBitrate: 300, audioQuality: 'low' });
  expect(textOf(page, '.preset')).toBe('meeting-participant: RTC · 150–300 kbps · audio low');
  expect(textOf(page, '.role-active')).toBe('参会者 / participant');

  tap(page, '.role-host');
  await advance(0);
  expect(livePusherAttributes(page)).toMatchObject({ minBitrate: 200, maxBitrate: 1000, audioQuality: 'high' });
  expect(textOf(page, '.status')).toBe('status: pushing');
  expect(device.methods).toEqual(['start']);
});

it('shows quality when a new level held for two samples, and only then', async () => {
  const { page, device } = await startPushing();
  const samples = async (...levels: number[]) => {
    for (const level of levels) {
      device.netstatus(sample(1100 - level * 150, 15, level));
      await advance(0);
    }
  };
  await samples(1);
  expect(textOf(page, '.quality')).toBeNull();
  await samples(1);
  expect(textOf(page, '.quality')).toBe('quality: excellent · — → excellent (netQualityLevel)');

  await samples(5, 1, 5);
  expect(textOf(page, '.quality')).toBe('quality: excellent · — → excellent (netQualityLevel)');
  await samples(5);
  expect(textOf(page, '.quality')).toBe('quality: bad · excellent → bad (netQualityLevel)');
});

it('pause, resume and stop', async () => {
  const { page, device } = await startPushing();
  tap(page, '.pause');
  await advance(100);
  expect(textOf(page, '.status')).toBe('status: paused');
  tap(page, '.resume');
  await advance(100);
  expect(textOf(page, '.status')).toBe('status: pushing');
  tap(page, '.stop');
  await advance(100);
  expect(textOf(page, '.status')).toBe('status: stopped');
  expect(device.methods).toEqual(['start', 'pause', 'resume', 'stop']);
  expect(device.screenOn).toBe(false);
});

it('resume while pushing: the INVALID_STATE error is shown, not thrown', async () => {
  const { page, device } = await startPushing();
  tap(page, '.resume');
  await advance(10);
  expect(textOf(page, '.error')).toMatch(/^INVALID_STATE: /);
  expect(device.methods).toEqual(['start']);
});

it('emulate=happy (a DevTools compile mode): no <live-pusher>; pushing, and the emulated netstatus samples give a quality', async () => {
  const { page, device } = await startPushing({ emulate: 'happy' });
  expect(livePusherAttributes(page)).toBeNull();
  expect(textOf(page, '#pusher')).toContain('ts-pusher · emulated · happy');
  expect(textOf(page, '.quality')).toBeNull();
  // The trace sends a sample every 2 s from 2 s on; a level holds after two.
  await advance(4000);
  expect(textOf(page, '.quality')).toBe('quality: excellent · — → excellent (netQualityLevel)');
  tap(page, '.role-participant');
  await advance(0);
  expect(textOf(page, '.status')).toBe('status: pushing');
  expect(device.methods).toEqual([]);
});
