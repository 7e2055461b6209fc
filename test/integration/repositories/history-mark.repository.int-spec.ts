import { HistoryMarkRepository } from '@rapport/db';
import { HOUR } from '../../support/fixtures';
import { TestDatabase } from '../support/databases';

const at = (hours: number) => new Date(Date.parse('2026-03-02T00:00:00Z') + hours * HOUR);
const LEASE_MS = 60_000;

describe('HistoryMarkRepository', () => {
  let db: TestDatabase;
  let marks: HistoryMarkRepository;

  beforeAll(async () => {
    db = await TestDatabase.open();
    marks = db.get(HistoryMarkRepository);
  });
  afterAll(() => db.close());
  // A claim takes the earliest mark of the whole database: start each test with none left by other suites.
  beforeEach(() => db.sql.rows(`DELETE FROM "HistoryMark"`));

  const row = (contractId: string) =>
    db.sql.rows<{ dirtySince: Date | null; rebuildingSince: Date | null; claimed: boolean }>(
      `SELECT "dirtySince", "rebuildingSince", "claimedUntil" IS NOT NULL AS claimed FROM "HistoryMark" WHERE "contractId" = $1`,
      [contractId],
    );

  it('keeps the earliest time per contract', async () => {
    const [a, b] = [await db.newContract(), await db.newContract()];
    await marks.mark([{ contractId: a.id, since: at(5) }]);
    await marks.mark([
      { contractId: a.id, since: at(2) },
      { contractId: b.id, since: at(7) },
    ]);
    await marks.mark([{ contractId: a.id, since: at(4) }]);

    expect(await row(a.id)).toEqual([{ dirtySince: at(2), rebuildingSince: null, claimed: false }]);
    expect(await marks.pending()).toEqual([
      { contractId: a.id, since: at(2) },
      { contractId: b.id, since: at(7) },
    ]);
  });

  it('hands a mark to one claimer at a time, earliest first, and clears it once settled', async () => {
    const [a, b] = [await db.newContract(), await db.newContract()];
    await marks.mark([
      { contractId: a.id, since: at(6) },
      { contractId: b.id, since: at(3) },
    ]);

    const first = await marks.claim(LEASE_MS);
    expect(first).toEqual({ contractId: b.id, since: at(3), claim: expect.any(String) });
    expect(await marks.claim(LEASE_MS)).toEqual({ contractId: a.id, since: at(6), claim: expect.any(String) });
    expect(await marks.claim(LEASE_MS)).toBeNull();
    expect(await row(b.id)).toEqual([{ dirtySince: null, rebuildingSince: at(3), claimed: true }]);

    await marks.settle(first!);
    expect(await row(b.id)).toEqual([]);
    expect(await marks.pending()).toEqual([{ contractId: a.id, since: at(6) }]);
  });

  it('keeps a mark that arrived during the rebuild, earlier or later, unclaimed for the next rebuild', async () => {
    const [a, b] = [await db.newContract(), await db.newContract()];
    await marks.mark([
      { contractId: a.id, since: at(5) },
      { contractId: b.id, since: at(5) },
    ]);
    const claims = [await marks.claim(LEASE_MS), await marks.claim(LEASE_MS)];
    // The rebuild read its facts before these events were stored: both hours need another rebuild.
    await marks.mark([
      { contractId: a.id, since: at(1) },
      { contractId: b.id, since: at(9) },
    ]);

    for (const claim of claims) await marks.settle(claim!);

    expect(await row(a.id)).toEqual([{ dirtySince: at(1), rebuildingSince: null, claimed: false }]);
    expect(await row(b.id)).toEqual([{ dirtySince: at(9), rebuildingSince: null, claimed: false }]);
  });

  it('gives a released or expired claim back from where its rebuild got to', async () => {
    const [a, b] = [await db.newContract(), await db.newContract()];
    await marks.mark([
      { contractId: a.id, since: at(0) },
      { contractId: b.id, since: at(1) },
    ]);
    const [claimA, claimB] = [(await marks.claim(LEASE_MS))!, (await marks.claim(LEASE_MS))!];
    expect(await marks.progress(claimA, at(24), LEASE_MS)).toBe(true);
    expect(await marks.progress(claimB, at(48), LEASE_MS)).toBe(true);

    await marks.release(claimA); // a rebuild that failed or stopped
    // b's worker died: its lease runs out.
    await db.sql.rows(`UPDATE "HistoryMark" SET "claimedUntil" = '2000-01-01' WHERE "contractId" = $1`, [b.id]);

    expect(await row(a.id)).toEqual([{ dirtySince: at(24), rebuildingSince: null, claimed: false }]);
    expect(await marks.claim(LEASE_MS)).toEqual({ contractId: a.id, since: at(24), claim: expect.any(String) });
    expect(await marks.claim(LEASE_MS)).toEqual({ contractId: b.id, since: at(48), claim: expect.any(String) });
  });

  it('lets a worker whose claim was taken over neither move, settle nor release its successor’s claim', async () => {
    const a = await db.newContract();
    await marks.mark([{ contractId: a.id, since: at(0) }]);
    const stale = (await marks.claim(LEASE_MS))!;
    // The first worker stalls past its lease; another takes the mark over.
    await db.sql.rows(`UPDATE "HistoryMark" SET "claimedUntil" = '2000-01-01' WHERE "contractId" = $1`, [a.id]);
    const current = (await marks.claim(LEASE_MS))!;
    expect(current.claim).not.toBe(stale.claim);

    expect(await marks.progress(stale, at(72), LEASE_MS)).toBe(false);
    await marks.settle(stale);
    await marks.release(stale);
    expect(await row(a.id)).toEqual([{ dirtySince: null, rebuildingSince: at(0), claimed: true }]);

    expect(await marks.progress(current, at(24), LEASE_MS)).toBe(true);
    await marks.settle(current);
    expect(await row(a.id)).toEqual([]);
  });
});
