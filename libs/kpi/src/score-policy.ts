import { DIMENSIONS, KPI_KEYS, type Dimension, type KpiKey } from '@rapport/contracts';
import { clamp } from './statistics';
import type { ContractPolicy, KpiTarget } from './kpi-types';

/**
 * Default KPI targets / floors (docs/product.md "Health score"). The time KPIs have none: they are
 * reported, and count in the score only when a contract gives them a target.
 */
export const DEFAULT_TARGETS: Readonly<Partial<Record<KpiKey, Readonly<KpiTarget>>>> = Object.freeze({
  firstResponseCompliance: { target: 0.95, floor: 0.7 },
  resolutionCompliance: { target: 0.9, floor: 0.6 },
  onTimeDelivery: { target: 0.9, floor: 0.5 },
  firstPassAcceptance: { target: 0.85, floor: 0.5 },
  reopenRate: { target: 0.05, floor: 0.3 },
  csat: { target: 0.9, floor: 0.6 },
  nps: { target: 50, floor: -20 },
});

export const DEFAULT_WEIGHTS: Readonly<Record<Dimension, number>> = Object.freeze({
  responsiveness: 30,
  turnaround: 30,
  quality: 25,
  satisfaction: 15,
});

/** The dimension each KPI feeds when it has a target (time KPIs join their SLA's dimension). */
export const KPI_DIMENSION: Readonly<Record<KpiKey, Dimension>> = Object.freeze({
  firstResponseCompliance: 'responsiveness',
  medianFirstResponseMinutes: 'responsiveness',
  resolutionCompliance: 'turnaround',
  onTimeDelivery: 'turnaround',
  medianResolutionMinutes: 'turnaround',
  p90ResolutionMinutes: 'turnaround',
  firstPassAcceptance: 'quality',
  reopenRate: 'quality',
  csat: 'satisfaction',
  nps: 'satisfaction',
});

const isUsableTarget = (t: KpiTarget | undefined): t is KpiTarget =>
  t !== undefined && Number.isFinite(t.target) && Number.isFinite(t.floor) && t.target !== t.floor;

/** Contract targets over the defaults; null where a KPI has no (usable) target. */
export function resolveTargets(policy: ContractPolicy): Record<KpiKey, KpiTarget | null> {
  const out = {} as Record<KpiKey, KpiTarget | null>;
  for (const key of KPI_KEYS) {
    const own = policy.targets?.[key];
    // A target equal to its floor cannot be scaled (schema forbids it); fall back to the default.
    const chosen = isUsableTarget(own) ? own : DEFAULT_TARGETS[key];
    out[key] = isUsableTarget(chosen) ? { target: chosen.target, floor: chosen.floor } : null;
  }
  return out;
}

/** Contract weights over the defaults; a missing, negative or non-finite weight keeps the default. */
export function resolveWeights(policy: ContractPolicy): Record<Dimension, number> {
  const out = {} as Record<Dimension, number>;
  for (const dim of DIMENSIONS) {
    const own = policy.weights?.[dim];
    out[dim] = own !== undefined && Number.isFinite(own) && own >= 0 ? own : DEFAULT_WEIGHTS[dim];
  }
  return out;
}

/**
 * measure = clamp((value − floor) ÷ (target − floor), 0, 1) × 100. The same formula serves
 * lower-is-better KPIs, whose target lies below their floor.
 */
export function measureOf(value: number, t: KpiTarget): number {
  return clamp((value - t.floor) / (t.target - t.floor), 0, 1) * 100;
}
