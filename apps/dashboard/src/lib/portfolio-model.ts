import { bandOf, type Band, type ScorecardView } from './types';

/** One row of the portfolio: a contract's scorecard with what the page knows around it. */
export interface PortfolioRow {
  card: ScorecardView;
  serviceType: string | null;
  /** Score change over the week before the evaluated instant (null when either end has no score). */
  change: number | null;
  /** Score change since the viewer last looked at the portfolio (null when unknown or unchanged). */
  sinceVisit: number | null;
}

export type SortKey = 'score' | 'change' | 'name';
export type BandFilter = Band | 'none' | 'all';

export interface PortfolioFilter {
  band: BandFilter;
  serviceType: string;
  vendorId: string;
  search: string;
}

const delta = (now: number | null | undefined, before: number | null | undefined): number | null =>
  typeof now === 'number' && typeof before === 'number' ? Math.round((now - before) * 10) / 10 : null;

/** Joins the scorecards with the week-earlier ones, service types and last-visit scores. */
export function buildRows(
  cards: readonly ScorecardView[],
  weekBefore: readonly ScorecardView[],
  serviceTypes: ReadonlyMap<string, string>,
  lastVisit: Readonly<Record<string, number | null>>,
): PortfolioRow[] {
  const before = new Map(weekBefore.map((c) => [c.contractId, c.score]));
  return cards.map((card) => {
    const since = delta(card.score, lastVisit[card.contractId]);
    return {
      card,
      serviceType: serviceTypes.get(card.contractId) ?? null,
      change: delta(card.score, before.get(card.contractId)),
      sinceVisit: since === 0 ? null : since,
    };
  });
}

export function matches(row: PortfolioRow, f: PortfolioFilter): boolean {
  const { card } = row;
  if (f.band !== 'all' && (card.band ?? 'none') !== f.band) return false;
  if (f.serviceType && row.serviceType !== f.serviceType) return false;
  if (f.vendorId && card.vendorId !== f.vendorId) return false;
  const q = f.search.trim().toLowerCase();
  return !q || card.contractName.toLowerCase().includes(q) || card.vendorName.toLowerCase().includes(q);
}

/**
 * Worst first by score and by change (biggest drop first); A→Z by name. Rows without a value go
 * last; ties fall back to the name, so the order is stable between identical refreshes.
 */
export function compareRows(key: SortKey): (a: PortfolioRow, b: PortfolioRow) => number {
  const name = (r: PortfolioRow) => `${r.card.vendorName} ${r.card.contractName}`;
  const byName = (a: PortfolioRow, b: PortfolioRow) => name(a).localeCompare(name(b));
  if (key === 'name') return byName;
  const value = (r: PortfolioRow) => (key === 'score' ? r.card.score : r.change);
  return (a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null && vb === null) return byName(a, b);
    if (va === null) return 1;
    if (vb === null) return -1;
    return va - vb || byName(a, b);
  };
}

/**
 * Calm reordering: rows keep the order they had (`previous` ids) and new rows are appended in
 * sorted position at the end; the page re-sorts only when the viewer asks or is not interacting.
 */
export function keepOrder(rows: readonly PortfolioRow[], previous: readonly string[]): PortfolioRow[] {
  const at = new Map(previous.map((id, i) => [id, i]));
  const known = rows.filter((r) => at.has(r.card.contractId)).sort((a, b) => at.get(a.card.contractId)! - at.get(b.card.contractId)!);
  return [...known, ...rows.filter((r) => !at.has(r.card.contractId))];
}

/** Whether applying the sort would move any row. */
export function orderDiffers(rows: readonly PortfolioRow[], sorted: readonly PortfolioRow[]): boolean {
  return rows.some((r, i) => sorted[i]?.card.contractId !== r.card.contractId);
}

export interface VendorSummary {
  vendorId: string;
  vendorName: string;
  score: number | null;
  contracts: number;
  /** The roll-up is the browser's, so is its band, by the server's own rule (libs/contracts `bandOf`). */
  band: Band | null;
}

/** Vendors of the visible rows: the mean of their contracts' scores (as the server's roll-up). */
export function vendorsOf(rows: readonly PortfolioRow[], rollUp: (s: { score: number | null }[]) => number | null): VendorSummary[] {
  const groups = new Map<string, PortfolioRow[]>();
  for (const r of rows) groups.set(r.card.vendorId, [...(groups.get(r.card.vendorId) ?? []), r]);
  return [...groups.values()]
    .map((list) => {
      const score = rollUp(list.map((r) => ({ score: r.card.score })));
      return { vendorId: list[0].card.vendorId, vendorName: list[0].card.vendorName, score, contracts: list.length, band: bandOf(score) };
    })
    .sort((a, b) => a.vendorName.localeCompare(b.vendorName));
}
