/**
 * The CLI's argument parser: small on purpose (no framework dependency), strict about
 * unknown options, and reading `-1307` as a value, never as a flag.
 */
import { pusherError } from '../errors';

/** How an option takes its value. */
export type OptionType = 'string' | 'boolean';

/** One option a command accepts. */
export interface OptionSpec {
  readonly type: OptionType;
  /** One-letter alias, e.g. `h` for `--help`. */
  readonly short?: string;
}

/** Options by long name (without `--`). */
export type OptionSpecs = { readonly [name: string]: OptionSpec };

/** What the command line said. */
export interface ParsedArgs {
  /** Option values by long name; booleans are `true` when present. */
  readonly options: { readonly [name: string]: string | boolean | undefined };
  /** Everything that is not an option, in order. */
  readonly positionals: readonly string[];
}

/** A negative number is a value (`explain -1307`), not a cluster of short flags. */
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

function usage(command: string, arg: string, expected: string, expectedZh: string, value: string): Error {
  return pusherError('INVALID_ARGUMENT', { method: command, arg, expected, expectedZh, value });
}

/** Parses `argv` against `specs`; throws `INVALID_ARGUMENT` naming the command for anything it does not know. */
export function parseArgs(argv: readonly string[], specs: OptionSpecs, command: string): ParsedArgs {
  const options: { [name: string]: string | boolean | undefined } = {};
  const positionals: string[] = [];
  const known = Object.keys(specs)
    .map((name) => '--' + name)
    .join(', ');
  const byShort: { [short: string]: string } = {};
  for (const name of Object.keys(specs)) {
    const short = specs[name].short;
    if (short) byShort[short] = name;
  }

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (token === '-' || !token.startsWith('-') || NEGATIVE_NUMBER.test(token)) {
      positionals.push(token);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      name = eq < 0 ? token.slice(2) : token.slice(2, eq);
      inline = eq < 0 ? undefined : token.slice(eq + 1);
    } else {
      if (token.length !== 2 || !byShort[token[1]]) throw usage(command, 'option', `one of ${known}`, `以下之一：${known}`, token);
      name = byShort[token[1]];
    }
    const spec = Object.prototype.hasOwnProperty.call(specs, name) ? specs[name] : undefined;
    if (!spec) throw usage(command, 'option', `one of ${known}`, `以下之一：${known}`, token);
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw usage(command, '--' + name, 'a flag without a value', '不带值的开关', token);
      options[name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      // `--key --ttl 60` would otherwise silently make "--ttl" the key.
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw usage(command, '--' + name, 'followed by a value', '后跟一个值', 'nothing');
      }
      value = next;
      i++;
    }
    options[name] = value;
  }
  return { options, positionals };
}
