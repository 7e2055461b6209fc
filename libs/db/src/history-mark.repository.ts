import { Injectable } from '@nestjs/common';
import { prepared, SqlDatabase, SqlRunner } from './sql/sql-database';

/** A contract's hourly history is stale from `since` on. */
export interface HistoryMark {
  contractId: string;
  since: Date;
}

/** A claimed mark: `claim` names its holder, so a worker whose lease ran out cannot touch its successor's claim. */
export interface ClaimedMark extends HistoryMark {
  claim: string;
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
      prepared(`INSERT INTO "HistoryMark" ("contractId", "dirtySince")
       SELECT "contractId", since FROM jsonb_to_recordset($1::jsonb) AS m("contractId" uuid, since timestamp(3))
       ON CONFLICT ("contractId") DO UPDATE SET "dirtySince" = LEAST("HistoryMark"."dirtySince", excluded."dirtySince")`),
      [JSON.stringify(marks)],
    );
  }

  /**
   * Claims the earliest stale contract no live claim holds, for `leaseMs`: from then on, new marks
   * collect apart from the claimed range. An expired claim (a worker that died) is taken over from
   * where it got to.
   */
  async claim(leaseMs: number): Promise<ClaimedMark | null> {
    const [claimed] = await this.sql.rows<ClaimedMark>(
      `UPDATE "HistoryMark" m
       SET "rebuildingSince" = LEAST(m."dirtySince", m."rebuildingSince"), "dirtySince" = NULL,
           "claimedUntil" = ${NOW} + $1 * interval '1 millisecond', "claimedBy" = gen_random_uuid()
       WHERE m."contractId" = (
         SELECT "contractId" FROM "HistoryMark" WHERE "claimedUntil" IS NULL OR "claimedUntil" < ${NOW}
         ORDER BY LEAST("dirtySince", "rebuildingSince") LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING m."contractId", m."rebuildingSince" AS since, m."claimedBy" AS claim`,
      [leaseMs],
    );
    return claimed ?? null;
  }

  /**
   * A claimed rebuild has stored everything before `storedUntil`: a takeover resumes there; the
   * lease is renewed. False: the claim is no longer this holder's (its lease ran out and another
   * worker took the mark over), so the rebuild should stop.
   */
  async progress({ contractId, claim }: ClaimedMark, storedUntil: Date, leaseMs: number): Promise<boolean> {
    const held = await this.sql.rows(
      `UPDATE "HistoryMark" SET "rebuildingSince" = $3, "claimedUntil" = ${NOW} + $4 * interval '1 millisecond'
       WHERE "contractId" = $1 AND "claimedBy" = $2 RETURNING 1`,
      [contractId, claim, storedUntil.toISOString(), leaseMs],
    );
    return held.length > 0;
  }

  /** The claimed rebuild is stored: the mark goes, unless marks arrived meanwhile (they stay, unclaimed). */
  async settle({ contractId, claim }: ClaimedMark): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.rows(`DELETE FROM "HistoryMark" WHERE "contractId" = $1 AND "claimedBy" = $2 AND "dirtySince" IS NULL`, [contractId, claim]);
      await tx.rows(
        `UPDATE "HistoryMark" SET "rebuildingSince" = NULL, "claimedUntil" = NULL, "claimedBy" = NULL
         WHERE "contractId" = $1 AND "claimedBy" = $2`,
        [contractId, claim],
      );
    });
  }

  /**
   * The claimed rebuild stopped (shutdown, failure): what it had left is stale again, for anyone to
   * claim, after `retryInMs` (a failing rebuild must not be retried in a tight loop).
   */
  async release({ contractId, claim }: ClaimedMark, retryInMs = 0): Promise<void> {
    await this.sql.rows(
      `UPDATE "HistoryMark" SET "dirtySince" = LEAST("dirtySince", "rebuildingSince"), "rebuildingSince" = NULL,
         "claimedUntil" = CASE WHEN $3 > 0 THEN ${NOW} + $3 * interval '1 millisecond' END, "claimedBy" = NULL
       WHERE "contractId" = $1 AND "claimedBy" = $2`,
      [contractId, claim, retryInMs],
    );
  }

  /** Every mark, claimed or not, earliest time first (for operators and tests). */
  pending(): Promise<HistoryMark[]> {
    return this.sql.rows<HistoryMark>(
      `SELECT "contractId", LEAST("dirtySince", "rebuildingSince") AS since FROM "HistoryMark" ORDER BY since, "contractId"`,
    );
  }
}
