/**
 * PostgreSQL's JSON types refuse the NUL character and unpaired UTF-16 surrogates, both of
 * which JSON itself allows. Text that cannot be stored is refused at the edge; what has to be
 * kept anyway (a dead letter) is made storable first.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The path of the first string (or key) in `value` that PostgreSQL could not store, or null.
 * Walks depth-first with an explicit stack: input nested 100,000 deep must not overflow the call stack.
 */
export function unstorableTextPath(value: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (UNSTORABLE.test(current)) return path || '(value)';
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    const children: { value: unknown; path: string }[] = [];
    for (const [key, inner] of Object.entries(current)) {
      const at = Array.isArray(current) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (UNSTORABLE.test(key)) return at;
      children.push({ value: inner, path: at });
    }
    // Reversed, so the first child is visited first (the same order as a recursive walk).
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return null;
}

// eslint-disable-next-line no-control-regex -- matching NUL is the point
const clean = (s: string): string => s.replace(/\u0000/g, '\uFFFD').toWellFormed();

/** A copy of `value` in which such text is replaced by U+FFFD, so that it can be stored. Iterative, like the walk above. */
export function storableCopy(value: unknown): unknown {
  const convert = (inner: unknown): unknown => {
    if (typeof inner === 'string') return clean(inner);
    if (inner === null || typeof inner !== 'object') return inner;
    const copy: unknown = Array.isArray(inner) ? [] : {};
    pending.push([inner as object, copy as Record<string, unknown>]);
    return copy;
  };
  const pending: [object, Record<string, unknown>][] = [];
  const root = convert(value);
  while (pending.length) {
    const [source, target] = pending.pop()!;
    for (const [key, inner] of Object.entries(source)) target[Array.isArray(source) ? key : clean(key)] = convert(inner);
  }
  return root;
}
