import { ForbiddenException, Inject, Injectable, Logger, OnApplicationBootstrap, UnauthorizedException } from '@nestjs/common';
import { APP_CONFIG, AppConfig, durationMs } from '@rapport/config';
import { AccountRepository, UserRepository, UserRow } from '@rapport/db';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditService } from '../security/audit.service';
import { hashPassword, verifyPassword } from './password-hasher';
import type { Principal } from '../access/principal';
import { SessionVersionService } from './session-version.service';
import { SessionService } from './session.service';
import { AccountLockedException, signInDelayMs, UnknownAccountAttempts } from './sign-in-lockout';
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

/**
 * Sign-in, sessions and passwords; every outcome worth knowing lands in the audit log. Failed
 * sign-ins are counted per account whatever the address: after three, each attempt waits longer
 * (0.2 s doubling to 3.2 s); at LOGIN_LOCK_AFTER the account locks for LOGIN_LOCK_MINUTES (429).
 */
@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);
  private readonly unknownAccounts = new UnknownAccountAttempts();

  constructor(
    private readonly users: UserRepository,
    private readonly accounts: AccountRepository,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly versions: SessionVersionService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, ip: string | null): Promise<TokenPair> {
    const now = Date.now();
    const normalized = email.toLowerCase();
    // Counted before the password is checked, so parallel guesses cannot all slip under the limit.
    const reserved = (await this.accounts.reserveSignIn(normalized, new Date(now))) ?? this.unknownAccounts.reserve(normalized, now);
    if (reserved.lockedUntil) throw new AccountLockedException(Math.ceil((reserved.lockedUntil.getTime() - now) / 1000));
    await sleep(signInDelayMs(reserved.attempt));
    const user = await this.users.findCredentials(email);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH));
    if (!user || !valid) {
      await this.audit.record({
        action: 'auth.login.failure',
        actorId: user?.id ?? null,
        actorEmail: normalized,
        ip,
        details: { reason: user ? 'wrong password' : 'unknown e-mail', attempt: reserved.attempt },
      });
      await this.lockIfReached(user, normalized, reserved.attempt, ip);
      throw new UnauthorizedException('wrong e-mail or password');
    }
    await this.accounts.signInSucceeded(user.id);
    await this.audit.record({ action: 'auth.login.success', actorId: user.id, actorEmail: user.email, ip });
    const session = await this.sessions.start(user.id);
    return this.pair(user, session);
  }

  /** At the threshold the account (or unknown e-mail) locks; the one request that locked it writes the audit entry. */
  private async lockIfReached(user: UserRow | null, email: string, attempt: number, ip: string | null): Promise<void> {
    const { LOGIN_LOCK_AFTER: threshold, LOGIN_LOCK_MINUTES: minutes } = this.config;
    if (attempt < threshold) return;
    const until = new Date(Date.now() + minutes * 60_000);
    const locked = user
      ? await this.accounts.lockIfReached(user.id, threshold, until)
      : this.unknownAccounts.lockIfReached(email, threshold, until.getTime());
    if (!locked) return;
    await this.audit.record({
      action: 'auth.account.locked',
      actorId: user?.id ?? null,
      actorEmail: email,
      target: user?.id ?? null,
      ip,
      details: { failures: attempt, until: until.toISOString() },
    });
    this.logger.warn(`sign-in locked for ${minutes} min after ${attempt} failures: ${user ? `user ${user.id}` : 'an unknown e-mail'}`);
    throw new AccountLockedException(minutes * 60);
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

  /** Revokes the refresh token and ends the user's access tokens at once (other devices refresh theirs). */
  async logout(refreshToken: string, ip: string | null): Promise<void> {
    const ended = await this.sessions.end(refreshToken);
    if (!ended) throw new UnauthorizedException('invalid refresh token');
    await this.versions.endAccessTokens(ended.userId);
    await this.audit.record({ action: 'auth.logout', actorId: ended.userId, ip });
  }

  /** Needs the current password; ends every session, access tokens included (other devices sign in again). */
  async changePassword(who: Principal, current: string, next: string, ip: string | null): Promise<void> {
    const user = await this.users.find(who.userId);
    const credentials = user && (await this.users.findCredentials(user.email));
    if (!credentials) throw new UnauthorizedException('a valid access token is required');
    if (!(await verifyPassword(current, credentials.passwordHash))) {
      await this.audit.record({ action: 'auth.password.failure', actorId: user.id, actorEmail: user.email, ip });
      throw new ForbiddenException('the current password is wrong');
    }
    await this.accounts.change(user.id, { passwordHash: await hashPassword(next) });
    this.versions.changed(user.id);
    await this.audit.record({ action: 'auth.password.change', actorId: user.id, actorEmail: user.email, ip });
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
    const version = await this.versions.fresh(user.id);
    if (version === null) throw new UnauthorizedException('invalid or expired refresh token');
    return {
      accessToken: await this.tokens.sign(principalOf(user), version),
      tokenType: 'Bearer',
      expiresIn: Math.floor(durationMs(this.config.ACCESS_TOKEN_TTL) / 1000),
      refreshToken: session.refreshToken,
      refreshExpiresAt: session.expiresAt.toISOString(),
    };
  }
}
