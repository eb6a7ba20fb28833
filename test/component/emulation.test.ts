/**
 * Emulation where `<live-pusher>` cannot run: `<ts-pusher emulate="…">` renders a placeholder
 * and plays a trace through the same mapper, controller and policies as a device would.
 */
import type { PusherError, PusherEvents, PusherNetStatus, StatusChange } from '../../src/index';
import { hostEachTest, rejection, tick, type Harness, type setUp } from './setup';

const host = hostEachTest();
const open = (emulate: string, options: Parameters<typeof setUp>[1] = {}) =>
  host({ ...options, data: { emulate, ...(options.data || {}) } });
/** The placeholder's text, as the developer sees it. */
const placeholder = (t: Harness) => JSON.stringify(t.node.toJSON());

it('emulate="happy": no <live-pusher>, a placeholder naming the trace, and pushing with netstatus events', async () => {
  const t = open('happy');
  expect(t.tag()).toBeFalsy();
  expect(t.device.methods).toEqual([]);
  expect(placeholder(t)).toContain('ts-pusher · emulated · happy');
  const started = t.pusher.start();
  await tick(1000);
  await started;
  expect(t.pusher.status).toBe('pushing');
  expect(placeholder(t)).toContain('pushing');
  expect(t.events<{ code: number }>('statechange').map((e) => e.code)).toEqual([1003, 1007, 1008, 1001, 1002]);
  await tick(6000);
  const samples = t.events<PusherNetStatus>('netstatus');
  expect(samples.length).toBe(3);
  expect(samples[0]).toMatchObject({ videoBitrate: 1100, videoFPS: 15, netQualityLevel: 1, valid: true });
  expect(t.events<PusherEvents['quality']>('quality').map((q) => q.level)).toEqual(['excellent']);
  expect(t.device.calls.filter((c) => c.method === 'wx.createLivePusherContext')).toEqual([]);
});

it('emulate="" emulates in DevTools only', async () => {
  jest.spyOn(wx, 'getSystemInfoSync').mockReturnValue({ platform: 'devtools' } as never);
  const t = open('');
  expect(t.tag()).toBeFalsy();
  expect(placeholder(t)).toContain('emulated · happy');
});

it('emulate="" on a phone uses the real tag', () => {
  expect(open('').tag()).toBeTruthy();
});

it('emulate="off" uses the real tag even in DevTools', () => {
  jest.spyOn(wx, 'getSystemInfoSync').mockReturnValue({ platform: 'devtools' } as never);
  expect(open('off').tag()).toBeTruthy();
});

it('reports an unknown trace name and falls back to automatic', async () => {
  const t = open('sunny');
  await tick(0);
  const problems = t.events<PusherEvents['invalid']>('invalid').flatMap((e) => e.problems);
  expect(problems.map((p) => `${p.code}:${p.attribute}`)).toEqual(['UNKNOWN_VALUE:emulate']);
  expect(problems[0].advice).toContain('gives-up');
  expect(t.tag()).toBeTruthy();
});

it('emulate="gives-up": warnings, -1307, then the reconnect policy pushes again', async () => {
  const t = open('gives-up');
  const started = t.pusher.start();
  await tick(1000);
  await started;
  await tick(12000);
  expect(t.events<{ code: number }>('warning').map((w) => w.code)).toEqual([1102, 3002, 3002, 3002]);
  expect(t.events<PusherEvents['reconnect']>('reconnect')).toHaveLength(1);
  await tick(3000);
  expect(t.statuses()).toEqual(['starting', 'pushing', 'reconnecting', 'pushing']);
  expect(t.events('error')).toEqual([]);
});

it('emulate="background": the page hides, 5000 suspends, the page shows and the push resumes', async () => {
  const t = open('background');
  const started = t.pusher.start();
  await tick(1000);
  await started;
  await tick(10000);
  expect(t.statuses()).toEqual(['starting', 'pushing', 'suspended', 'starting', 'pushing']);
});

it('emulate="permission-denied": start() rejects PERMISSION_DENIED through binderror', async () => {
  const t = open('permission-denied');
  const error = rejection<PusherError>(t.pusher.start());
  await tick(100);
  expect(await error).toMatchObject({ code: 'PERMISSION_DENIED', nativeCode: 10001 });
  expect(t.pusher.status).toBe('failed');
});

it('emulate="rejected-url" with a refresher: a new URL and a restart; without one: an auth error', async () => {
  const t = open('rejected-url', { data: { url: 'rtmp://push.example.com/live/s?txSecret=1&txTime=7FFFFFFF' } });
  t.pusher.setUrlRefresher(() => 'rtmp://push.example.com/live/s?txSecret=2&txTime=7FFFFFFF');
  const started = t.pusher.start();
  await tick(3000);
  await started;
  expect(t.pusher.status).toBe('pushing');
  expect(t.events('error')).toEqual([]);
});

it("the testing kit's no-1002 (not emulated in DevTools): pushing on the first netstatus with a bitrate", async () => {
  const t = host({ trace: 'no-1002' });
  const started = t.pusher.start();
  await tick(2000);
  await started;
  expect(t.events<StatusChange>('statuschange').pop()).toEqual({ status: 'pushing', previous: 'starting', cause: 'netstatus' });
});

it("the testing kit's stream-in-use (not emulated in DevTools) without a refresher: an auth error, then failed without reconnects", async () => {
  const t = host({ trace: 'stream-in-use' });
  const error = rejection<PusherError>(t.pusher.start());
  await tick(6000);
  expect((await error).code).toBe('STATE_-1307');
  expect(t.events<PusherError>('error').map((e) => e.code)).toEqual(['URL_REJECTED', 'STATE_-1307']);
  expect(t.events('reconnect')).toEqual([]);
});

it('emulate="no-1002": a trace the testing kit has but DevTools does not emulate is an unknown value', async () => {
  const t = open('no-1002');
  await tick(0);
  expect(t.events<PusherEvents['invalid']>('invalid').flatMap((e) => e.problems.map((p) => [p.code, p.attribute]))).toEqual([
    ['UNKNOWN_VALUE', 'emulate'],
  ]);
});

it('emulate="flaky-network": warnings, reconnecting, recovery, quality falling then rising', async () => {
  const t = open('flaky-network');
  const started = t.pusher.start();
  await tick(1000);
  await started;
  await tick(20000);
  expect(t.statuses()).toEqual(['starting', 'pushing', 'reconnecting', 'pushing']);
  const levels = t.events<PusherEvents['quality']>('quality').map((q) => q.level);
  expect(levels).toEqual(['excellent', 'fair', 'bad', 'down', 'fair', 'good', 'excellent']);
});

it('follows a new emulate value after ready: the emulated device takes the next start', async () => {
  const t = open('off');
  expect(t.tag()).toBeTruthy();
  t.host.setData({ emulate: 'happy' });
  await tick(1);
  expect(t.tag()).toBeFalsy();
  expect(placeholder(t)).toContain('emulated · happy');
  const started = t.pusher.start();
  await tick(1000);
  await started;
  expect(t.device.methods).toEqual([]);
  expect(t.pusher.status).toBe('pushing');
});
