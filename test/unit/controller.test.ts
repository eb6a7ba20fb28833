/** The controller in plain Node: no framework, a context whose callbacks answer on later ticks. */
import { PusherController, mapStateChange, type NativeCallOptions, type NativePusherContext, type StatusChange } from '../../src/index';

function context(answer: (method: string, options: NativeCallOptions) => void = (_m, o) => setTimeout(() => o.success && o.success({}), 1)) {
  const calls: string[] = [];
  const ctx: NativePusherContext = {};
  for (const method of ['start', 'stop', 'pause', 'resume', 'switchCamera', 'snapshot'] as const) {
    ctx[method] = (options) => {
      calls.push(method);
      answer(method, options);
    };
  }
  return { ctx, calls };
}

describe('PusherController (plain Node)', () => {
  it('resolves start() on 1002 fed through handleEvent and reports each status change', async () => {
    const { ctx, calls } = context();
    const changes: StatusChange[] = [];
    const ctl = new PusherController(() => ctx, (c) => changes.push(c));
    const started = ctl.start();
    await new Promise((r) => setTimeout(r, 5));
    expect(ctl.status).toBe('starting');
    ctl.handleEvent(mapStateChange({ code: 1001 }));
    ctl.handleEvent(mapStateChange({ code: 1002 }));
    await started;
    expect(calls).toEqual(['start']);
    expect(changes.map((c) => `${c.previous}>${c.status}:${c.cause}`)).toEqual(['idle>starting:start', 'starting>pushing:1002']);
  });

  it('rejects start() with the fatal code as STATE_<n>', async () => {
    const { ctx } = context();
    const ctl = new PusherController(() => ctx, () => undefined);
    const started = ctl.start();
    await new Promise((r) => setTimeout(r, 5));
    ctl.handleEvent(mapStateChange({ code: -1307 }));
    await expect(started).rejects.toMatchObject({ code: 'STATE_-1307', nativeCode: -1307 });
    expect(ctl.status).toBe('failed');
  });

  it('dispose() settles calls in flight with NOT_READY and leaves no timer', async () => {
    jest.useFakeTimers();
    try {
      const { ctx } = context(() => undefined); // never answers
      const ctl = new PusherController(() => ctx, () => undefined);
      const snap = ctl.snapshot();
      const started = ctl.start();
      await Promise.resolve();
      expect(jest.getTimerCount()).toBe(1);
      ctl.dispose();
      await expect(snap).rejects.toMatchObject({ code: 'NOT_READY' });
      await expect(started).rejects.toMatchObject({ code: 'NOT_READY' });
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('bounds every native call by the call timeout', async () => {
    const { ctx } = context(() => undefined);
    const ctl = new PusherController(() => ctx, () => undefined, { callTimeout: 10 });
    await expect(ctl.switchCamera()).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('reports a missing context as NOT_READY', async () => {
    const ctl = new PusherController(() => null, () => undefined);
    await expect(ctl.pause()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(ctl.switchCamera()).rejects.toMatchObject({ code: 'NOT_READY' });
  });
});

describe('PusherController redaction', () => {
  it('hides the push URL signature in a native failure message', async () => {
    const { ctx } = context((_m, o) => setTimeout(() => o.fail && o.fail({ errMsg: 'start:fail rtmp://h/live/s?txSecret=0ddba11&txTime=1' }), 1));
    const ctl = new PusherController(() => ctx, () => undefined);
    const error = (await ctl.start().then(
      () => null,
      (e: Error & { messageZh: string }) => e,
    ))!;
    expect(error.message).toContain('txSecret=***');
    expect(error.message + error.messageZh).not.toContain('0ddba11');
  });
});
