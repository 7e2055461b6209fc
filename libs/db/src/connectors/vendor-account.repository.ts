import { Injectable } from '@nestjs/common';
import type { ConnectorTool } from '../generated/prisma/enums';
import { PrismaService } from '../prisma.service';

/** An account in a vendor tool that speaks for the vendor. */
export interface VendorAccountRow {
  id: string;
  vendorId: string;
  tool: ConnectorTool;
  account: string;
  createdAt: Date;
}

@Injectable()
export class VendorAccountRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(input: { vendorId: string; tool: ConnectorTool; account: string }): Promise<VendorAccountRow> {
    return this.prisma.vendorAccount.create({ data: input });
  }

  list(filter: { vendorId?: string; tool?: ConnectorTool } = {}): Promise<VendorAccountRow[]> {
    return this.prisma.vendorAccount.findMany({ where: filter, orderBy: [{ tool: 'asc' }, { account: 'asc' }] });
  }

  /** The accounts of one vendor in one tool. */
  async accountsOf(vendorId: string, tool: ConnectorTool): Promise<string[]> {
    const rows = await this.prisma.vendorAccount.findMany({ where: { vendorId, tool }, select: { account: true } });
    return rows.map((r) => r.account);
  }

  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.vendorAccount.deleteMany({ where: { id } });
    return count > 0;
  }
}
