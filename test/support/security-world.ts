import { randomBytes, randomUUID } from 'node:crypto';
import { HOUR, STANDARD_SLA } from './fixtures';
import { RapportHarness } from './rapport-harness';

/** One vendor with a contract and a vendor user, as the matrix needs them. */
export interface Tenant {
  label: 'A' | 'B';
  vendorId: string;
  vendorName: string;
  contractId: string;
  contractName: string;
  userId: string;
  email: string;
  password: string;
  token: string;
  /** An ingest token bound to this vendor's contracts. */
  ingestToken: string;
  ingestTokenId: string;
}

export interface World {
  admin: { token: string };
  manager: { userId: string; email: string; token: string };
  tenants: [Tenant, Tenant];
  ingestTokenId: string;
}

/** A password that passes the strength rule (24 random hex characters). */
export const password = (): string => randomBytes(12).toString('hex');

async function created<T>(rapport: RapportHarness, token: string, path: string, body: unknown): Promise<T> {
  const res = await rapport.request<T>('POST', path, { token, body });
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Two vendors (each with a contract, a user and a vendor-bound ingest token) and a manager, all through the API. */
export async function buildWorld(rapport: RapportHarness): Promise<World> {
  const admin = { token: await rapport.adminToken() };
  const tag = randomUUID().slice(0, 8);
  const tenant = async (label: 'A' | 'B'): Promise<Tenant> => {
    const vendor = await created<{ id: string; name: string }>(rapport, admin.token, '/api/v1/vendors', { name: `Vendor ${label} ${tag}` });
    const contract = await created<{ id: string; name: string }>(rapport, admin.token, '/api/v1/contracts', {
      vendorId: vendor.id,
      name: `Contract ${label} ${tag}`,
      serviceType: 'it_support',
      startsAt: new Date(Date.now() - 30 * 24 * HOUR).toISOString(),
      sla: STANDARD_SLA,
    });
    const email = `vendor-${label.toLowerCase()}-${tag}@example.test`;
    const secret = password();
    const user = await created<{ id: string }>(rapport, admin.token, '/api/v1/users', {
      email,
      password: secret,
      role: 'vendor',
      vendorId: vendor.id,
    });
    const ingest = await created<{ id: string; token: string }>(rapport, admin.token, '/api/v1/ingest-tokens', {
      name: `tool of ${label} ${tag}`,
      vendorId: vendor.id,
    });
    return {
      label,
      ingestToken: ingest.token,
      ingestTokenId: ingest.id,
      vendorId: vendor.id,
      vendorName: vendor.name,
      contractId: contract.id,
      contractName: contract.name,
      userId: user.id,
      email,
      password: secret,
      token: await rapport.login(email, secret),
    };
  };
  const tenants: [Tenant, Tenant] = [await tenant('A'), await tenant('B')];
  const managerEmail = `manager-${tag}@example.test`;
  const managerPassword = password();
  const manager = await created<{ id: string }>(rapport, admin.token, '/api/v1/users', {
    email: managerEmail,
    password: managerPassword,
    role: 'manager',
  });
  return {
    admin,
    manager: { userId: manager.id, email: managerEmail, token: await rapport.login(managerEmail, managerPassword) },
    tenants,
    ingestTokenId: tenants[0].ingestTokenId,
  };
}

/** Identifiers of a tenant that must never reach the other tenant's users. */
export function identifiersOf(tenant: Tenant, extra: string[] = []): string[] {
  return [tenant.vendorId, tenant.vendorName, tenant.contractId, tenant.contractName, tenant.userId, tenant.email, ...extra];
}
