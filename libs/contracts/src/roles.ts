/** Who a user is (docs/product.md "Users"): an admin, a client-side manager, or a vendor's user bound to one vendor. */
export const ROLES = ['admin', 'manager', 'vendor'] as const;
export type Role = (typeof ROLES)[number];
