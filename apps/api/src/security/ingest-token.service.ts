import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { IngestTokenRepository, IngestTokenRow } from '@rapport/db';
import { timingSafeEqual } from 'node:crypto';
import { newOpaqueToken, sha256Hex } from './opaque-token';

/** Who is sending events: a stored token, or the bootstrap INGEST_TOKEN from the environment. */
export interface IngestCaller {
  /** `config` for INGEST_TOKEN, else the stored token's id. */
  key: string;
  name: string;
}

const CACHE_MS = 30_000;
const TOUCH_EVERY_MS = 60_000;
const CACHE_MAX = 1000;
export const INGEST_TOKEN_PREFIX = 'rpt_ing';

/**
 * Ingest tokens: created with a random secret shown once, stored as SHA-256, revocable.
 * Hot path: a valid stored token is remembered for 30 s (revocation here takes effect at once,
 * on other API instances within 30 s) and its lastUsedAt is written at most once a minute.
 */
@Injectable()
export class IngestTokenService {
  private readonly logger = new Logger(IngestTokenService.name);
  private readonly configured: Buffer | null;
  private readonly cache = new Map<string, { caller: IngestCaller; until: number }>();
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly tokens: IngestTokenRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.configured = config.INGEST_TOKEN ? Buffer.from(sha256Hex(config.INGEST_TOKEN), 'hex') : null;
  }

  async create(name: string): Promise<IngestTokenRow & { token: string }> {
    const { token, hash } = newOpaqueToken(INGEST_TOKEN_PREFIX);
    const row = await this.tokens.create(name, hash);
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
    if (this.configured && timingSafeEqual(Buffer.from(hash, 'hex'), this.configured)) return { key: 'config', name: 'INGEST_TOKEN' };
    const cached = this.cache.get(hash);
    let caller = cached && cached.until > now ? cached.caller : null;
    if (!caller) {
      const row = await this.tokens.findActiveByHash(hash);
      if (!row) return null;
      caller = { key: row.id, name: row.name };
      if (this.cache.size >= CACHE_MAX) this.cache.clear();
      this.cache.set(hash, { caller, until: now + CACHE_MS });
    }
    this.touch(caller.key, now);
    return caller;
  }

  private touch(id: string, now: number): void {
    if (now - (this.touched.get(id) ?? 0) < TOUCH_EVERY_MS) return;
    this.touched.set(id, now);
    this.tokens
      .touch(id, new Date(now))
      .catch((error: Error) => this.logger.warn(`could not record the use of ingest token ${id}: ${error.message}`));
  }
}
