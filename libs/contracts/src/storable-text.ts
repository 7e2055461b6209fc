/**
 * PostgreSQL's JSON types refuse the NUL character and unpaired UTF-16 surrogates, both of
 * which JSON itself allows. Text that cannot be stored is refused at the edge; what has to be
 * kept anyway (a dead letter) is made storable first.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (or key) in `value` that PostgreSQL could not store, or null. */
export function unstorableTextPath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path || '(value)' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (UNSTORABLE.test(key)) return at;
    const found = unstorableTextPath(inner, at);
    if (found) return found;
  }
  return null;
}

// eslint-disable-next-line no-control-regex -- matching NUL is the point
const clean = (s: string): string => s.replace(/\u0000/g, '\uFFFD').toWellFormed();

/** A copy of `value` in which such text is replaced by U+FFFD, so that it can be stored. */
export function storableCopy(value: unknown): unknown {
  if (typeof value === 'string') return clean(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(storableCopy);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [clean(k), storableCopy(v)]));
}
