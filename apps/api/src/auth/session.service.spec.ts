import type { AppConfig } from '@rapport/config';
import type { RefreshTokenRepository, RefreshTokenRow } from '@rapport/db';
import { sha256Hex } from '../access/opaque-token';
import { SessionService } from './session.service';

/** An in-memory RefreshTokenRepository with the same semantics as the Prisma one. */
function memoryTokens() {
  const rows: (RefreshTokenRow & { tokenHash: string })[] = [];
  let next = 0;
  const repo = {
    create: (input: { userId: string; tokenHash: string; expiresAt: Date }) => {
      const row = { ...input, id: `t${++next}`, createdAt: new Date(), revokedAt: null };
      rows.push(row);
      return Promise.resolve(row);
    },
    findByHash: (hash: string) => Promise.resolve(rows.find((r) => r.tokenHash === hash) ?? null),
    rotate: (oldId: string, input: { userId: string; tokenHash: string; expiresAt: Date }) => {
      const old = rows.find((r) => r.id === oldId && !r.revokedAt);
      if (!old) return Promise.resolve(false);
      old.revokedAt = new Date();
      return repo.create(input).then(() => true);
    },
    revoke: (id: string) => {
      const row = rows.find((r) => r.id === id && !r.revokedAt);
      if (row) row.revokedAt = new Date();
      return Promise.resolve();
    },
    revokeAllOfUser: (userId: string) => {
      const live = rows.filter((r) => r.userId === userId && !r.revokedAt);
      live.forEach((r) => (r.revokedAt = new Date()));
      return Promise.resolve(live.length);
    },
    pruneExpired: () => Promise.resolve(),
  };
  return { repo: repo as unknown as RefreshTokenRepository, rows };
}

describe('SessionService', () => {
  const config = { REFRESH_TOKEN_TTL: '7d' } as AppConfig;

  it('rotates a token, keeping the session expiry, and stores only hashes', async () => {
    const { repo, rows } = memoryTokens();
    const sessions = new SessionService(repo, config);
    const now = new Date('2026-03-01T00:00:00Z');
    const start = await sessions.start('u1', now);
    expect(start.expiresAt.toISOString()).toBe('2026-03-08T00:00:00.000Z');
    const rotated = await sessions.rotate(start.refreshToken, new Date('2026-03-02T00:00:00Z'));
    expect(rotated).toMatchObject({ kind: 'rotated', userId: 'u1', expiresAt: start.expiresAt });
    expect(rows.map((r) => r.tokenHash)).toEqual([
      sha256Hex(start.refreshToken),
      sha256Hex((rotated as { refreshToken: string }).refreshToken),
    ]);
  });

  it('treats a second use of a token as theft and ends every session of the user', async () => {
    const { repo } = memoryTokens();
    const sessions = new SessionService(repo, config);
    const first = await sessions.start('u1');
    const other = await sessions.start('u1');
    const rotated = await sessions.rotate(first.refreshToken);
    expect(rotated.kind).toBe('rotated');
    await expect(sessions.rotate(first.refreshToken)).resolves.toEqual({ kind: 'reused', userId: 'u1', revoked: 2 });
    await expect(sessions.rotate(other.refreshToken)).resolves.toMatchObject({ kind: 'reused' });
    await expect(sessions.rotate((rotated as { refreshToken: string }).refreshToken)).resolves.toMatchObject({ kind: 'reused' });
  });

  it('refuses unknown and expired tokens', async () => {
    const { repo } = memoryTokens();
    const sessions = new SessionService(repo, config);
    const start = await sessions.start('u1', new Date('2026-03-01T00:00:00Z'));
    await expect(sessions.rotate('rpt_rt_unknown')).resolves.toEqual({ kind: 'invalid' });
    await expect(sessions.rotate(start.refreshToken, new Date('2026-03-09T00:00:00Z'))).resolves.toEqual({ kind: 'invalid' });
  });
});
