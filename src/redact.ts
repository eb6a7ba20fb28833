/** Hides the signature of a push or play URL so it can be logged: `txSecret=***`. */
export function redactUrl(text: string): string {
  return String(text).replace(/(txSecret=)[^&\s"'\\]*/gi, '$1***');
}

/**
 * A copy of any value with every signature hidden, at any depth: strings, arrays, plain
 * objects and errors (message and stack included, prototype kept). Cycles stay cycles.
 */
export function redactDeep<T>(value: T, seen?: Map<object, unknown>): T {
  if (typeof value === 'string') return redactUrl(value) as unknown as T;
  if (!value || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value);
  const isError = value instanceof Error;
  const isArray = Array.isArray(value);
  // Dates, maps and class instances other than errors are not event data: kept as they are.
  if (!isError && !isArray && proto !== Object.prototype && proto !== null) return value;
  const map = seen || new Map<object, unknown>();
  const done = map.get(value);
  if (done) return done as T;
  const copy: Record<string, unknown> = isArray ? [] : Object.create(proto);
  map.set(value, copy);
  // Own names, not keys: an Error's message and stack are not enumerable.
  for (const key of isError ? Object.getOwnPropertyNames(value) : Object.keys(value)) {
    copy[key] = redactDeep((value as unknown as Record<string, unknown>)[key], map);
  }
  return copy as T;
}

/** A short, redacted text of any value for a message (signatures may hide inside arrays or objects). */
export function show(value: unknown): string {
  if (typeof value === 'number' || value === undefined) return String(value);
  try {
    return redactUrl(String(JSON.stringify(value))).slice(0, 60);
  } catch {
    return typeof value;
  }
}
