import { ALL, AlertRepository } from '@rapport/db';
import { TestDatabase } from '../support/databases';

describe('AlertRepository', () => {
  let db: TestDatabase;
  let alerts: AlertRepository;

  beforeAll(async () => {
    db = await TestDatabase.open();
    alerts = db.get(AlertRepository);
  });
  afterAll(() => db.close());

  const stored = (contractId: string) =>
    db.sql.rows<{ kind: string; severity: string; message: string }>(
      `SELECT kind, severity, message FROM "Alert" WHERE "contractId" = $1 ORDER BY "raisedAt"`,
      [contractId],
    );

  it("creates an alert and answers it as clients see it, with its contract's vendor", async () => {
    const contract = await db.newContract();
    const alert = await alerts.create({ contractId: contract.id, kind: 'band_change', severity: 'warning', message: 'moved to at risk' });

    expect(alert).toEqual({
      id: expect.any(String),
      contractId: contract.id,
      vendorId: contract.vendorId,
      kind: 'band_change',
      severity: 'warning',
      message: 'moved to at risk',
      raisedAt: expect.any(String),
    });
    expect(await stored(contract.id)).toEqual([{ kind: 'band_change', severity: 'warning', message: 'moved to at risk' }]);
  });

  it('raises an alert with a dedupe key once, however often it is created', async () => {
    const contract = await db.newContract();
    const breach = {
      contractId: contract.id,
      kind: 'sla_breach' as const,
      severity: 'critical' as const,
      message: 'P1 ticket T1 breached its first-response target',
      dedupeKey: `sla:${contract.id}:T1:first-response:2026-03-02T09:15:00.000Z`,
    };

    const first = await alerts.create(breach);
    const repeats = await Promise.all([alerts.create(breach), alerts.create(breach), alerts.create(breach)]);

    expect(first).toMatchObject({ kind: 'sla_breach', contractId: contract.id });
    expect(repeats).toEqual([null, null, null]);
    expect(await stored(contract.id)).toHaveLength(1);
  });

  it('raises alerts without a dedupe key every time', async () => {
    const contract = await db.newContract();
    const drop = { contractId: contract.id, kind: 'sharp_drop' as const, severity: 'warning' as const, message: 'dropped 12 points' };
    await alerts.create(drop);
    await alerts.create(drop);
    expect(await stored(contract.id)).toHaveLength(2);
  });

  it("lists a vendor's alerts to that vendor only", async () => {
    const [mine, theirs] = [await db.newContract(), await db.newContract()];
    const raised = await alerts.create({ contractId: mine.id, kind: 'sharp_drop', severity: 'warning', message: 'dropped 15 points' });
    await alerts.create({ contractId: theirs.id, kind: 'sharp_drop', severity: 'warning', message: 'dropped 11 points' });

    expect(await alerts.list({ kind: 'vendor', vendorId: mine.vendorId })).toEqual([raised]);
    expect((await alerts.list(ALL, 1000)).map((a) => a.contractId)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(await alerts.find(raised!.id)).toEqual(raised);
  });
});
