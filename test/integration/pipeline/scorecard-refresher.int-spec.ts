import { ContractRow, ProjectionVersionRepository, SqlDatabase } from '@rapport/db';
import { ScorecardRefresher } from '../../../apps/pipeline/src/scoring/scorecard-refresher.service';
import { HOUR } from '../../support/fixtures';
import { PipelineUnderTest } from '../support/databases';

describe('ScorecardRefresher', () => {
  let pipeline: PipelineUnderTest;
  let refresher: ScorecardRefresher;

  beforeAll(async () => {
    pipeline = await PipelineUnderTest.open();
    refresher = pipeline.get(ScorecardRefresher);
  });
  afterAll(() => pipeline.close());

  /**
   * `count` ratings as the projections hold them, a day old; a contract with ratings only is scored
   * on satisfaction alone. Like every writer of projections, it moves the contract's version.
   */
  const rate = async (contract: ContractRow, count: number, csat: number, nps: number) => {
    await pipeline.get(SqlDatabase).transaction(async (tx) => {
      await pipeline.get(ProjectionVersionRepository).bump([contract.id], tx);
      for (let i = 0; i < count; i++) {
        await tx.rows(
          `INSERT INTO "Feedback" ("contractId", "feedbackId", at, csat, nps) VALUES ($1, gen_random_uuid()::text, $2, $3, $4)`,
          [contract.id, new Date(Date.now() - 24 * HOUR), csat, nps],
        );
      }
    });
  };
  const liveSnapshots = (contractId: string) =>
    pipeline.sql.rows<{ window: string; score: number; band: string }>(
      `SELECT "window", score, band FROM "ScoreSnapshot" WHERE "contractId" = $1 AND kind = 'live' ORDER BY at, "window"`,
      [contractId],
    );
  const alerts = (contractId: string) =>
    pipeline.sql.rows<{ kind: string; severity: string; message: string }>(
      `SELECT kind, severity, message FROM "Alert" WHERE "contractId" = $1 ORDER BY kind`,
      [contractId],
    );
  const published = (contractId: string) => pipeline.kafka.updates(contractId).map((m) => m.kind);

  it('keeps a history point per change of score and publishes the live scorecard on every refresh', async () => {
    const contract = await pipeline.newContract();
    await rate(contract, 2, 5, 10);
    await rate(contract, 1, 4, 9);

    await refresher.refresh([contract]);
    await refresher.refresh([contract]);

    // CSAT 3/3 and NPS +100 are at or above target: 100 in every window, kept once per window.
    expect(await liveSnapshots(contract.id)).toEqual(['30d', '7d', '90d'].map((window) => ({ window, score: 100, band: 'healthy' })));
    const updates = pipeline.kafka.updates(contract.id);
    expect(updates.map((m) => m.kind)).toEqual(['scorecard.updated', 'scorecard.updated']);
    expect(updates[1]).toMatchObject({ vendorId: contract.vendorId, scorecard: { window: '30d', score: 100, band: 'healthy' } });
    expect(await alerts(contract.id)).toEqual([]);
  });

  it('raises a band change and a sharp drop once when the score falls', async () => {
    const contract = await pipeline.newContract();
    await rate(contract, 3, 5, 10);
    await refresher.refresh([contract]);

    // Three more ratings of CSAT 1, NPS 0: CSAT 3/6 = 0.5, under the 0.6 floor → 0; NPS 3 − 3 = 0 → (0 + 20) / 70 = 28.57;
    // satisfaction (0 + 28.57) / 2 = 14.29: critical, 85.71 points down from 100.
    await rate(contract, 3, 1, 0);
    await refresher.refresh([contract]);
    await refresher.refresh([contract]);

    const label = `${contract.vendorName} / ${contract.name}`;
    expect(await alerts(contract.id)).toEqual([
      { kind: 'band_change', severity: 'critical', message: `${label} moved from healthy to critical (score 14.3)` },
      { kind: 'sharp_drop', severity: 'warning', message: `${label} dropped 85.7 points to 14.3` },
    ]);
    expect((await liveSnapshots(contract.id)).map((s) => s.score)).toEqual([100, 100, 100, 14.29, 14.29, 14.29]);
    expect(published(contract.id).filter((kind) => kind === 'scorecard.updated')).toHaveLength(3);
    const raised = pipeline.kafka.updates(contract.id).flatMap((m) => (m.kind === 'alert.raised' ? [m.alert.kind] : []));
    expect(raised.sort()).toEqual(['band_change', 'sharp_drop']);
  });

  it('refreshes several contracts at once, each on its own data', async () => {
    const [good, poor] = [await pipeline.newContract(), await pipeline.newContract()];
    await rate(good, 3, 5, 10);
    await rate(poor, 3, 1, 0);

    const { live } = await refresher.refresh([good, poor]);

    expect(live.map((v) => [v.contractId, v.score, v.band])).toEqual([
      [good.id, 100, 'healthy'],
      [poor.id, 0, 'critical'], // CSAT 0/3 and NPS −100: both measures clamp to 0
    ]);
    expect(published(good.id)).toEqual(['scorecard.updated']);
    expect(published(poor.id)).toEqual(['scorecard.updated']);
  });
});
