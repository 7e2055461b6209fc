import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { ALL, ContractRepository, IngestScope, IngestTokenRepository, IngestTokenRow, VendorRepository } from '@rapport/db';
import { timingSafeEqual } from 'node:crypto';
import { newOpaqueToken, sha256Hex } from '../access/opaque-token';

/** Who is sending events: a stored token, or the bootstrap INGEST_TOKEN from the environment (admin-wide). */
export interface IngestCaller {
  /** `config` for INGEST_TOKEN, else the stored token's id. */
  key: string;
  name: string;
  scope: IngestScope;
}

/** An event of a request that names a contract outside the caller's scope. */
export interface OutOfScope {
  index: number;
  contractId: string;
}

const CACHE_MS = 30_000;
const TOUCH_EVERY_MS = 60_000;
const CACHE_MAX = 1000;
export const INGEST_TOKEN_PREFIX = 'rpt_ing';

/**
 * Ingest tokens: created with a random secret shown once, stored as SHA-256, revocable, and
 * bound to a scope (a vendor's contracts, named contracts, or all when created as such).
 * Hot path: a valid stored token is remembered for 30 s (revocation here takes effect at once,
 * on other API instances within 30 s) and its lastUsedAt is written at most once a minute.
 */
@Injectable()
export class IngestTokenService {
  private readonly logger = new Logger(IngestTokenService.name);
  private readonly configured: Buffer | null;
  private readonly cache = new Map<string, { caller: IngestCaller; until: number }>();
  private readonly touched = new Map<string, number>();
  // A contract's vendor never changes (contracts.controller), so it can be remembered.
  private readonly vendorOfContract = new Map<string, string>();

  constructor(
    private readonly tokens: IngestTokenRepository,
    private readonly contracts: ContractRepository,
    private readonly vendors: VendorRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.configured = config.INGEST_TOKEN ? Buffer.from(sha256Hex(config.INGEST_TOKEN), 'hex') : null;
  }

  /** The scope's vendor or contracts must exist: a token for nothing is a mistake worth a 400. */
  async create(name: string, scope: IngestScope): Promise<IngestTokenRow & { token: string }> {
    if (scope.kind === 'vendor' && !(await this.vendors.find(ALL, scope.vendorId))) {
      throw new BadRequestException(`no vendor ${scope.vendorId}`);
    }
    if (scope.kind === 'contracts') {
      const found = new Set((await this.contracts.findByIds(scope.contractIds)).map((c) => c.id));
      const missing = scope.contractIds.filter((id) => !found.has(id));
      if (missing.length) throw new BadRequestException(`no contract ${missing.join(', ')}`);
    }
    const { token, hash } = newOpaqueToken(INGEST_TOKEN_PREFIX);
    const row = await this.tokens.create(name, hash, scope);
    return { ...row, token };
  }

  list(): Promise<IngestTokenRow[]> {
    return this.tokens.list();
  }

  async revoke(id: string): Promise<IngestTokenRow | null> {
    const row = await this.tokens.revoke(id);
    for (const [hash, entry] of this.cache) if (entry.caller.key === id) this.cache.delete(hash);
    return row;
  }

  /** The caller a bearer token stands for, or null. Never logs the token. */
  async identify(token: string, now = Date.now()): Promise<IngestCaller | null> {
    const hash = sha256Hex(token);
    // Comparing digests keeps the comparison constant-time whatever the token's length.
    if (this.configured && timingSafeEqual(Buffer.from(hash, 'hex'), this.configured)) {
      return { key: 'config', name: 'INGEST_TOKEN', scope: { kind: 'all' } };
    }
    const cached = this.cache.get(hash);
    let caller = cached && cached.until > now ? cached.caller : null;
    if (!caller) {
      const row = await this.tokens.findActiveByHash(hash);
      if (!row) return null;
      caller = { key: row.id, name: row.name, scope: row.scope };
      if (this.cache.size >= CACHE_MAX) this.cache.clear();
      this.cache.set(hash, { caller, until: now + CACHE_MS });
    }
    this.touch(caller.key, now);
    return caller;
  }

  /** The events (by index) whose contract the scope does not cover; unknown contracts are never covered. */
  async outOfScope(scope: IngestScope, events: OutOfScope[]): Promise<OutOfScope[]> {
    switch (scope.kind) {
      case 'all':
        return [];
      case 'contracts': {
        const allowed = new Set(scope.contractIds);
        return events.filter((e) => !allowed.has(e.contractId));
      }
      case 'vendor': {
        await this.learnVendors(events.map((e) => e.contractId));
        return events.filter((e) => this.vendorOfContract.get(e.contractId) !== scope.vendorId);
      }
      default: {
        const unreachable: never = scope;
        return unreachable;
      }
    }
  }

  private async learnVendors(contractIds: string[]): Promise<void> {
    const unknown = [...new Set(contractIds)].filter((id) => !this.vendorOfContract.has(id));
    if (!unknown.length) return;
    if (this.vendorOfContract.size + unknown.length > CACHE_MAX * 10) this.vendorOfContract.clear();
    for (const c of await this.contracts.findByIds(unknown)) this.vendorOfContract.set(c.id, c.vendorId);
  }

  private touch(id: string, now: number): void {
    if (now - (this.touched.get(id) ?? 0) < TOUCH_EVERY_MS) return;
    this.touched.set(id, now);
    this.tokens
      .touch(id, new Date(now))
      .catch((error: Error) => this.logger.warn(`could not record the use of ingest token ${id}: ${error.message}`));
  }
}
