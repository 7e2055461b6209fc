import { randomUUID } from 'node:crypto';
import { WorkerHeartbeatRepository } from '@rapport/db';
import { TestDatabase } from '../support/databases';

describe('WorkerHeartbeatRepository', () => {
  let db: TestDatabase;
  let heartbeats: WorkerHeartbeatRepository;
  const member = () => `rapport-${randomUUID()}`;

  beforeAll(async () => {
    db = await TestDatabase.open();
    heartbeats = db.get(WorkerHeartbeatRepository);
  });
  afterAll(() => db.close());

  it("answers each member's last report, and nothing for one that never reported", async () => {
    const [a, b, silent] = [member(), member(), member()];
    await heartbeats.beat([a, b], new Date('2026-03-02T10:00:00Z'));
    await heartbeats.beat([a], new Date('2026-03-02T10:00:02Z'));

    const seen = await heartbeats.lastSeen([a, b, silent]);
    expect([...seen].sort()).toEqual(
      [
        [a, new Date('2026-03-02T10:00:02Z')],
        [b, new Date('2026-03-02T10:00:00Z')],
      ].sort(),
    );
  });

  it('does nothing for a worker that is in no group yet', async () => {
    const before = await db.sql.count(`SELECT 1 FROM "WorkerHeartbeat"`);
    await heartbeats.beat([]);
    expect(await db.sql.count(`SELECT 1 FROM "WorkerHeartbeat"`)).toBe(before);
  });

  it('forgets members that stopped reporting before a given time', async () => {
    const [gone, alive] = [member(), member()];
    await heartbeats.beat([gone], new Date('2020-01-01T00:00:00Z'));
    await heartbeats.beat([alive], new Date());
    await heartbeats.forget(new Date('2021-01-01T00:00:00Z'));

    expect([...(await heartbeats.lastSeen([gone, alive])).keys()]).toEqual([alive]);
  });
});
