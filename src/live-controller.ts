/**
 * The promise facade both tags share, over the shared lifecycle (`driver.ts`): `configure()`
 * (the component's properties in one call), the page's start/play (`_begin`), `stop`, `pause`,
 * `resume`, `setPolicies`, and the guards every facade method goes through: after detach a call
 * rejects at once with `NOT_READY`, and a method rejects only with `PusherError`, never throws.
 */
import type { AttributeProblem } from './attributes';
import { asPusherError } from './call-queue';
import { LiveDriver, same } from './driver';
import { argumentError, pusherError, type PusherError } from './errors';
import { snapshotArgs, snapshotResult, startTimeoutArg, type SnapshotOptions, type SnapshotResult } from './facade';
import type { NativeCallOptions } from './native';
import type { RestartCause } from './policies/index';
import { normalizeTimeouts, type ControllerOptions } from './timeouts';

/** What `configure()` takes: the component's properties as given (each checked, a bad one reported). */
export interface ControllerInput {
  /** `startTimeout`, `callTimeout` as given (`''`/`null`: the default). */
  readonly timeouts: { readonly startTimeout?: unknown; readonly callTimeout?: unknown };
  /** The `policies` property as given; applied only when it changed since the last call. */
  readonly policies: unknown;
  /** The tag's attributes (and `scenario`) as given. */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** A pending start/play's settlers. */
import type { Pending } from './driver';

/** The shared facade (see the module comment); each tag's controller adds its own methods. */
/** `R`: the tag's attribute problems. */
export abstract class LiveController<
  S extends string,
  I extends string,
  C,
  M extends string,
  A extends object,
  P,
  E,
  R extends AttributeProblem<string> = AttributeProblem,
> extends LiveDriver<S, I, C, M, A, P, E> {
  /** @internal The `policies` property last applied. */
  protected _given: unknown;
  /** @internal What was wrong with it: reported with every call while it stays, so the report stays the same. */
  protected _givenProblems: AttributeProblem[] = [];

  /**
   * The component's properties, in one call: timeouts, then policies (when changed), then the
   * attributes (the changed ones are rendered through the host). Returns every problem found.
   */
  configure(input: ControllerInput): (AttributeProblem | R)[] {
    const { timeouts, problems } = normalizeTimeouts(input.timeouts) as { timeouts: ControllerOptions; problems: (AttributeProblem | R)[] };
    this._timeouts = timeouts;
    if (!same(input.policies, this._given)) {
      this._given = input.policies;
      const resolved = this._resolve(input.policies, this._p0);
      this.applyPolicies(resolved.policies);
      this._givenProblems = resolved.problems;
    }
    problems.push(...this._givenProblems);
    const normalized = this._normalize(input.attributes) as { attributes: A; problems: readonly R[] };
    const given = normalized.attributes;
    // A value the page changes wins over the one a policy put on the tag.
    for (const name of Object.keys(given) as (keyof A)[]) if (!same(given[name], this.attrs[name])) delete this._overlay[name];
    this._render(Object.assign({}, given, this._overlay));
    this.setAttributes(given);
    problems.push(...normalized.problems);
    return problems;
  }

  /**
   * The page's start/play: refused while one is pending or the table forbids it; queued at once
   * (calls made after it go after it); `prepare` runs in its turn and may call it off (`true`).
   * Resolves when it runs, rejects on a final failure or after `timeout`. @internal
   */
  protected _begin(options: unknown, prepare: (pending: Pending) => Promise<unknown>): Promise<void> {
    const method = this._w[2];
    return this._guard(method, () => {
      const timeout = startTimeoutArg(options, this._startMs(), method);
      if (this._pending || !this.next$(method))
        throw pusherError('INVALID_STATE', { method, status: this._pending ? this._w[0] : this.status });
      const gen = ++this._gen;
      this._halted = false;
      const started = new Promise<void>((resolve, reject) => (this._pending = { resolve, reject }));
      const pending = this._pending!;
      this._reconnect.reset$();
      this._q
        .run$(method, async () => {
          const off = await prepare(pending);
          // Settled meanwhile (a stop, a fatal code, detach): the page was told; nothing goes out.
          if (gen !== this._gen || pending !== this._pending || off) return;
          if (!this.next$(method)) throw pusherError('INVALID_STATE', { method, status: this.status });
          await this._beforeRestart(method as RestartCause);
          await this._q.call$(method as string as M, {}, () => {
            // A stop(), a fatal code or a hidden page's end came while it waited for the tag or the URL.
            if (gen !== this._gen || pending !== this._pending) return false;
            this._move(method, method as string as C);
            this._arm(timeout);
            return true;
          });
        })
        .catch((error: PusherError) => {
          // Not issued (no context, unsupported): the status stays. Issued and refused or unanswered
          // (a code may have moved it on meanwhile): failed for good, so nothing goes on after the rejection.
          if (pending === this._pending && (this.status === this._w[0] || this.status === 'reconnecting'))
            this._apply('fatal' as I, method as string as C, error);
          else if (pending === this._pending) this._settle(error);
        });
      return started;
    });
  }

  stop(): Promise<void> {
    return this._guard('stop', () => {
      // stop() wins over a pending start, and ends reconnects, refreshes and restarts.
      const aborted = this._settle(pusherError('ABORTED', { method: this._w[2], by: 'stop()' }));
      this._gen++;
      this._halted = true;
      this._each((p) => p.onStop$, false);
      return this._q.run$('stop', async () => {
        // Nothing reached the device yet: the aborted start was all there was to stop.
        if (aborted && !this.next$('stop' as I)) return;
        // The system already stopped a suspended one: a refused native stop changes nothing.
        await this._lifecycleCall('stop', this.status === 'suspended');
      });
    });
  }

  pause(): Promise<void> {
    return this._queued('pause', () => this._lifecycleCall('pause'));
  }

  resume(): Promise<void> {
    return this._queued('resume', () => this._lifecycleCall('resume'));
  }

  /** A still of the picture: `{ tempImagePath, width, height }` (numbers). */
  snapshot(options?: SnapshotOptions | null): Promise<SnapshotResult> {
    return this._guard('snapshot', () => this._plain('snapshot' as M, snapshotArgs(options)).then(snapshotResult));
  }

  /** Merges policy settings; a bad value throws `INVALID_ARGUMENT` naming each problem, and nothing changes. */
  setPolicies(input: unknown): P {
    const { policies, problems } = this._resolve(input, this.policies);
    if (problems.length) {
      throw argumentError(
        'setPolicies',
        problems.map((p) => p.attribute).join(', '),
        problems.map((p) => p.message).join('; '),
        problems.map((p) => p.messageZh).join('；'),
        input,
      );
    }
    return this.applyPolicies(policies);
  }

  // ---------- internals ----------

  /** @internal A facade call: after detach it rejects at once; whatever `body` throws rejects as a `PusherError`. */
  protected _guard<T>(method: string, body: () => T | Promise<T>): Promise<T> {
    // After detach nothing waits: every call rejects at once.
    if (this.dead$) return Promise.reject(pusherError('NOT_READY', { method }));
    try {
      return Promise.resolve(body()).catch((error) => Promise.reject(asPusherError(error, method)));
    } catch (error) {
      return Promise.reject(asPusherError(error, method));
    }
  }

  /** @internal A facade call whose work is one task of the queue. */
  protected _queued<T>(method: string, task: () => Promise<T>): Promise<T> {
    return this._guard(method, () => this._q.run$(method, task));
  }

  /** @internal A facade method that is one queued native call resolving with nothing; `options` checks its arguments. */
  protected _void(method: M, options?: () => NativeCallOptions): Promise<void> {
    return this._guard(method, () => this._plain(method, options && options()).then(() => undefined));
  }

  /** @internal */
  protected _plain(method: M, options?: NativeCallOptions): Promise<unknown> {
    return this._q.run$(method, () => this._q.call$(method, options));
  }
}
