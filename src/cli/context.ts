/**
 * What every `ts-pusher` command shares: where it reads and writes (`CliIo`), what it gets
 * besides its arguments (`Context`), the shape of a command, the option sets several commands
 * take, and the small helpers that read parsed arguments and report missing ones.
 */
import { checkKey, checkName, checkTxTime } from '../server/arguments';
import { expiryOf } from '../server/sign';
import type { OptionSpecs, ParsedArgs } from './args';
import { checkInstant, checkKeyFlag, checkLang, checkSeconds, EXPIRY_FLAGS, expiryOptions } from './flags';
import type { ExitCode } from './help';
import { missingOption, type Problems } from './problems';

/** Where the CLI reads and writes: the real process in `bin.ts`, a recorder in tests. */
export interface CliIo {
  /** Writes one line to stdout. */
  out(line: string): void;
  /** Writes one line to stderr. */
  err(line: string): void;
  /** Environment (`TS_PUSHER_KEY`, `TS_PUSHER_IM_KEY`). */
  readonly env: { readonly [name: string]: string | undefined };
  /** Resolves with a reason (a signal name, or `PARENT_EXITED`) when a long-running command (ingest) should stop. */
  untilStopped(): Promise<string>;
}

/** Why a long-running command stopped when no signal came: its parent process went away. */
export const PARENT_EXITED = 'parent exited';

/** Language of explanations. */
export type Lang = 'en' | 'zh';

/** What every command gets besides its arguments. */
export interface Context {
  readonly io: CliIo;
  readonly json: boolean;
  readonly lang: Lang;
  /** `ts-pusher sign`, for messages. */
  readonly name: string;
  /** English or Chinese by `--lang`. */
  t(en: string, zh: string): string;
}

/** A command: its options and what it does. */
export interface Command {
  readonly options: OptionSpecs;
  /** How many positionals, with their names for messages. */
  readonly positionals: readonly string[];
  /** Adds every problem of the arguments that parsing could not see (missing, conflicting) before `run`. */
  check?(args: ParsedArgs, context: Context, problems: Problems): void | Promise<void>;
  run(args: ParsedArgs, context: Context): Promise<ExitCode>;
}

/** Options every command takes. */
export const GLOBAL: OptionSpecs = {
  json: { type: 'boolean' },
  lang: { type: 'string', check: checkLang },
  help: { type: 'boolean', short: 'h' },
};
/** `--ttl`, `--expires`, `--tx-time`. */
export const EXPIRY: OptionSpecs = {
  ttl: { type: 'string', check: checkSeconds },
  expires: { type: 'string', check: checkInstant },
  'tx-time': { type: 'string', check: checkTxTime },
};
/** `--key`. */
export const KEY: OptionSpecs = { key: { type: 'string', check: checkKeyFlag } };
/** `--stream`, `--app`. */
export const STREAM: OptionSpecs = { stream: { type: 'string', check: checkName }, app: { type: 'string', check: checkName } };

/** A string option's value, if given. */
export function text(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}

/** `--key`, else `$TS_PUSHER_KEY` where the command allows it. */
export function keyOf(args: ParsedArgs, context: Context, fromEnv: boolean): string | undefined {
  const key = text(args, 'key');
  return key !== undefined ? key : fromEnv ? context.io.env.TS_PUSHER_KEY : undefined;
}

/** Adds a problem for each required option in `wanted` that was not given (nor refused already). */
export function need(
  args: ParsedArgs,
  context: Context,
  problems: Problems,
  wanted: { readonly [name: string]: readonly [string, string] },
): void {
  for (const name of Object.keys(wanted)) {
    const flag = '--' + name;
    if (text(args, name) === undefined && !problems.about(flag)) problems.add(flag, missingOption(context.name, flag, ...wanted[name]));
  }
}

/** The push key must come from `--key` or a non-empty `$TS_PUSHER_KEY`. */
export function needPushKey(args: ParsedArgs, context: Context, problems: Problems): void {
  if (text(args, 'key') !== undefined || problems.about('--key')) return;
  const fromEnv = context.io.env.TS_PUSHER_KEY;
  if (fromEnv === undefined)
    problems.add(
      '--key',
      missingOption(context.name, '--key', 'the push authentication key; or set TS_PUSHER_KEY', '推流鉴权 Key；也可设置 TS_PUSHER_KEY'),
    );
  else problems.check('TS_PUSHER_KEY', () => checkKey(context.name, fromEnv, '$TS_PUSHER_KEY'));
}

/** The expiry flags together: one at most, in the future, within what a txTime holds. */
export function checkExpiryFlags(args: ParsedArgs, context: Context, problems: Problems, fallbackTtl: number): void {
  if (['--ttl', '--expires', '--tx-time'].some((flag) => problems.about(flag))) return;
  problems.check('--ttl', () => expiryOf(context.name, expiryOptions(args, fallbackTtl), EXPIRY_FLAGS));
}

/** Prints `value` as JSON, or `lines` for people. */
export function print(context: Context, value: unknown, lines: readonly string[]): void {
  if (context.json) context.io.out(JSON.stringify(value));
  else for (const line of lines) context.io.out(line);
}
