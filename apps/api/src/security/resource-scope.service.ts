import { Injectable, NotFoundException } from '@nestjs/common';
import { ContractRepository } from '@rapport/db';
import { Principal, scopeOf } from '../access/principal';

const single = (value: string | string[] | undefined): string | undefined => (typeof value === 'string' ? value : undefined);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Route parameters that name a tenant's resource are checked against the caller's scope
 * before any handler runs, whatever the handler then reads: `:vendorId` must be the caller's
 * vendor (for vendor users) and `:contractId` a contract the caller may see. The answer for
 * "not yours" is the same 404 as for "absent". Malformed ids are left to the route's pipes (400).
 */
@Injectable()
export class ResourceScopeService {
  constructor(private readonly contracts: ContractRepository) {}

  async assertParams(principal: Principal, params: Record<string, string | string[] | undefined>): Promise<void> {
    const vendorId = single(params.vendorId);
    const contractId = single(params.contractId);
    if (vendorId && UUID.test(vendorId) && principal.role === 'vendor' && vendorId.toLowerCase() !== principal.vendorId?.toLowerCase()) {
      throw new NotFoundException('not found');
    }
    if (contractId && UUID.test(contractId) && !(await this.contracts.find(scopeOf(principal), contractId))) {
      throw new NotFoundException('not found');
    }
  }
}
