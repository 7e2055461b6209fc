import { withClient } from './database';

export interface DatabaseActivity {
  /** Committed transactions of every client (the pipeline's, the API's, heartbeats). */
  transactions: number;
  rowsReturned: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsDeleted: number;
  /** Per table, where anything happened. */
  tables: Record<string, { inserted: number; updated: number; deleted: number; sequentialScans: number; indexScans: number }>;
}

/**
 * What the product asked of its database during a run, from PostgreSQL's cumulative statistics
 * (pg_stat_statements is not loaded on these machines): divided by the events, it shows the
 * work per event. Read it once the clients have gone: a backend publishes its counts when it
 * exits, and while it runs only every few seconds.
 */
export async function databaseActivity(url: string): Promise<DatabaseActivity> {
  return withClient(url, async (db) => {
    const [totals] = (
      await db.query<Record<string, string>>(
        `SELECT xact_commit, tup_returned, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = current_database()`,
      )
    ).rows;
    const tables = await db.query<Record<string, string>>(
      `SELECT relname, n_tup_ins, n_tup_upd, n_tup_del, coalesce(seq_scan, 0) AS seq_scan, coalesce(idx_scan, 0) AS idx_scan
       FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del + coalesce(seq_scan, 0) + coalesce(idx_scan, 0) > 0 ORDER BY relname`,
    );
    return {
      transactions: Number(totals.xact_commit),
      rowsReturned: Number(totals.tup_returned),
      rowsInserted: Number(totals.tup_inserted),
      rowsUpdated: Number(totals.tup_updated),
      rowsDeleted: Number(totals.tup_deleted),
      tables: Object.fromEntries(
        tables.rows.map((t) => [
          t.relname,
          {
            inserted: Number(t.n_tup_ins),
            updated: Number(t.n_tup_upd),
            deleted: Number(t.n_tup_del),
            sequentialScans: Number(t.seq_scan),
            indexScans: Number(t.idx_scan),
          },
        ]),
      ),
    };
  });
}
