import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

/**
 * What a token may write to: one vendor's contracts, some named contracts, or every contract
 * (an admin-wide token, created only when asked for explicitly).
 */
export type IngestScope = { kind: 'vendor'; vendorId: string } | { kind: 'contracts'; contractIds: string[] } | { kind: 'all' };

/** An ingest token as admins see it: never its hash, let alone the token. */
export interface IngestTokenRow {
  id: string;
  name: string;
  scope: IngestScope;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const select = {
  id: true,
  name: true,
  vendorId: true,
  contractIds: true,
  allContracts: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

type Stored = { vendorId: string | null; contractIds: string[]; allContracts: boolean };

/** The scope a stored row grants; a row with none of the three grants nothing (an empty contract list). */
export function scopeOfRow(row: Stored): IngestScope {
  if (row.allContracts) return { kind: 'all' };
  if (row.vendorId) return { kind: 'vendor', vendorId: row.vendorId };
  return { kind: 'contracts', contractIds: row.contractIds };
}

const columnsOf = (scope: IngestScope): Stored => ({
  allContracts: scope.kind === 'all',
  vendorId: scope.kind === 'vendor' ? scope.vendorId : null,
  contractIds: scope.kind === 'contracts' ? scope.contractIds : [],
});

const view = ({ vendorId, contractIds, allContracts, ...rest }: Stored & Omit<IngestTokenRow, 'scope'>): IngestTokenRow => ({
  ...rest,
  scope: scopeOfRow({ vendorId, contractIds, allContracts }),
});

/** Bearer tokens for POST /api/v1/events, stored as SHA-256 hashes (hex). */
@Injectable()
export class IngestTokenRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(name: string, tokenHash: string, scope: IngestScope): Promise<IngestTokenRow> {
    return view(await this.prisma.ingestToken.create({ data: { name, tokenHash, ...columnsOf(scope) }, select }));
  }

  async list(): Promise<IngestTokenRow[]> {
    return (await this.prisma.ingestToken.findMany({ select, orderBy: { createdAt: 'desc' } })).map(view);
  }

  async find(id: string): Promise<IngestTokenRow | null> {
    const row = await this.prisma.ingestToken.findUnique({ where: { id }, select });
    return row && view(row);
  }

  /** The token with this hash, if it exists and is not revoked. */
  async findActiveByHash(tokenHash: string): Promise<{ id: string; name: string; scope: IngestScope } | null> {
    const row = await this.prisma.ingestToken.findFirst({ where: { tokenHash, revokedAt: null }, select });
    return row && { id: row.id, name: row.name, scope: scopeOfRow(row) };
  }

  /** Revokes a token (idempotent); null when there is no such token. */
  async revoke(id: string, at = new Date()): Promise<IngestTokenRow | null> {
    await this.prisma.ingestToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
    return this.find(id);
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.prisma.ingestToken.updateMany({ where: { id }, data: { lastUsedAt: at } });
  }
}
