import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

export interface RefreshTokenRow {
  id: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
  revokedAt: Date | null;
}

const select = { id: true, userId: true, expiresAt: true, createdAt: true, revokedAt: true } as const;

/** Refresh tokens of signed-in sessions, stored as SHA-256 hashes (hex); rotated on every use. */
@Injectable()
export class RefreshTokenRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(input: { userId: string; tokenHash: string; expiresAt: Date }): Promise<RefreshTokenRow> {
    return this.prisma.refreshToken.create({ data: input, select });
  }

  findByHash(tokenHash: string): Promise<RefreshTokenRow | null> {
    return this.prisma.refreshToken.findUnique({ where: { tokenHash }, select });
  }

  /**
   * Replaces a live token by a new one in one transaction. False when the old token was
   * already revoked (by a concurrent rotation, a logout or a reuse), and then nothing changes.
   */
  rotate(oldId: string, next: { userId: string; tokenHash: string; expiresAt: Date }): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.refreshToken.updateMany({ where: { id: oldId, revokedAt: null }, data: { revokedAt: new Date() } });
      if (count !== 1) return false;
      await tx.refreshToken.create({ data: next });
      return true;
    });
  }

  async revoke(id: string): Promise<void> {
    await this.prisma.refreshToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  /** Ends every session of a user; returns how many live tokens were revoked. */
  async revokeAllOfUser(userId: string): Promise<number> {
    const { count } = await this.prisma.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    return count;
  }

  /** Drops a user's tokens that expired before `before` (they only matter for reuse detection until then). */
  async pruneExpired(userId: string, before: Date): Promise<void> {
    await this.prisma.refreshToken.deleteMany({ where: { userId, expiresAt: { lt: before } } });
  }
}
