import { Injectable } from '@nestjs/common';
import type { ConnectorTool } from '../generated/prisma/enums';
import { PrismaService } from '../prisma.service';

/** A mapping rule: this source in a vendor tool feeds this contract. */
export interface ConnectorSourceRow {
  id: string;
  tool: ConnectorTool;
  externalKey: string;
  contractId: string;
  /** IANA time zone of display-value times from this source (ServiceNow), when deliveries name none. */
  timeZone: string | null;
  createdAt: Date;
}

@Injectable()
export class ConnectorSourceRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(input: { tool: ConnectorTool; externalKey: string; contractId: string; timeZone?: string | null }): Promise<ConnectorSourceRow> {
    return this.prisma.connectorSource.create({ data: input });
  }

  list(tool?: ConnectorTool): Promise<ConnectorSourceRow[]> {
    return this.prisma.connectorSource.findMany({ where: tool ? { tool } : {}, orderBy: [{ tool: 'asc' }, { externalKey: 'asc' }] });
  }

  /** The rule of the first key that has one, keys being tried in the order given. */
  async findFirst(tool: ConnectorTool, keys: string[]): Promise<ConnectorSourceRow | null> {
    if (!keys.length) return null;
    const rows = await this.prisma.connectorSource.findMany({ where: { tool, externalKey: { in: keys } } });
    return keys.map((k) => rows.find((r) => r.externalKey === k)).find((r) => r !== undefined) ?? null;
  }

  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.connectorSource.deleteMany({ where: { id } });
    return count > 0;
  }
}
