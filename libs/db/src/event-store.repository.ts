import { Injectable } from '@nestjs/common';
import type { CanonicalEvent } from '@rapport/contracts';
import { PrismaService } from './prisma.service';
import { moveVersions, versionMap } from './projection-version.repository';
import { JsonbRows } from './sql/jsonb-rows';
import { prepared, SqlDatabase, SqlRunner } from './sql/sql-database';
import { subjectOf } from './subject-key';

export interface StoredEventRow {
  source: string;
  id: string;
  type: string;
  contractId: string;
  subjectId: string;
  time: Date;
  data: unknown;
}

export interface InsertedEvents {
  /** The events not stored before, in the order given. */
  fresh: CanonicalEvent[];
  /** The same, as the log holds them. */
  freshRows: StoredEventRow[];
  /** The new projection version of each contract that got any. */
  versions: Map<string, number>;
}

/** One subject of one contract. */
export interface SubjectRef {
  contractId: string;
  subjectId: string;
}

/** How a canonical event is kept in the log. */
export const storedRow = (e: CanonicalEvent): StoredEventRow => ({
  source: e.source,
  id: e.id,
  type: e.type,
  contractId: e.contractid,
  subjectId: subjectOf(e),
  time: new Date(e.time),
  data: e.data,
});

/** How the log's rows cross in the insert's jsonb parameter. */
const EVENT_ROWS = new JsonbRows<StoredEventRow>([
  ['source', 'text'],
  ['id', 'text'],
  ['type', 'text'],
  ['contractId', 'uuid'],
  ['subjectId', 'text'],
  ['time', 'time'],
  ['data', 'jsonb'],
]);

/** Inserts the new events, and moves their contracts' versions (see `insertNew`). */
const INSERT_NEW = prepared(
  `WITH created AS (
     INSERT INTO "StoredEvent" (${EVENT_ROWS.names})
     SELECT ${EVENT_ROWS.select('e')} FROM ${EVENT_ROWS.recordset('$1', 'e')}
     ON CONFLICT DO NOTHING
     RETURNING "contractId", source, id),
   moved AS (${moveVersions('SELECT DISTINCT "contractId" FROM created')})
   SELECT "contractId", source, id, NULL::bigint AS version FROM created
   UNION ALL SELECT "contractId", NULL, NULL, version FROM moved`,
);

const eventKey = (contractId: string, source: string, id: string) => `${contractId.toLowerCase()}\u0000${source}\u0000${id}`;

/**
 * The event log: every accepted event exactly once, keyed by (contract, source, id). Duplicates
 * are per contract, so an event id claimed in one contract never hides another contract's event.
 * The hot path is typed SQL: one statement per batch, whatever its size.
 */
@Injectable()
export class EventStoreRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: SqlDatabase,
  ) {}

  /**
   * Stores the events not seen before and returns those (duplicates are left out), with the new
   * projection version of each contract that got any: inside the transaction that then refolds
   * their subjects, whose version rows stay locked until it ends (see `moveVersions`). One statement.
   */
  async insertNew(events: CanonicalEvent[], runner: SqlRunner = this.sql): Promise<InsertedEvents> {
    if (!events.length) return { fresh: [], freshRows: [], versions: new Map() };
    const stored = events.map(storedRow);
    const rows = await runner.rows<{ contractId: string; source: string | null; id: string | null; version: string | null }>(INSERT_NEW, [
      EVENT_ROWS.json(stored),
    ]);
    const fresh = new Set<string>();
    const moved: { contractId: string; version: string }[] = [];
    for (const r of rows) {
      if (r.version === null) fresh.add(eventKey(r.contractId, r.source!, r.id!));
      else moved.push({ contractId: r.contractId, version: r.version });
    }
    // A batch may carry the same event twice: keep its first copy only.
    const isFresh = events.map((e) => fresh.delete(eventKey(e.contractid, e.source, e.id)));
    return {
      fresh: events.filter((_, i) => isFresh[i]),
      freshRows: stored.filter((_, i) => isFresh[i]),
      versions: versionMap(moved),
    };
  }

  /**
   * The stored events of some subjects that other transactions stored, in no particular order
   * (folds sort them by `eventOrder`): the calling transaction's own inserts are left out (their
   * `xmin` is its id), since it holds them already and need not read them back.
   */
  earlierSubjectEvents(subjects: SubjectRef[], tx: SqlRunner): Promise<StoredEventRow[]> {
    if (!subjects.length) return Promise.resolve([]);
    return tx.rows<StoredEventRow>(
      `SELECT e.source, e.id, e.type, e."contractId", e."subjectId", e.time, e.data
       FROM jsonb_to_recordset($1::jsonb) AS s("contractId" uuid, "subjectId" text)
       JOIN "StoredEvent" e USING ("contractId", "subjectId")
       WHERE e.xmin <> pg_current_xact_id()::xid`,
      [JSON.stringify(subjects)],
    );
  }

  /**
   * Every stored event of some contracts, `pageSize` at a time, each subject's events one after
   * another (in no order among them), for a replay: one cursor over the log, so neither the log
   * nor a contract's part of it is ever in memory whole.
   */
  async forEachPageBySubject(contractIds: string[], pageSize: number, onPage: (events: StoredEventRow[]) => Promise<void>): Promise<void> {
    await this.sql.transaction(
      async (tx) => {
        await tx.rows(
          `DECLARE replay_events NO SCROLL CURSOR FOR
           SELECT source, id, type, "contractId", "subjectId", time, data FROM "StoredEvent"
           WHERE "contractId" = ANY($1::uuid[]) ORDER BY "contractId", "subjectId"`,
          [contractIds],
        );
        const fetchPage = () => tx.rows<StoredEventRow>(`FETCH ${Math.floor(pageSize)} FROM replay_events`);
        // The next page is on its way while `onPage` works on this one.
        for (let next = fetchPage(); ;) {
          const page = await next;
          if (!page.length) return;
          next = fetchPage();
          next.catch(() => undefined); // awaited (and thrown) next round, not an unhandled rejection meanwhile
          await onPage(page);
        }
      },
      { statementTimeoutMs: 10 * 60_000 },
    );
  }

  count(contractId?: string): Promise<number> {
    return this.prisma.storedEvent.count({ where: contractId ? { contractId } : {} });
  }
}
