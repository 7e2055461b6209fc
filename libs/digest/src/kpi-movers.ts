import { KPI_KEYS, ScorecardView } from '@rapport/contracts';
import type { KpiMove } from './digest-model';

/** Outcomes shown per moving KPI; the dashboard has the rest. */
export const EVIDENCE_PER_MOVE = 5;

/**
 * The KPIs that fell most over the week, worst first. Only KPIs with a measure on both
 * sides can be compared (a target and at least 3 samples each time): measures put rates,
 * NPS and lower-is-better KPIs on one 0–100 scale, so "fell most" means the same for all.
 */
export function worstMovers(pairs: { now: ScorecardView; before: ScorecardView | null }[], weekAgo: Date, limit: number): KpiMove[] {
  const moves: KpiMove[] = [];
  for (const { now, before } of pairs) {
    if (!before) continue;
    for (const key of KPI_KEYS) {
      const after = now.kpis[key];
      const prior = before.kpis[key];
      if (after.measure === null || prior.measure === null || after.measure >= prior.measure) continue;
      const evidence = (now.explanation.kpis.find((k) => k.key === key)?.evidence ?? []).filter((e) => new Date(e.at) > weekAgo);
      moves.push({
        contractId: now.contractId,
        contractName: now.contractName,
        vendorName: now.vendorName,
        kpi: key,
        before: prior.value,
        after: after.value,
        measureChange: after.measure - prior.measure,
        evidence: evidence.slice(0, EVIDENCE_PER_MOVE),
      });
    }
  }
  return moves.sort((a, b) => a.measureChange - b.measureChange).slice(0, limit);
}
