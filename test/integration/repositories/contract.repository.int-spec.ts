import { ALL, ContractRepository } from '@rapport/db';
import { STANDARD_SLA } from '../../support/fixtures';
import { TestDatabase } from '../support/databases';

describe('ContractRepository', () => {
  let db: TestDatabase;
  let contracts: ContractRepository;

  beforeAll(async () => {
    db = await TestDatabase.open();
    contracts = db.get(ContractRepository);
  });
  afterAll(() => db.close());

  const office = [{ start: '09:00', end: '17:00' }];
  const calendar = {
    timeZone: 'Europe/Paris',
    weeklyHours: { '1': office, '2': office, '3': office, '4': office, '5': office, '6': [], '7': [] },
    holidays: ['2026-05-01'],
  };

  it('creates a contract with its policy and reads it back with its vendor name', async () => {
    const vendorId = await db.newVendor();
    const created = await contracts.create({
      vendorId,
      name: 'Service desk',
      serviceType: 'it_support',
      startsAt: new Date('2026-01-01T00:00:00Z'),
      sla: STANDARD_SLA,
      targets: { csat: { target: 0.95, floor: 0.7 } },
      weights: { satisfaction: 40 },
      calendar,
      ownerEmail: 'owner@client.test',
    });
    const { name: vendorName } = await db.sql.one<{ name: string }>(`SELECT name FROM "Vendor" WHERE id = $1`, [vendorId]);

    expect(created).toMatchObject({
      vendorId,
      vendorName,
      name: 'Service desk',
      sla: STANDARD_SLA,
      targets: { csat: { target: 0.95, floor: 0.7 } },
      weights: { satisfaction: 40 },
      calendar,
      endsAt: null,
    });
    expect(await contracts.find(ALL, created.id)).toEqual(created);
    expect(await contracts.findByIds([created.id])).toEqual([created]);
  });

  it('shows a vendor its own contracts only', async () => {
    const mine = await db.newContract();
    const theirs = await db.newContract();
    const scope = { kind: 'vendor' as const, vendorId: mine.vendorId };

    expect((await contracts.list(scope)).map((c) => c.id)).toEqual([mine.id]);
    expect(await contracts.find(scope, theirs.id)).toBeNull();
    expect((await contracts.list(ALL)).map((c) => c.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });

  it('updates what is given, clears a calendar set to null, and deletes', async () => {
    const contract = await db.newContract({ calendar });
    const updated = await contracts.update(contract.id, { name: 'Renamed', calendar: null, endsAt: new Date('2026-12-31T00:00:00Z') });

    expect(updated).toMatchObject({ name: 'Renamed', calendar: null, endsAt: new Date('2026-12-31T00:00:00Z'), sla: STANDARD_SLA });
    expect(await db.sql.one(`SELECT calendar FROM "Contract" WHERE id = $1`, [contract.id])).toEqual({ calendar: null });
    expect(await contracts.delete(contract.id)).toBe(true);
    expect(await contracts.delete(contract.id)).toBe(false);
    expect(await contracts.update(contract.id, { name: 'Gone' })).toBeNull();
  });
});
