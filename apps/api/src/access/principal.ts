import type { Scope } from '@rapport/db';

export type Role = 'admin' | 'manager' | 'vendor';

/** Who is asking, as carried by a verified access token. */
export interface Principal {
  userId: string;
  role: Role;
  vendorId: string | null;
}

/** What a principal may read: everything for client staff, one vendor for a vendor user. */
export function scopeOf(principal: Principal): Scope {
  if (principal.role !== 'vendor') return { kind: 'all' };
  // A vendor user always has a vendor; an unbound one sees nothing rather than everything.
  return { kind: 'vendor', vendorId: principal.vendorId ?? '00000000-0000-0000-0000-000000000000' };
}
