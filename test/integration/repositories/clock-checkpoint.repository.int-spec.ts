import { randomUUID } from 'node:crypto';
import { ClockCheckpointRepository } from '@rapport/db';
import { TestDatabase } from '../support/databases';

describe('ClockCheckpointRepository', () => {
  let db: TestDatabase;
  let checkpoints: ClockCheckpointRepository;

  beforeAll(async () => {
    db = await TestDatabase.open();
    checkpoints = db.get(ClockCheckpointRepository);
  });
  afterAll(() => db.close());

  it('has no checkpoint before the first scan', async () => {
    expect(await checkpoints.get(`scan-${randomUUID()}`)).toBeNull();
  });

  it('moves forward only: another instance may have checked further already', async () => {
    const name = `scan-${randomUUID()}`;
    await checkpoints.advance(name, new Date('2026-03-02T10:00:00Z'));
    await checkpoints.advance(name, new Date('2026-03-02T10:05:00Z'));
    await checkpoints.advance(name, new Date('2026-03-02T10:01:00Z'));

    expect(await checkpoints.get(name)).toEqual(new Date('2026-03-02T10:05:00Z'));
    expect(await db.sql.count(`SELECT 1 FROM "ClockCheckpoint" WHERE name = $1`, [name])).toBe(1);
  });

  it('keeps each scan apart', async () => {
    const [a, b] = [`scan-${randomUUID()}`, `scan-${randomUUID()}`];
    await checkpoints.advance(a, new Date('2026-03-02T10:00:00Z'));
    await checkpoints.advance(b, new Date('2026-03-01T10:00:00Z'));
    expect([await checkpoints.get(a), await checkpoints.get(b)]).toEqual([
      new Date('2026-03-02T10:00:00Z'),
      new Date('2026-03-01T10:00:00Z'),
    ]);
  });
});
