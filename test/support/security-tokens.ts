import { createHmac, randomBytes, randomUUID } from 'node:crypto';

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** The claims of a JWT, unverified. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** An HS256 JWT over any claims, signed with any secret. */
export function signJwt(
  claims: Record<string, unknown>,
  secret: string,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
): string {
  const unsigned = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/**
 * Variants of a real access token that must all be refused, plus `control`: the same claims
 * re-signed with the real secret, which must be accepted (proving the forging itself works).
 */
export function forgedTokens(valid: string, secret: string): { control: string; bad: Record<string, string> } {
  const claims = claimsOf(valid);
  const now = Math.floor(Date.now() / 1000);
  const [header, , signature] = valid.split('.');
  return {
    control: signJwt({ ...claims, exp: now + 600 }, secret),
    bad: {
      tampered: `${header}.${b64url(JSON.stringify({ ...claims, sub: randomUUID(), role: 'admin', vendorId: null }))}.${signature}`,
      expired: signJwt({ ...claims, iat: now - 7200, exp: now - 60 }, secret),
      foreign: signJwt(claims, randomBytes(32).toString('hex')),
      'alg-none': `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.`,
      'other-audience': signJwt({ ...claims, aud: 'another-service' }, secret),
      'no-expiry': signJwt(Object.fromEntries(Object.entries(claims).filter(([k]) => k !== 'exp')), secret),
      garbage: 'not-a-token',
    },
  };
}
