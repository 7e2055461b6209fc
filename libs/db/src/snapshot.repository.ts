import { Injectable } from '@nestjs/common';
import type { ScorecardView, ScorePoint, WindowName } from '@rapport/contracts';
import { Prisma } from './generated/prisma/client';
import { PrismaService } from './prisma.service';
import { Scope, vendorFilter } from './scope';
import { SqlDatabase } from './sql/sql-database';

const row = (view: ScorecardView, kind: SnapshotKind) => ({
  contractId: view.contractId,
  window: view.window,
  kind,
  at: new Date(view.at),
  score: view.score,
  band: view.band,
  // Live points come with every change: keeping whole scorecards there would grow without need.
  body: kind === 'hourly' ? (view as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
});

export type ScoreMark = Pick<ScorecardView, 'score' | 'band'>;

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
      `INSERT INTO "ScoreSnapshot" ("contractId", "window", kind, at, score, band)
       SELECT "contractId", "window", 'live', at, score, band
       FROM jsonb_to_recordset($1::jsonb) AS s("contractId" uuid, "window" text, at timestamp(3), score float8, band text)`,
      [JSON.stringify(marks)],
    );
  }

  /** Replaces a contract's hourly points in [from, to] with `views` (all inside that range). */
  async replaceHourly(contractId: string, from: Date, to: Date, views: ScorecardView[]): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.scoreSnapshot.deleteMany({ where: { contractId, kind: 'hourly', at: { gte: from, lte: to } } }),
      this.prisma.scoreSnapshot.createMany({ data: views.map((v) => row(v, 'hourly')) }),
    ]);
  }

  hourly(contractId: string, window: WindowName): Promise<ScorecardView[]> {
    return this.prisma.scoreSnapshot
      .findMany({ where: { contractId, window, kind: 'hourly' }, orderBy: { at: 'asc' }, select: { body: true } })
      .then((rows) => rows.map((r) => r.body as unknown as ScorecardView));
  }

  /** The newest live score and band of each window of some contracts, keyed by `latestKey`. */
  async latest(contractIds: string[]): Promise<Map<string, ScoreMark>> {
    const rows = await this.sql.rows<ScoreMark & { contractId: string; window: WindowName }>(
      `SELECT DISTINCT ON ("contractId", "window") "contractId", "window", score, band
       FROM "ScoreSnapshot" WHERE "contractId" = ANY($1::uuid[]) AND kind = 'live'
       ORDER BY "contractId", "window", at DESC, id DESC`,
      [contractIds],
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
