import fc from 'fast-check';
import { validateCanonicalEvent } from './canonical-event';
import { jsonTextIsStorable, storableCopy, unstorableTextPath } from './storable-text';

describe('storable text', () => {
  it('finds NUL characters and unpaired surrogates, in values and keys, with their path', () => {
    expect(unstorableTextPath({ data: { title: 'a\u0000b' } })).toBe('data.title');
    expect(unstorableTextPath({ data: { tags: ['ok', 'x\uD800'] } })).toBe('data.tags[1]');
    expect(unstorableTextPath({ data: { ['k\uDC00']: 1 } })).toBe('data.k\uDC00');
    expect(unstorableTextPath('\uDC00 alone')).toBe('(value)');
    expect(unstorableTextPath([{ a: 'ok' }, { b: ['ok', { c: 'x\u0000' }] }])).toBe('[1].b[1].c');
  });

  it('refuses exactly the strings with a NUL or an unpaired surrogate', () => {
    // eslint-disable-next-line no-control-regex -- the definition, spelled out
    const refused = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    fc.assert(
      // Few characters, so that NULs, lone halves and halves that pair up (🚀 is \uD83D\uDE80) all come up often.
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'é', '\u0000', '\uD83D', '\uDE80', '\uDBFF', '\uDC00'), maxLength: 8 }),
        (text) => {
          expect(unstorableTextPath({ text }) !== null).toBe(refused.test(text));
        },
      ),
    );
  });

  it('passes JSON text only when nothing parsed from it can be unstorable, whatever the escapes spell', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '"', '\\', '\u0000', '\uD83D', '\uDE80', '\uDBFF', '\uDC00'), maxLength: 6 });
    fc.assert(
      fc.property(fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 3 }), (value) => {
        const json = JSON.stringify(value);
        if (jsonTextIsStorable(json)) expect(unstorableTextPath(JSON.parse(json))).toBeNull();
        if (unstorableTextPath(value) !== null) expect(jsonTextIsStorable(json)).toBe(false);
      }),
    );
    // Written by hand, in any case: refused, and so walked.
    expect(jsonTextIsStorable('{"t":"\\uDBFF"}')).toBe(false);
    expect(jsonTextIsStorable('{"t":"\\u0000"}')).toBe(false);
    expect(jsonTextIsStorable('{"t":"\\u00e9 🚀 \\ud83d\\ude80"}')).toBe(false);
    expect(jsonTextIsStorable('{"t":"\\u00e9 🚀"}')).toBe(true);
  });

  it('accepts ordinary text, emoji (paired surrogates) included', () => {
    expect(unstorableTextPath({ title: 'Café ☕ 🚀', n: 1, nested: [null, true, { a: 'b' }] })).toBeNull();
  });

  it('makes a storable copy by replacing what PostgreSQL refuses with U+FFFD', () => {
    const copy = storableCopy({ ['k\u0000']: ['a\uD800', 'ok 🚀'], n: 2 });
    expect(copy).toEqual({ ['k\uFFFD']: ['a\uFFFD', 'ok 🚀'], n: 2 });
    expect(unstorableTextPath(copy)).toBeNull();
  });

  it('makes the event validation refuse such text, naming where it is', () => {
    const result = validateCanonicalEvent({
      specversion: '1.0',
      id: 'e1',
      source: 's',
      type: 'ticket.opened',
      time: '2026-11-01T00:00:00Z',
      contractid: '0b8f6a2c-5d3e-4f1a-9c7b-2e4d6f8a0b1c',
      data: { ticketId: 'T1', priority: 'P1', title: 'VPN\u0000down' },
    });
    expect(result).toEqual({ ok: false, errors: [expect.stringMatching(/^data\.title: contains a NUL character/)] });
  });

  it('walks input nested 100,000 deep without overflowing the stack', () => {
    let deep: unknown = 'a\u0000b';
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    expect(unstorableTextPath(deep)).toBe(`${Array.from({ length: 100_000 }, () => 'd').join('.')}`);
    let copy = storableCopy(deep) as { d: unknown } | string;
    for (let i = 0; i < 100_000; i++) copy = (copy as { d: unknown }).d as { d: unknown } | string;
    expect(copy).toBe('a\uFFFDb');
    let list: unknown = [];
    for (let i = 0; i < 100_000; i++) list = [list];
    expect(unstorableTextPath(list)).toBeNull();
  });

  it('refuses a deeply nested event with a 4xx-style error, not an exception', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    const result = validateCanonicalEvent({ specversion: '1.0', id: 'e1', source: 's', type: 'ticket.opened', data: deep });
    expect(result.ok).toBe(false);
  });
});
