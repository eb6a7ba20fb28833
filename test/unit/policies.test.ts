/**
 * The policies in plain Node: a controller on a fake device and a fake platform, fake timers.
 * Each policy: its happy path, its failure path, and cancellation on stop and dispose.
 */
import { SECRET } from './helpers';
import { rejection, rig, settled, tick } from './rig';

beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-25T12:00:00Z') }));
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

/** A rig that is pushing already. */
async function pushing(options: Parameters<typeof rig>[0] = {}) {
  const r = rig(options);
  const started = settled(r.ctl.start());
  await tick(10);
  expect(started.error()).toBeUndefined();
  expect(r.ctl.status).toBe('pushing');
  return r;
}

/** A Tencent push URL that expires at `expiresAt` (ms), signed with SECRET. */
const urlExpiring = (expiresAt: number, stream = 's') =>
  `rtmp://push.example.com/live/${stream}?txSecret=${SECRET}&txTime=${Math.floor(expiresAt / 1000)
    .toString(16)
    .toUpperCase()}`;

describe('reconnect', () => {
  it('restarts after -1307 with backoff: reconnecting, one reconnect event, native stop then start, pushing again', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5); // no jitter
    const r = await pushing();
    r.device.code(-1307);
    expect(r.ctl.status).toBe('reconnecting');
    expect(r.of('error')).toEqual([]);
    await tick(999);
    expect(r.of('reconnect')).toEqual([]);
    await tick(1);
    expect(r.of('reconnect')).toEqual([
      { attempt: 1, attempts: 6, delayMs: 1000, cause: expect.objectContaining({ code: 'STATE_-1307' }) },
    ]);
    await tick(10);
    expect(r.device.methods()).toEqual(['start', 'stop', 'start']);
    expect(r.ctl.status).toBe('pushing');
    expect(r.statuses()).toEqual(['starting', 'pushing', 'reconnecting', 'pushing']);
    expect(r.of('error')).toEqual([]);
  });

  it('waits min(capMs, baseMs·2^(n-1)) ±20 % before attempt n', async () => {
    const r = await pushing();
    r.ctl.setPolicies({ reconnect: { attempts: 8, baseMs: 1000, capMs: 5000 } });
    r.device.startCodes = [-1307];
    const randoms = [0, 0.999, 0.5, 0, 0.999, 0.5, 0.5, 0.5];
    jest.spyOn(Math, 'random').mockImplementation(() => randoms.shift()!);
    r.device.code(-1307);
    await tick(200000);
    const delays = r.of('reconnect').map((e) => e.delayMs);
    // jitter factor 0.8 + 0.4·random: 0 → 0.8, 0.999 → 1.1996, 0.5 → 1
    expect(delays).toEqual([800, 2399, 4000, 4000, 5998, 5000, 5000, 5000]);
  });

  it('fails after the last attempt with exactly one error: the -1307 that began it', async () => {
    const r = await pushing();
    r.device.startCodes = [1001, -1307];
    r.device.code(-1307);
    const first = r.of('reconnect');
    await tick(200000);
    expect(r.of('reconnect').map((e) => e.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.ctl.status).toBe('failed');
    const errors = r.of('error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'STATE_-1307', nativeCode: -1307 });
    expect(errors[0]).toBe(r.of('reconnect')[0].cause);
    expect(first).toEqual([]);
    expect(r.device.methods().filter((m) => m === 'start')).toHaveLength(7);
  });

  it('keeps a pending start() pending through reconnects and settles it once, on pushing', async () => {
    const r = rig();
    r.device.startCodes = [1001, -1307];
    const started = settled(r.ctl.start());
    await tick(10);
    expect(r.ctl.status).toBe('reconnecting');
    r.device.startCodes = [1001, 1002];
    await tick(2000);
    expect(started.done()).toBe(true);
    expect(started.error()).toBeUndefined();
    expect(r.ctl.status).toBe('pushing');
  });

  it('spends no attempt while offline and tries within 1 s of the network coming back', async () => {
    const r = await pushing();
    r.platform.networkType = 'none';
    r.device.code(-1307);
    await tick(600000); // a 10-minute outage
    expect(r.of('reconnect')).toEqual([]);
    expect(r.device.methods()).toEqual(['start']);
    r.platform.network(true);
    await tick(1000);
    expect(r.of('reconnect')).toEqual([expect.objectContaining({ attempt: 1, delayMs: 0 })]);
    expect(r.device.methods()).toEqual(['start', 'stop', 'start']);
    await tick(10);
    expect(r.ctl.status).toBe('pushing');
  });

  it('cancels a pending attempt when the network drops, and tries again at once when it returns', async () => {
    const r = await pushing();
    r.device.code(-1307);
    await tick(100);
    r.platform.network(false);
    await tick(60000);
    expect(r.of('reconnect')).toEqual([]);
    r.platform.network(true);
    await tick(0);
    expect(r.of('reconnect')).toHaveLength(1);
  });

  it('asks the network again in a new series: a loss after the page stopped an offline one and the network came back is retried', async () => {
    const r = await pushing();
    r.platform.networkType = 'none';
    r.device.code(-1307);
    await tick(100);
    expect(r.ctl.status).toBe('reconnecting');
    const stopped = settled(r.ctl.stop());
    await tick(10);
    expect(stopped.error()).toBeUndefined();
    // Back online while no series listens to the network.
    r.platform.network(true);
    const started = settled(r.ctl.start());
    await tick(10);
    expect(started.error()).toBeUndefined();
    r.device.code(-1307);
    await tick(2000);
    expect(r.of('reconnect')).toEqual([expect.objectContaining({ attempt: 1 })]);
    await tick(10);
    expect(r.ctl.status).toBe('pushing');
  });

  it('counts a native start that fails or never reaches pushing as a failed attempt', async () => {
    const r = await pushing({ startTimeout: 3000 });
    r.device.code(-1307);
    r.device.answers.start = { fail: 'busy' };
    await tick(1300);
    expect(r.of('reconnect')).toHaveLength(1);
    r.device.answers.start = {};
    r.device.startCodes = [1001];
    await tick(2500 + 3000 + 10);
    expect(r.of('reconnect').length).toBeGreaterThanOrEqual(2);
    expect(r.ctl.status).toBe('reconnecting');
  });

  it('starts a fresh series after 30 s of steady pushing, and on start()', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const r = await pushing();
    r.device.code(-1307);
    await tick(1010);
    r.device.code(-1307);
    await tick(2010);
    expect(r.of('reconnect').map((e) => e.attempt)).toEqual([1, 2]);
    await tick(30000);
    r.device.code(-1307);
    await tick(1010);
    expect(r.of('reconnect').map((e) => [e.attempt, e.delayMs])).toEqual([
      [1, 1000],
      [2, 2000],
      [1, 1000],
    ]);
  });

  it('is cancelled by stop(): no more native calls, no network listener', async () => {
    const r = await pushing();
    r.device.code(-1307);
    expect(r.platform.listeners.size).toBe(1);
    const stopped = settled(r.ctl.stop());
    await tick(60000);
    expect(stopped.error()).toBeUndefined();
    expect(r.device.methods()).toEqual(['start', 'stop']);
    expect(r.of('reconnect')).toEqual([]);
    expect(r.platform.listeners.size).toBe(0);
    expect(r.ctl.status).toBe('stopped');
  });

  it('is cancelled by dispose(): no timer, no listener', async () => {
    const r = await pushing();
    r.device.code(-1307);
    r.ctl.dispose();
    expect(r.platform.listeners.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('off (reconnect: false): -1307 fails the push with its error', async () => {
    const r = await pushing();
    r.ctl.setPolicies({ reconnect: false });
    r.device.code(-1307);
    expect(r.ctl.status).toBe('failed');
    expect(r.of('error').map((e) => e.code)).toEqual(['STATE_-1307']);
  });

  it('takes -1324 and -1325 over too, but not a paused push', async () => {
    const r = await pushing();
    r.device.code(-1324);
    expect(r.ctl.status).toBe('reconnecting');
    await tick(2000);
    r.device.code(-1325);
    expect(r.ctl.status).toBe('reconnecting');
    await tick(3000);
    expect(r.ctl.status).toBe('pushing');
    await Promise.all([r.ctl.pause(), tick(5)]);
    r.device.code(-1307);
    expect(r.ctl.status).toBe('failed');
  });

  it('takes over a native reconnect that never reports (1102, then silence) after the start timeout', async () => {
    const r = await pushing({ startTimeout: 5000 });
    r.device.code(1102);
    expect(r.ctl.status).toBe('reconnecting');
    await tick(5000);
    expect(r.ctl.status).toBe('reconnecting');
    await tick(1300);
    expect(r.of('reconnect')).toEqual([expect.objectContaining({ attempt: 1, cause: expect.objectContaining({ code: 'TIMEOUT' }) })]);
    await tick(10);
    expect(r.ctl.status).toBe('pushing');
  });
});

describe('URL refresh', () => {
  it('emits urlexpiring refreshUrlBeforeMs before txTime and puts the refresher’s URL on the tag without restarting', async () => {
    const expiresAt = Date.now() + 30 * 60000;
    const r = rig({ attrs: { url: urlExpiring(expiresAt) } });
    const asked: unknown[] = [];
    const fresh = urlExpiring(expiresAt + 3600000, 's');
    r.ctl.setUrlRefresher((request) => (asked.push(request), fresh));
    await Promise.all([r.ctl.start(), tick(10)]);
    await tick(20 * 60000 - 10);
    expect(r.of('urlexpiring')).toEqual([{ expiresAt: Math.floor(expiresAt / 1000) * 1000, inMs: expect.any(Number) }]);
    expect(r.of('urlexpiring')[0].inMs).toBeGreaterThan(9 * 60000);
    expect(asked).toEqual([{ reason: 'expiring', url: urlExpiring(expiresAt), expiresAt: Math.floor(expiresAt / 1000) * 1000 }]);
    expect(r.patches).toEqual([{ url: fresh }]);
    expect(r.device.methods()).toEqual(['start']);
    expect(r.ctl.status).toBe('pushing');
  });

  it('on 3004 asks the refresher (rejected), puts the new URL on the tag and restarts, spending no reconnect attempt', async () => {
    const r = rig({ attrs: { url: urlExpiring(Date.now() + 86400000) } });
    const fresh = urlExpiring(Date.now() + 2 * 86400000, 'new');
    const reasons: string[] = [];
    r.ctl.setUrlRefresher(async ({ reason }) => (reasons.push(reason), fresh));
    await Promise.all([r.ctl.start(), tick(10)]);
    r.device.code(3004);
    expect(r.ctl.status).toBe('reconnecting');
    await tick(10);
    expect(reasons).toEqual(['rejected']);
    expect(r.patches).toEqual([{ url: fresh }]);
    expect(r.device.methods()).toEqual(['start', 'stop', 'start']);
    expect(r.ctl.status).toBe('pushing');
    expect(r.of('reconnect')).toEqual([]);
  });

  it('on -1326 does the same instead of failing', async () => {
    const r = rig({ attrs: { url: urlExpiring(Date.now() + 86400000) } });
    r.ctl.setUrlRefresher(() => urlExpiring(Date.now() + 2 * 86400000, 'n'));
    await Promise.all([r.ctl.start(), tick(10)]);
    r.device.code(-1326);
    await tick(10);
    expect(r.ctl.status).toBe('pushing');
    expect(r.of('error')).toEqual([]);
  });

  it('refreshes first (restart) before a reconnect when the URL expires within 5 minutes', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const r = rig({ attrs: { url: urlExpiring(Date.now() + 4 * 60000) } });
    const reasons: string[] = [];
    r.ctl.setPolicies({ refreshUrlBeforeMs: 60000 });
    r.ctl.setUrlRefresher(({ reason }) => (reasons.push(reason), urlExpiring(Date.now() + 86400000, 'n')));
    await Promise.all([r.ctl.start(), tick(10)]);
    expect(reasons).toEqual(['restart']);
    r.device.code(-1307);
    await tick(1010);
    expect(reasons).toEqual(['restart']); // the new URL is a day away
    expect(r.ctl.status).toBe('pushing');
  });

  it('refreshes at most 3 times in 5 minutes: then an auth error, and the push fails instead of looping', async () => {
    const r = rig({ attrs: { url: urlExpiring(Date.now() + 86400000) } });
    let n = 0;
    r.ctl.setUrlRefresher(() => urlExpiring(Date.now() + 86400000, 's' + ++n));
    r.device.startCodes = [1001, 1002];
    await Promise.all([r.ctl.start(), tick(10)]);
    for (let i = 0; i < 4; i++) {
      r.device.code(3004);
      await tick(20);
    }
    expect(n).toBe(3);
    expect(r.ctl.status).toBe('failed');
    const errors = r.of('error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'URL_REFRESH_FAILED', category: 'auth' });
    expect(errors[0].advice).toMatch(/txSecret/);
    expect(errors[0].adviceZh).toMatch(/txSecret/);
    await tick(600000);
    expect(r.of('reconnect')).toEqual([]);
    expect(r.device.methods().filter((m) => m === 'start')).toHaveLength(4);
  });

  it('without a refresher: 3004 gives an auth error about txSecret/txTime, and the -1307 that follows fails without reconnects', async () => {
    const r = rig({ attrs: { url: urlExpiring(Date.now() + 86400000) } });
    await Promise.all([r.ctl.start(), tick(10)]);
    r.device.code(3004);
    expect(r.of('error')).toEqual([expect.objectContaining({ code: 'URL_REJECTED', category: 'auth' })]);
    expect(r.of('error')[0].advice).toMatch(/txSecret.*txTime/);
    r.device.code(1102);
    r.device.code(-1307);
    expect(r.ctl.status).toBe('failed');
    await tick(100000);
    expect(r.of('reconnect')).toEqual([]);
  });

  it.each([
    ['throws', () => Promise.reject(new Error('backend down ' + urlExpiring(0)))],
    ['returns an http URL', () => 'http://push.example.com/live/s'],
    ['returns nothing', () => undefined as unknown as string],
  ])('reports a refresher that %s as an auth error, signature hidden, and fails the refused push', async (_name, refresher) => {
    const r = rig({ attrs: { url: urlExpiring(Date.now() + 86400000) } });
    r.ctl.setUrlRefresher(refresher);
    await Promise.all([r.ctl.start(), tick(10)]);
    r.device.code(-1326);
    await tick(10);
    expect(r.ctl.status).toBe('failed');
    const errors = r.of('error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'URL_REFRESH_FAILED', category: 'auth' });
    expect(JSON.stringify({ ...errors[0], m: errors[0].message, z: errors[0].messageZh })).not.toContain(SECRET);
  });

  it('stop() cancels the expiry timer and an answer in flight', async () => {
    const expiresAt = Date.now() + 20 * 60000;
    const r = rig({ attrs: { url: urlExpiring(expiresAt) } });
    let answer: (url: string) => void = () => undefined;
    r.ctl.setUrlRefresher(() => new Promise((resolve) => (answer = resolve)));
    await Promise.all([r.ctl.start(), tick(10)]);
    r.device.code(3004);
    await Promise.all([r.ctl.stop(), tick(5)]);
    answer(urlExpiring(expiresAt + 86400000, 'late'));
    await tick(3600000);
    expect(r.patches).toEqual([]);
    expect(r.of('urlexpiring')).toEqual([]);
    expect(r.device.methods()).toEqual(['start', 'stop']);
  });

  it('rejects a refresher that is not a function with INVALID_ARGUMENT', () => {
    const r = rig();
    expect(() => r.ctl.setUrlRefresher('https://backend' as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('background', () => {
  it('suspends on hide without calling stop(), and pushes again on show', async () => {
    const r = await pushing();
    r.ctl.pageVisible(false);
    expect(r.ctl.status).toBe('suspended');
    expect(r.of('statuschange').pop()).toEqual({ status: 'suspended', previous: 'pushing', cause: 'hide' });
    await tick(60000);
    expect(r.device.methods()).toEqual(['start']);
    r.ctl.pageVisible(true);
    await tick(0);
    expect(r.device.methods()).toEqual(['start', 'stop']);
    await tick(10);
    expect(r.device.methods()).toEqual(['start', 'stop', 'start']);
    expect(r.statuses().slice(-3)).toEqual(['suspended', 'starting', 'pushing']);
  });

  it('suspends on 5000 and 5001, rejecting a pending start with ABORTED', async () => {
    const r = rig();
    r.device.startCodes = [1001, 5000];
    const started = rejection(r.ctl.start());
    await tick(10);
    expect((await started).code).toBe('ABORTED');
    expect(r.ctl.status).toBe('suspended');
  });

  it('stays suspended after 5000 on a page that stays on screen, until show or start()', async () => {
    const r = await pushing();
    r.device.code(5000);
    await tick(60000);
    expect(r.ctl.status).toBe('suspended');
    expect(r.device.methods()).toEqual(['start']);
    await Promise.all([r.ctl.start(), tick(10)]);
    expect(r.ctl.status).toBe('pushing');
  });

  it('ignores a refused native stop while pushing again on show', async () => {
    const r = await pushing();
    r.ctl.pageVisible(false);
    r.device.answers.stop = { fail: 'jsapi has no permission' };
    r.ctl.pageVisible(true);
    await tick(20);
    expect(r.ctl.status).toBe('pushing');
    expect(r.of('error')).toEqual([]);
  });

  it('stays suspended on show with resumeOnShow off; start() or stop() leave', async () => {
    const r = await pushing();
    r.ctl.setPolicies({ resumeOnShow: false });
    r.ctl.pageVisible(false);
    r.ctl.pageVisible(true);
    await tick(5000);
    expect(r.ctl.status).toBe('suspended');
    await Promise.all([r.ctl.stop(), tick(5)]);
    expect(r.ctl.status).toBe('stopped');
  });

  it('leaves a paused push paused on hide; a paused push the system stops ends stopped', async () => {
    const r = await pushing();
    await Promise.all([r.ctl.pause(), tick(5)]);
    r.ctl.pageVisible(false);
    expect(r.ctl.status).toBe('paused');
    r.device.code(5000);
    expect(r.ctl.status).toBe('stopped');
  });

  it('defers reconnect attempts while hidden: show pushes again', async () => {
    const r = await pushing();
    r.device.code(-1307);
    r.ctl.pageVisible(false);
    expect(r.ctl.status).toBe('suspended');
    await tick(120000);
    expect(r.of('reconnect')).toEqual([]);
    r.ctl.pageVisible(true);
    await tick(20);
    expect(r.ctl.status).toBe('pushing');
  });
});

describe('permissions', () => {
  it('asks once (authorize) when never asked, and starts when allowed', async () => {
    const r = rig();
    r.platform.setting = {};
    await Promise.all([r.ctl.start(), tick(20)]);
    expect(r.platform.log).toEqual(['getSetting', 'authorize scope.camera', 'authorize scope.record']);
    expect(r.of('permission')).toEqual([
      { scope: 'camera', granted: true },
      { scope: 'record', granted: true },
    ]);
    expect(r.ctl.status).toBe('pushing');
  });

  it('refuses start() with PERMISSION_DENIED naming the scope, and never starts the tag', async () => {
    const r = rig();
    r.platform.setting = { 'scope.camera': true, 'scope.record': false };
    const error = await rejection(r.ctl.start());
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED', category: 'permission' });
    expect(error.message).toContain('record');
    expect(error.messageZh).toContain('麦克风');
    expect(r.device.calls).toEqual([]);
    expect(r.ctl.status).toBe('idle');
    expect(r.of('error')).toEqual([error]);
  });

  it('does not ask for the microphone when it is off, nor the camera when it is off', async () => {
    const r = rig({ attrs: { enableMic: false, enableCamera: false } });
    r.platform.setting = { 'scope.camera': false, 'scope.record': false };
    await Promise.all([r.ctl.start(), tick(20)]);
    expect(r.ctl.status).toBe('pushing');
  });

  it('refuses startPreview() the same way', async () => {
    const r = rig();
    r.platform.setting = { 'scope.camera': false };
    expect((await rejection(r.ctl.startPreview())).code).toBe('PERMISSION_DENIED');
    expect(r.device.calls).toEqual([]);
  });

  it('gives the privacy advice when authorize fails because of the privacy guideline', async () => {
    const r = rig();
    r.platform.setting = {};
    r.platform.prompt = { 'scope.camera': 'privacy permission is not authorized' };
    const error = await rejection(r.ctl.start());
    expect(error.message).toMatch(/privacy/);
    expect(error.adviceZh).toContain('隐私');
  });

  it('openPermissionSettings(): once granted, re-mounts the tag, takes its new context, and start() pushes', async () => {
    const r = rig();
    r.platform.setting = { 'scope.camera': false, 'scope.record': true };
    await rejection(r.ctl.start());
    r.platform.afterSettings = { 'scope.camera': true, 'scope.record': true };
    const opened = settled(r.ctl.openPermissionSettings());
    await tick(1);
    expect(opened.value()).toBe(true);
    expect(r.remounts()).toBe(1);
    expect(r.of('permission')).toEqual([
      { scope: 'camera', granted: false },
      { scope: 'camera', granted: true },
      { scope: 'record', granted: true },
    ]);
    await Promise.all([r.ctl.start(), tick(20)]);
    expect(r.ctl.status).toBe('pushing');
  });

  it('openPermissionSettings() resolves false and re-mounts nothing when still denied', async () => {
    const r = rig();
    r.platform.setting = { 'scope.camera': false };
    const opened = settled(r.ctl.openPermissionSettings());
    await tick(1);
    expect(opened.value()).toBe(false);
    expect(r.remounts()).toBe(0);
  });

  it('off (permissions: false): no getSetting, the tag asks by itself', async () => {
    const r = rig();
    r.ctl.setPolicies({ permissions: false });
    r.platform.setting = { 'scope.camera': false };
    await Promise.all([r.ctl.start(), tick(20)]);
    expect(r.platform.log).toEqual([]);
    expect(r.ctl.status).toBe('pushing');
  });
});

describe('keep the screen on', () => {
  it('turns it on while starting and pushing, re-asserts every 20 s, and off on stop', async () => {
    const r = await pushing();
    expect(r.platform.screen).toEqual([true]);
    await tick(40000);
    expect(r.platform.screen).toEqual([true, true, true]);
    await Promise.all([r.ctl.stop(), tick(5)]);
    expect(r.platform.screen.pop()).toBe(false);
    await tick(60000);
    expect(r.platform.screen.filter((on) => on)).toHaveLength(3);
  });

  it('off on failure, hide and dispose; on again (re-asserted) on show', async () => {
    const r = await pushing();
    r.ctl.pageVisible(false);
    expect(r.platform.screen).toEqual([true, false]);
    r.ctl.pageVisible(true);
    await tick(20);
    expect(r.platform.screen).toEqual([true, false, true]);
    r.ctl.setPolicies({ reconnect: false });
    r.device.code(-1307);
    expect(r.platform.screen).toEqual([true, false, true, false]);
    await Promise.all([r.ctl.start(), tick(20)]);
    r.ctl.dispose();
    expect(r.platform.screen.pop()).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('keeps it on while previewing', async () => {
    const r = rig();
    await Promise.all([r.ctl.startPreview(), tick(20)]);
    expect(r.platform.screen).toEqual([true]);
    await Promise.all([r.ctl.stopPreview(), tick(5)]);
    expect(r.platform.screen).toEqual([true, false]);
  });

  it('off (keepScreenOn: false): never touched', async () => {
    const r = rig();
    r.ctl.setPolicies({ keepScreenOn: false });
    await Promise.all([r.ctl.start(), tick(20)]);
    expect(r.platform.screen).toEqual([]);
  });
});

describe('waiting image', () => {
  it('computes the md5 of an http(s) waiting-image on the device and puts it on the tag, cached per image', async () => {
    const r = rig();
    r.platform.downloads['https://cdn.example.com/w.png'] = 'wxfile://tmp/w.png';
    r.platform.md5['wxfile://tmp/w.png'] = 'd41d8cd98f00b204e9800998ecf8427e';
    r.ctl.setAttributes({ ...r.ctl.attrs, waitingImage: 'https://cdn.example.com/w.png' });
    await tick(0);
    expect(r.patches).toEqual([{ waitingImageHash: 'd41d8cd98f00b204e9800998ecf8427e' }]);
    const again = rig();
    again.ctl.setAttributes({ ...again.ctl.attrs, waitingImage: 'https://cdn.example.com/w.png' });
    expect(again.patches).toEqual([{ waitingImageHash: 'd41d8cd98f00b204e9800998ecf8427e' }]);
  });

  it('hashes a local image directly', async () => {
    const r = rig();
    r.platform.md5['/images/wait.png'] = '0123456789abcdef0123456789abcdef';
    r.ctl.setAttributes({ ...r.ctl.attrs, waitingImage: '/images/wait.png' });
    await tick(0);
    expect(r.patches).toEqual([{ waitingImageHash: '0123456789abcdef0123456789abcdef' }]);
  });

  it('turns a failure into a warning of ours, never an error', async () => {
    const r = rig();
    r.ctl.setAttributes({ ...r.ctl.attrs, waitingImage: 'https://cdn.example.com/missing.png' });
    await tick(0);
    expect(r.patches).toEqual([]);
    expect(r.of('error')).toEqual([]);
    expect(r.of('warning')).toEqual([
      expect.objectContaining({ kind: 'warning', code: null, name: 'WAITING_IMAGE_HASH', category: 'media' }),
    ]);
    expect(r.of('warning')[0]).toMatchObject({ message: 'Waiting image failed to load', nativeMessage: 'downloadFile:fail 404' });
    expect(r.of('warning')[0].adviceZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('leaves a hash the page gave alone, and computes nothing when the policy is off', async () => {
    const r = rig();
    r.platform.md5['/a.png'] = '0123456789abcdef0123456789abcdef';
    r.ctl.setAttributes({ ...r.ctl.attrs, waitingImage: '/a.png', waitingImageHash: 'ffffffffffffffffffffffffffffffff' });
    r.ctl.setPolicies({ waitingImageHash: false });
    r.ctl.setAttributes({ ...r.ctl.attrs, waitingImage: '/a.png', waitingImageHash: '' });
    await tick(0);
    expect(r.patches).toEqual([]);
  });
});

describe('quality', () => {
  const sample = (videoBitrate: number, videoFPS: number, netQualityLevel?: number) => ({
    videoBitrate,
    audioBitrate: 48,
    videoFPS,
    ...(netQualityLevel ? { netQualityLevel } : {}),
  });

  it('uses netQualityLevel when sent; a new level must hold for two samples', async () => {
    const r = await pushing();
    r.device.net(sample(900, 15, 1));
    r.device.net(sample(900, 15, 1));
    r.device.net(sample(900, 15, 3));
    r.device.net(sample(900, 15, 1));
    r.device.net(sample(900, 15, 4));
    r.device.net(sample(900, 15, 4));
    expect(r.of('quality')).toEqual([
      { level: 'excellent', previous: null, source: 'netQualityLevel' },
      { level: 'poor', previous: 'excellent', source: 'netQualityLevel' },
    ]);
  });

  it('computes the level from bitrate and frame rate against maxBitrate and fps without netQualityLevel', async () => {
    const r = await pushing({ attrs: { maxBitrate: 1000, fps: 15 } });
    const levels: string[] = [];
    for (const [bitrate, fps] of [
      [950, 15],
      [650, 14],
      [450, 12],
      [250, 5],
      [100, 15],
      [0, 0],
    ]) {
      r.device.net(sample(bitrate, fps));
      r.device.net(sample(bitrate, fps));
      levels.push(r.of('quality').pop()!.level);
    }
    expect(levels).toEqual(['excellent', 'good', 'fair', 'poor', 'bad', 'down']);
  });

  it('says down at once on 1102 and -1307, and fires only on a change', async () => {
    const r = await pushing();
    r.device.code(1102);
    r.device.code(1102);
    expect(r.of('quality')).toEqual([{ level: 'down', previous: null, source: 'code' }]);
  });

  it('off (quality: false): no quality event', async () => {
    const r = await pushing();
    r.ctl.setPolicies({ quality: false });
    r.device.code(1102);
    r.device.net(sample(900, 15, 1));
    r.device.net(sample(900, 15, 1));
    expect(r.of('quality')).toEqual([]);
  });
});

describe('setPolicies', () => {
  it('merges over the current settings and returns them', () => {
    const r = rig();
    expect(r.ctl.setPolicies({ reconnect: { attempts: 3 } })).toMatchObject({
      reconnect: { attempts: 3, baseMs: 1000, capMs: 30000 },
      quality: true,
    });
    expect(r.ctl.setPolicies({ quality: false })).toMatchObject({ reconnect: { attempts: 3 }, quality: false });
  });

  it('throws INVALID_ARGUMENT naming every bad value, and changes nothing', () => {
    const r = rig();
    let error: { code?: string; message?: string; messageZh?: string } = {};
    try {
      r.ctl.setPolicies({ reconnect: { attempts: -1 }, quality: 'sometimes', colour: 'red' } as never);
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.code).toBe('INVALID_ARGUMENT');
    for (const name of ['policies.reconnect.attempts', 'policies.quality', 'policies.colour']) expect(error.message).toContain(name);
    expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(r.ctl.policies.quality).toBe(true);
  });
});
