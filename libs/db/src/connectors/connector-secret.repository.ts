import { Injectable } from '@nestjs/common';
import type { ConnectorTool } from '../generated/prisma/enums';
import { PrismaService } from '../prisma.service';

/** A webhook secret as admins see it: never its value, not even encrypted. */
export interface ConnectorSecretRow {
  id: string;
  tool: ConnectorTool;
  label: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const select = { id: true, tool: true, label: true, createdAt: true, revokedAt: true } as const;

@Injectable()
export class ConnectorSecretRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(input: { tool: ConnectorTool; label: string; ciphertext: string }): Promise<ConnectorSecretRow> {
    return this.prisma.connectorSecret.create({ data: input, select });
  }

  list(tool?: ConnectorTool): Promise<ConnectorSecretRow[]> {
    return this.prisma.connectorSecret.findMany({ where: tool ? { tool } : {}, select, orderBy: { createdAt: 'desc' } });
  }

  /** The encrypted values of a tool's secrets that are not revoked. */
  async activeCiphertexts(tool: ConnectorTool): Promise<string[]> {
    const rows = await this.prisma.connectorSecret.findMany({ where: { tool, revokedAt: null }, select: { ciphertext: true } });
    return rows.map((r) => r.ciphertext);
  }

  /** Revokes a secret (once); null when there is no such secret. */
  async revoke(id: string): Promise<ConnectorSecretRow | null> {
    await this.prisma.connectorSecret.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    return this.prisma.connectorSecret.findUnique({ where: { id }, select });
  }
}
