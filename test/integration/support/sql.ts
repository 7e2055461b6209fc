import { Client, QueryResultRow } from 'pg';

/**
 * Plain SQL on the tier's database. Assertions read what was stored through it rather than
 * through the code under test, so they hold however the repositories are written.
 */
export class Sql {
  private constructor(private readonly client: Client) {}

  static async connect(): Promise<Sql> {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    return new Sql(client);
  }

  async rows<T extends QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query<T>(text, params)).rows;
  }

  async one<T extends QueryResultRow>(text: string, params: unknown[] = []): Promise<T> {
    const rows = await this.rows<T>(text, params);
    if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${text}`);
    return rows[0];
  }

  async count(text: string, params: unknown[] = []): Promise<number> {
    return Number((await this.one<{ count: string }>(`SELECT count(*) FROM (${text}) AS counted`, params)).count);
  }

  end(): Promise<void> {
    return this.client.end();
  }
}
