import type { Priority } from '@rapport/contracts';
import { conditionsAt, Conditions, MAX_TICKET_RATE_FACTOR } from './behaviour-curves';
import { SeededRandom } from './seeded-random';
import { MAX_RHYTHM, rhythmAt, StoryClock } from './story-clock';
import { DELIVERABLE_TITLES, FEEDBACK_COMMENTS, REJECTION_REASONS, TICKET_TITLES, VendorScenario } from './vendor-scenarios';

/**
 * Plans what happens to a vendor during one story day ("bucket"): which tickets, deliverables
 * and surveys arrive (story time) and how each one unfolds (real minutes after its arrival).
 * Each bucket has its own seeded random streams, so a day's plan never depends on which other
 * days were planned: backfill and restarts reproduce the same plans.
 */
const HOUR = 60;
const DAY = 24 * HOUR;

export interface Rating {
  csat?: number;
  nps?: number;
  comment?: string;
}

export interface TicketPlan {
  kind: 'ticket';
  index: number;
  storyDay: number;
  priority: Priority;
  title: string;
  respondAfter: number;
  resolveAfter: number;
  /** Reopened `after` minutes past the first resolution, resolved again `resolveAfter` later. */
  reopen: { after: number; resolveAfter: number } | null;
  /** A satisfaction rating `after` minutes past the final resolution. */
  feedback: (Rating & { after: number }) | null;
}

export interface ReviewPlan {
  /** Minutes between (re)submission and this review. */
  after: number;
  accepted: boolean;
  reason?: string;
  /** Rejected: minutes until the rework is resubmitted (absent: never resubmitted). */
  resubmitAfter?: number;
}

export interface DeliverablePlan {
  kind: 'deliverable';
  index: number;
  storyDay: number;
  title: string;
  dueAfter: number;
  submitAfter: number;
  reviews: ReviewPlan[];
}

export interface SurveyPlan extends Rating {
  kind: 'survey';
  index: number;
  storyDay: number;
}

export type ArrivalPlan = TicketPlan | DeliverablePlan | SurveyPlan;

/** Arrival times in [bucket, bucket + 1) story days: a Poisson process thinned to the rate at each instant. */
function arrivals(rng: SeededRandom, bucket: number, maxRate: number, rateAt: (day: number) => number): number[] {
  const days: number[] = [];
  if (maxRate <= 0) return days;
  for (let day = bucket + rng.exponential(maxRate); day < bucket + 1; day += rng.exponential(maxRate)) {
    if (rng.chance(rateAt(day) / maxRate)) days.push(day);
  }
  return days;
}

function rating(rng: SeededRandom, satisfaction: number, withCsat: boolean, withNps: boolean): Rating {
  const out: Rating = {};
  const happy = rng.chance(satisfaction);
  if (withCsat) out.csat = happy ? (rng.chance(0.6) ? 5 : 4) : rng.int(1, 3);
  if (withNps) {
    const roll = rng.next();
    const promoter = 0.75 * satisfaction;
    const detractor = 0.85 * (1 - satisfaction) + 0.03;
    out.nps = roll < promoter ? rng.int(9, 10) : roll < promoter + detractor ? rng.int(0, 6) : rng.int(7, 8);
  }
  if (rng.chance(0.25)) out.comment = rng.pick(FEEDBACK_COMMENTS[happy ? 'good' : 'bad']);
  return out;
}

function planTicket(vendor: VendorScenario, rng: SeededRandom, c: Conditions, index: number, storyDay: number): TicketPlan {
  const { P1: _p1, ...others } = vendor.priorityMix;
  const priority: Priority = c.p1Share !== null ? (rng.chance(c.p1Share) ? 'P1' : rng.weighted(others)) : rng.weighted(vendor.priorityMix);
  const target = vendor.sla[priority];
  const responseMet = rng.chance(c.responseOnTime);
  const respondAfter = target.firstResponseMinutes * (responseMet ? rng.between(0.15, 0.95) : rng.between(1.1, 3));
  const resolutionMet = rng.chance(c.resolutionOnTime);
  const resolveTarget = target.resolutionMinutes * (resolutionMet ? rng.between(0.25, 0.95) : rng.between(1.05, 2.2));
  const resolveAfter = Math.max(resolveTarget, respondAfter + rng.between(5, 60));
  const reopen = rng.chance(c.reopenRate)
    ? {
        after: rng.between(HOUR, 2 * DAY),
        resolveAfter: target.resolutionMinutes * (rng.chance(c.resolutionOnTime) ? rng.between(0.1, 0.6) : rng.between(1.05, 1.8)),
      }
    : null;
  const pleased = responseMet && resolutionMet && !reopen ? c.satisfaction : c.satisfaction * 0.55;
  const feedback = rng.chance(0.35) ? { after: rng.between(30, DAY), ...rating(rng, pleased, true, rng.chance(0.2)) } : null;
  return {
    kind: 'ticket',
    index,
    storyDay,
    priority,
    title: rng.pick(TICKET_TITLES[vendor.serviceType]),
    respondAfter,
    resolveAfter,
    reopen,
    feedback,
  };
}

function planDeliverable(vendor: VendorScenario, rng: SeededRandom, c: Conditions, index: number, storyDay: number): DeliverablePlan {
  const dueAfter = rng.between(3, 14) * DAY;
  const submitAfter = rng.chance(c.deliveryOnTime)
    ? dueAfter - Math.min(rng.between(0, 3 * DAY), dueAfter - 12 * HOUR)
    : dueAfter + rng.between(0.3 * DAY, 7 * DAY);
  const reviews: ReviewPlan[] = [];
  if (rng.chance(c.firstPassAcceptance)) {
    reviews.push({ after: rng.between(4 * HOUR, 3 * DAY), accepted: true });
  } else {
    reviews.push({
      after: rng.between(4 * HOUR, 3 * DAY),
      accepted: false,
      reason: rng.pick(REJECTION_REASONS),
      resubmitAfter: rng.between(DAY, 5 * DAY),
    });
    const second = rng.chance(0.85);
    reviews.push({ after: rng.between(4 * HOUR, 2 * DAY), accepted: second, ...(second ? {} : { reason: rng.pick(REJECTION_REASONS) }) });
  }
  return { kind: 'deliverable', index, storyDay, title: rng.pick(DELIVERABLE_TITLES[vendor.serviceType]), dueAfter, submitAfter, reviews };
}

/** Everything that arrives for `vendor` during story day `bucket`, ordered by arrival. */
export function planBucket(vendor: VendorScenario, seed: number, bucket: number, clock: StoryClock): ArrivalPlan[] {
  const at = (day: number) => conditionsAt(vendor, day, clock.lengthDays, seed);
  const rhythm = (day: number) => rhythmAt(clock, day);
  const plans: ArrivalPlan[] = [];

  const tickets = SeededRandom.from(seed, vendor.slug, 'tickets', bucket);
  const ticketMax = vendor.rates.ticketsPerDay * MAX_TICKET_RATE_FACTOR * MAX_RHYTHM;
  const ticketDays = arrivals(tickets, bucket, ticketMax, (d) => vendor.rates.ticketsPerDay * at(d).ticketRateFactor * rhythm(d));
  ticketDays.forEach((day, i) => plans.push(planTicket(vendor, tickets, at(day), i, day)));

  const work = SeededRandom.from(seed, vendor.slug, 'deliverables', bucket);
  const workDays = arrivals(work, bucket, vendor.rates.deliverablesPerDay * MAX_RHYTHM, (d) => vendor.rates.deliverablesPerDay * rhythm(d));
  workDays.forEach((day, i) => plans.push(planDeliverable(vendor, work, at(day), i, day)));

  const surveys = SeededRandom.from(seed, vendor.slug, 'surveys', bucket);
  const surveyDays = arrivals(surveys, bucket, vendor.rates.surveysPerDay * MAX_RHYTHM, (d) => vendor.rates.surveysPerDay * rhythm(d));
  surveyDays.forEach((day, i) =>
    plans.push({ kind: 'survey', index: i, storyDay: day, ...rating(surveys, at(day).satisfaction, surveys.chance(0.5), true) }),
  );

  return plans.sort((a, b) => a.storyDay - b.storyDay);
}
