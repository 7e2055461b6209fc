import { Injectable } from '@nestjs/common';
import { type CanonicalEvent, groupBy } from '@rapport/contracts';
import { PrismaService } from './prisma.service';
import { moveVersions, versionMap } from './projection-version.repository';
import { ColumnArrays } from './sql/column-arrays';
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

/** How the log's rows cross in the insert's parameters. */
const EVENT_ROWS = new ColumnArrays<StoredEventRow>([
  ['source', 'text'],
  ['id', 'text'],
  ['type', 'text'],
  ['contractId', 'uuid'],
  ['subjectId', 'text'],
  ['time', 'time'],
  ['data', 'jsonb'],
]);

/**
 * Inserts the new events and moves the versions of their contracts (see `insertNew`): per contract,
 * how many rows it created and its new version. Counts, not the rows: in the usual batch every event
 * is new, and reading 5,000 keys back to learn so cost more than the count that says it.
 */
const INSERT_NEW = prepared(
  `WITH created AS (
     INSERT INTO "StoredEvent" (${EVENT_ROWS.names})
     SELECT ${EVENT_ROWS.select('e')} FROM ${EVENT_ROWS.unnest(1, 'e')}
     ON CONFLICT DO NOTHING
     RETURNING "contractId"),
   counted AS (SELECT "contractId", count(*) AS created FROM created GROUP BY "contractId"),
   moved AS (${moveVersions('SELECT "contractId" FROM counted')})
   SELECT "contractId", version, created FROM moved JOIN counted USING ("contractId")`,
);

/** Which of one contract's events (source, id) the calling transaction created. */
const CREATED_HERE = `SELECT e.source, e.id FROM unnest($2::text[], $3::text[]) AS k(source, id)
  JOIN "StoredEvent" e ON e."contractId" = $1::uuid AND e.source = k.source AND e.id = k.id
  WHERE e.xmin = pg_current_xact_id()::xid`;

const eventKey = (source: string, id: string) => `${source}\u0000${id}`;

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
   * their subjects, whose version rows stay locked until it ends (see `moveVersions`). One statement,
   * and one more for each contract that held some of the events already, in `tx` (or a transaction of
   * their own): that one asks which rows this transaction created.
   */
  async insertNew(events: CanonicalEvent[], tx?: SqlRunner): Promise<InsertedEvents> {
    if (!events.length) return { fresh: [], freshRows: [], versions: new Map() };
    if (!tx) return this.sql.transaction((own) => this.insertNew(events, own));
    const stored = events.map(storedRow);
    const counts = await tx.rows<{ contractId: string; version: string; created: string }>(INSERT_NEW, EVENT_ROWS.params(stored));
    const createdBy = new Map(counts.map((c) => [c.contractId, Number(c.created)]));
    // A contract that created as many rows as it was given events got all of them new; one that
    // created fewer held some stored before (a batch read again) or the same event twice.
    const isFresh = new Array<boolean>(events.length).fill(true);
    const byContract = groupBy(
      stored.map((_, i) => i),
      (i) => stored[i].contractId,
    );
    for (const [contractId, indexes] of byContract) {
      // PostgreSQL spells ids in lower case; a contract that created nothing is not among the counts.
      if ((createdBy.get(contractId.toLowerCase()) ?? 0) >= indexes.length) continue;
      const created = await this.createdHere(
        contractId,
        indexes.map((i) => stored[i]),
        tx,
      );
      // Of the same event twice, the first copy.
      for (const i of indexes) isFresh[i] = created.delete(eventKey(stored[i].source, stored[i].id));
    }
    return {
      fresh: events.filter((_, i) => isFresh[i]),
      freshRows: stored.filter((_, i) => isFresh[i]),
      versions: versionMap(counts),
    };
  }

  /** The keys (`eventKey`) of those of one contract's rows that the transaction `tx` created. */
  private async createdHere(contractId: string, rows: StoredEventRow[], tx: SqlRunner): Promise<Set<string>> {
    const created = await tx.rows<{ source: string; id: string }>(CREATED_HERE, [
      contractId,
      rows.map((r) => r.source),
      rows.map((r) => r.id),
    ]);
    return new Set(created.map((r) => eventKey(r.source, r.id)));
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
