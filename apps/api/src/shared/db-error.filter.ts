import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { dbErrorKind, isDatabaseUnavailable } from '@rapport/db';
import { BrokerUnavailableError } from '@rapport/kafka';
import type { Response } from 'express';

const ANSWERS = {
  duplicate: [HttpStatus.CONFLICT, 'a record with these unique values already exists'],
  still_referenced: [HttpStatus.CONFLICT, 'the record is still in use by other records'],
  missing_reference: [HttpStatus.BAD_REQUEST, 'a referenced record does not exist'],
} as const;

/** Seconds a client is asked to wait while Kafka or the database is out of reach. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Maps expected database errors to 4xx, and Kafka or the database being out of reach to 503
 * with Retry-After (nothing was accepted: the client sends again); everything else is a 500
 * without details.
 */
@Catch()
export class DbErrorFilter extends BaseExceptionFilter implements ExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof HttpException || host.getType() !== 'http') {
      super.catch(exception, host);
      return;
    }
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof BrokerUnavailableError || isDatabaseUnavailable(exception)) {
      const what = exception instanceof BrokerUnavailableError ? 'the event broker' : 'the database';
      response
        .status(HttpStatus.SERVICE_UNAVAILABLE)
        .setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
        .json({ statusCode: HttpStatus.SERVICE_UNAVAILABLE, message: `${what} is unavailable; nothing was accepted, retry later` });
      return;
    }
    const kind = dbErrorKind(exception);
    if (!kind) {
      super.catch(exception, host);
      return;
    }
    const [status, message] = ANSWERS[kind];
    response.status(status).json({ statusCode: status, message });
  }
}
