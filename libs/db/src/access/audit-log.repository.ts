import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';

export interface AuditEntry {
  actorId?: string | null;
  actorEmail?: string | null;
  action: string;
  target?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

export interface AuditLogRow {
  id: string;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  target: string | null;
  details: unknown;
  ip: string | null;
}

export interface AuditQuery {
  limit: number;
  /** Only entries older than this id (paging backwards). */
  before?: bigint;
  /** Only actions starting with this text, e.g. `auth.login` or `DELETE`. */
  action?: string;
  actorId?: string;
}

/** Append-only record of logins and admin changes. */
@Injectable()
export class AuditLogRepository {
  constructor(private readonly prisma: PrismaService) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.prisma.auditLog.create({
      data: {
        actorId: entry.actorId ?? null,
        actorEmail: entry.actorEmail ?? null,
        action: entry.action,
        target: entry.target ?? null,
        details: (entry.details ?? {}) as Prisma.InputJsonValue,
        ip: entry.ip ?? null,
      },
    });
  }

  async list(query: AuditQuery): Promise<AuditLogRow[]> {
    const rows = await this.prisma.auditLog.findMany({
      where: {
        ...(query.before !== undefined ? { id: { lt: query.before } } : {}),
        ...(query.action ? { action: { startsWith: query.action } } : {}),
        ...(query.actorId ? { actorId: query.actorId } : {}),
      },
      orderBy: { id: 'desc' },
      take: query.limit,
    });
    return rows.map((r) => ({ ...r, id: r.id.toString() }));
  }
}
