import type { CanonicalEvent } from '@rapport/contracts';
import { storedRow } from '@rapport/db';
import { withClient } from '../support/database';
import { batches, BenchEvent } from '../support/ticket-events';

const COLUMNS = ['source', 'id', 'type', '"contractId"', '"subjectId"', 'time', 'data'];

/**
 * The baseline writer: the same events as the product's event-log rows, into the product's own
 * table (same indexes) of a migrated database, one multi-row INSERT … ON CONFLICT DO NOTHING per
 * batch on one connection. Returns the milliseconds it took.
 */
export async function insertRaw(databaseUrl: string, events: BenchEvent[], size: number): Promise<number> {
  const rows = events.map((e) => storedRow(e as unknown as CanonicalEvent));
  return withClient(databaseUrl, async (db) => {
    const started = performance.now();
    for (const batch of batches(rows, size)) {
      const values: unknown[] = [];
      const tuples = batch.map((r) => {
        values.push(r.source, r.id, r.type, r.contractId, r.subjectId, r.time, JSON.stringify(r.data));
        const at = values.length - COLUMNS.length;
        return `(${COLUMNS.map((_, i) => `$${at + i + 1}`).join(', ')})`;
      });
      await db.query(`INSERT INTO "StoredEvent"(${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`, values);
    }
    return performance.now() - started;
  });
}
