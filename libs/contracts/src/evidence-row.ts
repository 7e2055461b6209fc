import type { EventRef } from './scorecard';

/**
 * One row of GET /api/v1/scorecards/{contractId}/evidence: an event behind a KPI of the
 * scorecard, with what the projections know of the item it names (instants as ISO strings).
 */
export interface EvidenceRow extends EventRef {
  kpi: string;
  title: string | null;
  priority: string | null;
  openedAt: string | null;
  respondedAt: string | null;
  resolvedAt: string | null;
  dueAt: string | null;
  submittedAt: string | null;
  rating: string | null;
  comment: string | null;
}
