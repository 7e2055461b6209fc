import { bandLabel, formatKpiValue, lowerIsBetter } from './format';
import type { EventRef, KpiKey, ScorecardView } from './types';
import { KPI_KEYS, KPI_LABELS, WINDOWS } from './types';

const OUTCOME_WORDS: Record<string, [string, string]> = {
  breached: ['ticket breached its SLA', 'tickets breached their SLA'],
  reopened: ['ticket was reopened', 'tickets were reopened'],
  late: ['deliverable was late', 'deliverables were late'],
  rejected: ['deliverable was rejected at first review', 'deliverables were rejected at first review'],
  low_csat: ['rating was 3 or lower', 'ratings were 3 or lower'],
  detractor: ['NPS answer was 6 or lower', 'NPS answers were 6 or lower'],
};

function evidenceWords(evidence: readonly EventRef[]): string {
  const counts = new Map<string, EventRef[]>();
  for (const e of evidence) counts.set(e.outcome, [...(counts.get(e.outcome) ?? []), e]);
  return [...counts.entries()]
    .map(([outcome, list]) => {
      const [one, many] = OUTCOME_WORDS[outcome] ?? [`event ${outcome}`, `events ${outcome}`];
      const named = list.slice(0, 2).map((e) => e.id);
      return `${list.length} ${list.length === 1 ? one : many} (${named.join(', ')}${list.length > 2 ? ', …' : ''})`;
    })
    .join('; ');
}

/**
 * The scorecard in plain sentences, worst first: the score and how it moved against `before`
 * (the same contract a week earlier, when known), then each KPI that costs points: its value
 * against target and floor, how it moved, and the events behind it.
 */
export function explainInWords(card: ScorecardView, before?: ScorecardView | null): string[] {
  const period = `the last ${WINDOWS[card.window]} days`;
  if (card.score === null) return [`No score over ${period}: no KPI has the 3 samples it needs yet.`];
  const lines: string[] = [];
  const move = before?.score != null ? card.score - before.score : null;
  const moved =
    move === null || Math.abs(move) < 0.05
      ? ''
      : `, ${move > 0 ? 'up' : 'down'} ${Math.abs(move).toFixed(1)} points from a week earlier (${before!.score!.toFixed(1)})`;
  lines.push(`Score ${card.score.toFixed(1)} (${bandLabel(card.band).toLowerCase()}) over ${period}${moved}.`);

  const costs = card.explanation.kpis
    .filter((k) => k.measure !== null && k.measure < 100 && k.dimension !== null)
    .map((k) => {
      const dim = card.dimensions[k.dimension!];
      return { k, lost: (100 - (k.measure ?? 0)) * (dim?.weight ?? 0) };
    })
    .sort((a, b) => b.lost - a.lost);
  for (const { k } of costs) {
    const kpi = card.kpis[k.key];
    const label = KPI_LABELS[k.key];
    const prev = before?.kpis[k.key]?.value;
    const now = formatKpiValue(k.key, kpi.value);
    const trend =
      prev != null && kpi.value != null && prev !== kpi.value
        ? ` ${isBetter(k.key, kpi, kpi.value, prev) ? 'rose' : 'fell'} from ${formatKpiValue(k.key, prev)} to ${now} this week`
        : ` is ${now}`;
    const why = k.evidence.length ? `: ${evidenceWords(k.evidence)}` : '';
    lines.push(
      `${label}${trend}, against a target of ${formatKpiValue(k.key, kpi.target)} (floor ${formatKpiValue(k.key, kpi.floor)})${why}.`,
    );
  }
  const thin = KPI_KEYS.filter(
    (key) => card.kpis[key]?.value === null && card.kpis[key]?.target !== null && (card.kpis[key]?.samples ?? 0) > 0,
  );
  if (thin.length) lines.push(`Not enough data yet for ${thin.map((k) => KPI_LABELS[k]).join(', ')} (each needs 3 samples).`);
  if (costs.length === 0) lines.push('Every scored KPI is at or above its target.');
  return lines;
}

function isBetter(key: KpiKey, kpi: { target: number | null; floor: number | null }, now: number, prev: number): boolean {
  return lowerIsBetter(key, kpi.target, kpi.floor) ? now < prev : now > prev;
}
