import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { Principal, Role } from './principal';

interface AccessClaims {
  sub: string;
  role: Role;
  vendorId: string | null;
}

const ROLES: readonly Role[] = ['admin', 'manager', 'vendor'];

/** Signs and verifies access tokens; shared by HTTP guards and the socket gateway. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  sign(principal: Principal): Promise<string> {
    const claims: AccessClaims = { sub: principal.userId, role: principal.role, vendorId: principal.vendorId };
    return this.jwt.signAsync(claims, {
      secret: this.config.AUTH_SECRET,
      expiresIn: this.config.ACCESS_TOKEN_TTL as never,
      algorithm: 'HS256',
    });
  }

  /** The principal behind a token, or null for a missing, tampered or expired one. */
  async verify(token: string | undefined): Promise<Principal | null> {
    if (!token) return null;
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token, { secret: this.config.AUTH_SECRET, algorithms: ['HS256'] });
      if (!ROLES.includes(claims.role)) return null;
      return { userId: claims.sub, role: claims.role, vendorId: claims.vendorId ?? null };
    } catch {
      return null;
    }
  }
}
