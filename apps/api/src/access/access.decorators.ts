import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal, Role } from './principal';

export const PUBLIC_KEY = 'rapport:public';
export const ROLES_KEY = 'rapport:roles';
export const SIGNED_IN_KEY = 'rapport:signed-in';

/**
 * Opts a route out of user authentication. It is then a machine route (ingestion, webhooks)
 * that must check its caller some other way, or one of the few open routes (login, health).
 */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Restricts a route to some roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * Open to every signed-in user, vendor users included: the route must read through the
 * caller's scope. This is also what a route with neither decorator gets; saying it is clearer.
 */
export const SignedIn = () => SetMetadata(SIGNED_IN_KEY, true);

export type AuthenticatedRequest = Request & { principal: Principal };

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
