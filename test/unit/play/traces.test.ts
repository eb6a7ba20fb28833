/**
 * The player's traces and its DevTools emulation: every step is something a phone's
 * `<live-player>` really sends (catalogued codes, samples the mapper reads as valid), each
 * trace tells its story, and the emulation plays them in the order the story needs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TRACES, type Trace, type TraceNetInfo } from '../../../src/traces';
import { emulationFor } from '../../../src/emulator';
import { emulatePlayer } from '../../../src/play/emulator';
import { describePlayerCode, mapPlayerNetStatus, playerSignalOf } from '../../../src/play/index';
import { NO_STREAM, PLAYER_TRACES, type PlayerTraceName } from '../../../src/play/traces';
import { PLAYER_NATIVE_METHODS } from '../../../src/play/native';

const NAMES = Object.keys(PLAYER_TRACES) as PlayerTraceName[];
const codesOf = (trace: Trace) => trace.flatMap((s) => ('code' in s ? [s.code] : []));
const samplesOf = (trace: Trace) => trace.flatMap((s) => ('net' in s ? [s] : []));

describe('player traces: what a phone sends', () => {
  it('ship the five named traces', () => {
    expect([...NAMES].sort()).toEqual(['background', 'bad-url', 'flaky-network', 'happy', 'stream-gone']);
  });

  it.each([...NAMES.map((n) => [n, PLAYER_TRACES[n]] as const), ['NO_STREAM', NO_STREAM] as const])(
    '%s: every code is in the player catalogue, every sample maps valid with the fields a player sends',
    (_name, trace) => {
      for (const code of codesOf(trace)) expect([code, describePlayerCode(code).kind]).not.toEqual([code, 'unknown']);
      for (const step of samplesOf(trace)) {
        const status = mapPlayerNetStatus({ info: step.net });
        expect(status.invalidFields).toEqual([]);
        expect(status.valid).toBe(true);
        expect('netQualityLevel' in step.net).toBe(true);
        expect(status.netQualityLevel).toBeGreaterThanOrEqual(0);
        expect(status.netQualityLevel).toBeLessThanOrEqual(6);
      }
      const times = trace.map((s) => s.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    },
  );

  it('happy opens with 2001, 2002, 2003, 2004, 2032, then healthy samples every 2 s', () => {
    const happy = PLAYER_TRACES.happy;
    expect(codesOf(happy)).toEqual([2001, 2002, 2003, 2004, 2032]);
    const samples = samplesOf(happy);
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({ every: 2000, net: { netQualityLevel: 1 } });
    expect(samples[0].net.videoBitrate).toBeGreaterThan(0);
  });

  it('flaky-network warns (2104, 2105), buffers (2007), reconnects natively (2103) and recovers with 2004; its quality moves', () => {
    const codes = codesOf(PLAYER_TRACES['flaky-network']);
    const where = (code: number, from = 0) => codes.indexOf(code, from);
    expect(where(2104)).toBeGreaterThan(where(2004));
    expect(where(2105)).toBeGreaterThan(where(2104));
    expect(where(2007)).toBeGreaterThan(where(2105));
    expect(where(2103)).toBeGreaterThan(where(2007));
    expect(where(2004, where(2103))).toBeGreaterThan(where(2103));
    expect(codes).not.toContain(-2301);
    const levels = samplesOf(PLAYER_TRACES['flaky-network']).map((s) => s.net.netQualityLevel);
    expect(Math.max(...levels)).toBeGreaterThanOrEqual(5);
    expect(levels[levels.length - 1]).toBe(1);
  });

  it('stream-gone plays, then three 2103s with the viewer online end in -2301; NO_STREAM connects and ends the same way', () => {
    const codes = codesOf(PLAYER_TRACES['stream-gone']);
    expect(codes.slice(0, 5)).toEqual([2001, 2002, 2003, 2004, 2032]);
    expect(codes.slice(5)).toEqual([2103, 2103, 2103, -2301]);
    expect(PLAYER_TRACES['stream-gone'].some((s) => 'network' in s)).toBe(false);
    const last = samplesOf(PLAYER_TRACES['stream-gone']).pop() as { net: TraceNetInfo; every?: number };
    expect(last).toMatchObject({ net: { videoBitrate: 0, audioBitrate: 0, netQualityLevel: 1 } });
    expect(last.every).toBeUndefined();
    expect(codesOf(NO_STREAM)).toEqual([2001, 2103, 2103, 2103, -2301]);
  });

  it('bad-url is refused by the server: -2302 and nothing else', () => {
    expect(codesOf(PLAYER_TRACES['bad-url'])).toEqual([-2302]);
    expect(playerSignalOf(-2302)).toBe('fatal');
  });

  it('background hides the page while playing (frames stop) and shows it again (frames again)', () => {
    const trace = PLAYER_TRACES.background;
    const at = (page: string) => trace.find((s) => 'page' in s && s.page === page)!.at;
    expect(at('hide')).toBeGreaterThan(trace.find((s) => 'code' in s && s.code === 2004)!.at);
    expect(at('show')).toBeGreaterThan(at('hide'));
    const hidden = samplesOf(trace).filter((s) => s.at > at('hide') && s.at < at('show'));
    expect(hidden.map((s) => [s.net.videoBitrate, s.every])).toEqual([[0, undefined]]);
    expect(samplesOf(trace).pop()).toMatchObject({ every: 2000, net: { videoBitrate: 1100 } });
  });
});

describe('the README', () => {
  /** The README's player trace table: name → its code and page steps as `at code` / `at page hide`. */
  const documented = () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../../README.md'), 'utf8').split('\n');
    const from = readme.findIndex((line) => line.startsWith('| player trace '));
    const end = readme.findIndex((line, i) => i > from && !line.startsWith('|'));
    const table = new Map<string, string[]>();
    for (const row of readme.slice(from + 2, end)) {
      const [, name, steps] = /^\| `([a-z-]+)` +\| (.*?) +\|$/.exec(row)!;
      const parts = steps
        .split(' · ')
        .flatMap((part) => (part === 'the opening' ? ['0 2001', '150 2002', '400 2003', '450 2004', '500 2032'] : [part]));
      table.set(
        name,
        parts.flatMap((part) => {
          const step = /^(\d+) (-?\d+|page (?:hide|show))\b/.exec(part);
          return step ? [`${step[1]} ${step[2]}`] : [];
        }),
      );
    }
    return table;
  };

  it('lists every player trace with its codes and page steps at their times', () => {
    const table = documented();
    expect([...table.keys()].sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) {
      const steps = PLAYER_TRACES[name].flatMap((s) =>
        'code' in s ? [`${s.at} ${s.code}`] : 'page' in s ? [`${s.at} page ${s.page}`] : [],
      );
      expect([name, table.get(name)]).toEqual([name, steps]);
    }
  });
});

describe('the emulate property with the player traces', () => {
  it('names a player trace, and reports an unknown name listing the player traces', () => {
    expect(emulationFor('stream-gone', 'ios', PLAYER_TRACES)).toEqual({ trace: 'stream-gone' });
    expect(emulationFor('off', 'devtools', PLAYER_TRACES)).toEqual({ trace: '' });
    expect(emulationFor('', 'devtools', PLAYER_TRACES)).toEqual({ trace: 'happy' });
    expect(emulationFor(undefined, 'android', PLAYER_TRACES)).toEqual({ trace: '' });
    // A pusher trace is not a player trace.
    const { trace, problem } = emulationFor('gives-up', 'devtools', PLAYER_TRACES);
    expect(trace).toBe('happy');
    expect(problem).toMatchObject({ code: 'UNKNOWN_VALUE', attribute: 'emulate' });
    expect(problem!.message).toContain('"gives-up"');
    expect(problem!.advice).toContain("'', off, happy, flaky-network, stream-gone, bad-url, background");
    expect(problem!.adviceZh).toContain('happy, flaky-network, stream-gone, bad-url, background');
    expect(problem!.advice).not.toContain('gives-up');
  });

  it('keeps the pusher traces by default', () => {
    expect(emulationFor('gives-up', 'ios')).toEqual({ trace: 'gives-up' });
    expect(emulationFor('stream-gone', 'ios').problem!.advice).toContain("'', off, " + Object.keys(TRACES).join(', '));
  });
});

describe('emulatePlayer: a DevTools player', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** An emulated player whose codes, samples and page changes are written as lines. */
  const emulated = (trace: PlayerTraceName) => {
    const lines: string[] = [];
    const emulation = emulatePlayer(trace, {
      code: (code) => lines.push(String(code)),
      error: (errCode) => lines.push('error ' + errCode),
      net: (info) => lines.push('net ' + info.videoBitrate),
      page: (shown) => lines.push(shown ? 'show' : 'hide'),
    });
    const answers: string[] = [];
    const call = (method: 'play' | 'stop' | 'pause' | 'snapshot') =>
      emulation.context[method]!({
        success: (r) => answers.push(JSON.stringify(r)),
        fail: (e) => answers.push('fail ' + JSON.stringify(e)),
      });
    return { lines, answers, call, emulation };
  };
  /** Codes only, then cleared. */
  const take = (lines: string[]) =>
    lines
      .splice(0)
      .filter((l) => /^-?\d+$/.test(l))
      .map(Number);

  it('has every player method, answering after 30 ms on a later tick', async () => {
    const { emulation, call, answers } = emulated('happy');
    expect(Object.keys(emulation.context).sort()).toEqual([...PLAYER_NATIVE_METHODS].sort());
    call('pause');
    expect(answers).toEqual([]);
    await jest.advanceTimersByTimeAsync(29);
    expect(answers).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(answers).toEqual(['{"errMsg":"pause:ok"}']);
  });

  it('stream-gone: the first play loses the stream, the next still finds none, the one after plays (the stream returned)', async () => {
    const { call, lines } = emulated('stream-gone');
    call('play');
    await jest.advanceTimersByTimeAsync(30 + 12000);
    expect(take(lines)).toEqual([2001, 2002, 2003, 2004, 2032, 2103, 2103, 2103, -2301]);
    call('stop');
    call('play');
    await jest.advanceTimersByTimeAsync(30 + 7000);
    expect(take(lines)).toEqual([2001, 2103, 2103, 2103, -2301]);
    call('play');
    await jest.advanceTimersByTimeAsync(30 + 20000);
    expect(lines.splice(0)).toEqual(['2001', '2002', '2003', '2004', '2032', ...Array(10).fill('net 1100')]);
    call('play');
    await jest.advanceTimersByTimeAsync(30 + 1000);
    expect(take(lines)).toEqual([2001, 2002, 2003, 2004, 2032]);
  });

  it('bad-url: -2302 on the first play; a later play (a fresh URL) plays', async () => {
    const { call, lines } = emulated('bad-url');
    call('play');
    await jest.advanceTimersByTimeAsync(1000);
    expect(take(lines)).toEqual([-2302]);
    call('play');
    await jest.advanceTimersByTimeAsync(1000);
    expect(take(lines)).toEqual([2001, 2002, 2003, 2004, 2032]);
  });

  it('background: hides and shows the page while playing', async () => {
    const { call, lines } = emulated('background');
    call('play');
    await jest.advanceTimersByTimeAsync(30 + 9600);
    expect(lines.filter((l) => !/^\d/.test(l))).toEqual(['net 1100', 'net 1100', 'hide', 'net 0', 'show', 'net 1100']);
  });

  it('stop silences the trace; stop() of the emulation too', async () => {
    const first = emulated('flaky-network');
    first.call('play');
    await jest.advanceTimersByTimeAsync(30 + 600);
    first.call('stop');
    await jest.advanceTimersByTimeAsync(30);
    first.lines.splice(0);
    await jest.advanceTimersByTimeAsync(20000);
    expect(first.lines).toEqual([]);
    const second = emulated('happy');
    second.call('play');
    await jest.advanceTimersByTimeAsync(30 + 1000);
    second.emulation.stop();
    second.lines.splice(0);
    await jest.advanceTimersByTimeAsync(10000);
    expect(second.lines).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
  });
});
