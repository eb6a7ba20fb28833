/**
 * The fake native player (src/testing/fake-player.ts): it must behave like a phone's
 * `<live-player>` — asynchronous answers, the opening codes after a play, its own reconnects
 * (three 2103s, then -2301) when the network or the broadcaster's stream goes, recovery with
 * 2004 when they come back in time — since the player's policies are tested against it.
 */
import type { NativeCallOptions } from '../../../src/native';
import type { PlayerNativeMethod } from '../../../src/play/native';
import { PLAYER_NATIVE_METHODS } from '../../../src/play/native';
import { PLAYER_TRACES } from '../../../src/play/traces';
import { FakePlayer, type FakePlayerOptions } from '../../../src/testing/fake-player';

const tick = (ms = 0): Promise<void> => jest.advanceTimersByTimeAsync(ms);

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** A fake player whose codes, errors and samples are written as lines (`2001`, `error 1`, `net 900`), with a caller that logs answers. */
function rig(options: FakePlayerOptions = {}) {
  const player = new FakePlayer({ delay: 10, retryMs: 100, ...options });
  const lines: string[] = [];
  player.code = (code) => lines.push(String(code));
  player.error = (errCode) => lines.push('error ' + errCode);
  player.net = (info) => lines.push('net ' + info.videoBitrate);
  const answers: string[] = [];
  const context = player.context();
  const call = (method: PlayerNativeMethod, extra: Record<string, unknown> = {}) => {
    const given: NativeCallOptions = {
      ...extra,
      success: (r) => answers.push(JSON.stringify(r)),
      fail: (e) => answers.push('fail ' + JSON.stringify(e)),
    };
    context[method]!(given);
  };
  /** The lines so far, then cleared. */
  const take = () => lines.splice(0);
  return { player, lines, answers, call, take };
}

describe('fake player: answers and records', () => {
  it('has every player method unless missing, and answers on a later tick, after its delay', async () => {
    const { player, call, answers } = rig({ missing: ['startCasting', 'requestPictureInPicture'] });
    const methods = Object.keys(player.context());
    expect(methods).toEqual(PLAYER_NATIVE_METHODS.filter((m) => m !== 'startCasting' && m !== 'requestPictureInPicture'));
    call('mute', { muted: true });
    expect(answers).toEqual([]);
    expect(player.inFlight).toBe(1);
    await tick(9);
    expect(answers).toEqual([]);
    await tick(1);
    expect(answers).toEqual(['{"errMsg":"mute:ok"}']);
    expect(player.inFlight).toBe(0);
    expect(player.calls).toEqual([{ method: 'mute', options: expect.objectContaining({ muted: true }), at: expect.any(Number) }]);
  });

  it('answers as told by method: fail, a list used up one a call, hang, throw; results by default', async () => {
    const { player, call, answers } = rig({ results: { snapshot: { tempImagePath: 'wxfile://tmp/a.jpg', width: 360, height: 640 } } });
    player.answers.play = [{ fail: 'busy' }, {}];
    player.answers.stop = 'hang';
    player.answers.exitCasting = 'throw';
    call('play');
    call('play');
    call('play');
    call('snapshot');
    call('stop');
    expect(() => call('exitCasting')).toThrow(TypeError);
    expect(player.maxInFlight).toBe(5);
    await tick(10);
    expect(answers).toEqual([
      'fail {"errMsg":"play:fail busy"}',
      '{"errMsg":"play:ok"}',
      '{"errMsg":"play:ok"}',
      '{"errMsg":"snapshot:ok","tempImagePath":"wxfile://tmp/a.jpg","width":360,"height":640}',
    ]);
    expect(player.inFlight).toBe(1);
    expect(player.methods()).toEqual(['play', 'play', 'play', 'snapshot', 'stop', 'exitCasting']);
    expect(player.plays).toBe(3);
  });

  it('a failed play plays nothing and does not play', async () => {
    const { player, call, lines } = rig();
    player.answers.play = { fail: 'no src' };
    call('play');
    await tick(1000);
    expect(lines).toEqual([]);
    expect(player.playing).toBe(false);
  });
});

describe('fake player: a play', () => {
  it('sends 2001, 2002, 2003, 2004 delay ms apart after the play answers, and plays', async () => {
    const { player, call, take, answers } = rig();
    call('play');
    expect(player.playing).toBe(false);
    await tick(10);
    expect(answers).toEqual(['{"errMsg":"play:ok"}']);
    expect(player.playing).toBe(true);
    expect(take()).toEqual([]);
    await tick(10);
    expect(take()).toEqual(['2001']);
    await tick(30);
    expect(take()).toEqual(['2002', '2003', '2004']);
  });

  it('plays what started() gives instead, to whatever `code` is now', async () => {
    const { player, call, take } = rig({ started: () => PLAYER_TRACES.happy });
    call('play');
    await tick(10 + 2500);
    expect(take()).toEqual(['2001', '2002', '2003', '2004', '2032', 'net 1100']);
    const seen: number[] = [];
    player.code = (code) => seen.push(code);
    player.play([{ at: 5, code: 2105 }]);
    await tick(5);
    expect(seen).toEqual([2105]);
  });

  it('a stop that succeeds silences everything the play still had to say', async () => {
    const { player, call, take } = rig({ started: () => PLAYER_TRACES['flaky-network'] });
    call('play');
    await tick(10 + 3100);
    expect(take()).toContain('2104');
    call('stop');
    await tick(10);
    take();
    expect(player.playing).toBe(false);
    await tick(30000);
    expect(take()).toEqual([]);
  });

  it('pause stops the frames when it answers, resume brings 2004 and the frames back', async () => {
    const { player, call, take } = rig({ started: () => PLAYER_TRACES.happy });
    call('play');
    await tick(10 + 1000);
    take();
    call('pause');
    await tick(9);
    expect(player.playing).toBe(true);
    await tick(1);
    expect(player.playing).toBe(false);
    await tick(10000);
    expect(take()).toEqual([]);
    call('resume');
    await tick(10);
    expect(player.playing).toBe(true);
    await tick(10);
    expect(take()).toEqual(['2004']);
    await tick(600);
    expect(take()).toEqual(['2032', 'net 1100']);
  });

  it('a failed pause changes nothing', async () => {
    const { player, call } = rig();
    call('play');
    await tick(100);
    player.answers.pause = { fail: 'not now' };
    call('pause');
    await tick(100);
    expect(player.playing).toBe(true);
  });
});

describe('fake player: the network and the stream', () => {
  /** A player that plays (the opening already sent). */
  const playing = async (options: FakePlayerOptions = {}) => {
    const r = rig(options);
    r.call('play');
    await tick(50);
    r.take();
    return r;
  };

  it('offline while playing: 2103 three times retryMs apart, then -2301, and it stops playing', async () => {
    const { player, take } = await playing();
    player.offline();
    expect(take()).toEqual([]);
    await tick(10);
    expect(take()).toEqual(['2103']);
    await tick(100);
    expect(take()).toEqual(['2103']);
    await tick(100);
    expect(take()).toEqual(['2103']);
    expect(player.playing).toBe(true);
    await tick(100);
    expect(take()).toEqual(['-2301']);
    expect(player.playing).toBe(false);
    player.online();
    await tick(10000);
    expect(take()).toEqual([]);
  });

  it('online before -2301: the native retry succeeds, 2004 follows and it plays on', async () => {
    const { player, take } = await playing({ started: () => PLAYER_TRACES.happy });
    player.offline();
    await tick(10 + 100);
    expect(take()).toEqual(['2103', '2103']);
    player.online();
    await tick(10);
    expect(take()).toEqual(['2004']);
    await tick(5000);
    expect(take()).not.toContain('-2301');
    expect(player.playing).toBe(true);
  });

  it('a play issued offline sends 3002 first, then retries and gives up; offline again changes nothing', async () => {
    const { player, call, take } = rig();
    player.offline();
    call('play');
    await tick(10);
    expect(player.playing).toBe(true);
    await tick(10);
    expect(take()).toEqual(['3002']);
    player.offline();
    await tick(300);
    expect(take()).toEqual(['2103', '2103', '2103']);
    await tick(100);
    expect(take()).toEqual(['-2301']);
    expect(player.playing).toBe(false);
  });

  it('a play issued offline begins as it would have when the network returns in time', async () => {
    const { player, call, take } = rig();
    player.offline();
    call('play');
    await tick(20 + 100);
    expect(take()).toEqual(['3002', '2103']);
    player.online();
    await tick(40);
    expect(take()).toEqual(['2001', '2002', '2003', '2004']);
    await tick(1000);
    expect(take()).toEqual([]);
    expect(player.playing).toBe(true);
  });

  it('streamGone while playing: the same 2103s and -2301 with the network on; later plays connect and end the same way', async () => {
    const { player, call, take } = await playing();
    player.streamGone();
    await tick(10 + 300);
    expect(take()).toEqual(['2103', '2103', '2103', '-2301']);
    expect(player.playing).toBe(false);
    for (let attempt = 0; attempt < 2; attempt++) {
      call('play');
      await tick(20 + 400);
      expect(take()).toEqual(['2001', '2103', '2103', '2103', '-2301']);
      expect(player.playing).toBe(false);
    }
    player.streamBack();
    call('play');
    await tick(50);
    expect(take()).toEqual(['2001', '2002', '2003', '2004']);
    expect(player.playing).toBe(true);
    expect(player.plays).toBe(4);
  });

  it('streamBack during the retries: the retry succeeds with 2004', async () => {
    const { player, take } = await playing();
    player.streamGone();
    await tick(10);
    expect(take()).toEqual(['2103']);
    player.streamBack();
    await tick(10);
    expect(take()).toEqual(['2004']);
    await tick(1000);
    expect(take()).toEqual([]);
    expect(player.playing).toBe(true);
  });

  it('needs both back: the stream returning while offline does not end the retries', async () => {
    const { player, take } = await playing();
    player.streamGone();
    player.offline();
    await tick(10 + 100);
    player.streamBack();
    await tick(200);
    expect(take()).toEqual(['2103', '2103', '2103', '-2301']);
  });

  it('a stop during the retries cancels them', async () => {
    const { player, call, take } = await playing();
    player.offline();
    await tick(10);
    call('stop');
    await tick(10);
    expect(player.playing).toBe(false);
    take();
    await tick(1000);
    expect(take()).toEqual([]);
  });

  it('resume while offline retries and gives up instead of sending frames', async () => {
    const { player, call, take } = await playing();
    call('pause');
    await tick(10);
    player.offline();
    await tick(1000);
    expect(take()).toEqual([]);
    call('resume');
    await tick(10 + 10 + 300);
    expect(take()).toEqual(['2103', '2103', '2103', '-2301']);
    expect(player.playing).toBe(false);
  });

  it('a trace that reaches -2301 ends playing; -2302 too', async () => {
    const { player, call } = rig({ started: () => PLAYER_TRACES['stream-gone'] });
    call('play');
    await tick(10 + 11999);
    expect(player.playing).toBe(true);
    await tick(1);
    expect(player.playing).toBe(false);
    player.answers.play = {};
    const refused = rig({ started: () => PLAYER_TRACES['bad-url'] });
    refused.call('play');
    await tick(10 + 300);
    expect(refused.take()).toEqual(['-2302']);
    expect(refused.player.playing).toBe(false);
  });

  it('a -2301 sent from outside the native play (a test) ends its retries as well', async () => {
    const { player, take } = await playing();
    player.offline();
    await tick(10);
    expect(take()).toEqual(['2103']);
    player.sink.code(-2301);
    expect(take()).toEqual(['-2301']);
    expect(player.playing).toBe(false);
    await tick(1000);
    expect(take()).toEqual([]);
  });

  it('end() drops every answer and effect not given yet and stops what plays', async () => {
    const { player, call, take, answers } = await playing({ started: () => PLAYER_TRACES.happy });
    player.offline();
    call('pause');
    call('snapshot');
    player.end();
    await tick(60000);
    expect(answers.slice(1)).toEqual([]);
    expect(take()).toEqual([]);
    expect(player.playing).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });
});
