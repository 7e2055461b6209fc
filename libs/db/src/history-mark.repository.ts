import { Injectable } from '@nestjs/common';
import { SqlDatabase, SqlRunner } from './sql/sql-database';

/** A contract's hourly history is stale from `since` on. */
export interface HistoryMark {
  contractId: string;
  since: Date;
}

const NOW = `(now() AT TIME ZONE 'UTC')`;

/**
 * Stale hourly history, per contract, in the database: marked in the transaction that stores the
 * late events (or the replay's projections), claimed by one worker at a time for a lease, and
 * cleared only once the rebuild is stored. LEAST ignores NULLs, which the statements rely on.
 */
@Injectable()
export class HistoryMarkRepository {
  constructor(private readonly sql: SqlDatabase) {}

  /** Marks contracts stale from `since`, keeping the earliest time (also while a rebuild runs). */
  async mark(marks: HistoryMark[], runner: SqlRunner = this.sql): Promise<void> {
    if (!marks.length) return;
    await runner.rows(
      `INSERT INTO "HistoryMark" ("contractId", "dirtySince")
       SELECT "contractId", since FROM jsonb_to_recordset($1::jsonb) AS m("contractId" uuid, since timestamp(3))
       ON CONFLICT ("contractId") DO UPDATE SET "dirtySince" = LEAST("HistoryMark"."dirtySince", excluded."dirtySince")`,
      [JSON.stringify(marks)],
    );
  }

  /**
   * Claims the earliest stale contract no live claim holds, for `leaseMs`: from then on, new marks
   * collect apart from the claimed range. An expired claim (a worker that died) is taken over from
   * where it got to.
   */
  async claim(leaseMs: number): Promise<HistoryMark | null> {
    const [claimed] = await this.sql.rows<HistoryMark>(
      `UPDATE "HistoryMark" m
       SET "rebuildingSince" = LEAST(m."dirtySince", m."rebuildingSince"), "dirtySince" = NULL,
           "claimedUntil" = ${NOW} + $1 * interval '1 millisecond'
       WHERE m."contractId" = (
         SELECT "contractId" FROM "HistoryMark" WHERE "claimedUntil" IS NULL OR "claimedUntil" < ${NOW}
         ORDER BY LEAST("dirtySince", "rebuildingSince") LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING m."contractId", m."rebuildingSince" AS since`,
      [leaseMs],
    );
    return claimed ?? null;
  }

  /** A claimed rebuild has stored everything before `storedUntil`: a takeover resumes there; the lease is renewed. */
  async progress(contractId: string, storedUntil: Date, leaseMs: number): Promise<void> {
    await this.sql.rows(
      `UPDATE "HistoryMark" SET "rebuildingSince" = $2, "claimedUntil" = ${NOW} + $3 * interval '1 millisecond'
       WHERE "contractId" = $1`,
      [contractId, storedUntil.toISOString(), leaseMs],
    );
  }

  /** The claimed rebuild is stored: the mark goes, unless marks arrived meanwhile (they stay, unclaimed). */
  async settle(contractId: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.rows(`DELETE FROM "HistoryMark" WHERE "contractId" = $1 AND "dirtySince" IS NULL`, [contractId]);
      await tx.rows(`UPDATE "HistoryMark" SET "rebuildingSince" = NULL, "claimedUntil" = NULL WHERE "contractId" = $1`, [contractId]);
    });
  }

  /**
   * The claimed rebuild stopped (shutdown, failure): what it had left is stale again, for anyone to
   * claim, after `retryInMs` (a failing rebuild must not be retried in a tight loop).
   */
  async release(contractId: string, retryInMs = 0): Promise<void> {
    await this.sql.rows(
      `UPDATE "HistoryMark" SET "dirtySince" = LEAST("dirtySince", "rebuildingSince"), "rebuildingSince" = NULL,
         "claimedUntil" = CASE WHEN $2 > 0 THEN ${NOW} + $2 * interval '1 millisecond' END
       WHERE "contractId" = $1`,
      [contractId, retryInMs],
    );
  }

  /** Every mark, claimed or not, earliest time first (for operators and tests). */
  pending(): Promise<HistoryMark[]> {
    return this.sql.rows<HistoryMark>(
      `SELECT "contractId", LEAST("dirtySince", "rebuildingSince") AS since FROM "HistoryMark" ORDER BY since, "contractId"`,
    );
  }
}
