/**
 * The lifecycle driver, generic over a transition table and its inputs: holds the status, moves
 * it by the table, holds inputs that arrive while a call is in flight (applied after it, in
 * arrival order) and bounds a transient status with a watchdog timer. What a move means (events,
 * settling promises, policies) is the owner's business: `<ts-pusher>` drives `TRANSITIONS`.
 */
import type { Timer, Timers } from './timer';

/** status → input → next status; a missing input is no move. */
export type TransitionTable<S extends string, I extends string> = { readonly [K in S]: { readonly [J in I]?: S } };

/** A move of the status, and what caused it. */
export interface Move<S, C> {
  readonly status: S;
  readonly previous: S;
  readonly cause: C;
}

/** A status moved by a table; see the module comment. The owner extends it and says what an input does (`_apply`). */
export abstract class StatusMachine<S extends string, I extends string, C, E> {
  /** @internal Disposed: nothing moves any more. */
  dead$ = false;
  /** @internal Inputs held while a call is in flight. */
  private _held: [I, C, E | undefined][] | null = null;
  /** @internal The watchdog of a transient status. */
  private _watch: Timer | null = null;

  /** The current status. */
  status: S;
  /** @internal */
  private readonly _table: TransitionTable<S, I>;
  /** @internal */
  protected readonly _timers: Timers;

  constructor(status: S, table: TransitionTable<S, I>, timers: Timers) {
    this.status = status;
    this._table = table;
    this._timers = timers;
  }

  /** @internal Applies an input (never while held, never after dispose). */
  protected abstract _apply(input: I, cause: C, error?: E): void;

  /** @internal The status after `input`, or `null` when the table has no such move. */
  next$(input: I): S | null {
    return this._table[this.status][input] || null;
  }

  /** @internal Moves the status by the table: the move, or `null` when there is none (or after dispose). */
  move$(input: I, cause: C): Move<S, C> | null {
    const next = this.next$(input);
    // After dispose the status stays what the page last heard.
    if (!next || next === this.status || this.dead$) return null;
    const move = { status: next, previous: this.status, cause };
    this.status = next;
    return move;
  }

  /** Applies an input now, or after the call in flight. */
  signal(input: I, cause: C, error?: E): void {
    if (this.dead$) return;
    if (this._held) this._held.push([input, cause, error]);
    else this._apply(input, cause, error);
  }

  /** @internal Holds the inputs that arrive from now on (a call is in flight) until `release$()`. */
  hold$(): void {
    this._held = [];
  }

  /** @internal Applies the held inputs, in arrival order. */
  release$(): void {
    const held = this._held;
    this._held = null;
    if (held) held.forEach(([input, cause, error]) => this.signal(input, cause, error));
  }

  /** @internal Calls `fire` after `ms` unless disarmed or re-armed first. */
  arm$(ms: number, fire: () => void): void {
    this.disarm$();
    if (this.dead$) return;
    const timer = (this._watch = this._timers.after$(ms, () => {
      if (this._watch !== timer) return;
      this._watch = null;
      fire();
    }));
  }

  /** @internal */
  disarm$(): void {
    if (this._watch) this._timers.clear$(this._watch);
    this._watch = null;
  }
}
