import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import type { Role } from '../generated/prisma/enums';
import { PrismaService } from '../prisma.service';
import { SqlDatabase } from '../sql/sql-database';

export interface AccountChange {
  email?: string;
  passwordHash?: string;
  role?: Role;
  vendorId?: string | null;
}

export type AccountChangeResult = { kind: 'changed'; sessionsEnded: boolean } | { kind: 'missing' } | { kind: 'last-admin' };

/**
 * Locks every admin row until the transaction ends, in id order (so two such transactions never
 * deadlock): whoever comes second waits, then counts the admins the first one left.
 */
async function lockAdmins(tx: Prisma.TransactionClient): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE role = 'admin' ORDER BY id FOR UPDATE`;
  return rows.length;
}

/**
 * The rules of accounts that must hold under concurrency: the last admin is never deleted or
 * demoted (checked and applied in one transaction holding a lock on every admin row, so two
 * admins deleting each other at once leave one), and a session version that every access token carries, raised
 * whenever the user's tokens must stop working (with the refresh tokens revoked alongside).
 */
@Injectable()
export class AccountRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: SqlDatabase,
  ) {}

  /**
   * The current session version of each of these users that still exists. Typed SQL: every
   * authenticated request and every second of a connected socket asks (Prisma compiles each query).
   */
  async sessionVersions(userIds: string[]): Promise<Map<string, number>> {
    if (!userIds.length) return new Map();
    const rows = await this.sql.rows<{ id: string; sessionVersion: number }>(
      `SELECT id, "sessionVersion" FROM "User" WHERE id = ANY($1::uuid[])`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.id, r.sessionVersion]));
  }

  /** Ends every session of a user: their access tokens stop working and refresh tokens are revoked. */
  async endSessions(userId: string): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } }),
      this.prisma.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } }),
    ]);
  }

  /** Access tokens stop working; refresh tokens are left alone. */
  async raiseSessionVersion(userId: string): Promise<void> {
    await this.prisma.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  }

  /** Changes a user; a new password, role or vendor ends their sessions. A change leaving no admin is refused. */
  change(id: string, change: AccountChange): Promise<AccountChangeResult> {
    return this.prisma.$transaction(async (tx) => {
      const admins = await lockAdmins(tx);
      const user = await tx.user.findUnique({ where: { id }, select: { role: true, vendorId: true } });
      if (!user) return { kind: 'missing' };
      const demoted = user.role === 'admin' && change.role !== undefined && change.role !== 'admin';
      if (demoted && admins <= 1) return { kind: 'last-admin' };
      const endSessions =
        change.passwordHash !== undefined ||
        (change.role !== undefined && change.role !== user.role) ||
        (change.vendorId !== undefined && change.vendorId !== user.vendorId);
      await tx.user.update({
        where: { id },
        data: {
          ...change,
          ...(change.email ? { email: change.email.toLowerCase() } : {}),
          ...(change.passwordHash ? { failedLogins: 0, lockedUntil: null } : {}),
          ...(endSessions ? { sessionVersion: { increment: 1 } } : {}),
        },
      });
      if (endSessions) await tx.refreshToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
      return { kind: 'changed', sessionsEnded: endSessions };
    });
  }

  /** Deletes a user and revokes their refresh tokens, unless they are the last admin. */
  delete(id: string): Promise<AccountChangeResult> {
    return this.prisma.$transaction(async (tx) => {
      const admins = await lockAdmins(tx);
      const user = await tx.user.findUnique({ where: { id }, select: { role: true } });
      if (!user) return { kind: 'missing' };
      if (user.role === 'admin' && admins <= 1) return { kind: 'last-admin' };
      await tx.user.delete({ where: { id } });
      await tx.refreshToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
      return { kind: 'changed', sessionsEnded: true };
    });
  }

  /**
   * Counts a sign-in attempt for an account before its password is checked, so parallel
   * guesses cannot all slip in under the limit. Null for an unknown e-mail. While the account
   * is locked nothing is counted and `lockedUntil` says until when.
   */
  async reserveSignIn(email: string, now: Date): Promise<{ id: string; attempt: number; lockedUntil: Date | null } | null> {
    const where = { email: email.toLowerCase() };
    await this.prisma.user.updateMany({
      where: { ...where, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
      data: { failedLogins: { increment: 1 } },
    });
    const row = await this.prisma.user.findUnique({ where, select: { id: true, failedLogins: true, lockedUntil: true } });
    if (!row) return null;
    return { id: row.id, attempt: row.failedLogins, lockedUntil: row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null };
  }

  async signInSucceeded(id: string): Promise<void> {
    await this.prisma.user.updateMany({ where: { id }, data: { failedLogins: 0, lockedUntil: null } });
  }

  /** Locks the account if it has reached `threshold` failures; true for the one caller that locked it. */
  async lockIfReached(id: string, threshold: number, until: Date): Promise<boolean> {
    const { count } = await this.prisma.user.updateMany({
      where: { id, failedLogins: { gte: threshold } },
      data: { lockedUntil: until, failedLogins: 0 },
    });
    return count === 1;
  }
}
