import type { EventRef, KpiKey } from '@rapport/contracts';
import { median, nearestRank, ratio, MIN_SAMPLES } from './statistics';
import type { DeliverableHistory, FeedbackFact, Outcome, ScoreInput, TicketOutcomes } from './kpi-types';

const DAY_MS = 86_400_000;
/** Evidence kept per KPI, most recent first. */
export const EVIDENCE_LIMIT = 20;

/** A KPI's raw (unrounded) value over a window. */
export interface KpiMeasurement {
  value: number | null;
  /** The denominator (for time KPIs, the number of values). */
  samples: number;
  /** Outcomes in the window that pulled the KPI down. */
  evidence: EventRef[];
}

export type WindowInput = Pick<ScoreInput, 'tickets' | 'deliverables' | 'feedback' | 'at' | 'windowDays'> & {
  /** The ticket KPIs of this window and instant when already known (`SlidingTicketKpis`): `tickets` is then not read. */
  ticketKpis?: TicketKpis;
};

/** The half-open window (at − days, at]: an outcome exactly W days old has left it. */
export function windowContains(at: Date, windowDays: number): (d: Date | null | undefined) => boolean {
  const end = at.getTime();
  const start = end - windowDays * DAY_MS;
  return (d) => {
    const t = d ? d.getTime() : NaN;
    return t > start && t <= end;
  };
}

/** An outcome that pulled a KPI down; only the few kept as evidence get their time formatted. */
type Candidate = Omit<EventRef, 'at'> & { at: Date };

/** Most recent first, ties by id so the result does not depend on input order. */
const newerFirst = (a: Candidate, b: Candidate): number => b.at.getTime() - a.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The EVIDENCE_LIMIT first candidates by `newerFirst`, kept in one pass (a contract may have thousands). */
function topEvidence(candidates: Candidate[]): EventRef[] {
  const top: Candidate[] = [];
  for (const c of candidates) {
    if (top.length === EVIDENCE_LIMIT) {
      if (newerFirst(c, top[EVIDENCE_LIMIT - 1]) >= 0) continue;
      top.pop();
    }
    let i = top.length;
    while (i > 0 && newerFirst(c, top[i - 1]) < 0) i--;
    top.splice(i, 0, c);
  }
  return top.map((c) => ({ ...c, at: c.at.toISOString() }));
}

function ref(kind: EventRef['kind'], id: string, outcome: string, at: Date): Candidate {
  return { kind, id, outcome, at };
}

export function timeKpi<V extends { readonly length: number }>(values: V, pick: (v: V) => number | null): KpiMeasurement {
  return { value: values.length < MIN_SAMPLES ? null : pick(values), samples: values.length, evidence: [] };
}

/** A minutes value that counts in the window containing its instant. */
export interface TimedMinutes {
  at: Date;
  minutes: number;
}

/**
 * What one ticket contributes to the ticket KPIs, each thing at its instant: a window counts what
 * falls inside it. Kept by `SlidingTicketKpis`; read from the outcomes by the same two functions
 * (`responseMinutesAt`, `resolutionMinutesAt`) that `windowKpis` uses.
 */
export interface TicketMarks {
  ticketId: string;
  /** SLA outcomes, decided at their `at` (a breach at its deadline). */
  firstResponse: Outcome;
  resolution: Outcome;
  /** First response minutes, at the response. */
  responseMinutes: TimedMinutes | null;
  /** Resolution minutes, at the final resolution (of a ticket resolved now). */
  resolutionMinutes: TimedMinutes | null;
  resolvedAt: Date[];
  reopenedAt: Date[];
}

/** When a ticket's first response minutes count (at the response), or null when it has none. */
function responseMinutesAt(t: TicketOutcomes): Date | null {
  if (t.firstResponse.minutes === null) return null;
  // Hand-built outcomes may lack respondedAt: a met outcome's time is the response time.
  return t.respondedAt !== undefined ? t.respondedAt : t.firstResponse.outcome === 'met' ? t.firstResponse.at : null;
}

/** When a ticket's resolution minutes count: its final resolution (the last that took effect), or null while open. */
function resolutionMinutesAt(t: TicketOutcomes): Date | null {
  if (t.resolution.minutes === null) return null;
  if (t.resolution.outcome === 'met') return t.resolution.at;
  return t.resolvedAt.reduce<Date | null>((max, d) => (max === null || d > max ? d : max), null);
}

/** A ticket's marks, for a structure that keeps them (windowKpis reads the outcomes directly, allocating nothing per ticket). */
export function ticketMarks(t: TicketOutcomes): TicketMarks {
  const respondedAt = responseMinutesAt(t);
  const resolvedFinally = resolutionMinutesAt(t);
  return {
    ticketId: t.ticketId,
    firstResponse: t.firstResponse,
    resolution: t.resolution,
    responseMinutes: respondedAt && { at: respondedAt, minutes: t.firstResponse.minutes! },
    resolutionMinutes: resolvedFinally && { at: resolvedFinally, minutes: t.resolution.minutes! },
    resolvedAt: t.resolvedAt,
    reopenedAt: t.reopenedAt,
  };
}

function slaCompliance(tickets: TicketOutcomes[], inWindow: (d: Date) => boolean, pick: 'firstResponse' | 'resolution'): KpiMeasurement {
  let decided = 0;
  const breached: Candidate[] = [];
  for (const t of tickets) {
    const o = t[pick];
    if (!inWindow(o.at)) continue;
    decided++;
    if (o.outcome === 'breached') breached.push(ref('ticket', t.ticketId, 'breached', o.at));
  }
  return { value: ratio(decided - breached.length, decided), samples: decided, evidence: topEvidence(breached) };
}

/** The KPIs measured from tickets alone. */
export const TICKET_KPI_KEYS = [
  'firstResponseCompliance',
  'resolutionCompliance',
  'medianFirstResponseMinutes',
  'medianResolutionMinutes',
  'p90ResolutionMinutes',
  'reopenRate',
] as const satisfies readonly KpiKey[];

/** The ticket KPIs of one window. */
export type TicketKpis = Record<(typeof TICKET_KPI_KEYS)[number], KpiMeasurement>;

/** Reopened ÷ resolved, as measured: the two distinct ticket counts, and the evidence. */
export function reopenRateOf(reopened: number, resolved: number, evidence: EventRef[]): KpiMeasurement {
  // Literal docs/product.md ratio: a ticket resolved before the window and reopened inside it counts
  // in the numerator only, so the value can exceed 1 (its measure then clamps to 0).
  return { value: ratio(reopened, resolved), samples: resolved, evidence };
}

function ticketKpis(tickets: TicketOutcomes[], inWindow: (d: Date | null | undefined) => boolean): TicketKpis {
  const firstResponseMinutes: number[] = [];
  const resolutionMinutes: number[] = [];
  const resolvedIds = new Set<string>();
  const reopened = new Map<string, Date>();
  for (const t of tickets) {
    if (inWindow(responseMinutesAt(t))) firstResponseMinutes.push(t.firstResponse.minutes!);
    if (inWindow(resolutionMinutesAt(t))) resolutionMinutes.push(t.resolution.minutes!);
    if (t.resolvedAt.some(inWindow)) resolvedIds.add(t.ticketId);
    for (const d of t.reopenedAt) {
      const seen = reopened.get(t.ticketId);
      if (inWindow(d) && (!seen || d > seen)) reopened.set(t.ticketId, d);
    }
  }
  return {
    firstResponseCompliance: slaCompliance(tickets, inWindow, 'firstResponse'),
    resolutionCompliance: slaCompliance(tickets, inWindow, 'resolution'),
    medianFirstResponseMinutes: timeKpi(firstResponseMinutes, median),
    medianResolutionMinutes: timeKpi(resolutionMinutes, median),
    p90ResolutionMinutes: timeKpi(resolutionMinutes, (v) => nearestRank(v, 90)),
    reopenRate: reopenRateOf(
      reopened.size,
      resolvedIds.size,
      topEvidence([...reopened].map(([id, at]) => ref('ticket', id, 'reopened', at))),
    ),
  };
}

function deliverableKpis(deliverables: DeliverableHistory[], inWindow: (d: Date | null | undefined) => boolean) {
  let onTime = 0;
  const late: Candidate[] = [];
  let reviewed = 0;
  const rejected: Candidate[] = [];
  for (const d of deliverables) {
    if (d.dueAt) {
      const submitted = d.submittedAt ?? null;
      if (submitted && submitted <= d.dueAt) {
        if (inWindow(submitted)) onTime++;
      } else if (inWindow(d.dueAt)) {
        late.push(ref('deliverable', d.deliverableId, 'late', d.dueAt));
      }
    }
    // The first review by time decides; on a tie the rejection wins (rework was asked for).
    const first = [...d.reviews].sort((a, b) => a.at.getTime() - b.at.getTime() || Number(a.accepted) - Number(b.accepted))[0];
    if (first && inWindow(first.at)) {
      reviewed++;
      if (!first.accepted) rejected.push(ref('deliverable', d.deliverableId, 'rejected', first.at));
    }
  }
  return {
    onTimeDelivery: { value: ratio(onTime, onTime + late.length), samples: onTime + late.length, evidence: topEvidence(late) },
    firstPassAcceptance: { value: ratio(reviewed - rejected.length, reviewed), samples: reviewed, evidence: topEvidence(rejected) },
  };
}

function feedbackKpis(feedback: FeedbackFact[], inWindow: (d: Date | null | undefined) => boolean) {
  const recent = feedback.filter((f) => inWindow(f.at));
  const csat = recent.filter((f): f is FeedbackFact & { csat: number } => typeof f.csat === 'number');
  const nps = recent.filter((f): f is FeedbackFact & { nps: number } => typeof f.nps === 'number');
  const satisfied = csat.filter((f) => f.csat >= 4).length;
  const promoters = nps.filter((f) => f.nps >= 9).length;
  const detractors = nps.filter((f) => f.nps <= 6);
  const npsShare = ratio(promoters - detractors.length, nps.length);
  return {
    csat: {
      value: ratio(satisfied, csat.length),
      samples: csat.length,
      evidence: topEvidence(csat.filter((f) => f.csat <= 3).map((f) => ref('feedback', f.feedbackId, 'low_csat', f.at))),
    },
    nps: {
      // %(9–10) − %(0–6) = 100 · (promoters − detractors) ÷ ratings
      value: npsShare === null ? null : npsShare * 100,
      samples: nps.length,
      evidence: topEvidence(detractors.map((f) => ref('feedback', f.feedbackId, 'detractor', f.at))),
    },
  };
}

/**
 * Every KPI of one window, unrounded. Items outside the window, including outcomes after `at`
 * (evaluation "as of at"), are ignored. Evidence is kept even when the value is null.
 */
export function windowKpis(input: WindowInput): Record<KpiKey, KpiMeasurement> {
  const inWindow = windowContains(input.at, input.windowDays);
  return {
    ...(input.ticketKpis ?? ticketKpis(input.tickets, inWindow)),
    ...deliverableKpis(input.deliverables, inWindow),
    ...feedbackKpis(input.feedback, inWindow),
  };
}
