/**
 * What the seeded random sequences of the component tests share (`random.test.ts` for
 * `<ts-pusher>`, `random-player.test.ts` for `<ts-player>`): the seeded PRNG and its pickers,
 * printing values with the secret named, and finding a secret at any depth. Not a test file.
 */
import { SECRET } from '../unit/helpers';

/** mulberry32: a tiny seeded PRNG in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of sequence `index` of `seed`: each sequence can be regenerated alone. */
export const seedOf = (seed: number, index: number, salt = 0) =>
  (mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1) ^ salt) >>> 0)() * 4294967296) >>> 0;

export type Rng = () => number;
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
export const between = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
export function weighted<T>(rng: Rng, table: readonly (readonly [number, T])[]): T {
  let r = rng() * table.reduce((sum, [w]) => sum + w, 0);
  for (const [w, value] of table) if ((r -= w) < 0) return value;
  return table[table.length - 1][1];
}

/** A value as JS source, short, with the secret named instead of spelt out. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value).split(SECRET).join('<SECRET>');
  if (typeof value === 'function') return 'fn';
  if (Array.isArray(value)) return '[' + value.map(show).join(', ') + ']';
  if (value && typeof value === 'object') {
    return (
      '{ ' +
      Object.keys(value)
        .map((k) => k + ': ' + show((value as Record<string, unknown>)[k]))
        .join(', ') +
      ' }'
    );
  }
  return String(value);
}

/** The path of the first string holding SECRET inside `value` (errors' own non-enumerable fields included), or null. */
function secretPath(value: unknown, path: string, seen: Set<object>): string | null {
  if (typeof value === 'string') return value.indexOf(SECRET) >= 0 ? path : null;
  if (!value || typeof value !== 'object' || seen.has(value)) return null;
  seen.add(value);
  const keys = value instanceof Error ? Object.getOwnPropertyNames(value).concat(Object.keys(value)) : Object.keys(value);
  for (const key of keys) {
    let child: unknown;
    try {
      child = (value as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    const found = secretPath(child, path + '.' + key, seen);
    if (found) return found;
  }
  return null;
}

/** Where SECRET shows inside `value` (named `name`), or null. */
export const findSecret = (value: unknown, name: string) => secretPath(value, name, new Set());

/** The real clock (fake timers replace `process.hrtime` too). */
export const realHrtime = process.hrtime.bind(process);
