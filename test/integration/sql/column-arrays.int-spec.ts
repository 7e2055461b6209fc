import { ColumnArrays, SqlDatabase } from '@rapport/db';
import { TestDatabase } from '../support/databases';

interface Row {
  name: string;
  at: Date | null;
  seen: Date[];
  body: unknown;
}

describe('ColumnArrays', () => {
  let db: TestDatabase;
  const rows = new ColumnArrays<Row>([
    ['name', 'text'],
    ['at', 'time'],
    ['seen', 'times'],
    ['body', 'jsonb'],
  ]);
  const read = (sent: Row[]) => db.get(SqlDatabase).rows<Row>(`SELECT ${rows.select('r')} FROM ${rows.unnest(1, 'r')}`, rows.params(sent));

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
      ...instants.map((at, i) => ({ name: `r${i}`, at, seen: [at, instants[0], at], body: { i } })),
      { name: 'none', at: null, seen: [], body: null },
    ];

    // Read through the product's own connection, which types timestamps as UTC.
    expect(await read(sent)).toEqual(sent);
  });

  it('reads as the database types them: timestamp(3), timestamp(3)[] (rounded to the millisecond) and jsonb', async () => {
    const [types] = await db.get(SqlDatabase).rows<{ at: string; seen: string; body: string }>(
      `SELECT pg_typeof(x.at)::text AS at, pg_typeof(x.seen)::text AS seen, pg_typeof(x.body)::text AS body
         FROM (SELECT ${rows.select('r')} FROM ${rows.unnest(1, 'r')}) x`,
      rows.params([{ name: 'a', at: new Date(0), seen: [new Date(0)], body: {} }]),
    );
    expect(types).toEqual({ at: 'timestamp without time zone', seen: 'timestamp without time zone[]', body: 'jsonb' });
  });

  it('carries text and JSON that an array literal would have to escape, unchanged', async () => {
    const awkward = 'a "quoted", {braced} back\\slash, NULL, \u00e9 and a line\nbreak';
    const sent: Row[] = [
      { name: awkward, at: null, seen: [], body: { text: awkward, list: [1, '}', null], nested: { '"key"': true } } },
      { name: 'NULL', at: null, seen: [], body: [] },
      { name: '', at: null, seen: [], body: 'a string' },
    ];
    expect(await read(sent)).toEqual(sent);
  });
});
