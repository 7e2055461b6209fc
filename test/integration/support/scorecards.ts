import { type Band, DIMENSIONS, KPI_KEYS, type ScorecardView, type WindowName } from '@rapport/contracts';
import type { ContractRow } from '@rapport/db';

/** A scorecard of a contract with only its score and band filled in (what the snapshot tests look at). */
export function scorecard(contract: ContractRow, window: WindowName, at: Date, score: number | null, band: Band | null): ScorecardView {
  return {
    contractId: contract.id,
    contractName: contract.name,
    vendorId: contract.vendorId,
    vendorName: contract.vendorName,
    window,
    at: at.toISOString(),
    score,
    band,
    dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, { score: null, weight: 0 }])) as ScorecardView['dimensions'],
    kpis: Object.fromEntries(
      KPI_KEYS.map((k) => [k, { value: null, target: null, floor: null, measure: null, samples: 0 }]),
    ) as ScorecardView['kpis'],
    explanation: { summary: '', kpis: [] },
    updatedAt: at.toISOString(),
  };
}
