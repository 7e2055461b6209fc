import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { Principal, Role } from './principal';

interface AccessClaims {
  sub: string;
  role: Role;
  vendorId: string | null;
  typ: 'access';
  exp?: number;
}

const ROLES: readonly Role[] = ['admin', 'manager', 'vendor'];
/** Issuer and audience pin a token to this API, so no other HS256 token with the same secret passes. */
export const TOKEN_ISSUER = 'rapport';
export const TOKEN_AUDIENCE = 'rapport-api';

export interface VerifiedAccess {
  principal: Principal;
  expiresAt: Date;
}

/** Signs and verifies access tokens; shared by HTTP guards and the socket gateway. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  sign(principal: Principal): Promise<string> {
    const claims: AccessClaims = { sub: principal.userId, role: principal.role, vendorId: principal.vendorId, typ: 'access' };
    return this.jwt.signAsync(claims, {
      secret: this.config.AUTH_SECRET,
      expiresIn: this.config.ACCESS_TOKEN_TTL as never,
      algorithm: 'HS256',
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
    });
  }

  /** The principal behind a token, or null for a missing, tampered, foreign or expired one. */
  async verify(token: string | undefined): Promise<Principal | null> {
    return (await this.verifyAccess(token))?.principal ?? null;
  }

  async verifyAccess(token: string | undefined): Promise<VerifiedAccess | null> {
    if (!token) return null;
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token, {
        secret: this.config.AUTH_SECRET,
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
      if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !ROLES.includes(claims.role) || typeof claims.exp !== 'number') {
        return null;
      }
      const vendorId = typeof claims.vendorId === 'string' ? claims.vendorId : null;
      // A vendor user is always bound to a vendor; a token saying otherwise is not trusted.
      if (claims.role === 'vendor' && !vendorId) return null;
      return { principal: { userId: claims.sub, role: claims.role, vendorId }, expiresAt: new Date(claims.exp * 1000) };
    } catch {
      return null;
    }
  }
}
