import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { timeZoneProblem, toolSchema } from '@rapport/connectors';
import type { ConnectorSourceRow, VendorAccountRow } from '@rapport/db';
import { z } from 'zod';
import { Roles } from '../access/access.decorators';
import { DocumentBody, ValidBody, ValidQuery } from '../shared/zod-validation.pipe';
import { MappingRulesService } from './mapping-rules.service';

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
  constructor(private readonly rules: MappingRulesService) {}

  @Get('sources')
  @ApiQuery({ name: 'tool', required: false })
  listSources(@ValidQuery(filterSchema) q: z.infer<typeof filterSchema>): Promise<ConnectorSourceRow[]> {
    return this.rules.listSources(q.tool);
  }

  @Post('sources')
  @DocumentBody(sourceSchema)
  createSource(@ValidBody(sourceSchema) body: z.infer<typeof sourceSchema>): Promise<ConnectorSourceRow> {
    return this.rules.createSource(body);
  }

  @Delete('sources/:id')
  @HttpCode(204)
  deleteSource(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.rules.deleteSource(id);
  }

  @Get('vendor-accounts')
  @ApiQuery({ name: 'tool', required: false })
  @ApiQuery({ name: 'vendorId', required: false })
  listAccounts(@ValidQuery(filterSchema) q: z.infer<typeof filterSchema>): Promise<VendorAccountRow[]> {
    return this.rules.listAccounts(q);
  }

  @Post('vendor-accounts')
  @DocumentBody(accountSchema)
  createAccount(@ValidBody(accountSchema) body: z.infer<typeof accountSchema>): Promise<VendorAccountRow> {
    return this.rules.createAccount(body);
  }

  @Delete('vendor-accounts/:id')
  @HttpCode(204)
  deleteAccount(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.rules.deleteAccount(id);
  }
}
