/**
 * @rapport/kpi: pure KPI, SLA-clock and health-score functions (docs/product.md "KPIs" and
 * "Health score"). No I/O: callers load histories, call these, and store/publish the result.
 *
 * Typical use for one contract and window:
 *   const tickets = histories.map((h) => ticketOutcomes(historyAsOf(h, at), contract.sla, contract.calendar));
 *   const result = computeScore({ tickets, deliverables, feedback, policy, at, windowDays: WINDOWS['30d'] });
 */
export type {
  BusinessCalendar,
  ContractPolicy,
  DeliverableHistory,
  FeedbackFact,
  IsoWeekday,
  KpiTarget,
  Outcome,
  ScoreInput,
  ScoreResult,
  SlaTarget,
  SlaTargets,
  TicketHistory,
  TicketOutcomes,
} from './kpi-types';
export { slaClock, type SlaClock } from './sla-clock';
export { ticketOutcomes, historyAsOf } from './ticket-outcomes';
export {
  windowKpis,
  windowContains,
  EVIDENCE_LIMIT,
  TICKET_KPI_KEYS,
  type KpiMeasurement,
  type TicketKpis,
  type WindowInput,
} from './window-kpis';
export { SlidingTicketKpis } from './sliding-ticket-kpis';
export { DEFAULT_TARGETS, DEFAULT_WEIGHTS, KPI_DIMENSION, measureOf } from './score-policy';
export { computeScore, rollUp } from './health-score';
/** Defined with its thresholds in @rapport/contracts; re-exported for callers that band a roll-up. */
export { bandOf } from '@rapport/contracts';
export { MIN_SAMPLES, median, nearestRank } from './statistics';
