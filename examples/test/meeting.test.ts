/**
 * pages/meeting: host and participant presets switched at run time, quality events, and
 * pause / resume / stop, through the page as a person uses it.
 */
import { advance, livePusherAttributes, pageTests } from './page';

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
  opened.page.tap('.start');
  // A fake device pushes within a few ms, an emulated one after its trace's 1002 (0.7 s).
  await advance(1000);
  expect(opened.page.text('.status')).toBe('status: pushing');
  return opened;
}

it('switches host ⇄ participant while pushing: the tag gets the other preset, the push goes on', async () => {
  const { page, device } = await startPushing();
  expect(livePusherAttributes(page)).toMatchObject({ mode: 'RTC', minBitrate: 200, maxBitrate: 1000, audioQuality: 'high' });
  expect(page.text('.preset')).toBe('meeting-host: RTC · 200–1000 kbps · audio high');

  page.tap('.role-participant');
  await advance(0);
  expect(livePusherAttributes(page)).toMatchObject({ mode: 'RTC', minBitrate: 150, maxBitrate: 300, audioQuality: 'low' });
  expect(page.text('.preset')).toBe('meeting-participant: RTC · 150–300 kbps · audio low');
  expect(page.text('.role-active')).toBe('参会者 / participant');

  page.tap('.role-host');
  await advance(0);
  expect(livePusherAttributes(page)).toMatchObject({ minBitrate: 200, maxBitrate: 1000, audioQuality: 'high' });
  expect(page.text('.status')).toBe('status: pushing');
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
  expect(page.text('.quality')).toBeNull();
  await samples(1);
  expect(page.text('.quality')).toBe('quality: excellent · — → excellent (netQualityLevel)');

  await samples(5, 1, 5);
  expect(page.text('.quality')).toBe('quality: excellent · — → excellent (netQualityLevel)');
  await samples(5);
  expect(page.text('.quality')).toBe('quality: bad · excellent → bad (netQualityLevel)');
});

it('pause, resume and stop', async () => {
  const { page, device } = await startPushing();
  page.tap('.pause');
  await advance(100);
  expect(page.text('.status')).toBe('status: paused');
  page.tap('.resume');
  await advance(100);
  expect(page.text('.status')).toBe('status: pushing');
  page.tap('.stop');
  await advance(100);
  expect(page.text('.status')).toBe('status: stopped');
  expect(device.methods).toEqual(['start', 'pause', 'resume', 'stop']);
  expect(device.screenOn).toBe(false);
});

it('resume while pushing: the INVALID_STATE error is shown, not thrown', async () => {
  const { page, device } = await startPushing();
  page.tap('.resume');
  await advance(10);
  expect(page.text('.error')).toMatch(/^INVALID_STATE: /);
  expect(device.methods).toEqual(['start']);
});

it('emulate=happy (a DevTools compile mode): no <live-pusher>; pushing, and the emulated netstatus samples give a quality', async () => {
  const { page, device } = await startPushing({ emulate: 'happy' });
  expect(livePusherAttributes(page)).toBeNull();
  expect(page.text('#pusher')).toContain('ts-pusher · emulated · happy');
  expect(page.text('.quality')).toBeNull();
  // The trace sends a sample every 2 s from 2 s on; a level holds after two.
  await advance(4000);
  expect(page.text('.quality')).toBe('quality: excellent · — → excellent (netQualityLevel)');
  page.tap('.role-participant');
  await advance(0);
  expect(page.text('.status')).toBe('status: pushing');
  expect(device.methods).toEqual([]);
});
