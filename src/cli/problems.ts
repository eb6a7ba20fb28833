/**
 * Everything wrong with one command line, gathered before anything runs, so a person fixes
 * a run in one go instead of one error per try.
 */
import { isPusherError, PusherError } from '../errors';
import { usageProblem } from '../server/arguments';

/** Several usage problems reported as one error; `problems` holds each. */
export class UsageProblems extends PusherError {
  readonly problems: readonly PusherError[];

  constructor(problems: readonly PusherError[]) {
    const join = (pick: (error: PusherError) => string, separator: string): string =>
      Array.from(new Set(problems.map(pick))).join(separator);
    super({
      code: 'INVALID_ARGUMENT',
      category: 'usage',
      message: join((error) => error.message, '; '),
      messageZh: join((error) => error.messageZh, '；'),
      advice: join((error) => error.advice, '; '),
      adviceZh: join((error) => error.adviceZh, '；'),
    });
    this.problems = problems;
  }
}

/** The single problems behind an error: each of `UsageProblems`, else the error itself. */
export function problemsOf(error: PusherError): readonly PusherError[] {
  return error instanceof UsageProblems ? error.problems : [error];
}

/** Collects usage problems, remembering which option each is about. */
export class Problems {
  private readonly found: PusherError[] = [];
  private readonly flags = new Set<string>();

  /** Records a problem about `flag` (a `--name`, a positional name or a variable). */
  add(flag: string, error: PusherError): void {
    this.found.push(error);
    this.flags.add(flag);
  }

  /** Runs `check`; an `INVALID_ARGUMENT` it throws is recorded against `flag` and `undefined` returned. */
  check<T>(flag: string, check: () => T): T | undefined {
    try {
      return check();
    } catch (error) {
      if (!isPusherError(error) || error.code !== 'INVALID_ARGUMENT') throw error;
      this.add(flag, error);
      return undefined;
    }
  }

  /** True when `check` throws no `INVALID_ARGUMENT` (which is recorded against `flag`). */
  passes(flag: string, check: () => unknown): boolean {
    let passed = false;
    this.check(flag, () => {
      check();
      passed = true;
    });
    return passed;
  }

  /** `check` for asynchronous checks. */
  async settle<T>(flag: string, check: () => Promise<T>): Promise<T | undefined> {
    try {
      return await check();
    } catch (error) {
      if (!isPusherError(error) || error.code !== 'INVALID_ARGUMENT') throw error;
      this.add(flag, error);
      return undefined;
    }
  }

  /** True when a problem about `flag` was recorded (its value is then not worth checking further). */
  about(flag: string): boolean {
    return this.flags.has(flag);
  }

  /** Throws every problem recorded, as one error; returns when there is none. */
  throwIfAny(): void {
    if (this.found.length === 1) throw this.found[0];
    if (this.found.length > 1) throw new UsageProblems(this.found);
  }
}

/** A required option that was not given. */
export function missingOption(command: string, flag: string, what: string, whatZh: string): PusherError {
  return usageProblem(`${command}: ${flag} is missing (${what})`, `${command}：缺少 ${flag}（${whatZh}）`, `Add ${flag}`, `请加上 ${flag}`);
}
