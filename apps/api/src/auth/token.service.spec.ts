import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '@rapport/config';
import type { SessionVersionService } from './session-version.service';
import { TokenService } from './token.service';

describe('TokenService', () => {
  const config = { AUTH_SECRET: 'a'.repeat(64), ACCESS_TOKEN_TTL: '15m' } as AppConfig;
  const U1 = '00000000-0000-4000-8000-000000000001';
  // The users' current session versions, as the database would say.
  const versions = new Map<string, number>([[U1, 3]]);
  const sessionVersions = { current: (id: string) => Promise.resolve(versions.get(id) ?? null) } as SessionVersionService;
  const tokens = new TokenService(new JwtService({}), config, sessionVersions);
  const jwt = new JwtService({});

  it('round-trips a principal and reports the expiry', async () => {
    const token = await tokens.sign({ userId: U1, role: 'vendor', vendorId: 'v1' }, 3);
    const verified = await tokens.verifyAccess(token);
    expect(verified?.principal).toEqual({ userId: U1, role: 'vendor', vendorId: 'v1' });
    expect(verified?.sessionVersion).toBe(3);
    expect(verified!.expiresAt.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
  });

  it("refuses a token once its user's session version moved on, or the user is gone", async () => {
    const token = await tokens.sign({ userId: U1, role: 'admin', vendorId: null }, 3);
    versions.set(U1, 4);
    await expect(tokens.verify(token)).resolves.toBeNull();
    versions.delete(U1);
    await expect(tokens.verify(token)).resolves.toBeNull();
    versions.set(U1, 3);
    await expect(tokens.verify(token)).resolves.not.toBeNull();
  });

  it.each([
    ['a vendor without a vendor', { sub: U1, role: 'vendor', vendorId: null, typ: 'access', sv: 3 }, {}],
    ['an unknown role', { sub: U1, role: 'root', vendorId: null, typ: 'access', sv: 3 }, {}],
    ['another token type', { sub: U1, role: 'admin', vendorId: null, typ: 'refresh', sv: 3 }, {}],
    ['no session version', { sub: U1, role: 'admin', vendorId: null, typ: 'access' }, {}],
    ['a subject that is no user id', { sub: 'u1', role: 'admin', vendorId: null, typ: 'access', sv: 3 }, {}],
    ['another audience', { sub: U1, role: 'admin', vendorId: null, typ: 'access', sv: 3 }, { audience: 'elsewhere' }],
    ['another issuer', { sub: U1, role: 'admin', vendorId: null, typ: 'access', sv: 3 }, { issuer: 'elsewhere' }],
  ])('refuses %s', async (_, claims, options) => {
    const token = await jwt.signAsync(claims, {
      secret: config.AUTH_SECRET,
      expiresIn: 60,
      issuer: 'rapport',
      audience: 'rapport-api',
      ...options,
    });
    await expect(tokens.verify(token)).resolves.toBeNull();
  });
});
