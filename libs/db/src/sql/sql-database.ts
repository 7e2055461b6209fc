import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { PG_POOL } from './pg-pool';
import { utcTypes } from './utc-types';

/** A statement planned once per connection (see `prepared`). */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/** Runs typed SQL: on the pool, or on one transaction's connection. */
export interface SqlRunner {
  rows<R extends QueryResultRow>(statement: string | PreparedStatement, values?: unknown[]): Promise<R[]>;
}

const preparedStatements = new Map<string, PreparedStatement>();

/**
 * The statement, prepared on each connection the first time it runs there and only bound and run
 * after that: parsing and planning one of the batch path's writes cost PostgreSQL about 125 µs, as
 * much as running it for a few dozen events. Only for statements whose plan cannot depend on the
 * data, such as an insert from a parameter checked against a unique index: a prepared plan is kept
 * while the tables grow, and a read planned on an empty table kept scanning all of it once it
 * held a million rows (89 against 1 ms a batch).
 */
export function prepared(text: string): PreparedStatement {
  let statement = preparedStatements.get(text);
  if (!statement) preparedStatements.set(text, (statement = { name: `rapport_${preparedStatements.size}`, text }));
  return statement;
}

export interface TransactionOptions {
  /** Bounds every statement of the transaction, so a stuck one cannot hold its locks for ever. */
  statementTimeoutMs?: number;
  /** Reads only, all from one snapshot of the database (REPEATABLE READ): what they return is consistent. */
  snapshot?: boolean;
}

const onConnection = (client: Pool | PoolClient): SqlRunner => ({
  rows: async <R extends QueryResultRow>(statement: string | PreparedStatement, values?: unknown[]) =>
    (await client.query<R>({ ...(typeof statement === 'string' ? { text: statement } : statement), values, types: utcTypes })).rows,
});

/**
 * Typed SQL for the paths where the ORM's per-query cost dominates (the pipeline's batches,
 * set-based upserts), and the one transaction helper for code outside libs/db.
 */
@Injectable()
export class SqlDatabase implements SqlRunner, OnApplicationShutdown {
  private readonly logger = new Logger(SqlDatabase.name);
  private readonly runner: SqlRunner;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {
    this.runner = onConnection(pool);
    // An idle connection severed by the server must not crash the process; the next query reconnects.
    pool.on('error', (error) => this.logger.warn(`idle database connection lost: ${error.message}`));
  }

  rows<R extends QueryResultRow>(statement: string | PreparedStatement, values?: unknown[]): Promise<R[]> {
    return this.runner.rows<R>(statement, values);
  }

  async ping(): Promise<boolean> {
    try {
      await this.rows('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  async transaction<T>(work: (tx: SqlRunner) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // A connection lost while checked out emits 'error' besides failing its query: unheard, it ends the process.
    const lost = (error: Error) => (broken = error);
    client.on('error', lost);
    try {
      const mode = options.snapshot ? ' ISOLATION LEVEL REPEATABLE READ READ ONLY' : '';
      await client.query(`BEGIN${mode}; SET LOCAL statement_timeout = ${Math.round(options.statementTimeoutMs ?? 60_000)}`);
      const result = await work(onConnection(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      // A connection that could not even roll back is discarded instead of going back to the pool.
      client.removeListener('error', lost);
      client.release(broken);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
