import { Injectable } from '@nestjs/common';
import type { ScorecardView, ScorePoint, WindowName } from '@rapport/contracts';
import { Prisma } from './generated/prisma/client';
import { PrismaService } from './prisma.service';
import { Scope, vendorFilter } from './scope';

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

/** `live`: computed on a change, as known then. `hourly`: on hour boundaries, recomputed by event time. */
export type SnapshotKind = 'live' | 'hourly';

/** Score history for trend charts and alert comparisons. */
@Injectable()
export class SnapshotRepository {
  constructor(private readonly prisma: PrismaService) {}

  async save(view: ScorecardView): Promise<void> {
    await this.prisma.scoreSnapshot.create({ data: row(view, 'live') });
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

  /** The newest live score and band of a contract's window. */
  async latest(contractId: string, window: WindowName): Promise<ScoreMark | null> {
    const row = await this.prisma.scoreSnapshot.findFirst({
      where: { contractId, window, kind: 'live' },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      select: { score: true, band: true },
    });
    return row && { score: row.score, band: row.band as ScoreMark['band'] };
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
