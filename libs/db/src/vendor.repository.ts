import { Injectable } from '@nestjs/common';
import { PrismaService } from './prisma.service';
import { Scope } from './scope';

export interface VendorRow {
  id: string;
  name: string;
}

const select = { id: true, name: true } as const;

@Injectable()
export class VendorRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(name: string): Promise<VendorRow> {
    return this.prisma.vendor.create({ data: { name }, select });
  }

  list(scope: Scope): Promise<VendorRow[]> {
    const where = scope.kind === 'all' ? {} : { id: scope.vendorId };
    return this.prisma.vendor.findMany({ where, select, orderBy: { name: 'asc' } });
  }

  find(scope: Scope, id: string): Promise<VendorRow | null> {
    if (scope.kind === 'vendor' && scope.vendorId !== id) return Promise.resolve(null);
    return this.prisma.vendor.findUnique({ where: { id }, select });
  }

  async update(id: string, name: string): Promise<VendorRow | null> {
    const { count } = await this.prisma.vendor.updateMany({ where: { id }, data: { name } });
    return count ? this.prisma.vendor.findUnique({ where: { id }, select }) : null;
  }

  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.vendor.deleteMany({ where: { id } });
    return count > 0;
  }
}
