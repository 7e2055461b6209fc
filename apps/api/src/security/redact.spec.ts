import { redact } from './redact';

describe('redact', () => {
  it('hides secret-looking keys at any depth and keeps the rest', () => {
    const input = {
      email: 'a@b.c',
      password: 'hunter2hunter2',
      nested: { refreshToken: 'x', apiKey: 'y', clientSecret: 'z', passwordHash: 'h', name: 'kept' },
      list: [{ token: 't', id: 1 }],
      secret: 'webhook-signing-secret',
    };
    expect(redact(input)).toEqual({
      email: 'a@b.c',
      password: '[redacted]',
      nested: { refreshToken: '[redacted]', apiKey: '[redacted]', clientSecret: '[redacted]', passwordHash: '[redacted]', name: 'kept' },
      list: [{ token: '[redacted]', id: 1 }],
      secret: '[redacted]',
    });
  });

  it('bounds strings, arrays and depth', () => {
    expect(redact('x'.repeat(500))).toHaveLength(201);
    expect(redact(Array.from({ length: 30 }, (_, i) => i))).toHaveLength(21);
    expect(redact({ a: { b: { c: { d: { e: 1 } } } } })).toEqual({ a: { b: { c: { d: '[…]' } } } });
  });

  it('drops what JSON cannot hold', () => {
    expect(redact(() => 1)).toBeUndefined();
    expect(redact(undefined)).toBeUndefined();
  });
});
