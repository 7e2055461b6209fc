import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

/** An ingest token as admins see it: never its hash, let alone the token. */
export interface IngestTokenRow {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const select = { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

/** Bearer tokens for POST /api/v1/events, stored as SHA-256 hashes (hex). */
@Injectable()
export class IngestTokenRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(name: string, tokenHash: string): Promise<IngestTokenRow> {
    return this.prisma.ingestToken.create({ data: { name, tokenHash }, select });
  }

  list(): Promise<IngestTokenRow[]> {
    return this.prisma.ingestToken.findMany({ select, orderBy: { createdAt: 'desc' } });
  }

  find(id: string): Promise<IngestTokenRow | null> {
    return this.prisma.ingestToken.findUnique({ where: { id }, select });
  }

  /** The token with this hash, if it exists and is not revoked. */
  findActiveByHash(tokenHash: string): Promise<{ id: string; name: string } | null> {
    return this.prisma.ingestToken.findFirst({ where: { tokenHash, revokedAt: null }, select: { id: true, name: true } });
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
