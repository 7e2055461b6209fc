import { prepared, SqlDatabase } from '@rapport/db';
import { TestDatabase } from '../support/databases';

describe('prepared statements', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await TestDatabase.open();
  });
  afterAll(() => db.close());

  it('names a statement by its text: the same text, the same name; another text, another name', () => {
    const text = 'SELECT $1::int + 1 AS n';
    expect(prepared(text)).toBe(prepared(text));
    expect(prepared(text).name).not.toBe(prepared('SELECT $1::int + 2 AS n').name);
  });

  it('is prepared on the connection that runs it, and runs again there and on others with any values, also after a rollback', async () => {
    const sql = db.get(SqlDatabase);
    const addOne = prepared('SELECT $1::int + 1 AS n');

    const onServer = await sql.transaction(async (tx) => {
      const [first] = await tx.rows<{ n: number }>(addOne, [41]);
      const [again] = await tx.rows<{ n: number }>(addOne, [1]);
      const names = await tx.rows<{ name: string }>('SELECT name FROM pg_prepared_statements');
      return { results: [first.n, again.n], names: names.map((r) => r.name) };
    });
    expect(onServer.results).toEqual([42, 2]);
    expect(onServer.names).toContain(addOne.name);

    await expect(
      sql.transaction(async (tx) => {
        await tx.rows(addOne, [0]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // More at once than the pool has connections: some run where it was prepared, some prepare it.
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => sql.rows<{ n: number }>(addOne, [i])));
    expect(results.map(([r]) => r.n)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});
