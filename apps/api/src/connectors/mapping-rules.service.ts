import { BadRequestException, Injectable } from '@nestjs/common';
import { normalizeAccount, normalizeSourceKey, Tool } from '@rapport/connectors';
import {
  ALL,
  ConnectorSourceRepository,
  ConnectorSourceRow,
  ContractRepository,
  VendorAccountRepository,
  VendorAccountRow,
  VendorRepository,
} from '@rapport/db';
import { found } from '../shared/found';

export interface NewSource {
  tool: Tool;
  externalKey: string;
  contractId: string;
  timeZone?: string;
}

export interface NewVendorAccount {
  tool: Tool;
  account: string;
  vendorId: string;
}

/**
 * Mapping rules: which source in a tool feeds which contract, and which tool accounts are the
 * vendor's. Keys and accounts are stored normalised, the way the connectors look them up; a rule
 * naming a contract or vendor that does not exist is a 400.
 */
@Injectable()
export class MappingRulesService {
  constructor(
    private readonly sources: ConnectorSourceRepository,
    private readonly accounts: VendorAccountRepository,
    private readonly contracts: ContractRepository,
    private readonly vendors: VendorRepository,
  ) {}

  listSources(tool?: Tool): Promise<ConnectorSourceRow[]> {
    return this.sources.list(tool);
  }

  async createSource(source: NewSource): Promise<ConnectorSourceRow> {
    if (!(await this.contracts.find(ALL, source.contractId))) throw new BadRequestException(`no contract ${source.contractId}`);
    return this.sources.create({ ...source, externalKey: normalizeSourceKey(source.tool, source.externalKey) });
  }

  async deleteSource(id: string): Promise<void> {
    found((await this.sources.delete(id)) || null);
  }

  listAccounts(filter: { tool?: Tool; vendorId?: string }): Promise<VendorAccountRow[]> {
    return this.accounts.list({ ...(filter.tool ? { tool: filter.tool } : {}), ...(filter.vendorId ? { vendorId: filter.vendorId } : {}) });
  }

  async createAccount(account: NewVendorAccount): Promise<VendorAccountRow> {
    if (!(await this.vendors.find(ALL, account.vendorId))) throw new BadRequestException(`no vendor ${account.vendorId}`);
    return this.accounts.create({ ...account, account: normalizeAccount(account.tool, account.account) });
  }

  async deleteAccount(id: string): Promise<void> {
    found((await this.accounts.delete(id)) || null);
  }
}
