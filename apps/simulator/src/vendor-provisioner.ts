import { HttpError, LogLine } from './http-retry';
import type { ContractDto, RapportClient, VendorDto } from './rapport-client';
import { DAY_MS, startOfUtcDay } from './story-clock';
import type { VendorScenario } from './vendor-scenarios';

/**
 * Makes sure each simulated vendor and its contract exist, matching existing ones by name so
 * that restarts never duplicate them. The contract's start date anchors the vendor's story:
 * a restarted simulator replays the same history with the same event ids (which Rapport
 * ignores as duplicates) instead of inventing a second one.
 */
export interface ProvisionedVendor {
  scenario: VendorScenario;
  vendorId: string;
  contractId: string;
  /** Story day 0 (the contract's start). */
  storyStartMs: number;
}

type AdminApi = Pick<RapportClient, 'listVendors' | 'createVendor' | 'listContracts' | 'createContract'>;

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

async function ensureVendor(api: AdminApi, known: VendorDto[], scenario: VendorScenario, log: LogLine): Promise<VendorDto> {
  const existing = known.find((v) => sameName(v.name, scenario.vendorName));
  if (existing) return existing;
  try {
    const created = await api.createVendor(scenario.vendorName);
    log(`created vendor "${created.name}" (${created.id})`);
    known.push(created);
    return created;
  } catch (error) {
    // Someone else (another simulator) created it meanwhile: take theirs.
    if (!(error instanceof HttpError && error.status === 409)) throw error;
    const again = (await api.listVendors()).find((v) => sameName(v.name, scenario.vendorName));
    if (!again) throw error;
    return again;
  }
}

async function ensureContract(
  api: AdminApi,
  known: ContractDto[],
  scenario: VendorScenario,
  vendorId: string,
  startsAt: string,
  log: LogLine,
): Promise<ContractDto> {
  const matches = (c: ContractDto) => c.vendorId === vendorId && sameName(c.name, scenario.contractName);
  const existing = known.find(matches);
  if (existing) return existing;
  try {
    const created = await api.createContract({
      vendorId,
      name: scenario.contractName,
      serviceType: scenario.serviceType,
      startsAt,
      sla: scenario.sla,
    });
    log(`created contract "${scenario.contractName}" (${created.id})`);
    known.push(created);
    return created;
  } catch (error) {
    if (!(error instanceof HttpError && error.status === 409)) throw error;
    const again = (await api.listContracts()).find(matches);
    if (!again) throw error;
    return again;
  }
}

export async function provisionVendors(
  api: AdminApi,
  scenarios: readonly VendorScenario[],
  options: { nowMs: number; backfillDays: number; log: LogLine },
): Promise<ProvisionedVendor[]> {
  const defaultStart = startOfUtcDay(options.nowMs - options.backfillDays * DAY_MS);
  const vendors = await api.listVendors();
  const contracts = await api.listContracts();
  const out: ProvisionedVendor[] = [];
  for (const scenario of scenarios) {
    const vendor = await ensureVendor(api, vendors, scenario, options.log);
    const contract = await ensureContract(api, contracts, scenario, vendor.id, new Date(defaultStart).toISOString(), options.log);
    const startsAt = typeof contract.startsAt === 'string' ? Date.parse(contract.startsAt) : NaN;
    out.push({
      scenario,
      vendorId: vendor.id,
      contractId: contract.id,
      storyStartMs: Number.isFinite(startsAt) && startsAt <= options.nowMs ? startsAt : defaultStart,
    });
  }
  return out;
}
