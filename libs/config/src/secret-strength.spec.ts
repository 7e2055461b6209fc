import { randomBytes } from 'node:crypto';
import { loadConfig } from './app-config';
import { passwordProblem, secretEntropyBits } from './secret-strength';

const base = { DATABASE_URL: 'postgresql://u@127.0.0.1:5432/db', KAFKA_BROKERS: '127.0.0.1:9092' };

describe('password rule (users and ADMIN_PASSWORD)', () => {
  it.each([
    ['1111111111', /at least 12/],
    ['short-pw-1', /at least 12/],
    ['111111111111', /too easy to guess/],
    ['password1234', /too easy|commonly used/],
    ['qwertyuiopasdf', /too easy|commonly used/],
    ['abcdefghijklmnop', /too easy|commonly used/],
  ])('refuses %s', (password, reason) => {
    expect(passwordProblem(password)).toMatch(reason);
  });

  it('accepts what the tests and `npm start` generate, and a long passphrase', () => {
    for (let i = 0; i < 20; i++) {
      expect(passwordProblem(randomBytes(12).toString('hex'))).toBeNull();
      expect(passwordProblem(randomBytes(12).toString('base64url'))).toBeNull();
    }
    expect(passwordProblem('tangerine otter drives a violet tram')).toBeNull();
  });

  it('applies to ADMIN_PASSWORD at start-up', () => {
    expect(() => loadConfig({ ...base, ADMIN_PASSWORD: '1111111111' })).toThrow(/ADMIN_PASSWORD: at least 12/);
    expect(() => loadConfig({ ...base, ADMIN_PASSWORD: '111111111111' })).toThrow(/ADMIN_PASSWORD: too easy/);
    expect(loadConfig({ ...base, ADMIN_PASSWORD: 'Wq3-vZ9p_Lm4xR' }).ADMIN_PASSWORD).toBe('Wq3-vZ9p_Lm4xR');
  });
});

describe('AUTH_SECRET entropy', () => {
  it('counts random secrets by their alphabet', () => {
    // 64 hex characters: 64 × 4 bits, exactly.
    expect(secretEntropyBits('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')).toBe(256);
    // 64 base64url characters using all four classes: 64 × log2(95).
    expect(secretEntropyBits('Zm9v-YmFy_YmF6cXV4Q29ycmVjdEhvcnNlQmF0dGVyeVN0YXBsZTEyMzQ1Njc4OQ')).toBeCloseTo(64 * Math.log2(95), 5);
  });

  it.each([
    ['a'.repeat(32), 'one character repeated'],
    ['a'.repeat(64), 'one character repeated, long'],
    ['0123456789abcdef'.repeat(4), 'a block repeated'],
    ['abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz', 'the alphabet twice'],
    ['deadbeef'.repeat(8), 'a word repeated'],
  ])('refuses %s (%s)', (secret) => {
    expect(secretEntropyBits(secret)).toBeLessThan(256);
    expect(() => loadConfig({ ...base, AUTH_SECRET: secret })).toThrow(/AUTH_SECRET carries about \d+ bits/);
  });

  it('accepts what `npm start` and the test setup generate, every time', () => {
    for (let i = 0; i < 50; i++) {
      const secret = randomBytes(48).toString('base64url');
      expect(loadConfig({ ...base, AUTH_SECRET: secret }).AUTH_SECRET).toBe(secret);
    }
    expect(secretEntropyBits(loadConfig(base).AUTH_SECRET)).toBeGreaterThanOrEqual(256);
  });
});

describe('HOST', () => {
  it('listens on every interface by default, or on the address given', () => {
    expect(loadConfig(base).HOST).toBe('0.0.0.0');
    expect(loadConfig({ ...base, HOST: '127.0.0.1' }).HOST).toBe('127.0.0.1');
    expect(loadConfig({ ...base, HOST: '::' }).HOST).toBe('::');
    expect(() => loadConfig({ ...base, HOST: 'localhost; rm' })).toThrow(/HOST/);
  });
});
