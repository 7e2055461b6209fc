import type { AppConfig } from '@rapport/config';
import type { ContractRepository, IngestScope, IngestTokenRepository, VendorRepository } from '@rapport/db';
import { IngestTokenService } from './ingest-token.service';
import { sha256Hex } from '../access/opaque-token';

describe('IngestTokenService', () => {
  const configured = 'bootstrap-token-0123456789';
  const setup = () => {
    const store = new Map<string, { id: string; name: string; scope: IngestScope; revoked: boolean }>();
    const calls = { find: 0, touch: [] as string[], contractLookups: 0 };
    const repo = {
      create: (name: string, hash: string, scope: IngestScope) => {
        const row = { id: `id-${store.size + 1}`, name, scope, createdAt: new Date(), lastUsedAt: null, revokedAt: null };
        store.set(hash, { id: row.id, name, scope, revoked: false });
        return Promise.resolve(row);
      },
      findActiveByHash: (hash: string) => {
        calls.find += 1;
        const row = store.get(hash);
        return Promise.resolve(row && !row.revoked ? { id: row.id, name: row.name, scope: row.scope } : null);
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
    // Contracts c1, c2 of vendor v1; c3 of vendor v2.
    const vendorOf: Record<string, string> = { c1: 'v1', c2: 'v1', c3: 'v2' };
    const contracts = {
      findByIds: (ids: string[]) => {
        calls.contractLookups += 1;
        return Promise.resolve(ids.filter((id) => vendorOf[id]).map((id) => ({ id, vendorId: vendorOf[id] })));
      },
    };
    const vendors = { find: (_: unknown, id: string) => Promise.resolve(['v1', 'v2'].includes(id) ? { id } : null) };
    const service = new IngestTokenService(
      repo as unknown as IngestTokenRepository,
      contracts as unknown as ContractRepository,
      vendors as unknown as VendorRepository,
      { INGEST_TOKEN: configured } as AppConfig,
    );
    return { service, store, calls };
  };

  it('accepts the configured token without touching the database', async () => {
    const { service, calls } = setup();
    await expect(service.identify(configured)).resolves.toEqual({ key: 'config', name: 'INGEST_TOKEN', scope: { kind: 'all' } });
    await expect(service.identify(`${configured}x`)).resolves.toBeNull();
    expect(calls.touch).toEqual([]);
  });

  it('stores only the hash, caches valid tokens and records their use at most once a minute', async () => {
    const { service, store, calls } = setup();
    const { token, id } = await service.create('jira', { kind: 'vendor', vendorId: 'v1' });
    expect([...store.keys()]).toEqual([sha256Hex(token)]);
    const t0 = 1_000_000;
    await expect(service.identify(token, t0)).resolves.toEqual({ key: id, name: 'jira', scope: { kind: 'vendor', vendorId: 'v1' } });
    await service.identify(token, t0 + 10_000);
    expect(calls.find).toBe(1);
    expect(calls.touch).toEqual([id]);
    await service.identify(token, t0 + 61_000);
    expect(calls.find).toBe(2);
    expect(calls.touch).toEqual([id, id]);
  });

  it('forgets a revoked token at once', async () => {
    const { service } = setup();
    const { token, id } = await service.create('github', { kind: 'all' });
    await service.identify(token);
    await service.revoke(id);
    await expect(service.identify(token)).resolves.toBeNull();
  });

  it('refuses a scope naming a vendor or contract that does not exist', async () => {
    const { service, store } = setup();
    await expect(service.create('x', { kind: 'vendor', vendorId: 'v9' })).rejects.toThrow(/no vendor v9/);
    await expect(service.create('x', { kind: 'contracts', contractIds: ['c1', 'c9'] })).rejects.toThrow(/no contract c9/);
    expect(store.size).toBe(0);
  });

  it("names the events outside a token's scope, by index", async () => {
    const { service, calls } = setup();
    const batch = ['c1', 'c3', 'c2', 'c9'].map((contractId, index) => ({ index, contractId }));
    await expect(service.outOfScope({ kind: 'all' }, batch)).resolves.toEqual([]);
    await expect(service.outOfScope({ kind: 'contracts', contractIds: ['c1', 'c2'] }, batch)).resolves.toEqual([
      { index: 1, contractId: 'c3' },
      { index: 3, contractId: 'c9' },
    ]);
    // A vendor's token covers that vendor's contracts only; an unknown contract is never covered.
    await expect(service.outOfScope({ kind: 'vendor', vendorId: 'v1' }, batch)).resolves.toEqual([
      { index: 1, contractId: 'c3' },
      { index: 3, contractId: 'c9' },
    ]);
    await expect(service.outOfScope({ kind: 'vendor', vendorId: 'v2' }, batch)).resolves.toEqual([
      { index: 0, contractId: 'c1' },
      { index: 2, contractId: 'c2' },
      { index: 3, contractId: 'c9' },
    ]);
    // Known contracts' vendors are remembered; only the unknown one is looked up again.
    expect(calls.contractLookups).toBe(2);
  });
});
