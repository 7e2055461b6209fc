import type { AlertView } from '@rapport/contracts';
import { bandOf, rollUp } from '@rapport/kpi';
import type { ContractWeek, DigestModel, ScoreMove, TrendSeries, VendorSection } from './digest-model';
import { worstMovers } from './kpi-movers';

export const MOVERS_SHOWN = 5;
export const ALERTS_SHOWN = 10;

export interface DigestInput {
  week: string;
  at: Date;
  weekAgo: Date;
  audience: string;
  /** The recipient's contracts, each with its scorecards (null when not active at that instant). */
  contracts: ContractWeek[];
  /** Vendors in scope by id, so a vendor without active contracts still has its line. */
  vendors: { id: string; name: string }[];
  alerts: { breaches: AlertView[]; open: AlertView[] };
  links: DigestModel['links'];
}

const move = (score: number | null, previousScore: number | null): ScoreMove => ({
  score,
  band: bandOf(score),
  previousScore,
  change: score !== null && previousScore !== null ? score - previousScore : null,
});

/**
 * Pure: a recipient's digest from scorecards computed by libs/scoring. A vendor's score is the
 * same roll-up as GET /vendors/{id}/scorecard (its contracts active at that instant), so the
 * mail's numbers are the API's.
 */
export function composeDigest(input: DigestInput): DigestModel {
  const vendors: VendorSection[] = input.vendors.map((vendor) => {
    const own = input.contracts.filter((c) => c.now.vendorId === vendor.id);
    const contracts = own.map((c) => ({
      contractId: c.now.contractId,
      contractName: c.now.contractName,
      ...move(c.now.score, c.before.score),
    }));
    const now = rollUp(own.filter((c) => c.activeNow).map((c) => c.now));
    const before = rollUp(own.filter((c) => c.activeBefore).map((c) => c.before));
    return { vendorId: vendor.id, vendorName: vendor.name, ...move(now, before), contracts };
  });
  const pairs = input.contracts.map((c) => ({ now: c.now, before: c.before }));
  const trend: TrendSeries[] = input.contracts.map((c) => ({ label: `${c.now.vendorName} / ${c.now.contractName}`, points: c.trend }));
  return {
    week: input.week,
    at: input.at.toISOString(),
    weekAgo: input.weekAgo.toISOString(),
    audience: input.audience,
    vendors: vendors.sort((a, b) => (a.score ?? Infinity) - (b.score ?? Infinity) || a.vendorName.localeCompare(b.vendorName)),
    movers: worstMovers(pairs, input.weekAgo, MOVERS_SHOWN),
    breaches: input.alerts.breaches.filter((a) => a.kind === 'sla_breach').slice(0, ALERTS_SHOWN),
    openAlerts: input.alerts.open.filter((a) => a.severity !== 'info').slice(0, ALERTS_SHOWN),
    trend,
    links: input.links,
  };
}
