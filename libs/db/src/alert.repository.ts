import { Injectable } from '@nestjs/common';
import type { AlertView } from '@rapport/contracts';
import { PrismaService } from './prisma.service';
import { Scope, vendorFilter } from './scope';

const include = { contract: { select: { vendorId: true } } } as const;

type AlertInput = Omit<AlertView, 'id' | 'raisedAt' | 'vendorId'> & {
  /** An alert with a key is raised once only, however often (or by however many instances) it is found. */
  dedupeKey?: string;
};

@Injectable()
export class AlertRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The new alert, or null when one with the same dedupe key was raised before. */
  async create(input: AlertInput): Promise<AlertView | null> {
    if (input.dedupeKey) {
      const [created] = await this.prisma.alert.createManyAndReturn({ data: [input], skipDuplicates: true, select: { id: true } });
      if (!created) return null;
      return toView(await this.prisma.alert.findUniqueOrThrow({ where: { id: created.id }, include }));
    }
    return toView(await this.prisma.alert.create({ data: input, include }));
  }

  async find(id: string): Promise<AlertView | null> {
    const row = await this.prisma.alert.findUnique({ where: { id }, include });
    return row && toView(row);
  }

  async list(scope: Scope, limit = 100): Promise<AlertView[]> {
    const rows = await this.prisma.alert.findMany({
      where: { contract: vendorFilter(scope) },
      orderBy: { raisedAt: 'desc' },
      take: limit,
      include,
    });
    return rows.map(toView);
  }

  /** Alerts raised in (from, to], newest first; unacknowledged ones only when `open`. */
  async raisedBetween(scope: Scope, from: Date, to: Date, options: { open?: boolean; limit?: number } = {}): Promise<AlertView[]> {
    const rows = await this.prisma.alert.findMany({
      where: {
        contract: vendorFilter(scope),
        raisedAt: { gt: from, lte: to },
        ...(options.open ? { OR: [{ acknowledgedAt: null }, { acknowledgedAt: { gt: to } }] } : {}),
      },
      orderBy: { raisedAt: 'desc' },
      take: options.limit ?? 200,
      include,
    });
    return rows.map(toView);
  }
}

/** The one mapping of a stored alert (with its contract's vendor) to what clients see. */
export function toView(row: {
  id: string;
  contractId: string;
  kind: string;
  severity: string;
  message: string;
  raisedAt: Date;
  contract: { vendorId: string };
}): AlertView {
  return {
    id: row.id,
    contractId: row.contractId,
    vendorId: row.contract.vendorId,
    kind: row.kind as AlertView['kind'],
    severity: row.severity as AlertView['severity'],
    message: row.message,
    raisedAt: row.raisedAt.toISOString(),
  };
}
