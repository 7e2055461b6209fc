/** Keys whose values never reach logs or the audit trail. */
const SECRET_KEY = /pass(word)?|secret|token|hash|cipher|credential|authori[sz]ation|signature|private|cookie|api[-_]?key/i;
const MAX_DEPTH = 4;
const MAX_ITEMS = 20;
const MAX_STRING = 200;

/**
 * A copy of untrusted input that is safe to store: secret-looking keys replaced by
 * "[redacted]", strings cut at 200 characters, arrays at 20 items, nesting at 4 levels.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => redact(v, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `… ${value.length - MAX_ITEMS} more`] : items;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>).slice(0, MAX_ITEMS)) {
      out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(inner, depth + 1);
    }
    return out;
  }
  return undefined;
}
