import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { Principal, Role } from '../access/principal';
import { SessionVersionService } from './session-version.service';

interface AccessClaims {
  sub: string;
  role: Role;
  vendorId: string | null;
  typ: 'access';
  /** The user's session version when the token was signed. */
  sv: number;
  exp?: number;
}

const ROLES: readonly Role[] = ['admin', 'manager', 'vendor'];
/** Issuer and audience pin a token to this API, so no other HS256 token with the same secret passes. */
export const TOKEN_ISSUER = 'rapport';
export const TOKEN_AUDIENCE = 'rapport-api';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface VerifiedAccess {
  principal: Principal;
  expiresAt: Date;
  sessionVersion: number;
}

/**
 * Signs and verifies access tokens; shared by HTTP guards and the socket gateway. A token is
 * valid while its signature, claims and expiry hold and its session version is still its user's.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly versions: SessionVersionService,
  ) {}

  sign(principal: Principal, sessionVersion: number): Promise<string> {
    const claims: AccessClaims = {
      sub: principal.userId,
      role: principal.role,
      vendorId: principal.vendorId,
      typ: 'access',
      sv: sessionVersion,
    };
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
    const access = await this.verifySignature(token);
    // After the signature, so only genuine tokens cost a lookup; a database fault is a fault, not a 401.
    if (!access || (await this.versions.current(access.principal.userId)) !== access.sessionVersion) return null;
    return access;
  }

  private async verifySignature(token: string | undefined): Promise<VerifiedAccess | null> {
    if (!token) return null;
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token, {
        secret: this.config.AUTH_SECRET,
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
      if (
        claims.typ !== 'access' ||
        typeof claims.sub !== 'string' ||
        !UUID.test(claims.sub) ||
        !ROLES.includes(claims.role) ||
        typeof claims.exp !== 'number' ||
        !Number.isInteger(claims.sv)
      ) {
        return null;
      }
      const vendorId = typeof claims.vendorId === 'string' ? claims.vendorId : null;
      // A vendor user is always bound to a vendor; a token saying otherwise is not trusted.
      if (claims.role === 'vendor' && !vendorId) return null;
      return {
        principal: { userId: claims.sub, role: claims.role, vendorId },
        expiresAt: new Date(claims.exp * 1000),
        sessionVersion: claims.sv,
      };
    } catch {
      return null;
    }
  }
}
