import { renewalDue } from './token-renewal';

describe('access token renewal', () => {
  const at = (seconds: number) => seconds * 1000;

  it('renews a 15-minute token in its last minute only', () => {
    const token = { iat: 1_000, exp: 1_900 };
    expect(renewalDue(token, at(1_900 - 61))).toBe(false);
    expect(renewalDue(token, at(1_900 - 59))).toBe(true);
  });

  it('renews a 20-second token in its last quarter (5 s), not on every request', () => {
    const token = { iat: 1_000, exp: 1_020 };
    expect(renewalDue(token, at(1_001))).toBe(false);
    expect(renewalDue(token, at(1_014))).toBe(false);
    expect(renewalDue(token, at(1_016))).toBe(true);
  });

  it('renews an expired token', () => {
    expect(renewalDue({ iat: 1_000, exp: 1_020 }, at(1_030))).toBe(true);
  });

  it('falls back to the last minute when the lifetime is unknown', () => {
    expect(renewalDue({ iat: null, exp: 1_020 }, at(1_000))).toBe(true);
    expect(renewalDue({ iat: null, exp: 1_100 }, at(1_000))).toBe(false);
  });
});
