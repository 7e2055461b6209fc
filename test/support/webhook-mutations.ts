import { signFor, Tool } from '@rapport/connectors';

/** A small seeded PRNG (mulberry32): the same seed gives the same corrupted inputs on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Mutant {
  kind: string;
  body: string | Uint8Array;
  headers: Record<string, string>;
}

type Json = Record<string, unknown>;
type Rand = () => number;

const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)];
const int = (rand: Rand, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

/** Every [parent, key] of a JSON value, to corrupt one field at random. */
function slots(root: unknown): [Json | unknown[], string | number][] {
  const out: [Json | unknown[], string | number][] = [];
  const stack = [root];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      const k = Array.isArray(node) ? Number(key) : key;
      out.push([node as Json, k]);
      stack.push((node as Json)[key]);
    }
  }
  return out;
}

/**
 * Values of the wrong type, odd shape or absurd size, and text PostgreSQL cannot store
 * (U+0000, lone surrogates), which must be refused at the edge, not stall the pipeline.
 */
function oddValue(rand: Rand): unknown {
  const choices: (() => unknown)[] = [
    () => null,
    () => true,
    () => int(rand, -1e9, 1e9),
    () => 1e308,
    () => -0.5,
    () => '',
    () => 'not-a-date',
    () => '2024-13-45T99:99:99Z',
    () => [],
    () => [1, 'two', null],
    () => ({}),
    () => ({ nested: { deeper: [{}] } }),
    () => 'x'.repeat(int(rand, 1000, 20000)),
    () => '🔥'.repeat(int(rand, 10, 3000)),
    () => '\u202e\ufeff right-to-left',
    () => '\u202e\ufeff\ud800 broken surrogate',
    () => 'tab\tnewline\n',
    () => 'nul \u0000 char',
    () => '\'; DROP TABLE "StoredEvent"; --',
    () => '<script>alert(1)</script>',
  ];
  return pick(rand, choices)();
}

const SIGNED_TYPES = ['application/json', 'application/json; charset=utf-8'];
const WRONG_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
];

/**
 * One corrupted variant of a valid delivery: truncated JSON, wrong types, missing fields, huge
 * strings, deep nesting, random bytes, non-object JSON, wrong content type, bad or missing
 * signatures, odd headers. Bodies are signed correctly where the corruption is the body itself,
 * so that each check behind the signature is reached too.
 */
export async function mutateWebhook(
  rand: Rand,
  tool: Tool,
  secret: string,
  base: { headers: Record<string, string>; body: Json },
): Promise<Mutant> {
  const signed = async (kind: string, raw: string, extra: Record<string, string> = {}): Promise<Mutant> => ({
    kind,
    body: raw,
    headers: { 'content-type': pick(rand, SIGNED_TYPES), ...base.headers, ...(await signFor(tool, secret, raw)), ...extra },
  });
  const valid = JSON.stringify(base.body);
  const kind = int(rand, 0, 12);
  switch (kind) {
    case 0:
      return signed('truncated JSON', valid.slice(0, int(rand, 1, valid.length - 1)));
    case 1:
    case 2: {
      const body = structuredClone(base.body);
      const all = slots(body);
      const [parent, key] = pick(rand, all);
      (parent as Json)[key as string] = oddValue(rand);
      return signed('wrong type', JSON.stringify(body));
    }
    case 3: {
      const body = structuredClone(base.body);
      const [parent, key] = pick(rand, slots(body));
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return signed('missing field', JSON.stringify(body));
    }
    case 4: {
      const body = structuredClone(base.body);
      const [parent, key] = pick(rand, slots(body));
      (parent as Json)[key as string] = 'Ω'.repeat(int(rand, 50_000, 300_000));
      return signed('huge string', JSON.stringify(body));
    }
    case 5:
      return signed('oversized body', JSON.stringify({ ...base.body, padding: 'x'.repeat(1_100_000) }));
    case 6: {
      const depth = int(rand, 100, 200_000);
      return signed('deep nesting', `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    }
    case 7: {
      const bytes = new Uint8Array(int(rand, 1, 4000)).map(() => int(rand, 0, 255));
      return {
        kind: 'random bytes',
        body: bytes,
        headers: { 'content-type': 'application/json', ...base.headers, ...(await signFor(tool, secret, 'x')) },
      };
    }
    case 8:
      return signed('non-object JSON', pick(rand, ['[]', '[{}]', '"text"', '42', 'null', 'true', '{}', '""']));
    case 9: {
      const mutant = await signed('wrong content type', valid);
      return { ...mutant, headers: { ...mutant.headers, 'content-type': pick(rand, WRONG_TYPES) } };
    }
    case 10: {
      const forged = await signFor(tool, `${secret}-wrong`, valid);
      return { kind: 'bad signature', body: valid, headers: { 'content-type': 'application/json', ...base.headers, ...forged } };
    }
    case 11: {
      const garbled = Object.fromEntries(
        Object.entries(await signFor(tool, secret, valid)).map(([k, v]) => [k, rand() < 0.5 ? '' : v.split('').reverse().join('')]),
      );
      const headers: Record<string, string> = { 'content-type': 'application/json', ...base.headers, ...garbled };
      for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
      return { kind: 'missing or garbled signature', body: valid, headers };
    }
    default: {
      const headers = Object.fromEntries(
        Object.keys(base.headers).map((k) => [k, pick(rand, ['', ' ', 'issues ', 'star', 'x'.repeat(300), 'pull_request_review'])]),
      );
      for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
      return signed('odd delivery headers', valid, headers);
    }
  }
}

/** Corrupted variants of a valid canonical event for POST /api/v1/events (Bearer ingest token). */
export function mutateEvent(rand: Rand, token: string, event: Json): Mutant {
  const auth = { authorization: `Bearer ${token}` };
  const valid = JSON.stringify(event);
  const kind = int(rand, 0, 9);
  const json = (k: string, raw: string): Mutant => ({
    kind: k,
    body: raw,
    headers: { 'content-type': pick(rand, ['application/json', 'application/cloudevents+json']), ...auth },
  });
  switch (kind) {
    case 0:
      return json('truncated JSON', valid.slice(0, int(rand, 1, valid.length - 1)));
    case 1:
    case 2: {
      const body = structuredClone(event);
      const [parent, key] = pick(rand, slots(body));
      (parent as Json)[key as string] = oddValue(rand);
      return json('wrong type', JSON.stringify(rand() < 0.3 ? [event, body] : body));
    }
    case 3: {
      const body = structuredClone(event);
      const [parent, key] = pick(rand, slots(body));
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return json('missing field', JSON.stringify(body));
    }
    case 4:
      return json('huge string', JSON.stringify({ ...event, subject: 'Ω'.repeat(int(rand, 50_000, 300_000)) }));
    case 5:
      return json('oversized body', JSON.stringify({ ...event, padding: 'x'.repeat(1_100_000) }));
    case 6: {
      const bytes = new Uint8Array(int(rand, 1, 4000)).map(() => int(rand, 0, 255));
      return { kind: 'random bytes', body: bytes, headers: { 'content-type': 'application/json', ...auth } };
    }
    case 7:
      return json('non-object JSON', pick(rand, ['[]', '"text"', '42', 'null', '{}', '[null]', '[[]]']));
    case 8:
      return { kind: 'wrong content type', body: valid, headers: { 'content-type': pick(rand, WRONG_TYPES), ...auth } };
    default: {
      const depth = int(rand, 100, 3000);
      return json(
        'deep nesting',
        JSON.stringify({
          ...event,
          data: { ...(event.data as Json), extra: JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown },
        }),
      );
    }
  }
}
