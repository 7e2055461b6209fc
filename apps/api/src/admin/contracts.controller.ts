import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { calendarSchema, SERVICE_TYPES, slaSchema, targetsSchema, weightsSchema } from '@rapport/contracts';
import { ContractRepository, ContractRow } from '@rapport/db';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../access/access.decorators';
import { Principal, scopeOf } from '../access/principal';
import { DocumentBody, ValidBody } from '../shared/zod-validation.pipe';
import { found } from '../shared/found';
import { boundedDate } from '../security/input-bounds';

const contractFields = z.object({
  vendorId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  serviceType: z.enum(SERVICE_TYPES),
  startsAt: boundedDate,
  endsAt: boundedDate.nullable().optional(),
  sla: slaSchema,
  targets: targetsSchema.optional(),
  weights: weightsSchema.optional(),
  calendar: calendarSchema.nullable().optional(),
  ownerEmail: z.email().nullable().optional(),
});
const contractSchema = contractFields.refine((c) => !c.endsAt || c.endsAt > c.startsAt, {
  message: 'endsAt must be after startsAt',
  path: ['endsAt'],
});
// The vendor of a contract is fixed; moving work to another vendor is a new contract.
const contractPatchSchema = contractFields.omit({ vendorId: true }).partial();

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/v1/contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractRepository) {}

  @Post()
  @Roles('admin')
  @DocumentBody(contractSchema)
  create(@ValidBody(contractSchema) body: z.infer<typeof contractSchema>): Promise<ContractRow> {
    return this.contracts.create(body);
  }

  @Get()
  list(@CurrentPrincipal() who: Principal): Promise<ContractRow[]> {
    return this.contracts.list(scopeOf(who));
  }

  @Get(':id')
  async read(@CurrentPrincipal() who: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ContractRow> {
    return found(await this.contracts.find(scopeOf(who), id));
  }

  @Patch(':id')
  @Roles('admin')
  @DocumentBody(contractPatchSchema)
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(contractPatchSchema) body: z.infer<typeof contractPatchSchema>,
  ): Promise<ContractRow> {
    return found(await this.contracts.update(id, body));
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    found((await this.contracts.delete(id)) || null);
  }
}
