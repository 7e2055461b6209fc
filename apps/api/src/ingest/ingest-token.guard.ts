import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerException, ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import type { Request, Response } from 'express';
import { bearerToken } from '../access/access.decorators';
import { IngestCaller, IngestTokenService, OutOfScope } from '../security/ingest-token.service';
import { MAX_EVENTS_PER_REQUEST } from './ingest.service';

const WINDOW_MS = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The contract each event names, when it names one that looks like an id (anything else is the validator's to refuse). */
function namedContracts(body: unknown): OutOfScope[] {
  const inputs: unknown[] = Array.isArray(body) ? body : [body];
  if (inputs.length > MAX_EVENTS_PER_REQUEST) return [];
  return inputs.flatMap((input, index) => {
    const contractId = (input as { contractid?: unknown } | null)?.contractid;
    return typeof contractId === 'string' && UUID.test(contractId) ? [{ index, contractId: contractId.toLowerCase() }] : [];
  });
}

/**
 * Ingestion is for machines: it takes an ingest token (a stored one, or INGEST_TOKEN), not a
 * user's access token. Each token gets INGEST_RATE_LIMIT requests a minute; each IP address
 * INGEST_FAILURE_RATE_LIMIT failed attempts a minute, so guessing tokens goes nowhere. A batch
 * naming any contract outside the token's scope is refused whole (403, naming the events).
 */
@Injectable()
export class IngestTokenGuard implements CanActivate {
  constructor(
    private readonly tokens: IngestTokenService,
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { ingestCaller?: IngestCaller }>();
    const response = http.getResponse<Response>();
    const token = bearerToken(request.headers.authorization);
    const caller = token ? await this.tokens.identify(token) : null;
    if (!caller) {
      await this.limit(response, `ingest-failure:${request.ip ?? 'unknown'}`, this.config.INGEST_FAILURE_RATE_LIMIT);
      throw new UnauthorizedException('a valid ingest token is required');
    }
    await this.limit(response, `ingest:${caller.key}`, this.config.INGEST_RATE_LIMIT);
    const refused = await this.tokens.outOfScope(caller.scope, namedContracts(request.body));
    if (refused.length) {
      throw new ForbiddenException({
        message: `this ingest token may not write to the contract of event(s) ${refused.map((r) => r.index).join(', ')}; none accepted`,
        forbidden: refused,
      });
    }
    request.ingestCaller = caller;
    return true;
  }

  private async limit(response: Response, key: string, limit: number): Promise<void> {
    const { isBlocked, timeToBlockExpire } = await this.storage.increment(key, WINDOW_MS, limit, WINDOW_MS, 'ingest');
    if (!isBlocked) return;
    response.setHeader('Retry-After', String(timeToBlockExpire));
    throw new ThrottlerException('too many ingestion requests; retry later');
  }
}
