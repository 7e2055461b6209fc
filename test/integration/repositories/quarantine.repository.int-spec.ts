import { randomUUID } from 'node:crypto';
import { QuarantineRepository } from '@rapport/db';
import { TestDatabase } from '../support/databases';

describe('QuarantineRepository', () => {
  let db: TestDatabase;
  let quarantine: QuarantineRepository;

  beforeAll(async () => {
    db = await TestDatabase.open();
    quarantine = db.get(QuarantineRepository);
  });
  afterAll(() => db.close());

  /** A dead letter read at its own offset; `tag` makes it findable by search in a shared database. */
  const deadLetter = (tag: string, n: number) => ({
    source: 'test://tracker',
    eventId: `${tag}-${n}`,
    reason: `unknown contract (${tag})`,
    payload: { id: `${tag}-${n}`, n },
    sourceOffset: `rapport.events.v1/0/${tag}-${n}`,
  });

  it('keeps each dead letter once, however often its batch is quarantined, and answers its id', async () => {
    const tag = randomUUID();
    const batch = [deadLetter(tag, 1), deadLetter(tag, 2)];

    const ids = await quarantine.addDeadLetters(batch);
    const again = await quarantine.addDeadLetters([deadLetter(tag, 2), deadLetter(tag, 3), deadLetter(tag, 1)]);

    expect(new Set(ids).size).toBe(2);
    expect(again[0]).toBe(ids[1]);
    expect(again[2]).toBe(ids[0]);
    const rows = await db.sql.rows<{ eventId: string; origin: string; payload: unknown }>(
      `SELECT "eventId", origin, payload FROM "QuarantinedEvent" WHERE reason = $1 ORDER BY id`,
      [`unknown contract (${tag})`],
    );
    expect(rows).toEqual([1, 2, 3].map((n) => ({ eventId: `${tag}-${n}`, origin: 'pipeline', payload: { id: `${tag}-${n}`, n } })));
  });

  it('pages through matching entries, newest first, with the total on every page', async () => {
    const tag = randomUUID();
    const ids = await quarantine.addDeadLetters([1, 2, 3, 4, 5].map((n) => deadLetter(tag, n)));

    const first = await quarantine.list({ search: tag, limit: 2 });
    const second = await quarantine.list({ search: tag, limit: 2, before: first.nextCursor! });
    const last = await quarantine.list({ search: tag, limit: 2, before: second.nextCursor! });

    expect([first, second, last].map((p) => p.items.map((i) => i.id))).toEqual([[ids[4], ids[3]], [ids[2], ids[1]], [ids[0]]]);
    expect([first.total, second.total, last.total]).toEqual([5, 5, 5]);
    expect(last.nextCursor).toBeNull();
  });

  it('keeps a webhook delivery once and filters by origin, tool and replay', async () => {
    const tag = randomUUID();
    const delivery = { tool: 'jira', reason: `unmapped project (${tag})`, payload: { key: tag }, deliveryKey: `jira:${tag}` };
    const id = await quarantine.addFromWebhook(delivery);
    expect(await quarantine.addFromWebhook(delivery)).toBeNull();
    await quarantine.addDeadLetters([deadLetter(tag, 1)]);

    const webhook = await quarantine.list({ search: tag, origin: 'webhook', tool: 'jira', limit: 10 });
    expect(webhook.items.map((i) => [i.id, i.origin, i.tool])).toEqual([[id, 'webhook', 'jira']]);

    const replayedAt = await quarantine.markReplayed(id!);
    expect(replayedAt).toBeInstanceOf(Date);
    expect((await quarantine.list({ search: tag, replayed: true, limit: 10 })).items.map((i) => i.id)).toEqual([id]);
    expect((await quarantine.list({ search: tag, replayed: false, limit: 10 })).items.map((i) => i.origin)).toEqual(['pipeline']);
    expect((await quarantine.find(id!))?.replayedAt).toEqual(replayedAt);
  });

  it('answers null for entries that do not exist', async () => {
    expect(await quarantine.find('999999999999')).toBeNull();
    expect(await quarantine.find('not-a-number')).toBeNull();
    expect(await quarantine.markReplayed('999999999999')).toBeNull();
  });
});
