/** Replaces `{name}` placeholders with `params[name]`; unknown names stay visible. */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** Parses compact `key|a|b…` lines (tables shipped to phones) into `{ key: [a, b, …] }`. */
export function parseTable(text: string): { [key: string]: string[] } {
  const out: { [key: string]: string[] } = {};
  for (const line of text.split('\n')) {
    const cells = line.split('|');
    out[cells[0]] = cells.slice(1);
  }
  return out;
}
