import { JsonbRows, SqlDatabase } from '@rapport/db';
import { TestDatabase } from '../support/databases';

interface Row {
  name: string;
  at: Date | null;
  seen: Date[];
}

describe('JsonbRows', () => {
  let db: TestDatabase;
  const rows = new JsonbRows<Row>([
    ['name', 'text'],
    ['at', 'time'],
    ['seen', 'times'],
  ]);

  beforeAll(async () => {
    db = await TestDatabase.open();
  });
  afterAll(() => db.close());

  it('brings every millisecond back exactly, as the timestamp(3) it was, from the epoch to the end of 9999, and keeps the order of a list', async () => {
    const instants = [
      '1970-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '2000-02-29T12:34:56.789Z',
      '2026-11-29T20:28:11.116Z',
      '2026-03-29T01:59:59.999Z',
      '2099-12-31T23:59:59.001Z',
      '9999-12-31T23:59:59.999Z',
    ].map((iso) => new Date(iso));
    const sent: Row[] = [
      ...instants.map((at, i) => ({ name: `r${i}`, at, seen: [at, instants[0], at] })),
      { name: 'none', at: null, seen: [] },
    ];

    // Read through the product's own connection, which types timestamps as UTC.
    const back = await db.get(SqlDatabase).rows<Row>(`SELECT ${rows.select('r')} FROM ${rows.recordset('$1', 'r')}`, [rows.json(sent)]);

    expect(back).toEqual(sent);
  });

  it('reads as the database types them: timestamp(3) and timestamp(3)[] (rounded to the millisecond)', async () => {
    const [types] = await db
      .get(SqlDatabase)
      .rows<{ at: string; seen: string }>(
        `SELECT pg_typeof(x.at)::text AS at, pg_typeof(x.seen)::text AS seen FROM (SELECT ${rows.select('r')} FROM ${rows.recordset('$1', 'r')}) x`,
        [rows.json([{ name: 'a', at: new Date(0), seen: [new Date(0)] }])],
      );
    expect(types).toEqual({ at: 'timestamp without time zone', seen: 'timestamp without time zone[]' });
  });
});
