/**
 * Realistic sequences replayed through `<ts-pusher>` in miniprogram-simulate with the fake
 * phone and fake timers: what a page sees when the push is kept alive.
 */
import type { PusherError, PusherEvents, StatusChange } from '../../src/index';
import { hostEachTest, rejection, tick, type Harness, type setUp } from './setup';
import { SECRET } from '../unit/helpers';

const open = hostEachTest(new Date('2026-11-25T12:00:00Z'));
const urlUntil = (ms: number, stream = 'room1') =>
  `rtmp://push.example.com/live/${stream}?txSecret=${SECRET}&txTime=${Math.floor(ms / 1000)
    .toString(16)
    .toUpperCase()}`;

async function pushing(options: Parameters<typeof setUp>[1] = {}) {
  const t = open(options);
  const started = t.pusher.start();
  await tick(20);
  await started;
  return t;
}

/** The component's own setData calls from now on. */
function setDataCalls(t: Harness): () => Record<string, unknown>[] {
  const spy = jest.spyOn(t.node.instance as unknown as { setData(d: Record<string, unknown>): void }, 'setData');
  return () => spy.mock.calls.map((c) => c[0]);
}

it('(a) 1102 → 3002 → 3002 → -1307 → offline 10 s → online → restart → 1001 → 1002: pushing again, no error', async () => {
  const t = await pushing();
  for (const code of [1102, 3002, 3002, -1307]) t.device.emit(code);
  expect(t.pusher.status).toBe('reconnecting');
  await tick(100);
  t.device.offline();
  await tick(10000);
  expect(t.events('reconnect')).toEqual([]);
  expect(t.device.methods).toEqual(['start']);
  t.device.online();
  await tick(0);
  expect(t.events<PusherEvents['reconnect']>('reconnect')).toEqual([
    { attempt: 1, attempts: 6, delayMs: 0, cause: expect.objectContaining({ code: 'STATE_-1307' }) },
  ]);
  await tick(10);
  expect(t.device.methods).toEqual(['start', 'stop', 'start']);
  expect(t.pusher.status).toBe('pushing');
  expect(t.statuses()).toEqual(['starting', 'pushing', 'reconnecting', 'pushing']);
  expect(t.events('error')).toEqual([]);
});

it('(b) 3004 with a refresher: the new URL on the tag, a restart, 1002', async () => {
  const first = urlUntil(Date.now() + 86400000);
  const fresh = urlUntil(Date.now() + 2 * 86400000, 'room1b');
  const t = open({ data: { url: first } });
  t.pusher.setUrlRefresher(({ reason, url }) => {
    expect([reason, url]).toEqual(['rejected', first]);
    return Promise.resolve(fresh);
  });
  const started = t.pusher.start();
  await tick(20);
  await started;
  t.device.emit(3004, 'closed by server');
  await tick(20);
  expect(t.tag()!.data.url).toBe(fresh);
  expect(t.device.methods).toEqual(['start', 'stop', 'start']);
  expect(t.pusher.status).toBe('pushing');
  expect(t.events('reconnect')).toEqual([]);
  expect(JSON.stringify(t.events('statechange'))).not.toContain(SECRET);
});

it('(c) 5000 → show → pushing', async () => {
  const t = await pushing();
  t.device.hide();
  t.device.emit(5000);
  expect(t.pusher.status).toBe('suspended');
  expect(t.device.screenOn).toBe(false);
  await tick(60000);
  t.device.show();
  await tick(20);
  expect(t.pusher.status).toBe('pushing');
  expect(t.statuses()).toEqual(['starting', 'pushing', 'suspended', 'starting', 'pushing']);
  expect(t.device.screenOn).toBe(true);
});

it('(d) camera denied → openPermissionSettings() granted → a new tag and context → start() → 1002', async () => {
  const t = open({ permissions: { camera: false, record: true } });
  const refused = rejection<PusherError>(t.pusher.start());
  await tick(10);
  expect((await refused).code).toBe('PERMISSION_DENIED');
  const before = t.tag();
  const contexts = () => t.device.calls.filter((c) => c.method === 'wx.createLivePusherContext').length;
  expect(contexts()).toBe(1);
  t.device.grant('camera'); // what the person does on the settings page
  const opened = t.pusher.openPermissionSettings();
  await tick(20);
  expect(await opened).toBe(true);
  expect(t.tag()).not.toBeNull();
  expect(t.tag()).not.toBe(before);
  expect(contexts()).toBe(2);
  const started = t.pusher.start();
  await tick(20);
  await started;
  expect(t.pusher.status).toBe('pushing');
  expect(t.events('permission')).toEqual([
    { scope: 'camera', granted: false },
    { scope: 'camera', granted: true },
    { scope: 'record', granted: true },
  ]);
});

it('(e) falling netstatus → quality events with hysteresis, and no setData', async () => {
  const t = await pushing({ data: { maxBitrate: 1000 } });
  const calls = setDataCalls(t);
  const sample = (videoBitrate: number, netQualityLevel?: number) =>
    t.device.netstatus({ videoBitrate, audioBitrate: 48, videoFPS: 15, ...(netQualityLevel ? { netQualityLevel } : {}) });
  for (const bitrate of [950, 950, 600, 950, 600, 600, 300, 300, 300]) sample(bitrate);
  sample(0, 5);
  sample(0, 5);
  t.device.emit(1102);
  await tick(1);
  expect(t.events<PusherEvents['quality']>('quality').map((q) => `${q.previous}>${q.level}:${q.source}`)).toEqual([
    'null>excellent:netstatus',
    'excellent>good:netstatus',
    'good>poor:netstatus',
    'poor>bad:netQualityLevel',
    'bad>down:code',
  ]);
  expect(calls()).toEqual([]);
});

it('(f) attempts exhausted → failed, with exactly one error: the first -1307', async () => {
  const t = await pushing({ data: { policies: { reconnect: { attempts: 3 } } } });
  t.device.answer('start', { fail: 'network unreachable' });
  t.device.emit(-1307);
  await tick(120000);
  expect(t.events<PusherEvents['reconnect']>('reconnect').map((r) => r.attempt)).toEqual([1, 2, 3]);
  expect(t.pusher.status).toBe('failed');
  const errors = t.events<PusherError>('error');
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ code: 'STATE_-1307', nativeCode: -1307 });
  expect(t.events<StatusChange>('statuschange').pop()).toMatchObject({ status: 'failed', previous: 'reconnecting' });
  expect(t.device.screenOn).toBe(false);
});

it('takes the policies property merged over the defaults, and reports a bad one', async () => {
  const t = open({ data: { policies: { reconnect: false, quality: 'often' } } });
  await tick(0);
  expect(t.events<{ problems: { attribute: string }[] }>('invalid')[0].problems.map((p) => p.attribute)).toEqual(['policies.quality']);
  const started = t.pusher.start();
  await tick(20);
  await started;
  t.device.emit(-1307);
  expect(t.pusher.status).toBe('failed');
  expect(t.pusher.setPolicies({ reconnect: true })).toMatchObject({ reconnect: { attempts: 6 }, quality: true });
});

it('computes the waiting-image hash on the device and puts it on the tag', async () => {
  const t = open({
    data: { waitingImage: 'https://cdn.example.com/wait.png' },
    images: { 'https://cdn.example.com/wait.png': 'aaaabbbbccccddddeeeeffff00001111' },
  });
  await tick(20);
  expect(t.tag()!.data.waitingImageHash).toBe('aaaabbbbccccddddeeeeffff00001111');
});

it('5000 then the page’s show, with no hide before it: the push resumes', async () => {
  const t = await pushing();
  t.device.emit(5000);
  expect(t.pusher.status).toBe('suspended');
  t.device.show();
  await tick(20);
  expect(t.pusher.status).toBe('pushing');
  expect(t.device.methods).toEqual(['start', 'stop', 'start']);
  expect(t.statuses()).toEqual(['starting', 'pushing', 'suspended', 'starting', 'pushing']);
});

it("5001 on a shown page: the testing kit's interruptionEnd() resumes the push", async () => {
  const t = await pushing();
  t.device.emit(5001, 'interrupted by a phone call');
  expect(t.pusher.status).toBe('suspended');
  t.device.interruptionEnd();
  await tick(20);
  expect(t.pusher.status).toBe('pushing');
});

it('5001 on a shown page: the push resumes when wx.onAudioInterruptionEnd fires, and the listener is removed', async () => {
  const t = await pushing(); // the fake phone is installed: spy on its wx from here
  const listeners = new Set<() => void>();
  const w = wx as unknown as { onAudioInterruptionEnd(l: () => void): void; offAudioInterruptionEnd(l: () => void): void };
  jest.spyOn(w, 'onAudioInterruptionEnd').mockImplementation((l) => void listeners.add(l));
  jest.spyOn(w, 'offAudioInterruptionEnd').mockImplementation((l) => void listeners.delete(l));
  t.device.emit(5001, 'interrupted by a phone call');
  expect(t.pusher.status).toBe('suspended');
  expect(listeners.size).toBe(1);
  listeners.forEach((l) => l());
  await tick(20);
  expect(t.pusher.status).toBe('pushing');
  expect(listeners.size).toBe(0);
});
