/**
 * Who is reading. Every repository read that can return tenant data takes one, so vendor
 * isolation holds where data is read, not only in controllers.
 */
export type Scope = { kind: 'all' } | { kind: 'vendor'; vendorId: string };

export const ALL: Scope = { kind: 'all' };

/** Prisma `where` fragment on a vendorId column. */
export const vendorFilter = (scope: Scope): { vendorId?: string } => (scope.kind === 'all' ? {} : { vendorId: scope.vendorId });
