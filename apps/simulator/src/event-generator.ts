import { CloudEvent } from 'cloudevents';
import type { CanonicalEvent, EventData, EventType } from '@rapport/contracts';
import { ArrivalPlan, DeliverablePlan, planBucket, SurveyPlan, TicketPlan } from './arrival-planner';
import { backfillClock, DAY_MS, MINUTE_MS, realMsAt, StoryClock, storyDayAt } from './story-clock';
import type { SimTool, VendorScenario } from './vendor-scenarios';

/**
 * Pure, deterministic scenario generation: given a vendor (its behaviour), its contract id,
 * a seed and a time range, the canonical CloudEvents its tools would emit, sorted by time.
 */
export interface ScenarioRequest {
  vendor: VendorScenario;
  contractId: string;
  seed: number;
  /** Arrivals (openings, plans, surveys) happen in [from, to). */
  from: number | Date;
  to: number | Date;
  /** Maps real time to story time. Default: a story that starts at `from` and spans the range. */
  clock?: StoryClock;
  /** Prepended to every entity key (e.g. a run tag for live streaming), so runs never reuse ids. */
  idPrefix?: string;
  /**
   * Also return follow-ups (responses, resolutions, reviews...) that happen after `to`.
   * Default false: every returned event has time <= to.
   */
  includeFuture?: boolean;
}

export const sourceOf = (tool: SimTool, vendor: VendorScenario): string => `sim://${tool}/${vendor.slug}`;

type Emit = <T extends EventType>(tool: SimTool, id: string, type: T, atMs: number, data: EventData<T>) => void;

/** One canonical event as plain JSON, built and checked by the CloudEvents SDK. */
export function buildCloudEvent<T extends EventType>(
  source: string,
  id: string,
  type: T,
  time: Date,
  contractId: string,
  data: EventData<T>,
): CanonicalEvent {
  const event = new CloudEvent<EventData<T>>({
    specversion: '1.0',
    source,
    id,
    type,
    time: time.toISOString(),
    contractid: contractId,
    data,
  });
  return JSON.parse(JSON.stringify(event)) as CanonicalEvent;
}

const minutes = (n: number) => n * MINUTE_MS;

function emitTicket(plan: TicketPlan, key: string, openedMs: number, tool: SimTool, emit: Emit): void {
  const ticketId = key;
  emit(tool, `${key}.opened`, 'ticket.opened', openedMs, { ticketId, priority: plan.priority, title: plan.title });
  emit(tool, `${key}.responded`, 'ticket.responded', openedMs + minutes(plan.respondAfter), { ticketId });
  let resolvedMs = openedMs + minutes(plan.resolveAfter);
  emit(tool, `${key}.resolved`, 'ticket.resolved', resolvedMs, { ticketId });
  if (plan.reopen) {
    const reopenedMs = resolvedMs + minutes(plan.reopen.after);
    emit(tool, `${key}.reopened`, 'ticket.reopened', reopenedMs, { ticketId });
    resolvedMs = reopenedMs + minutes(plan.reopen.resolveAfter);
    emit(tool, `${key}.resolved-2`, 'ticket.resolved', resolvedMs, { ticketId });
  }
}

function emitDeliverable(plan: DeliverablePlan, key: string, plannedMs: number, tool: SimTool, emit: Emit): void {
  const deliverableId = key;
  const dueAt = new Date(plannedMs + minutes(plan.dueAfter)).toISOString();
  emit(tool, `${key}.planned`, 'deliverable.planned', plannedMs, { deliverableId, dueAt, title: plan.title });
  let submittedMs = plannedMs + minutes(plan.submitAfter);
  emit(tool, `${key}.submitted`, 'deliverable.submitted', submittedMs, { deliverableId });
  for (const [i, review] of plan.reviews.entries()) {
    const reviewedMs = submittedMs + minutes(review.after);
    const data = review.reason ? { deliverableId, reason: review.reason } : { deliverableId };
    emit(tool, `${key}.review-${i + 1}`, review.accepted ? 'deliverable.accepted' : 'deliverable.rejected', reviewedMs, data);
    if (review.accepted || review.resubmitAfter === undefined || i === plan.reviews.length - 1) break;
    submittedMs = reviewedMs + minutes(review.resubmitAfter);
    emit(tool, `${key}.submitted-${i + 2}`, 'deliverable.submitted', submittedMs, { deliverableId });
  }
}

function emitFeedback(
  feedbackId: string,
  atMs: number,
  rating: SurveyPlan | NonNullable<TicketPlan['feedback']>,
  tool: SimTool,
  emit: Emit,
  subjectId?: string,
): void {
  const data: EventData<'feedback.submitted'> = { feedbackId };
  if (rating.csat !== undefined) data.csat = rating.csat;
  if (rating.nps !== undefined) data.nps = rating.nps;
  if (subjectId) data.subjectId = subjectId;
  if (rating.comment) data.comment = rating.comment;
  emit(tool, feedbackId, 'feedback.submitted', atMs, data);
}

/** Stable key of an arrival: tool-style prefix, optional run tag, story day, index. */
function keyOf(vendor: VendorScenario, plan: ArrivalPlan, bucket: number, idPrefix: string): string {
  const day = bucket < 0 ? `m${-bucket}` : String(bucket);
  const prefix = plan.kind === 'ticket' ? vendor.ticketPrefix : plan.kind === 'deliverable' ? 'DLV' : 'NPS';
  return `${prefix}-${idPrefix}${day}-${plan.index + 1}`;
}

const compare = (a: CanonicalEvent, b: CanonicalEvent): number =>
  a.time < b.time ? -1 : a.time > b.time ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export function generateScenarioEvents(req: ScenarioRequest): CanonicalEvent[] {
  const fromMs = +req.from;
  const toMs = +req.to;
  if (!(toMs > fromMs)) return [];
  const { vendor, contractId, seed, idPrefix = '' } = req;
  const clock = req.clock ?? backfillClock(fromMs, (toMs - fromMs) / DAY_MS);
  const horizon = req.includeFuture ? Infinity : toMs;
  const events: CanonicalEvent[] = [];
  const emit: Emit = (tool, id, type, atMs, data) => {
    if (atMs <= horizon) events.push(buildCloudEvent(sourceOf(tool, vendor), id, type, new Date(Math.round(atMs)), contractId, data));
  };

  const firstBucket = Math.floor(storyDayAt(clock, fromMs));
  const lastBucket = Math.ceil(storyDayAt(clock, toMs));
  for (let bucket = firstBucket; bucket < lastBucket; bucket++) {
    for (const plan of planBucket(vendor, seed, bucket, clock)) {
      const startMs = realMsAt(clock, plan.storyDay);
      if (startMs < fromMs || startMs >= toMs) continue;
      const key = keyOf(vendor, plan, bucket, idPrefix);
      if (plan.kind === 'ticket') {
        emitTicket(plan, key, startMs, vendor.tools.tickets, emit);
        if (plan.feedback) {
          const ratedMs = startMs + minutes(ticketEndMinutes(plan) + plan.feedback.after);
          emitFeedback(`CSAT-${key}`, ratedMs, plan.feedback, vendor.tools.feedback, emit, key);
        }
      } else if (plan.kind === 'deliverable') {
        emitDeliverable(plan, key, startMs, vendor.tools.deliverables, emit);
      } else {
        emitFeedback(key, startMs, plan, vendor.tools.feedback, emit);
      }
    }
  }
  return events.sort(compare);
}

/** Minutes from a ticket's opening to its final resolution. */
export function ticketEndMinutes(plan: TicketPlan): number {
  return plan.resolveAfter + (plan.reopen ? plan.reopen.after + plan.reopen.resolveAfter : 0);
}
