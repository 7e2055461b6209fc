import { BadRequestException, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { normalizeAccount, normalizeSourceKey, timeZoneProblem, toolSchema } from '@rapport/connectors';
import {
  ALL,
  ConnectorSourceRepository,
  ConnectorSourceRow,
  ContractRepository,
  VendorAccountRepository,
  VendorAccountRow,
  VendorRepository,
} from '@rapport/db';
import { z } from 'zod';
import { Roles } from '../access/access.decorators';
import { found } from '../shared/found';
import { DocumentBody, ValidBody, ValidQuery } from '../shared/zod-validation.pipe';

const sourceSchema = z.object({
  tool: toolSchema,
  externalKey: z.string().trim().min(1).max(300),
  contractId: z.uuid(),
  /** ServiceNow display-value times are in this zone when a delivery names none (docs/connectors.md). */
  timeZone: z
    .string()
    .trim()
    .max(64)
    .refine((zone) => !timeZoneProblem(zone), { message: 'not an IANA time zone (e.g. America/Los_Angeles)' })
    .optional(),
});
const accountSchema = z.object({ tool: toolSchema, account: z.string().trim().min(1).max(200), vendorId: z.uuid() });
const filterSchema = z.object({ tool: toolSchema.optional(), vendorId: z.uuid().optional() });

/**
 * Mapping rules: which source in a tool feeds which contract, and which tool accounts are the
 * vendor's (their comments are responses; their reviews are not client reviews).
 */
@ApiTags('connectors')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/connectors')
export class MappingRulesController {
  constructor(
    private readonly sources: ConnectorSourceRepository,
    private readonly accounts: VendorAccountRepository,
    private readonly contracts: ContractRepository,
    private readonly vendors: VendorRepository,
  ) {}

  @Get('sources')
  @ApiQuery({ name: 'tool', required: false })
  listSources(@ValidQuery(filterSchema) q: z.infer<typeof filterSchema>): Promise<ConnectorSourceRow[]> {
    return this.sources.list(q.tool);
  }

  @Post('sources')
  @DocumentBody(sourceSchema)
  async createSource(@ValidBody(sourceSchema) body: z.infer<typeof sourceSchema>): Promise<ConnectorSourceRow> {
    if (!(await this.contracts.find(ALL, body.contractId))) throw new BadRequestException(`no contract ${body.contractId}`);
    return this.sources.create({ ...body, externalKey: normalizeSourceKey(body.tool, body.externalKey) });
  }

  @Delete('sources/:id')
  @HttpCode(204)
  async deleteSource(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    found((await this.sources.delete(id)) || null);
  }

  @Get('vendor-accounts')
  @ApiQuery({ name: 'tool', required: false })
  @ApiQuery({ name: 'vendorId', required: false })
  listAccounts(@ValidQuery(filterSchema) q: z.infer<typeof filterSchema>): Promise<VendorAccountRow[]> {
    return this.accounts.list({ ...(q.tool ? { tool: q.tool } : {}), ...(q.vendorId ? { vendorId: q.vendorId } : {}) });
  }

  @Post('vendor-accounts')
  @DocumentBody(accountSchema)
  async createAccount(@ValidBody(accountSchema) body: z.infer<typeof accountSchema>): Promise<VendorAccountRow> {
    if (!(await this.vendors.find(ALL, body.vendorId))) throw new BadRequestException(`no vendor ${body.vendorId}`);
    return this.accounts.create({ ...body, account: normalizeAccount(body.tool, body.account) });
  }

  @Delete('vendor-accounts/:id')
  @HttpCode(204)
  async deleteAccount(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    found((await this.accounts.delete(id)) || null);
  }
}
