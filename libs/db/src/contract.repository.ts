import { Injectable } from '@nestjs/common';
import type { CalendarInput, SlaPolicyInput, TargetsInput, WeightsInput } from '@rapport/contracts';
import { Prisma } from './generated/prisma/client';
import type { ServiceType } from './generated/prisma/enums';
import { PrismaService } from './prisma.service';
import { Scope, vendorFilter } from './scope';
import { SqlDatabase } from './sql/sql-database';

export interface ContractRow {
  id: string;
  vendorId: string;
  vendorName: string;
  name: string;
  serviceType: ServiceType;
  startsAt: Date;
  endsAt: Date | null;
  sla: SlaPolicyInput;
  targets: TargetsInput;
  weights: WeightsInput;
  calendar: CalendarInput | null;
  ownerEmail: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ContractInput {
  vendorId: string;
  name: string;
  serviceType: ServiceType;
  startsAt: Date;
  endsAt?: Date | null;
  sla: SlaPolicyInput;
  targets?: TargetsInput;
  weights?: WeightsInput;
  calendar?: CalendarInput | null;
  ownerEmail?: string | null;
}

const include = { vendor: { select: { name: true } } } as const;
type Loaded = Prisma.ContractGetPayload<{ include: typeof include }>;

// JSON columns are written only through ContractInput, whose schemas the API enforces.
const toRow = ({ vendor, ...c }: Loaded): ContractRow => ({
  ...c,
  vendorName: vendor.name,
  sla: c.sla as SlaPolicyInput,
  targets: c.targets as TargetsInput,
  weights: c.weights as WeightsInput,
  calendar: (c.calendar ?? null) as CalendarInput | null,
});

const calendarValue = (calendar: CalendarInput | null | undefined) => (calendar === null ? Prisma.DbNull : calendar);

@Injectable()
export class ContractRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: SqlDatabase,
  ) {}

  async create(input: ContractInput): Promise<ContractRow> {
    const data = { ...input, calendar: calendarValue(input.calendar) };
    return toRow(await this.prisma.contract.create({ data, include }));
  }

  async list(scope: Scope): Promise<ContractRow[]> {
    const rows = await this.prisma.contract.findMany({ where: vendorFilter(scope), include, orderBy: { name: 'asc' } });
    return rows.map(toRow);
  }

  /**
   * Internal lookup for the pipeline, which works on behalf of no user (ids are UUIDs, validated
   * where they came in). Typed SQL: the pipeline asks once per batch, and under load the ORM's
   * cost per query was a store's slowest step.
   */
  findByIds(ids: string[]): Promise<ContractRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.sql.rows<ContractRow>(
      `SELECT c.id, c."vendorId", v.name AS "vendorName", c.name, c."serviceType", c."startsAt", c."endsAt", c.sla, c.targets,
         c.weights, c.calendar, c."ownerEmail", c."createdAt", c."updatedAt"
       FROM "Contract" c JOIN "Vendor" v ON v.id = c."vendorId"
       WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async find(scope: Scope, id: string): Promise<ContractRow | null> {
    const row = await this.prisma.contract.findFirst({ where: { id, ...vendorFilter(scope) }, include });
    return row && toRow(row);
  }

  async update(id: string, input: Partial<ContractInput>): Promise<ContractRow | null> {
    const { count } = await this.prisma.contract.updateMany({ where: { id }, data: { ...input, calendar: calendarValue(input.calendar) } });
    return count ? this.find({ kind: 'all' }, id) : null;
  }

  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.contract.deleteMany({ where: { id } });
    return count > 0;
  }
}
