/**
 * The native-call queue on its own, with fake timers and a hand-made context: one call at a
 * time, the call timeout, waiting for the context, and dispose settling everything.
 */
import { CallQueue, type NativeContextOf } from '../../src/call-queue';
import type { PusherError } from '../../src/errors';
import type { NativeCallOptions } from '../../src/native';
import { Timers } from '../../src/timer';

type M = 'open' | 'close' | 'missing';

/** A context whose calls wait until the test answers them. */
function device() {
  const calls: { method: M; options: NativeCallOptions }[] = [];
  const answer = (method: M) => (options: NativeCallOptions) => void calls.push({ method, options });
  const context: NativeContextOf<M> = { open: answer('open'), close: answer('close') };
  return { calls, context };
}

function queue(context: () => NativeContextOf<M> | null, callMs = 1000) {
  const answered: M[] = [];
  const timers = new Timers();
  const q = new CallQueue<M>(
    context,
    () => callMs,
    timers,
    (m) => answered.push(m),
  );
  return { q, timers, answered };
}

const settled = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ value }),
    (error: PusherError) => ({ error }),
  );

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('call queue', () => {
  it('runs one call at a time, in the order asked', async () => {
    const d = device();
    const { q, answered } = queue(() => d.context);
    const first = q.run$('open', () => q.call$('open', { a: 1 }));
    const second = q.run$('close', () => q.call$('close'));
    await jest.advanceTimersByTimeAsync(0);
    expect(d.calls.map((c) => c.method)).toEqual(['open']);
    expect(d.calls[0].options.a).toBe(1);
    d.calls[0].options.success!({ ok: true });
    expect(await first).toEqual({ ok: true });
    await jest.advanceTimersByTimeAsync(0);
    expect(d.calls.map((c) => c.method)).toEqual(['open', 'close']);
    d.calls[1].options.success!(undefined);
    await second;
    expect(answered).toEqual(['open', 'close']);
  });

  it('rejects a call not answered within the call timeout with TIMEOUT naming it, and goes on with the next', async () => {
    const d = device();
    const { q } = queue(() => d.context, 500);
    const late = settled(q.run$('open', () => q.call$('open')));
    const next = q.run$('close', () => q.call$('close'));
    await jest.advanceTimersByTimeAsync(500);
    expect(await late).toMatchObject({ error: { code: 'TIMEOUT', message: 'open: no answer in 500 ms' } });
    await jest.advanceTimersByTimeAsync(0);
    d.calls[1].options.success!('done');
    expect(await next).toBe('done');
  });

  it('waits for the context, and gives up with NOT_READY after the call timeout', async () => {
    const d = device();
    let ctx: NativeContextOf<M> | null = null;
    const { q } = queue(() => ctx, 300);
    const waiting = q.call$('open');
    await jest.advanceTimersByTimeAsync(100);
    ctx = d.context;
    q.ready$();
    await jest.advanceTimersByTimeAsync(0);
    expect(d.calls).toHaveLength(1);
    d.calls[0].options.success!(1);
    expect(await waiting).toBe(1);

    ctx = null;
    const never = settled(q.call$('close'));
    await jest.advanceTimersByTimeAsync(300);
    expect(await never).toMatchObject({ error: { code: 'NOT_READY', message: expect.stringContaining('close') } });
  });

  it('maps a missing method to UNSUPPORTED, a fail callback to NATIVE_FAIL, and a call called off to ABORTED', async () => {
    const d = device();
    const { q } = queue(() => d.context);
    expect(await settled(q.call$('missing'))).toMatchObject({ error: { code: 'UNSUPPORTED' } });
    const failing = settled(q.call$('open'));
    await jest.advanceTimersByTimeAsync(0);
    d.calls[0].options.fail!({ errMsg: 'open:fail rtmp://h/app/s?txSecret=abc&txTime=1' });
    const failed = (await failing) as { error: PusherError };
    expect(failed.error.code).toBe('NATIVE_FAIL');
    expect((failed.error.cause as { errMsg: string }).errMsg).toContain('txSecret=***');
    expect(JSON.stringify(failed.error.cause)).not.toContain('abc');
    expect(await settled(q.call$('close', {}, () => false))).toMatchObject({ error: { code: 'ABORTED' } });
    expect(d.calls).toHaveLength(1);
  });

  it('settles calls in flight, waits for the context or the platform, and queued calls with NOT_READY on dispose', async () => {
    const d = device();
    let ctx: NativeContextOf<M> | null = d.context;
    const { q, timers } = queue(() => ctx, 0);
    const inFlight = settled(q.run$('open', () => q.call$('open')));
    const queued = settled(q.run$('close', () => q.call$('close')));
    const platform = settled(q.wait$(() => new Promise<never>(() => undefined), 0, 'getSetting'));
    await jest.advanceTimersByTimeAsync(0);
    ctx = null;
    const forContext = settled(q.call$('close'));
    await jest.advanceTimersByTimeAsync(0);
    q.dispose$();
    timers.clearAll$();
    for (const p of [inFlight, queued, platform, forContext]) expect(await p).toMatchObject({ error: { code: 'NOT_READY' } });
    expect(await settled(q.run$('open', () => q.call$('open')))).toMatchObject({ error: { code: 'NOT_READY' } });
    expect(await settled(q.wait$(() => Promise.resolve(1), 0, 'x'))).toMatchObject({ error: { code: 'NOT_READY' } });
    expect(d.calls.map((c) => c.method)).toEqual(['open']);
  });

  it('bounds a wait on the platform by its own timeout and passes its failure on', async () => {
    const { q } = queue(() => null);
    const slow = settled(q.wait$(() => new Promise<never>(() => undefined), 200, 'authorize'));
    await jest.advanceTimersByTimeAsync(200);
    expect(await slow).toMatchObject({ error: { code: 'TIMEOUT', message: 'authorize: no answer in 200 ms' } });
    const refused = { errMsg: 'authorize:fail auth deny' };
    expect(await settled(q.wait$(() => Promise.reject(refused), 200, 'authorize'))).toEqual({ error: refused });
  });
});
