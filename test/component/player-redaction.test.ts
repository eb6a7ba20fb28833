/**
 * Play URLs are signed (`txSecret=…`): the signature never reaches the page unredacted, in any
 * event detail or error (message, cause, raw), at any depth, nor a console warning.
 */
import { playerEachTest, rejection, tick, type PlayerHarness } from './player-setup';

const open = playerEachTest();
const SECRET = '5f2b9c0e8d7a6b5c4d3e2f1a0b9c8d7e';
const SRC = `rtmp://play.example.com/live/room1?txSecret=${SECRET}&txTime=7FFFFFFF`;
const FLV = `https://play.example.com/live/room1.flv?txSecret=${SECRET}&txTime=7FFFFFFF`;

/** Everything as text, errors included whole (message, stack, cause and every own field). */
function dump(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Error) {
      const whole: Record<string, unknown> = {};
      for (const name of Object.getOwnPropertyNames(v)) whole[name] = (v as unknown as Record<string, unknown>)[name];
      return whole;
    }
    return v;
  });
}

/** What the page received, and what was warned, as text: no signature in it, and the redacted form where a URL was. */
function expectRedacted(t: PlayerHarness, extra: unknown[] = []): void {
  const seen = dump([t.host.instance.received, (console.warn as jest.Mock).mock.calls, extra]);
  expect(seen).not.toContain(SECRET);
  expect(seen).toContain('txSecret=***');
}

const sample = {
  videoBitrate: 900,
  audioBitrate: 48,
  videoFPS: 15,
  videoGOP: 2,
  netSpeed: 960,
  netJitter: 5,
  videoWidth: 360,
  videoHeight: 640,
};

it('the tag’s codes, warnings, binderror and netstatus naming the signed src reach the page redacted', async () => {
  const t = open({ data: { src: SRC } });
  await Promise.all([t.player.play(), tick(20)]);
  expect(t.tag()!.data.src).toBe(SRC);
  t.device.player.emit(2105, `lag on ${SRC}`);
  t.device.player.emit(2009, `resolution changed for ${SRC}`);
  t.device.player.emit(6000, `unknown on ${SRC}`);
  t.device.player.error(`play:fail cannot open ${SRC}`);
  t.device.player.netstatus({ ...sample, url: SRC } as never);
  t.fire('statechange', { code: 2105, message: { nested: [SRC] } });
  await tick(0);
  expect(t.events('statechange').length).toBeGreaterThanOrEqual(8);
  expect(t.events('error')).toHaveLength(1);
  expectRedacted(t);
});

it('a -2301 naming the src: the reconnect event’s cause and the final error are redacted', async () => {
  const t = open({ data: { src: SRC, policies: { reconnect: { attempts: 1, baseMs: 100 } } } });
  await Promise.all([t.player.play(), tick(20)]);
  t.device.player.emit(-2301, `gave up on ${SRC}`);
  await tick(150);
  t.device.player.emit(-2301, `gave up again on ${SRC}`);
  await tick(10);
  expect(t.events('reconnect')).toHaveLength(1);
  expect(t.player.status).toBe('failed');
  expectRedacted(t);
});

it('a -2302 naming the src, and play() rejections, are redacted', async () => {
  const t = open({ data: { src: FLV }, player: { trace: [{ at: 1, code: -2302, message: `403 for ${FLV}` }] } });
  const error = await Promise.all([rejection(t.player.play()), tick(20)]).then(([e]) => e);
  expectRedacted(t, [error]);
});

it('refresher failures: a non-play URL carrying the signature, and a throw naming the src, are reported redacted', async () => {
  const t = open({ data: { src: SRC } });
  await Promise.all([t.player.play(), tick(20)]);
  t.player.setSrcRefresher(() => `https://play.example.com/live/room1.m3u8?txSecret=${SECRET}`);
  t.device.player.emit(-2301);
  await tick(1020);
  t.player.setSrcRefresher((request) => {
    throw new Error(`cannot sign ${request.src}`);
  });
  t.device.player.emit(-2301);
  await tick(2020);
  t.player.setSrcRefresher((request) => Promise.reject({ errMsg: `request:fail ${request.src}`, url: request.src }));
  t.device.player.emit(-2301);
  await tick(4020);
  expect(t.events<{ code: string }>('error').map((e) => e.code)).toEqual([
    'URL_REFRESH_FAILED',
    'URL_REFRESH_FAILED',
    'URL_REFRESH_FAILED',
  ]);
  expectRedacted(t);
});

it('a rejected src refreshed to a bad URL: the play() rejection and the error event are redacted', async () => {
  const t = open({ data: { src: SRC }, player: { trace: [{ at: 1, code: -2302, message: `refused ${SRC}` }] } });
  t.player.setSrcRefresher(() => `webrtc://play.example.com/live/room1?txSecret=${SECRET}`);
  const error = await Promise.all([rejection(t.player.play()), tick(50)]).then(([e]) => e);
  expect(error.code).toBe('URL_REFRESH_FAILED');
  expectRedacted(t, [error]);
});

it('an invalid signed src (.m3u8) is reported redacted, in the invalid event and the console warning', async () => {
  const t = open({ data: { src: `https://play.example.com/live/room1.m3u8?txSecret=${SECRET}` } });
  await tick(0);
  expect(t.events('invalid')).toHaveLength(1);
  expect(console.warn).toHaveBeenCalled();
  expectRedacted(t);
});

it('a native call failing with the src in its errMsg rejects redacted', async () => {
  const t = open({ data: { src: SRC } });
  t.device.player.answer('play', { fail: `play:fail ${SRC}` });
  const error = await Promise.all([rejection(t.player.play()), tick(20)]).then(([e]) => e);
  expect(error.code).toBe('NATIVE_FAIL');
  expectRedacted(t, [error]);
});

it('emulate="bad-url" with a signed src: what the page receives is redacted', async () => {
  const t = open({ data: { src: SRC, emulate: 'bad-url' } });
  t.player.setSrcRefresher(() => {
    throw { errMsg: `no new URL for ${SRC}` };
  });
  const error = await Promise.all([rejection(t.player.play()), tick(1000)]).then(([e]) => e);
  expectRedacted(t, [error]);
});
