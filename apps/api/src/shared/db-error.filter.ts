import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { dbErrorKind } from '@rapport/db';
import type { Response } from 'express';

const ANSWERS = {
  duplicate: [HttpStatus.CONFLICT, 'a record with these unique values already exists'],
  still_referenced: [HttpStatus.CONFLICT, 'the record is still in use by other records'],
  missing_reference: [HttpStatus.BAD_REQUEST, 'a referenced record does not exist'],
} as const;

/** Maps expected database errors to 4xx; everything else is a 500 without details. */
@Catch()
export class DbErrorFilter extends BaseExceptionFilter implements ExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const kind = dbErrorKind(exception);
    if (!kind || exception instanceof HttpException || host.getType() !== 'http') {
      super.catch(exception, host);
      return;
    }
    const [status, message] = ANSWERS[kind];
    host.switchToHttp().getResponse<Response>().status(status).json({ statusCode: status, message });
  }
}
