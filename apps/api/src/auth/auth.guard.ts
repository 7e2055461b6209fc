import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ResourceScopeService } from '../security/resource-scope.service';
import { AuthenticatedRequest, bearerToken, PUBLIC_KEY, ROLES_KEY } from '../access/access.decorators';
import type { Principal, Role } from '../access/principal';
import { TokenService } from './token.service';

/**
 * Global guard: every route needs a valid access token unless marked @Public(); @Roles()
 * narrows it to some roles; tenant ids in route parameters must be in the caller's scope.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly scopes: ResourceScopeService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (context.getType() === 'ws') return this.allowSocketMessage(context);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.tokens.verify(bearerToken(request.headers.authorization));
    if (!principal) throw new UnauthorizedException('a valid access token is required');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) throw new ForbiddenException('your role may not do this');
    request.principal = principal;
    await this.scopes.assertParams(principal, request.params ?? {});
    return true;
  }

  /** Socket messages: the handshake verified the token; roles apply as on REST. */
  private allowSocketMessage(context: ExecutionContext): boolean {
    const principal = context.switchToWs().getClient<{ data?: { principal?: Principal } }>().data?.principal;
    if (!principal) return false;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    return !roles || roles.includes(principal.role);
  }
}
