/**
 * `<ts-player>`'s attributes bound from a page: what reaches `<live-player>` as the page changes
 * them, the `src` rules, the scenario, and problems (attributes, policies, timeouts, emulate)
 * reported once through `invalid`, not again while they stay the same.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PLAYER_ATTRIBUTE_NAMES, type PlayerAttributeProblem } from '../../src/play/index';
import { playerEachTest, tick } from './player-setup';

type Problems = { problems: PlayerAttributeProblem[] };

// The host page (player-setup) binds src, mode, caches, scenario, policies, timeouts and emulate.
const open = playerEachTest();
const invalid = (t: ReturnType<typeof open>) => t.events<Problems>('invalid').map((e) => e.problems.map((p) => `${p.code}:${p.attribute}`));

describe('bound values (the host page)', () => {
  it('takes bound values: null as not given, false as false, "0.5" as 0.5', async () => {
    const t = open({ data: { autoplay: false, minCache: '0.5', maxCache: null, mode: 'RTC' } });
    await tick(0);
    expect(t.tag()!.data).toMatchObject({ autoplay: false, minCache: 0.5, maxCache: 3, mode: 'RTC' });
    expect(t.events('invalid')).toEqual([]);
  });

  it('puts a src the page changes on the tag, and reports an .m3u8 one once with the <video> advice', async () => {
    const t = open();
    t.host.setData({ src: 'http://play.example.com/live/b.flv' });
    await tick(0);
    expect(t.tag()!.data.src).toBe('http://play.example.com/live/b.flv');
    t.host.setData({ src: 'http://play.example.com/live/b.m3u8' });
    await tick(0);
    // The bad src is replaced by the default (none), never the last good one.
    expect(t.tag()!.data.src).toBe('');
    t.host.setData({ mode: 'RTC' });
    await tick(0);
    expect(invalid(t)).toEqual([['INVALID_URL:src']]);
    expect(t.events<Problems>('invalid')[0].problems[0].advice).toContain('<video>');
  });

  it('scenario "low-latency" bound from the page switches mode and caches; "live" brings them back', async () => {
    const t = open({ data: { scenario: 'low-latency' } });
    await tick(0);
    expect(t.tag()!.data).toMatchObject({ mode: 'RTC', minCache: 0.2, maxCache: 0.8 });
    t.host.setData({ scenario: 'live' });
    await tick(0);
    expect(t.tag()!.data).toMatchObject({ mode: 'live', minCache: 1, maxCache: 3 });
  });

  it('reports bad policies once, not again while they stay the same, and again when they change to another bad value', async () => {
    const t = open({ data: { policies: { stallMs: 'soon' } } });
    await tick(0);
    expect(invalid(t)).toEqual([['WRONG_TYPE:policies.stallMs']]);
    t.host.setData({ mode: 'RTC' });
    t.host.setData({ policies: { stallMs: 'soon' } });
    await tick(0);
    expect(invalid(t)).toHaveLength(1);
    t.host.setData({ policies: { reconnect: { attempts: 0 } } });
    await tick(0);
    expect(invalid(t)).toEqual([['WRONG_TYPE:policies.stallMs'], ['OUT_OF_RANGE:policies.reconnect.attempts']]);
    // The bad setting is not applied: the default policy stays.
    await Promise.all([t.player.play(), tick(20)]);
    t.device.player.emit(-2301);
    await tick(0);
    expect(t.events('reconnect')).toHaveLength(0);
    await tick(1000);
    expect(t.events('reconnect')).toHaveLength(1);
  });

  it('reports a bad start-timeout once while it stays, even as other bound values change', async () => {
    const t = open({ data: { startTimeout: 'abc' } });
    await tick(0);
    t.host.setData({ mode: 'RTC' });
    t.host.setData({ src: 'rtmp://play.example.com/live/room2' });
    await tick(0);
    expect(invalid(t)).toEqual([['WRONG_TYPE:startTimeout']]);
  });

  it('reports a bad start-timeout and bad policies given together once, not again when another value changes', async () => {
    const t = open({ data: { startTimeout: 'abc', policies: { quality: 'yes' } } });
    await tick(0);
    expect(invalid(t)).toHaveLength(1);
    expect(invalid(t)[0].sort()).toEqual(['WRONG_TYPE:policies.quality', 'WRONG_TYPE:startTimeout']);
    t.host.setData({ mode: 'RTC' });
    await tick(0);
    expect(invalid(t)).toHaveLength(1);
  });

  it('reports an unknown emulate value once with the player trace names, and a bad start-timeout beside it once', async () => {
    const t = open({ data: { emulate: 'sunny', startTimeout: 'abc' } });
    await tick(0);
    t.host.setData({ mode: 'RTC' });
    await tick(0);
    const problems = t.events<Problems>('invalid').flatMap((e) => e.problems);
    expect(problems.map((p) => `${p.code}:${p.attribute}`).sort()).toEqual(['UNKNOWN_VALUE:emulate', 'WRONG_TYPE:startTimeout']);
    const emulate = problems.find((p) => p.attribute === 'emulate')!;
    for (const name of ['happy', 'flaky-network', 'stream-gone', 'bad-url', 'background']) expect(emulate.advice).toContain(name);
    expect(emulate.advice).not.toContain('gives-up');
  });

  it('a start-timeout given as text bounds play(): start-timeout="3000" fails a play that never begins after 3 s', async () => {
    const t = open({ data: { startTimeout: '3000' }, player: { trace: [{ at: 1, code: 2001 }] } });
    const played = t.player.play();
    played.catch(() => undefined);
    await tick(2900);
    expect(t.player.status).toBe('loading');
    await tick(200);
    await expect(played).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(t.events('invalid')).toEqual([]);
  });
});

describe('the WXML bindings', () => {
  it('binds each attribute of <live-player> to its own index of PLAYER_ATTRIBUTE_NAMES', () => {
    const wxml = fs.readFileSync(path.resolve(__dirname, '../../components/player/index.wxml'), 'utf8');
    const bound = [...wxml.matchAll(/\s([a-z-]+)="\{\{a\[(\d+)\]\}\}"/g)].map(([, attr, index]) => [
      attr.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
      PLAYER_ATTRIBUTE_NAMES[Number(index)],
    ]);
    expect(bound.map(([camel]) => camel)).toEqual([...PLAYER_ATTRIBUTE_NAMES]);
    for (const [camel, name] of bound) expect(name).toBe(camel);
  });
});
