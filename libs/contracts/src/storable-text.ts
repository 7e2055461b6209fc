/**
 * PostgreSQL's JSON types refuse the NUL character and unpaired UTF-16 surrogates, both of
 * which JSON itself allows. Text that cannot be stored is refused at the edge; what has to be
 * kept anyway (a dead letter) is made storable first.
 */
/** A NUL, or an unpaired surrogate (which is what isWellFormed looks for): far cheaper than a regular expression on every string. */
const unstorable = (text: string): boolean => text.includes('\u0000') || !text.isWellFormed();

/**
 * Whether everything parsed from this JSON text is storable, with no walk through it: text decoded
 * from UTF-8 holds no unpaired surrogate, and JSON.parse refuses a raw NUL, so the parsed values can
 * hold either only through a `\u` escape. False only says that a walk has to look.
 */
export const jsonTextIsStorable = (json: string): boolean => !/\\u(?:0000|d[89a-f])/i.test(json);

/**
 * The path of the first string (or key) in `value` that PostgreSQL could not store, or null.
 * Walks depth-first with an explicit stack: input nested 100,000 deep must not overflow the call stack.
 * Every event passes through here, so no path is built until one is found: each value visited
 * keeps only its parent's index and its key.
 */
export function unstorableTextPath(value: unknown): string | null {
  const values: unknown[] = [value];
  const parents: number[] = [-1];
  const keys: string[] = [''];
  const pathOf = (at: number): string => {
    const parts: string[] = [];
    for (let i = at; i > 0; i = parents[i]) {
      const parent = parents[i];
      parts.push(Array.isArray(values[parent]) ? `[${keys[i]}]` : parent === 0 ? keys[i] : `.${keys[i]}`);
    }
    return parts.reverse().join('');
  };
  const stack = [0];
  while (stack.length) {
    const at = stack.pop()!;
    const current = values[at];
    if (typeof current === 'string') {
      if (unstorable(current)) return pathOf(at) || '(value)';
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    const first = values.length;
    for (const key of Object.keys(current)) {
      values.push((current as Record<string, unknown>)[key]);
      parents.push(at);
      keys.push(key);
      if (unstorable(key)) return pathOf(values.length - 1);
    }
    // Reversed, so the first child is visited first (the same order as a recursive walk).
    for (let i = values.length - 1; i >= first; i--) stack.push(i);
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
