import { PrismaService } from '@rapport/db';
import { randomUUID } from 'node:crypto';
import { RapportHarness } from '../support/rapport-harness';
import { rating, sendEvents, storedEvents } from '../support/security-events';
import { buildWorld, World } from '../support/security-world';

interface TokenView {
  id: string;
  token?: string;
  name: string;
  scope: { kind: string; vendorId?: string; contractIds?: string[] };
}

/** Ingest tokens are bound to a vendor or to named contracts; duplicates are per contract (issue 14, finding 1). */
describe('ingest token scopes', () => {
  let rapport: RapportHarness;
  let world: World;
  const saved = process.env.LOG_LEVEL;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'error';
    rapport = await RapportHarness.start();
    world = await buildWorld(rapport);
  });

  afterAll(async () => {
    await rapport?.stop();
    process.env.LOG_LEVEL = saved;
  });

  const createToken = (body: Record<string, unknown>) =>
    rapport.request<TokenView & { errors?: string[]; message?: string }>('POST', '/api/v1/ingest-tokens', {
      token: world.admin.token,
      body,
    });

  it("refuses (403, naming each event) what a vendor's token sends for another vendor's contract, and stores none of the batch", async () => {
    const [a, b] = world.tenants;
    const source = `test://scope/${randomUUID()}`;
    // The attack of the review: 200 ratings of 1 for B's contract, sent with A's tool token.
    const attack = Array.from({ length: 200 }, (_, i) => rating(b.contractId, source, `attack-${i}`, 1));
    const refused = await sendEvents(rapport, a.ingestToken, attack);
    expect(refused.status).toBe(403);
    expect(refused.body.forbidden).toHaveLength(200);
    expect(refused.body.forbidden![0]).toEqual({ index: 0, contractId: b.contractId });
    expect(refused.body.message).toMatch(/^this ingest token may not write to the contract of event\(s\) 0, 1, 2/);

    // A mixed batch is refused whole: A's own event in it is not accepted either.
    const mixed = await sendEvents(rapport, a.ingestToken, [
      rating(a.contractId, source, 'own-1', 5),
      rating(b.contractId, source, 'foreign-1', 1),
    ]);
    expect(mixed.status).toBe(403);
    expect(mixed.body.forbidden).toEqual([{ index: 1, contractId: b.contractId }]);

    // Its own contract: accepted, and the pipeline stores exactly that one.
    const own = await sendEvents(rapport, a.ingestToken, [rating(a.contractId, source, 'own-2', 5)]);
    expect(own).toEqual({ status: 202, body: { accepted: 1 } });
    expect(await storedEvents(rapport, { contractId: a.contractId, source }, 1)).toBe(1);
    const prisma = rapport.api.get(PrismaService);
    expect(await prisma.storedEvent.count({ where: { contractId: b.contractId } })).toBe(0);
  });

  it('binds a token to named contracts only, and refuses an unknown contract to a vendor token', async () => {
    const [a, b] = world.tenants;
    const named = await createToken({ name: 'named', contractIds: [b.contractId] });
    expect(named.status).toBe(201);
    const source = `test://named/${randomUUID()}`;
    expect((await sendEvents(rapport, named.body.token!, [rating(b.contractId, source, 'n1', 4)])).status).toBe(202);
    expect((await sendEvents(rapport, named.body.token!, [rating(a.contractId, source, 'n2', 4)])).status).toBe(403);
    const unknown = randomUUID();
    const toUnknown = await sendEvents(rapport, a.ingestToken, [rating(unknown, source, 'n3', 4)]);
    expect(toUnknown.status).toBe(403);
    expect(toUnknown.body.forbidden).toEqual([{ index: 0, contractId: unknown }]);
    // Malformed events are still the validator's: 400 with its reasons, not 403.
    expect((await sendEvents(rapport, a.ingestToken, [{ contractid: 'not-a-uuid' }])).status).toBe(400);
  });

  it('creates admin-wide tokens only when asked to, and lists every scope', async () => {
    const [a, b] = world.tenants;
    for (const body of [
      { name: 'unscoped' },
      { name: 'two scopes', vendorId: a.vendorId, allContracts: true },
      { name: 'not true', allContracts: false },
      { name: 'no contracts', contractIds: [] },
      { name: 'ghost vendor', vendorId: randomUUID() },
      { name: 'ghost contract', contractIds: [a.contractId, randomUUID()] },
    ]) {
      const res = await createToken(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const wide = await createToken({ name: 'admin-wide', allContracts: true });
    expect(wide.status).toBe(201);
    const source = `test://wide/${randomUUID()}`;
    const both = [rating(a.contractId, source, 'w1', 3), rating(b.contractId, source, 'w2', 3)];
    expect((await sendEvents(rapport, wide.body.token!, both)).status).toBe(202);
    // The bootstrap INGEST_TOKEN is admin-wide too.
    expect((await sendEvents(rapport, process.env.INGEST_TOKEN!, [rating(b.contractId, source, 'w3', 3)])).status).toBe(202);

    const listed = (await rapport.request<TokenView[]>('GET', '/api/v1/ingest-tokens', { token: world.admin.token })).body;
    const scopeOf = (id: string) => listed.find((t) => t.id === id)?.scope;
    expect(scopeOf(wide.body.id)).toEqual({ kind: 'all' });
    expect(scopeOf(a.ingestTokenId)).toEqual({ kind: 'vendor', vendorId: a.vendorId });
    expect(listed.every((t) => ['all', 'vendor', 'contracts'].includes(t.scope.kind))).toBe(true);
  });

  it("keeps duplicates per contract: an event id claimed in one contract does not hide another contract's event", async () => {
    const [a, b] = world.tenants;
    const prisma = rapport.api.get(PrismaService);
    const source = `test://shadow/${randomUUID()}`;
    // A's tool claims the id B's tool will use next, in A's own contract (all it may write to).
    expect((await sendEvents(rapport, a.ingestToken, [rating(a.contractId, source, 'FB-1', 5)])).status).toBe(202);
    expect(await storedEvents(rapport, { contractId: a.contractId, source }, 1)).toBe(1);
    // B's event with the same source and id is still stored, in B's contract.
    expect((await sendEvents(rapport, b.ingestToken, [rating(b.contractId, source, 'FB-1', 2)])).status).toBe(202);
    expect(await storedEvents(rapport, { contractId: b.contractId, source }, 1)).toBe(1);
    const rows = await prisma.storedEvent.findMany({ where: { source, id: 'FB-1' }, select: { contractId: true } });
    expect(rows.map((r) => r.contractId).sort()).toEqual([a.contractId, b.contractId].sort());
    // Within one contract a duplicate is still a duplicate.
    expect((await sendEvents(rapport, b.ingestToken, [rating(b.contractId, source, 'FB-1', 2)])).status).toBe(202);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await prisma.storedEvent.count({ where: { contractId: b.contractId, source } })).toBe(1);
  });
});
