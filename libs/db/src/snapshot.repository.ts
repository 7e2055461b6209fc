import { Injectable } from '@nestjs/common';
import { WINDOW_NAMES, type ScorecardView, type ScorePoint, type WindowName } from '@rapport/contracts';
import { PrismaService } from './prisma.service';
import { Scope, vendorFilter } from './scope';
import { prepared, SqlDatabase } from './sql/sql-database';

export type ScoreMark = Pick<ScorecardView, 'score' | 'band'>;

/** An hourly point: the numbers of a scorecard (the explanation and its evidence are recomputed on demand, not kept). */
export type HourlyPoint = Pick<ScorecardView, 'contractId' | 'window' | 'at' | 'score' | 'band' | 'dimensions' | 'kpis'>;

/** Whether a scorecard's score or band differs from the newest live point kept (what a new live point is kept for). */
export const scoreMoved = (previous: ScoreMark | undefined, view: ScorecardView): boolean =>
  !previous || previous.score !== view.score || previous.band !== view.band;

export const latestKey = (contractId: string, window: WindowName) => `${contractId}/${window}`;

/** `live`: computed on a change, as known then. `hourly`: on hour boundaries, recomputed by event time. */
export type SnapshotKind = 'live' | 'hourly';

/** Score history for trend charts and alert comparisons. */
@Injectable()
export class SnapshotRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: SqlDatabase,
  ) {}

  /** Keeps live points (score and band only), all in one statement. */
  async saveLive(views: ScorecardView[]): Promise<void> {
    if (!views.length) return;
    const marks = views.map((v) => ({ contractId: v.contractId, window: v.window, at: v.at, score: v.score, band: v.band }));
    await this.sql.rows(
      prepared(`INSERT INTO "ScoreSnapshot" ("contractId", "window", kind, at, score, band)
       SELECT "contractId", "window", 'live', at, score, band
       FROM jsonb_to_recordset($1::jsonb) AS s("contractId" uuid, "window" text, at timestamp(3), score float8, band text)`),
      [JSON.stringify(marks)],
    );
  }

  /** Replaces a contract's hourly points in [from, to] with `views` (all inside that range). */
  async replaceHourly(contractId: string, from: Date, to: Date, views: ScorecardView[]): Promise<void> {
    const points = views.map((v) => ({
      window: v.window,
      at: v.at,
      score: v.score,
      band: v.band,
      body: { dimensions: v.dimensions, kpis: v.kpis },
    }));
    await this.sql.transaction(async (tx) => {
      await tx.rows(`DELETE FROM "ScoreSnapshot" WHERE "contractId" = $1 AND kind = 'hourly' AND at >= $2 AND at <= $3`, [
        contractId,
        from.toISOString(),
        to.toISOString(),
      ]);
      await tx.rows(
        `INSERT INTO "ScoreSnapshot" ("contractId", "window", kind, at, score, band, body)
         SELECT $1::uuid, "window", 'hourly', at, score, band, body
         FROM jsonb_to_recordset($2::jsonb) AS s("window" text, at timestamp(3), score float8, band text, body jsonb)`,
        [contractId, JSON.stringify(points)],
      );
    });
  }

  async hourly(contractId: string, window: WindowName): Promise<HourlyPoint[]> {
    const rows = await this.sql.rows<Omit<HourlyPoint, 'at'> & { at: Date }>(
      `SELECT "contractId", "window", at, score, band, body->'dimensions' AS dimensions, body->'kpis' AS kpis
       FROM "ScoreSnapshot" WHERE "contractId" = $1 AND "window" = $2 AND kind = 'hourly' ORDER BY at`,
      [contractId, window],
    );
    return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  }

  /** The newest live score and band of each window of some contracts, keyed by `latestKey`. */
  async latest(contractIds: string[]): Promise<Map<string, ScoreMark>> {
    // One backward index probe per contract and window: a DISTINCT ON over the contracts' points read
    // and sorted every live point they ever had (~60 ms at 40k points, on every scoring pass).
    const rows = await this.sql.rows<ScoreMark & { contractId: string; window: WindowName }>(
      `SELECT c.id AS "contractId", w.name AS "window", s.score, s.band
       FROM unnest($1::uuid[]) AS c(id) CROSS JOIN unnest($2::text[]) AS w(name)
       CROSS JOIN LATERAL (
         SELECT score, band FROM "ScoreSnapshot"
         WHERE "contractId" = c.id AND "window" = w.name AND kind = 'live'
         ORDER BY at DESC, id DESC LIMIT 1
       ) s`,
      [contractIds, WINDOW_NAMES],
    );
    return new Map(rows.map((r) => [latestKey(r.contractId, r.window), { score: r.score, band: r.band }]));
  }

  /** Hourly points since `since` (the newest `limit`), then the latest live point if it is newer. */
  async history(scope: Scope, contractId: string, window: WindowName, since: Date, limit: number): Promise<ScorePoint[]> {
    const where = { contractId, window, contract: vendorFilter(scope) };
    const select = { at: true, score: true, band: true } as const;
    const [hourly, live] = await Promise.all([
      this.prisma.scoreSnapshot.findMany({
        where: { ...where, kind: 'hourly', at: { gte: since } },
        orderBy: { at: 'desc' },
        take: limit,
        select,
      }),
      this.prisma.scoreSnapshot.findFirst({ where: { ...where, kind: 'live' }, orderBy: [{ at: 'desc' }, { id: 'desc' }], select }),
    ]);
    const points = hourly.reverse();
    if (live && (!points.length || live.at > points[points.length - 1].at)) points.push(live);
    return points.map((r) => ({ at: r.at.toISOString(), score: r.score, band: r.band as ScorePoint['band'] }));
  }
}
