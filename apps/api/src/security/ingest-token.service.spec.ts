import type { AppConfig } from '@rapport/config';
import type { IngestTokenRepository } from '@rapport/db';
import { IngestTokenService } from './ingest-token.service';
import { sha256Hex } from './opaque-token';

describe('IngestTokenService', () => {
  const configured = 'bootstrap-token-0123456789';
  const setup = () => {
    const store = new Map<string, { id: string; name: string; revoked: boolean }>();
    const calls = { find: 0, touch: [] as string[] };
    const repo = {
      create: (name: string, hash: string) => {
        const row = { id: `id-${store.size + 1}`, name, createdAt: new Date(), lastUsedAt: null, revokedAt: null };
        store.set(hash, { id: row.id, name, revoked: false });
        return Promise.resolve(row);
      },
      findActiveByHash: (hash: string) => {
        calls.find += 1;
        const row = store.get(hash);
        return Promise.resolve(row && !row.revoked ? { id: row.id, name: row.name } : null);
      },
      revoke: (id: string) => {
        for (const row of store.values()) if (row.id === id) row.revoked = true;
        return Promise.resolve({ id });
      },
      touch: (id: string) => {
        calls.touch.push(id);
        return Promise.resolve();
      },
    };
    const service = new IngestTokenService(repo as unknown as IngestTokenRepository, { INGEST_TOKEN: configured } as AppConfig);
    return { service, store, calls };
  };

  it('accepts the configured token without touching the database', async () => {
    const { service, calls } = setup();
    await expect(service.identify(configured)).resolves.toEqual({ key: 'config', name: 'INGEST_TOKEN' });
    await expect(service.identify(`${configured}x`)).resolves.toBeNull();
    expect(calls.touch).toEqual([]);
  });

  it('stores only the hash, caches valid tokens and records their use at most once a minute', async () => {
    const { service, store, calls } = setup();
    const { token, id } = await service.create('jira');
    expect([...store.keys()]).toEqual([sha256Hex(token)]);
    const t0 = 1_000_000;
    await expect(service.identify(token, t0)).resolves.toEqual({ key: id, name: 'jira' });
    await service.identify(token, t0 + 10_000);
    expect(calls.find).toBe(1);
    expect(calls.touch).toEqual([id]);
    await service.identify(token, t0 + 61_000);
    expect(calls.find).toBe(2);
    expect(calls.touch).toEqual([id, id]);
  });

  it('forgets a revoked token at once', async () => {
    const { service } = setup();
    const { token, id } = await service.create('github');
    await service.identify(token);
    await service.revoke(id);
    await expect(service.identify(token)).resolves.toBeNull();
  });
});
