import type { Band, Dimension, KpiExplanation, KpiKey, KpiView, Priority } from '@rapport/contracts';

/** ISO weekday as a string key: '1' = Monday .. '7' = Sunday (same keys as calendarSchema). */
export type IsoWeekday = '1' | '2' | '3' | '4' | '5' | '6' | '7';

/**
 * A contract's business-hours calendar. Hours are local 'HH:MM' ('24:00' allowed as an end);
 * holidays are local dates YYYY-MM-DD. Treat instances as immutable: clocks are cached per object.
 */
export interface BusinessCalendar {
  timeZone: string;
  weeklyHours: Partial<Record<IsoWeekday, { start: string; end: string }[]>>;
  holidays: string[];
}

/** SLA targets of one priority, in SLA-clock minutes. */
export interface SlaTarget {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

export type SlaTargets = Record<Priority, SlaTarget>;

/** Everything known about a ticket, as event times. */
export interface TicketHistory {
  ticketId: string;
  priority: Priority;
  openedAt: Date;
  /** First vendor response. */
  respondedAt?: Date | null;
  resolvedAt: Date[];
  reopenedAt: Date[];
}

export interface Outcome {
  outcome: 'met' | 'breached';
  /** When the outcome happened: the response/resolution when met, the deadline when breached. */
  at: Date;
  /** SLA-clock minutes to the response/resolution when it happened, else null. */
  minutes: number | null;
}

export interface TicketOutcomes {
  ticketId: string;
  priority: Priority;
  firstResponse: Outcome;
  /** The ticket's latest resolution outcome; never null (an open ticket is breached at its deadline). */
  resolution: Outcome;
  /**
   * First response time, needed for the median: a late answer's outcome time is its deadline.
   * Optional so hand-built outcomes stay valid; when absent, a met outcome's time is used.
   */
  respondedAt?: Date | null;
  /** Resolutions and reopens that took effect, ascending (ignored duplicates are dropped). */
  resolvedAt: Date[];
  reopenedAt: Date[];
}

export interface DeliverableHistory {
  deliverableId: string;
  dueAt: Date | null;
  /** First submission. */
  submittedAt?: Date | null;
  reviews: { at: Date; accepted: boolean }[];
}

export interface FeedbackFact {
  feedbackId: string;
  at: Date;
  csat?: number | null;
  nps?: number | null;
}

export interface KpiTarget {
  target: number;
  floor: number;
}

export interface ContractPolicy {
  targets?: Partial<Record<KpiKey, KpiTarget>>;
  weights?: Partial<Record<Dimension, number>>;
}

export interface ScoreInput {
  tickets: TicketOutcomes[];
  deliverables: DeliverableHistory[];
  feedback: FeedbackFact[];
  policy: ContractPolicy;
  /** Evaluation instant: the window is (at − windowDays days, at]. */
  at: Date;
  windowDays: number;
}

export interface ScoreResult {
  score: number | null;
  band: Band | null;
  dimensions: Record<Dimension, { score: number | null; weight: number }>;
  kpis: Record<KpiKey, KpiView>;
  explanation: { summary: string; kpis: KpiExplanation[] };
}
