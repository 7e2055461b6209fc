import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { VendorRepository, VendorRow } from '@rapport/db';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../access/access.decorators';
import { Principal, scopeOf } from '../access/principal';
import { found } from '../shared/found';
import { DocumentBody, ValidBody } from '../shared/zod-validation.pipe';

const vendorSchema = z.object({ name: z.string().trim().min(1).max(200) });

@ApiTags('vendors')
@ApiBearerAuth()
@Controller('api/v1/vendors')
export class VendorsController {
  constructor(private readonly vendors: VendorRepository) {}

  @Post()
  @Roles('admin')
  @DocumentBody(vendorSchema)
  create(@ValidBody(vendorSchema) body: z.infer<typeof vendorSchema>): Promise<VendorRow> {
    return this.vendors.create(body.name);
  }

  @Get()
  list(@CurrentPrincipal() who: Principal): Promise<VendorRow[]> {
    return this.vendors.list(scopeOf(who));
  }

  @Get(':id')
  async read(@CurrentPrincipal() who: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<VendorRow> {
    return found(await this.vendors.find(scopeOf(who), id));
  }

  @Patch(':id')
  @Roles('admin')
  @DocumentBody(vendorSchema)
  async update(@Param('id', ParseUUIDPipe) id: string, @ValidBody(vendorSchema) body: z.infer<typeof vendorSchema>): Promise<VendorRow> {
    return found(await this.vendors.update(id, body.name));
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    found((await this.vendors.delete(id)) || null);
  }
}
