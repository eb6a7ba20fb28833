/**
 * The CLI's argument parser: small on purpose (no framework dependency), strict about
 * unknown options, and reading `-1307` as a value, never as a flag.
 */
import { usageProblem } from '../server/arguments';
import { Problems } from './problems';

/** How an option takes its value. */
export type OptionType = 'string' | 'boolean';

/** One option a command accepts. */
export interface OptionSpec {
  readonly type: OptionType;
  /** One-letter alias, e.g. `h` for `--help`. */
  readonly short?: string;
  /** Checks a given value (e.g. `checkDomain`), throwing `INVALID_ARGUMENT` that names `flag`; a refused value is left out. */
  readonly check?: (command: string, flag: string, value: string) => unknown;
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

/** Edit distance counting a swap of two neighbours as one edit (`domian` → `domain` is 1). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
      rows[i].push(best);
    }
  }
  return rows[a.length][b.length];
}

/**
 * The option a misspelt name most likely meant: the only one within two edits (one for names
 * of four letters or fewer), or the only one it is a prefix of; otherwise none.
 */
export function closestOption(name: string, names: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  if (lower.length === 0) return undefined;
  const near = names.filter((candidate) => editDistance(lower, candidate) <= (Math.min(lower.length, candidate.length) <= 4 ? 1 : 2));
  if (near.length > 0) {
    const distances = near.map((candidate) => editDistance(lower, candidate));
    const best = Math.min(...distances);
    const nearest = near.filter((_, index) => distances[index] === best);
    return nearest.length === 1 ? nearest[0] : undefined;
  }
  const longer = names.filter((candidate) => lower.length >= 2 && candidate.startsWith(lower));
  return longer.length === 1 ? longer[0] : undefined;
}

/**
 * Parses `argv` against `specs`. Every unknown option, missing value and value an option's
 * `check` refuses goes to `problems`; without a collector they are thrown together at the end.
 */
export function parseArgs(argv: readonly string[], specs: OptionSpecs, command: string, problems?: Problems): ParsedArgs {
  const found = problems || new Problems();
  const options: { [name: string]: string | boolean | undefined } = {};
  const positionals: string[] = [];
  const known = Object.keys(specs)
    .map((name) => '--' + name)
    .join(', ');
  const unknown = (token: string): void =>
    found.add(
      token,
      usageProblem(
        `${command}: unknown option ${token} (known: ${known})`,
        `${command}：未知选项 ${token}（可用：${known}）`,
        `Use one of ${known}`,
        `请使用 ${known} 之一`,
      ),
    );
  /** A misspelt option: reported against the option meant, so "--domain is missing" does not follow. */
  const misspelt = (token: string, meant: string): void => {
    const flag = '--' + meant;
    found.add(
      flag,
      usageProblem(
        `${command}: unknown option ${token}; did you mean ${flag}?`,
        `${command}：未知选项 ${token}；是不是想写 ${flag}？`,
        `Write ${flag}`,
        `请写成 ${flag}`,
      ),
    );
  };
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
      if (token.length !== 2 || !byShort[token[1]]) {
        unknown(token);
        continue;
      }
      name = byShort[token[1]];
    }
    const spec = Object.prototype.hasOwnProperty.call(specs, name) ? specs[name] : undefined;
    const flag = '--' + name;
    if (!spec) {
      const meant = token.startsWith('--') ? closestOption(name, Object.keys(specs)) : undefined;
      if (meant === undefined) {
        unknown(token);
        continue;
      }
      misspelt(token, meant);
      // The value that followed belongs to the misspelt option, not to the positionals.
      const next = argv[i + 1];
      if (specs[meant].type === 'string' && inline === undefined && next !== undefined && !(next.startsWith('--') && next.length > 2)) i++;
      continue;
    }
    if (spec.type === 'boolean') {
      if (inline !== undefined)
        found.add(
          flag,
          usageProblem(
            `${command}: ${flag} takes no value, got ${token}`,
            `${command}：${flag} 不带值，实为 ${token}`,
            `Write ${flag} alone`,
            `只写 ${flag}`,
          ),
        );
      else options[name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      // `--key --ttl 60` would otherwise silently make "--ttl" the key.
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        found.add(
          flag,
          usageProblem(`${command}: ${flag} needs a value`, `${command}：${flag} 后缺少值`, `Write ${flag} VALUE`, `请写成 ${flag} 值`),
        );
        continue;
      }
      value = next;
      i++;
    }
    const { check } = spec;
    const given = value;
    if (!check || found.passes(flag, () => check(command, flag, given))) options[name] = value;
  }
  if (!problems) found.throwIfAny();
  return { options, positionals };
}
