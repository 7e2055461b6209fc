import { Injectable } from '@nestjs/common';
import type { ScorecardView, ScorePoint, WindowName } from '@rapport/contracts';
import { Prisma } from './generated/prisma/client';
import { PrismaService } from './prisma.service';
import { Scope, vendorFilter } from './scope';

/** Score history: one row each time a contract's scorecard is computed and stored. */
@Injectable()
export class SnapshotRepository {
  constructor(private readonly prisma: PrismaService) {}

  async save(view: ScorecardView): Promise<void> {
    await this.prisma.scoreSnapshot.create({
      data: {
        contractId: view.contractId,
        window: view.window,
        at: new Date(view.at),
        score: view.score,
        band: view.band,
        body: view as unknown as Prisma.InputJsonValue,
      },
    });
  }

  async latest(contractId: string, window: WindowName): Promise<ScorecardView | null> {
    const row = await this.prisma.scoreSnapshot.findFirst({
      where: { contractId, window },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      select: { body: true },
    });
    return row && (row.body as unknown as ScorecardView);
  }

  async history(scope: Scope, contractId: string, window: WindowName, since: Date, limit: number): Promise<ScorePoint[]> {
    const rows = await this.prisma.scoreSnapshot.findMany({
      where: { contractId, window, at: { gte: since }, contract: vendorFilter(scope) },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: limit,
      select: { at: true, score: true, band: true },
    });
    return rows.reverse().map((r) => ({ at: r.at.toISOString(), score: r.score, band: r.band as ScorePoint['band'] }));
  }
}
