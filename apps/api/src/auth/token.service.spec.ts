import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '@rapport/config';
import { TokenService } from './token.service';

describe('TokenService', () => {
  const config = { AUTH_SECRET: 'a'.repeat(64), ACCESS_TOKEN_TTL: '15m' } as AppConfig;
  const tokens = new TokenService(new JwtService({}), config);
  const jwt = new JwtService({});

  it('round-trips a principal and reports the expiry', async () => {
    const token = await tokens.sign({ userId: 'u1', role: 'vendor', vendorId: 'v1' });
    const verified = await tokens.verifyAccess(token);
    expect(verified?.principal).toEqual({ userId: 'u1', role: 'vendor', vendorId: 'v1' });
    expect(verified!.expiresAt.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
  });

  it.each([
    ['a vendor without a vendor', { sub: 'u1', role: 'vendor', vendorId: null, typ: 'access' }, {}],
    ['an unknown role', { sub: 'u1', role: 'root', vendorId: null, typ: 'access' }, {}],
    ['another token type', { sub: 'u1', role: 'admin', vendorId: null, typ: 'refresh' }, {}],
    ['another audience', { sub: 'u1', role: 'admin', vendorId: null, typ: 'access' }, { audience: 'elsewhere' }],
    ['another issuer', { sub: 'u1', role: 'admin', vendorId: null, typ: 'access' }, { issuer: 'elsewhere' }],
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
