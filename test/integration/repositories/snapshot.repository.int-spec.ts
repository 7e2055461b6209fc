import { ALL, latestKey, SnapshotRepository } from '@rapport/db';
import { HOUR } from '../../support/fixtures';
import { TestDatabase } from '../support/databases';
import { scorecard } from '../support/scorecards';

const at = (hours: number) => new Date(Date.parse('2026-03-02T00:00:00Z') + hours * HOUR);

describe('SnapshotRepository', () => {
  let db: TestDatabase;
  let snapshots: SnapshotRepository;

  beforeAll(async () => {
    db = await TestDatabase.open();
    snapshots = db.get(SnapshotRepository);
  });
  afterAll(() => db.close());

  it('answers the newest live score and band of a window, or null before the first', async () => {
    const contract = await db.newContract();
    const latest = async (window: '7d' | '30d' | '90d') =>
      (await snapshots.latest([contract.id])).get(latestKey(contract.id, window)) ?? null;
    expect(await latest('30d')).toBeNull();

    await snapshots.saveLive([scorecard(contract, '30d', at(1), 80, 'healthy')]);
    await snapshots.saveLive([scorecard(contract, '30d', at(3), 62.5, 'at_risk')]);
    await snapshots.saveLive([scorecard(contract, '30d', at(2), 40, 'critical')]); // saved late, but older
    await snapshots.saveLive([scorecard(contract, '7d', at(4), null, null)]);

    expect(await latest('30d')).toEqual({ score: 62.5, band: 'at_risk' });
    expect(await latest('7d')).toEqual({ score: null, band: null });
    expect(await latest('90d')).toBeNull();
  });

  it('takes the one saved last when two live points share an instant', async () => {
    const contract = await db.newContract();
    await snapshots.saveLive([scorecard(contract, '30d', at(1), 70, 'at_risk')]);
    await snapshots.saveLive([scorecard(contract, '30d', at(1), 76, 'healthy')]);
    expect((await snapshots.latest([contract.id])).get(latestKey(contract.id, '30d'))).toEqual({ score: 76, band: 'healthy' });
  });

  it('keeps live points as score and band only, and the numbers of scorecards for hourly points', async () => {
    const contract = await db.newContract();
    await snapshots.saveLive([scorecard(contract, '30d', at(1), 80, 'healthy')]);
    const hourly = [at(0), at(1), at(2)].map((t, i) => scorecard(contract, '30d', t, 70 + i, 'at_risk'));
    await snapshots.replaceHourly(contract.id, at(0), at(2), hourly);

    const rows = await db.sql.rows<{ kind: string; score: number; hasBody: boolean }>(
      `SELECT kind, score, body IS NOT NULL AS "hasBody" FROM "ScoreSnapshot" WHERE "contractId" = $1 ORDER BY kind, at`,
      [contract.id],
    );
    expect(rows).toEqual([
      { kind: 'hourly', score: 70, hasBody: true },
      { kind: 'hourly', score: 71, hasBody: true },
      { kind: 'hourly', score: 72, hasBody: true },
      { kind: 'live', score: 80, hasBody: false },
    ]);
    expect(await snapshots.hourly(contract.id, '30d')).toEqual(
      hourly.map(({ contractId, window, at, score, band, dimensions, kpis }) => ({
        contractId,
        window,
        at,
        score,
        band,
        dimensions,
        kpis,
      })),
    );
  });

  it('replaces the hourly points of a range and leaves the others', async () => {
    const contract = await db.newContract();
    await snapshots.replaceHourly(
      contract.id,
      at(0),
      at(3),
      [0, 1, 2, 3].map((h) => scorecard(contract, '30d', at(h), 50, 'at_risk')),
    );
    await snapshots.replaceHourly(
      contract.id,
      at(1),
      at(2),
      [1, 2].map((h) => scorecard(contract, '30d', at(h), 90, 'healthy')),
    );

    expect((await snapshots.hourly(contract.id, '30d')).map((v) => [v.at, v.score])).toEqual([
      [at(0).toISOString(), 50],
      [at(1).toISOString(), 90],
      [at(2).toISOString(), 90],
      [at(3).toISOString(), 50],
    ]);
  });

  it('draws history from hourly points and ends with a newer live point', async () => {
    const contract = await db.newContract();
    await snapshots.replaceHourly(
      contract.id,
      at(0),
      at(2),
      [0, 1, 2].map((h) => scorecard(contract, '30d', at(h), 60 + h, 'at_risk')),
    );
    await snapshots.saveLive([scorecard(contract, '30d', at(2.5), 75, 'healthy')]);

    expect(await snapshots.history(ALL, contract.id, '30d', at(1), 10)).toEqual([
      { at: at(1).toISOString(), score: 61, band: 'at_risk' },
      { at: at(2).toISOString(), score: 62, band: 'at_risk' },
      { at: at(2.5).toISOString(), score: 75, band: 'healthy' },
    ]);
    expect(await snapshots.history({ kind: 'vendor', vendorId: await db.newVendor() }, contract.id, '30d', at(0), 10)).toEqual([]);
  });
});
