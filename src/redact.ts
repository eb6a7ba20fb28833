/** Hides the signature of a push or play URL so it can be logged: `txSecret=***`. */
export function redactUrl(text: string): string {
  return String(text).replace(/(txSecret=)[^&\s"']*/gi, '$1***');
}
