/**
 * Emulation where `<live-player>` cannot run: `<ts-player emulate="…">` (or DevTools) renders a
 * placeholder naming the trace and the status, and plays a player trace through the same mapper,
 * controller and policies a phone's events would go through.
 */
import type { PlayerAttributeProblem } from '../../src/play/index';
import type { PlayerNetStatus, PlayerStatusChange, PusherError, PusherEvents } from '../../src/index';
import { playerEachTest, rejection, tick, type PlayerHarness } from './player-setup';

const open = playerEachTest();
const emulated = (emulate: string, options: Parameters<typeof open>[0] = {}) =>
  open({ ...options, data: { emulate, ...(options.data || {}) } });
/** The placeholder's text, as the developer sees it. */
const placeholder = (t: PlayerHarness) => JSON.stringify(t.node.toJSON());
const codes = (t: PlayerHarness) => t.events<{ code: number }>('statechange').map((e) => e.code);

it('emulate="happy": no <live-player>, a placeholder naming the trace and the status, and playing with netstatus', async () => {
  const t = emulated('happy');
  expect(t.tag()).toBeFalsy();
  expect(placeholder(t)).toContain('ts-player · emulated · happy');
  expect(placeholder(t)).toContain('· idle');
  const played = t.player.play();
  await tick(100);
  expect(placeholder(t)).toContain('· loading');
  await tick(500);
  await played;
  expect(t.player.status).toBe('playing');
  expect(placeholder(t)).toContain('· playing');
  expect(codes(t)).toEqual([2001, 2002, 2003, 2004, 2032]);
  await tick(5000);
  const samples = t.events<PlayerNetStatus>('netstatus');
  expect(samples.length).toBe(3);
  expect(samples[0]).toMatchObject({ videoBitrate: 1100, videoFPS: 15, netQualityLevel: 1, valid: true });
  expect(t.events<PusherEvents['quality']>('quality').map((q) => q.level)).toEqual(['excellent']);
  // Nothing went to the phone's player.
  expect(t.device.calls.filter((c) => c.method.startsWith('player.') || c.method === 'wx.createLivePlayerContext')).toEqual([]);
});

it('emulate="" emulates in DevTools only; on a phone the real tag is used', () => {
  jest.spyOn(wx, 'getSystemInfoSync').mockReturnValue({ platform: 'devtools' } as never);
  const t = emulated('');
  expect(t.tag()).toBeFalsy();
  expect(placeholder(t)).toContain('emulated · happy');
});

it('emulate="" on a phone uses the real tag', () => {
  expect(emulated('').tag()).toBeTruthy();
});

it('emulate="off" uses the real tag in DevTools', () => {
  jest.spyOn(wx, 'getSystemInfoSync').mockReturnValue({ platform: 'devtools' } as never);
  const t = emulated('off');
  expect(t.tag()).toBeTruthy();
  expect(placeholder(t)).not.toContain('emulated');
});

it('emulate="flaky-network": warnings, buffering, a native reconnect, then playing again without a restart', async () => {
  const t = emulated('flaky-network');
  await Promise.all([t.player.play(), tick(1000)]);
  await tick(20000);
  expect(t.statuses()).toEqual(['loading', 'playing', 'buffering', 'playing', 'reconnecting', 'playing']);
  expect(t.events<{ code: number }>('warning').map((w) => w.code)).toEqual([2104, 2105, 2103]);
  expect(t.events('reconnect')).toEqual([]);
  expect(t.events('error')).toEqual([]);
  const levels = t.events<PusherEvents['quality']>('quality').map((q) => q.level);
  expect(levels[0]).toBe('excellent');
  expect(levels).toContain('down');
  expect(levels[levels.length - 1]).toBe('excellent');
  expect(placeholder(t)).toContain('· playing');
});

it('emulate="stream-gone": reconnecting after -2301, no stream on the next play, recovered on the one after', async () => {
  const t = emulated('stream-gone');
  await Promise.all([t.player.play(), tick(1000)]);
  await tick(12000);
  expect(t.player.status).toBe('reconnecting');
  expect(codes(t)).toContain(-2301);
  await tick(1000 + 100);
  // The first attempt finds no stream: the native player retries and gives up again.
  expect(t.events('reconnect')).toHaveLength(1);
  expect(t.player.status).toBe('reconnecting');
  await tick(10000);
  expect(t.events<PusherEvents['reconnect']>('reconnect').map((r) => [r.attempt, r.delayMs])).toEqual([
    [1, 1000],
    [2, 2000],
  ]);
  expect(t.player.status).toBe('playing');
  expect(placeholder(t)).toContain('· playing');
  expect(t.events('error')).toEqual([]);
  expect(t.statuses()[0]).toBe('loading');
  expect(t.statuses().slice(-2)).toEqual(['reconnecting', 'playing']);
});

it('emulate="bad-url" without a src refresher: play() rejects with -2302, failed', async () => {
  const t = emulated('bad-url');
  const error = await Promise.all([rejection(t.player.play()), tick(1000)]).then(([e]) => e);
  expect(error).toMatchObject({ code: 'STATE_-2302' });
  // The device's own words stay with the error (its raw detail).
  expect(JSON.stringify(error.cause)).toContain('403 Forbidden');
  expect(t.player.status).toBe('failed');
  expect(placeholder(t)).toContain('· failed');
});

it('emulate="bad-url" with a src refresher: asked "rejected", then the next play plays', async () => {
  const t = emulated('bad-url');
  const refresher = jest.fn(() => 'rtmp://play.example.com/live/room1?txSecret=fresh&txTime=7FFFFFFF');
  t.player.setSrcRefresher(refresher);
  await Promise.all([t.player.play(), tick(2000)]);
  expect(refresher).toHaveBeenCalledWith({ reason: 'rejected', src: 'rtmp://play.example.com/live/room1' });
  expect(t.player.status).toBe('playing');
  expect(t.statuses()).toEqual(['loading', 'reconnecting', 'playing']);
  expect(t.events('error')).toEqual([]);
});

it('emulate="background": the page hides and playback is suspended, it shows and playback resumes', async () => {
  const t = emulated('background');
  await Promise.all([t.player.play(), tick(1000)]);
  await tick(5000);
  expect(t.player.status).toBe('suspended');
  expect(placeholder(t)).toContain('· suspended');
  await tick(5000);
  expect(t.statuses()).toEqual(['loading', 'playing', 'suspended', 'loading', 'playing']);
  expect(t.events<PlayerStatusChange>('statuschange')[2].cause).toBe('hide');
  expect(t.events('error')).toEqual([]);
});

it('an unknown emulate value is reported with the player’s trace names, and the real tag is used', async () => {
  const t = emulated('sunny');
  await tick(0);
  const problems = t.events<{ problems: PlayerAttributeProblem[] }>('invalid').flatMap((e) => e.problems);
  expect(problems.map((p) => `${p.code}:${p.attribute}`)).toEqual(['UNKNOWN_VALUE:emulate']);
  for (const name of ['happy', 'flaky-network', 'stream-gone', 'bad-url', 'background']) expect(problems[0].advice).toContain(name);
  expect(problems[0].advice).not.toContain('gives-up');
  expect(t.tag()).toBeTruthy();
});

it('switching emulate at run time swaps the placeholder and the real tag', async () => {
  const t = emulated('happy');
  expect(t.tag()).toBeFalsy();
  t.host.setData({ emulate: 'off' });
  await tick(0);
  expect(t.tag()).toBeTruthy();
  await Promise.all([t.player.play(), tick(20)]);
  expect(t.device.player.methods).toEqual(['play']);
  const errors: PusherError[] = t.events('error');
  expect(errors).toEqual([]);
});

it('detached mid-trace: the emulated device stops, nothing more reaches the page, no timer is left', async () => {
  const t = emulated('flaky-network');
  await Promise.all([t.player.play(), tick(1000)]);
  await tick(3000);
  const received = (t.host.instance.received as unknown[]).length;
  t.host.setData({ shown: false });
  await tick(0);
  t.device.uninstall();
  expect(jest.getTimerCount()).toBe(0);
  await tick(60000);
  expect((t.host.instance.received as unknown[]).length).toBe(received);
});
