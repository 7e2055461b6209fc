import { Injectable } from '@nestjs/common';
import type { AlertView } from '@rapport/contracts';
import { toView } from './alert.repository';
import { PrismaService } from './prisma.service';
import { Scope, vendorFilter } from './scope';

/** An alert as the alert history shows it: with who acknowledged it, and when. */
export interface AlertRecord extends AlertView {
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export interface AlertHistoryQuery {
  limit: number;
  severity?: AlertView['severity'];
  kind?: AlertView['kind'];
  acknowledged?: boolean;
}

const include = { contract: { select: { vendorId: true } } } as const;

/** Reads alert history and records acknowledgements, always within the caller's scope. */
@Injectable()
export class AlertHistoryRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(scope: Scope, q: AlertHistoryQuery): Promise<AlertRecord[]> {
    const rows = await this.prisma.alert.findMany({
      where: {
        contract: vendorFilter(scope),
        ...(q.severity ? { severity: q.severity } : {}),
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.acknowledged === undefined ? {} : { acknowledgedAt: q.acknowledged ? { not: null } : null }),
      },
      orderBy: { raisedAt: 'desc' },
      take: q.limit,
      include,
    });
    return rows.map(toRecord);
  }

  /**
   * Marks an alert acknowledged once: the first acknowledgement stands (a second one returns the
   * alert unchanged). Null when the alert does not exist or is outside the scope.
   */
  async acknowledge(scope: Scope, id: string, by: string, at: Date): Promise<{ alert: AlertRecord; changed: boolean } | null> {
    const where = { id, contract: vendorFilter(scope) };
    const { count } = await this.prisma.alert.updateMany({
      where: { ...where, acknowledgedAt: null },
      data: { acknowledgedAt: at, acknowledgedBy: by },
    });
    const row = await this.prisma.alert.findFirst({ where, include });
    return row ? { alert: toRecord(row), changed: count > 0 } : null;
  }
}

function toRecord(row: {
  id: string;
  contractId: string;
  kind: string;
  severity: string;
  message: string;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  contract: { vendorId: string };
}): AlertRecord {
  return {
    ...toView(row),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: row.acknowledgedBy,
  };
}
