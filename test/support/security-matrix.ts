import { randomUUID } from 'node:crypto';
import type { RouteInfo } from './security-routes';
import type { Tenant, World } from './security-world';

/** What kind of record a route parameter names; null when the matrix does not know. */
export type ResourceKind = 'vendor' | 'contract' | 'user' | 'ingest-token';

export function resourceKindOf(route: RouteInfo, param: string): ResourceKind | null {
  if (param === 'vendorId') return 'vendor';
  if (param === 'contractId') return 'contract';
  if (param !== 'id') return null;
  const segments = route.path.split('/');
  const collection = segments[segments.indexOf(':id') - 1];
  const kinds: Record<string, ResourceKind> = { vendors: 'vendor', contracts: 'contract', users: 'user', 'ingest-tokens': 'ingest-token' };
  return kinds[collection] ?? null;
}

/** The id of a tenant's record of that kind (ingest tokens belong to no tenant). */
export function resourceOf(world: World, tenant: Tenant, kind: ResourceKind): string {
  switch (kind) {
    case 'vendor':
      return tenant.vendorId;
    case 'contract':
      return tenant.contractId;
    case 'user':
      return tenant.userId;
    case 'ingest-token':
      return world.ingestTokenId;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** The route's path with its parameters filled in; unknown kinds get `fallback`. */
export function fill(route: RouteInfo, value: (param: string, kind: ResourceKind | null) => string): string {
  return route.path.replace(/:(\w+)/g, (_, param: string) => encodeURIComponent(value(param, resourceKindOf(route, param))));
}

export const randomId = (): string => randomUUID();

/** Tallies of the matrix: every request with an expectation is a check; a leak is a forbidden 2xx or foreign data. */
export class Tally {
  checks = 0;
  leaks: string[] = [];
  failures: string[] = [];

  check(description: string, ok: boolean, leak = false): void {
    this.checks += 1;
    if (leak) this.leaks.push(description);
    else if (!ok) this.failures.push(description);
  }
}

/** Which of `identifiers` occur in a response body. */
export function foreignIn(body: unknown, identifiers: string[]): string[] {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
  return identifiers.filter((id) => text.includes(id));
}
