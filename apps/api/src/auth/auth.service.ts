import { ForbiddenException, Inject, Injectable, Logger, OnApplicationBootstrap, UnauthorizedException } from '@nestjs/common';
import { APP_CONFIG, AppConfig, durationMs } from '@rapport/config';
import { UserRepository, UserRow } from '@rapport/db';
import { AuditService } from '../security/audit.service';
import { hashPassword, verifyPassword } from './password-hasher';
import type { Principal } from './principal';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

// Compared against when the e-mail is unknown, so both failures take the same time.
const DUMMY_HASH = hashPassword('rapport-timing-equaliser');

export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
}

/** The user as they may see themselves: never a password hash. */
export type UserView = Pick<UserRow, 'id' | 'email' | 'role' | 'vendorId' | 'createdAt'>;
export const userView = ({ id, email, role, vendorId, createdAt }: UserRow): UserView => ({ id, email, role, vendorId, createdAt });

const principalOf = (user: UserRow): Principal => ({ userId: user.id, role: user.role, vendorId: user.vendorId });

/** Sign-in, sessions and passwords; every outcome worth knowing lands in the audit log. */
@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, ip: string | null): Promise<TokenPair> {
    const user = await this.users.findCredentials(email);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH));
    if (!user || !valid) {
      await this.audit.record({
        action: 'auth.login.failure',
        actorId: user?.id ?? null,
        actorEmail: email.toLowerCase(),
        ip,
        details: { reason: user ? 'wrong password' : 'unknown e-mail' },
      });
      throw new UnauthorizedException('wrong e-mail or password');
    }
    await this.audit.record({ action: 'auth.login.success', actorId: user.id, actorEmail: user.email, ip });
    const session = await this.sessions.start(user.id);
    return this.pair(user, session);
  }

  async refresh(refreshToken: string, ip: string | null): Promise<TokenPair> {
    const result = await this.sessions.rotate(refreshToken);
    if (result.kind === 'invalid') throw new UnauthorizedException('invalid or expired refresh token');
    if (result.kind === 'reused') {
      await this.audit.record({ action: 'auth.refresh.reuse', actorId: result.userId, ip, details: { revokedSessions: result.revoked } });
      this.logger.warn(`a rotated refresh token of user ${result.userId} was used again: all of their sessions were revoked`);
      throw new UnauthorizedException('invalid or expired refresh token');
    }
    const user = await this.users.find(result.userId);
    if (!user) {
      await this.sessions.endAll(result.userId);
      throw new UnauthorizedException('invalid or expired refresh token');
    }
    return this.pair(user, result);
  }

  async logout(refreshToken: string, ip: string | null): Promise<void> {
    const ended = await this.sessions.end(refreshToken);
    if (!ended) throw new UnauthorizedException('invalid refresh token');
    await this.audit.record({ action: 'auth.logout', actorId: ended.userId, ip });
  }

  /** Needs the current password; ends every session (other devices sign in again). */
  async changePassword(who: Principal, current: string, next: string, ip: string | null): Promise<void> {
    const user = await this.users.find(who.userId);
    const credentials = user && (await this.users.findCredentials(user.email));
    if (!credentials) throw new UnauthorizedException('a valid access token is required');
    if (!(await verifyPassword(current, credentials.passwordHash))) {
      await this.audit.record({ action: 'auth.password.failure', actorId: user.id, actorEmail: user.email, ip });
      throw new ForbiddenException('the current password is wrong');
    }
    await this.users.update(user.id, { passwordHash: await hashPassword(next) });
    const revoked = await this.sessions.endAll(user.id);
    await this.audit.record({
      action: 'auth.password.change',
      actorId: user.id,
      actorEmail: user.email,
      ip,
      details: { revokedSessions: revoked },
    });
  }

  async me(who: Principal): Promise<UserView> {
    const user = await this.users.find(who.userId);
    if (!user) throw new UnauthorizedException('a valid access token is required');
    return userView(user);
  }

  /** First start: create the admin named by ADMIN_EMAIL / ADMIN_PASSWORD if no user has that e-mail. */
  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) return;
    if (await this.users.findCredentials(email)) return;
    const admin = await this.users.create({ email, passwordHash: await hashPassword(password), role: 'admin' });
    await this.audit.record({ action: 'auth.bootstrap-admin', actorEmail: admin.email, target: admin.id });
    this.logger.log(`created the first admin ${email}`);
  }

  private async pair(user: UserRow, session: { refreshToken: string; expiresAt: Date }): Promise<TokenPair> {
    return {
      accessToken: await this.tokens.sign(principalOf(user)),
      tokenType: 'Bearer',
      expiresIn: Math.floor(durationMs(this.config.ACCESS_TOKEN_TTL) / 1000),
      refreshToken: session.refreshToken,
      refreshExpiresAt: session.expiresAt.toISOString(),
    };
  }
}
