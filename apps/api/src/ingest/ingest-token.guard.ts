import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { bearerToken } from '../auth/auth.decorators';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Ingestion is for machines: it takes the ingest token, not a user's access token. */
@Injectable()
export class IngestTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = config.INGEST_TOKEN ? digest(config.INGEST_TOKEN) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    const token = bearerToken(context.switchToHttp().getRequest<Request>().headers.authorization);
    // Comparing digests keeps the comparison constant-time whatever the token's length.
    if (!this.expected || !token || !timingSafeEqual(digest(token), this.expected)) {
      throw new UnauthorizedException('a valid ingest token is required');
    }
    return true;
  }
}
