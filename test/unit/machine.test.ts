/**
 * The lifecycle driver on its own, over a small table of its own: moves by the table, inputs
 * held while a call is in flight, the watchdog, and nothing after dispose.
 */
import { StatusMachine, type TransitionTable } from '../../src/machine';
import { Timers } from '../../src/timer';

type S = 'off' | 'warming' | 'on';
type I = 'heat' | 'ready' | 'cool' | 'late';

const TABLE: TransitionTable<S, I> = {
  off: { heat: 'warming' },
  warming: { ready: 'on', cool: 'off', late: 'off' },
  on: { cool: 'off' },
};

/** A machine that applies every input by the table and records what happened. */
class Lamp extends StatusMachine<S, I, string, Error> {
  readonly applied: [I, string][] = [];
  readonly moves: unknown[] = [];
  constructor() {
    super('off', TABLE, new Timers());
  }
  protected _apply(input: I, cause: string): void {
    this.applied.push([input, cause]);
    const move = this.move$(input, cause);
    if (move) this.moves.push(move);
  }
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('status machine', () => {
  it('moves by the table, saying from where and why, and ignores inputs the row lacks', () => {
    const lamp = new Lamp();
    expect(lamp.next$('ready')).toBeNull();
    lamp.signal('ready', 'early');
    expect(lamp.status).toBe('off');
    lamp.signal('heat', 'switch');
    lamp.signal('ready', 'sensor');
    expect(lamp.status).toBe('on');
    expect(lamp.moves).toEqual([
      { status: 'warming', previous: 'off', cause: 'switch' },
      { status: 'on', previous: 'warming', cause: 'sensor' },
    ]);
  });

  it('holds inputs while a call is in flight and applies them after it, in arrival order', () => {
    const lamp = new Lamp();
    lamp.signal('heat', 'switch');
    lamp.hold$();
    lamp.signal('ready', 'a');
    lamp.signal('cool', 'b');
    expect(lamp.status).toBe('warming');
    lamp.release$();
    expect(lamp.applied.slice(1)).toEqual([
      ['ready', 'a'],
      ['cool', 'b'],
    ]);
    expect(lamp.status).toBe('off');
  });

  it('fires the watchdog after its time unless disarmed or armed again', () => {
    const lamp = new Lamp();
    const fired: string[] = [];
    lamp.arm$(100, () => fired.push('first'));
    jest.advanceTimersByTime(50);
    lamp.arm$(100, () => fired.push('second'));
    jest.advanceTimersByTime(99);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(fired).toEqual(['second']);
    lamp.arm$(100, () => fired.push('third'));
    lamp.disarm$();
    jest.advanceTimersByTime(1000);
    expect(fired).toEqual(['second']);
  });

  it('neither moves, applies nor arms after dispose', () => {
    const lamp = new Lamp();
    lamp.dead$ = true;
    lamp.signal('heat', 'switch');
    expect(lamp.move$('heat', 'direct')).toBeNull();
    const fired: string[] = [];
    lamp.arm$(10, () => fired.push('x'));
    jest.advanceTimersByTime(100);
    expect([lamp.status, lamp.applied, fired]).toEqual(['off', [], []]);
  });
});
