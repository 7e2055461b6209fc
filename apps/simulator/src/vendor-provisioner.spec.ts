import { HttpError } from './http-retry';
import type { ContractDto, NewContract, VendorDto } from './rapport-client';
import { provisionVendors } from './vendor-provisioner';
import { VENDOR_SCENARIOS } from './vendor-scenarios';

const NOW = Date.UTC(2025, 5, 15, 13, 45);

/** In-memory stand-in for the admin REST API. */
function fakeAdmin(initial: { vendors?: VendorDto[]; contracts?: ContractDto[] } = {}) {
  const vendors = [...(initial.vendors ?? [])];
  const contracts = [...(initial.contracts ?? [])];
  const created: NewContract[] = [];
  let nextId = 1;
  return {
    vendors,
    contracts,
    created,
    listVendors: jest.fn(async () => vendors.map((v) => ({ ...v }))),
    createVendor: jest.fn(async (name: string) => {
      const v = { id: `v${nextId++}`, name };
      vendors.push(v);
      return v;
    }),
    listContracts: jest.fn(async () => contracts.map((c) => ({ ...c }))),
    createContract: jest.fn(async (input: NewContract) => {
      created.push(input);
      const c = { id: `c${nextId++}`, ...input };
      contracts.push(c);
      return c;
    }),
  };
}

const options = { nowMs: NOW, backfillDays: 30, log: () => undefined };

describe('provisionVendors', () => {
  it('creates each vendor and one contract with its service type, SLA and a start before the backfill', async () => {
    const api = fakeAdmin();
    const result = await provisionVendors(api, VENDOR_SCENARIOS, options);
    expect(api.vendors.map((v) => v.name)).toEqual(VENDOR_SCENARIOS.map((s) => s.vendorName));
    expect(api.created).toHaveLength(6);
    const expectedStart = Date.UTC(2025, 4, 16);
    for (const [i, input] of api.created.entries()) {
      const scenario = VENDOR_SCENARIOS[i];
      expect(input).toEqual({
        vendorId: result[i].vendorId,
        name: scenario.contractName,
        serviceType: scenario.serviceType,
        startsAt: new Date(expectedStart).toISOString(),
        sla: scenario.sla,
      });
      expect(result[i]).toMatchObject({ scenario, contractId: api.contracts[i].id, storyStartMs: expectedStart });
    }
  });

  it('is idempotent: a second run reuses everything, matching names case-insensitively', async () => {
    const api = fakeAdmin();
    const first = await provisionVendors(api, VENDOR_SCENARIOS, options);
    api.vendors[0].name = api.vendors[0].name.toUpperCase();
    const second = await provisionVendors(api, VENDOR_SCENARIOS, { ...options, nowMs: NOW + 3 * 86_400_000 });
    expect(second).toEqual(first);
    expect(api.createVendor).toHaveBeenCalledTimes(6);
    expect(api.createContract).toHaveBeenCalledTimes(6);
  });

  it("anchors the story on an existing contract's start", async () => {
    const scenario = VENDOR_SCENARIOS[0];
    const api = fakeAdmin({
      vendors: [{ id: 'v-old', name: scenario.vendorName }],
      contracts: [{ id: 'c-old', vendorId: 'v-old', name: scenario.contractName, startsAt: '2025-01-01T00:00:00.000Z' }],
    });
    const [first] = await provisionVendors(api, [scenario], options);
    expect(first).toEqual({ scenario, vendorId: 'v-old', contractId: 'c-old', storyStartMs: Date.UTC(2025, 0, 1) });
    expect(api.createContract).not.toHaveBeenCalled();
  });

  it('takes the vendor another process created meanwhile (409), and rethrows other errors', async () => {
    const scenario = VENDOR_SCENARIOS[1];
    const api = fakeAdmin();
    api.createVendor.mockImplementationOnce(async (name: string) => {
      api.vendors.push({ id: 'v-race', name });
      throw new HttpError('POST', '/api/v1/vendors', 409, 'exists');
    });
    const [result] = await provisionVendors(api, [scenario], options);
    expect(result.vendorId).toBe('v-race');

    const failing = fakeAdmin();
    failing.createContract.mockRejectedValueOnce(new HttpError('POST', '/api/v1/contracts', 400, 'sla: invalid'));
    await expect(provisionVendors(failing, [scenario], options)).rejects.toThrow('sla: invalid');
  });
});
