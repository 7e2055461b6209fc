import { EventStoreRepository, InsertedEvents, SqlDatabase } from '@rapport/db';
import { HOUR } from '../../support/fixtures';
import { TestDatabase } from '../support/databases';
import { EventBuilder } from '../support/events';

describe('EventStoreRepository', () => {
  let db: TestDatabase;
  let store: EventStoreRepository;
  const t0 = Date.parse('2026-03-02T09:00:00Z');

  beforeAll(async () => {
    db = await TestDatabase.open();
    store = db.get(EventStoreRepository);
  });
  afterAll(() => db.close());

  const storedIds = (contractId: string) =>
    db.sql
      .rows<{ id: string }>(`SELECT id FROM "StoredEvent" WHERE "contractId" = $1 ORDER BY id`, [contractId])
      .then((r) => r.map((x) => x.id));

  it('stores new events once, returns only those that were new, and moves the version of a contract only when it got any', async () => {
    const { id: contractId } = await db.newContract();
    const { id: otherId } = await db.newContract();
    const events = new EventBuilder(contractId);
    const first = [...events.ticket('T1', 'P2', t0, [['responded', 20]]), events.feedback('F1', t0 + HOUR, 5, 9)];
    const other = new EventBuilder(otherId).feedback('F1', t0, 4, 8);
    const ids = (inserted: InsertedEvents) => inserted.fresh.map((e) => e.id);

    const inserted = await store.insertNew([...first, other]);
    expect(ids(inserted)).toEqual([...first, other].map((e) => e.id));
    expect(inserted.versions).toEqual(
      new Map([
        [contractId, 1],
        [otherId, 1],
      ]),
    );
    const second = events.ticket('T2', 'P3', t0 + 2 * HOUR);
    const again = await store.insertNew([...first, ...second, other]);
    expect(ids(again)).toEqual(second.map((e) => e.id));
    expect(again.freshRows.map((r) => [r.id, r.subjectId])).toEqual(second.map((e) => [e.id, 'ticket:T2']));
    expect(again.versions).toEqual(new Map([[contractId, 2]]));
    expect(await store.insertNew(first)).toEqual({ fresh: [], freshRows: [], versions: new Map() });

    expect(await storedIds(contractId)).toEqual([...first, ...second].map((e) => e.id).sort());
  });

  it('keeps the first copy of an event repeated within one batch', async () => {
    const { id: contractId } = await db.newContract();
    const opened = new EventBuilder(contractId).event('ticket.opened', t0, { ticketId: 'T1', priority: 'P1' });
    const again = { ...opened, time: new Date(t0 + HOUR).toISOString() };

    expect((await store.insertNew([opened, again])).fresh).toEqual([opened]);
    const row = await db.sql.one<{ time: Date }>(`SELECT time FROM "StoredEvent" WHERE "contractId" = $1`, [contractId]);
    expect(row.time.toISOString()).toBe(opened.time);
  });

  it('treats the same source and id in another contract as another event', async () => {
    const [a, b] = [await db.newContract(), await db.newContract()];
    const inA = new EventBuilder(a.id, 'test://shared').event('feedback.submitted', t0, { feedbackId: 'F1', csat: 4 });
    const inB = { ...inA, contractid: b.id };

    expect((await store.insertNew([inA])).fresh).toHaveLength(1);
    expect((await store.insertNew([inB])).fresh).toEqual([inB]);
    expect(await storedIds(a.id)).toEqual([inA.id]);
    expect(await storedIds(b.id)).toEqual([inA.id]);
  });

  it('stores each event under its subject, with its time and data', async () => {
    const { id: contractId } = await db.newContract();
    const events = new EventBuilder(contractId);
    const batch = [
      events.event('ticket.opened', t0, { ticketId: 'T7', priority: 'P4', title: 'Printer' }),
      events.event('deliverable.planned', t0, { deliverableId: 'D7', dueAt: '2026-03-09T17:00:00Z' }),
      events.feedback('F7', t0, 3, 6),
    ];
    await store.insertNew(batch);

    const rows = await db.sql.rows<{ type: string; subjectId: string; time: Date; data: unknown }>(
      `SELECT type, "subjectId", time, data FROM "StoredEvent" WHERE "contractId" = $1 ORDER BY type`,
      [contractId],
    );
    expect(rows).toEqual([
      {
        type: 'deliverable.planned',
        subjectId: 'deliverable:D7',
        time: new Date(t0),
        data: { deliverableId: 'D7', dueAt: '2026-03-09T17:00:00Z' },
      },
      { type: 'feedback.submitted', subjectId: 'feedback:F7', time: new Date(t0), data: { feedbackId: 'F7', csat: 3, nps: 6 } },
      { type: 'ticket.opened', subjectId: 'ticket:T7', time: new Date(t0), data: { ticketId: 'T7', priority: 'P4', title: 'Printer' } },
    ]);
  });

  it('reads back the events of some subjects that earlier transactions stored, not those the asking one stored', async () => {
    const { id: contractId } = await db.newContract();
    const events = new EventBuilder(contractId);
    const [opened, responded] = events.ticket('T1', 'P2', t0, [['responded', 20]]);
    const elsewhere = events.ticket('T2', 'P3', t0);
    await store.insertNew([opened, ...elsewhere]);

    const read = await db.get(SqlDatabase).transaction(async (tx) => {
      await store.insertNew([responded], tx);
      return store.earlierSubjectEvents([{ contractId, subjectId: 'ticket:T1' }], tx);
    });
    expect(read.map((e) => [e.id, e.subjectId, e.time.toISOString()])).toEqual([[opened.id, 'ticket:T1', opened.time]]);
    expect(read[0].data).toEqual(opened.data);
    expect(await storedIds(contractId)).toContain(responded.id);
  });
});
