/** Replaces `{name}` placeholders with `params[name]`; unknown names stay visible. */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** A range as messages write it: `1–30`, or `≥ 1` without an upper bound (both languages). */
export function rangeText(min: number, max: number): string {
  return max < Infinity ? min + '–' + max : '≥ ' + min;
}

/** Bilingual texts of a table row: `English|Chinese|advice|adviceZh`. */
export type Texts = `${string}|${string}|${string}|${string}`;

/** The cells of a compact table row (tables shipped to phones are `|`-joined text). */
export function cells(row: string): string[] {
  return row.split('|');
}

/** The name `N` as a compact table row writes it, `L:REST`, where `P[L]` is its prefix. */
export type Short<N, P extends { readonly [letter: string]: string }> = {
  [L in keyof P & string]: N extends `${P[L]}${infer R}` ? `${L}:${R}` : never;
}[keyof P & string];
