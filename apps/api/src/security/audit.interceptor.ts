import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { catchError, concatMap, from, map, Observable, throwError } from 'rxjs';
import type { AuthenticatedRequest } from '../access/access.decorators';
import { AuditService } from './audit.service';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const AUDITED_BY_HANDLER = 'rapport:audited-by-handler';

/** For routes that write their own, more precise audit entries (sign-in, password change). */
export const AuditedByHandler = () => SetMetadata(AUDITED_BY_HANDLER, true);

/**
 * Every change an admin makes is recorded, whether it succeeds or fails: action is the method
 * and route pattern (`PATCH /api/v1/users/:id`), target the id it touched, details the status
 * and the redacted request body. The response is held until the entry is written.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.principal;
    const skip = this.reflector.getAllAndOverride<boolean>(AUDITED_BY_HANDLER, [context.getHandler(), context.getClass()]);
    if (READS.has(request.method) || principal?.role !== 'admin' || skip) return next.handle();

    const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
    const { id, ...otherParams } = (request.params ?? {}) as Record<string, string>;
    const write = (status: number, responseId: unknown) =>
      this.audit.recordBy(principal.userId, {
        action: `${request.method} ${route}`,
        target: id ?? (typeof responseId === 'string' ? responseId : null),
        ip: request.ip ?? null,
        details: {
          status,
          ...(Object.keys(otherParams).length ? { params: otherParams } : {}),
          ...(request.body !== undefined ? { body: request.body as unknown } : {}),
        },
      });
    const okStatus =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);

    return next.handle().pipe(
      concatMap((body: unknown) => from(write(okStatus, (body as { id?: unknown } | null)?.id)).pipe(map(() => body))),
      catchError((error: unknown) => {
        const status = error instanceof HttpException ? error.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
        return from(write(status, null)).pipe(concatMap(() => throwError(() => error)));
      }),
    );
  }
}
