import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, durationMs } from '@rapport/config';
import { RefreshTokenRepository } from '@rapport/db';
import { newOpaqueToken, sha256Hex } from '../access/opaque-token';

export const REFRESH_TOKEN_PREFIX = 'rpt_rt';

export type RotateResult =
  | { kind: 'rotated'; userId: string; refreshToken: string; expiresAt: Date }
  | { kind: 'reused'; userId: string; revoked: number }
  | { kind: 'invalid' };

/**
 * Refresh tokens: random, stored as SHA-256, single use. Each use rotates the token; the new
 * one keeps the session's original expiry (REFRESH_TOKEN_TTL from sign-in). Presenting a token
 * that was already rotated or revoked means it was copied: every session of its user ends.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly tokens: RefreshTokenRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(userId: string, now = new Date()): Promise<{ refreshToken: string; expiresAt: Date }> {
    await this.tokens.pruneExpired(userId, now);
    const { token, hash } = newOpaqueToken(REFRESH_TOKEN_PREFIX);
    const expiresAt = new Date(now.getTime() + durationMs(this.config.REFRESH_TOKEN_TTL));
    await this.tokens.create({ userId, tokenHash: hash, expiresAt });
    return { refreshToken: token, expiresAt };
  }

  async rotate(refreshToken: string, now = new Date()): Promise<RotateResult> {
    const row = await this.tokens.findByHash(sha256Hex(refreshToken));
    if (!row || row.expiresAt <= now) return { kind: 'invalid' };
    if (row.revokedAt) return { kind: 'reused', userId: row.userId, revoked: await this.tokens.revokeAllOfUser(row.userId) };
    const next = newOpaqueToken(REFRESH_TOKEN_PREFIX);
    const rotated = await this.tokens.rotate(row.id, { userId: row.userId, tokenHash: next.hash, expiresAt: row.expiresAt });
    // Lost a race with another use of the same token: that is a reuse too.
    if (!rotated) return { kind: 'reused', userId: row.userId, revoked: await this.tokens.revokeAllOfUser(row.userId) };
    return { kind: 'rotated', userId: row.userId, refreshToken: next.token, expiresAt: row.expiresAt };
  }

  /** Ends the session of one refresh token; null when the token is unknown. */
  async end(refreshToken: string): Promise<{ userId: string } | null> {
    const row = await this.tokens.findByHash(sha256Hex(refreshToken));
    if (!row) return null;
    await this.tokens.revoke(row.id);
    return { userId: row.userId };
  }

  endAll(userId: string): Promise<number> {
    return this.tokens.revokeAllOfUser(userId);
  }
}
