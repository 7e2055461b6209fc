import fc from 'fast-check';
import { computeScore } from './health-score';
import { slaClock } from './sla-clock';
import { ticketOutcomes } from './ticket-outcomes';
import type { Priority } from '@rapport/contracts';
import type { BusinessCalendar, DeliverableHistory, FeedbackFact, SlaTargets, TicketHistory } from './kpi-types';

const BASE = Date.UTC(2026, 1, 1); // 1 Feb 2026
const MINUTE = 60_000;
const SLA: SlaTargets = {
  P1: { firstResponseMinutes: 30, resolutionMinutes: 240 },
  P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  P3: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
  P4: { firstResponseMinutes: 480, resolutionMinutes: 4320 },
};
const nineToFive = [{ start: '09:00', end: '17:00' }];
const BERLIN: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  weeklyHours: { '1': nineToFive, '2': nineToFive, '3': nineToFive, '4': nineToFive, '5': [{ start: '09:00', end: '13:00' }] },
  holidays: ['2026-03-02', '2026-04-03'],
};
const NEW_YORK: BusinessCalendar = {
  timeZone: 'America/New_York',
  weeklyHours: { '6': [{ start: '22:00', end: '24:00' }], '7': [{ start: '00:00', end: '06:00' }] },
  holidays: [],
};

/** Deterministic Fisher–Yates driven by a fast-check seed (mulberry32). */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// Times on a 30-minute grid so ties (same-instant events) are frequent.
const slot = fc.integer({ min: 0, max: 90 * 48 }).map((n) => new Date(BASE + n * 30 * MINUTE));
const after = (start: Date) => fc.integer({ min: -2, max: 400 }).map((n) => new Date(start.getTime() + n * 30 * MINUTE));

const ticketArb = fc.record({ opened: slot, priority: fc.constantFrom<Priority>('P1', 'P2', 'P3', 'P4') }).chain(({ opened, priority }) =>
  fc.record({
    priority: fc.constant(priority),
    openedAt: fc.constant(opened),
    respondedAt: fc.option(after(opened), { nil: null }),
    resolvedAt: fc.array(after(opened), { maxLength: 4 }),
    reopenedAt: fc.array(after(opened), { maxLength: 4 }),
  }),
);
const deliverableArb = fc.record({
  dueAt: fc.option(slot, { nil: null }),
  submittedAt: fc.option(slot, { nil: null }),
  reviews: fc.array(fc.record({ at: slot, accepted: fc.boolean() }), { maxLength: 3 }),
});
const feedbackArb = fc.record({
  at: slot,
  csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
});
const calendarArb = fc.constantFrom<BusinessCalendar | null>(null, BERLIN, NEW_YORK);

const scenarioArb = fc.record({
  tickets: fc.array(ticketArb, { maxLength: 25 }).map((ts) => ts.map((t, i): TicketHistory => ({ ticketId: `T${i}`, ...t }))),
  deliverables: fc
    .array(deliverableArb, { maxLength: 12 })
    .map((ds) => ds.map((x, i): DeliverableHistory => ({ deliverableId: `D${i}`, ...x }))),
  feedback: fc.array(feedbackArb, { maxLength: 12 }).map((fs) => fs.map((x, i): FeedbackFact => ({ feedbackId: `F${i}`, ...x }))),
  calendar: calendarArb,
  at: slot,
  windowDays: fc.constantFrom(7, 30, 90),
  weights: fc.option(fc.record({ responsiveness: fc.integer({ min: 0, max: 50 }), quality: fc.integer({ min: 0, max: 50 }) }), {
    nil: undefined,
  }),
});

describe('ticketOutcomes properties', () => {
  it('does not depend on the order of resolvedAt / reopenedAt', () => {
    fc.assert(
      fc.property(ticketArb, calendarArb, fc.integer(), (t, calendar, seed) => {
        const h: TicketHistory = { ticketId: 'T', ...t };
        const shuffled = { ...h, resolvedAt: shuffle(h.resolvedAt, seed), reopenedAt: shuffle(h.reopenedAt, seed + 1) };
        expect(ticketOutcomes(shuffled, SLA, calendar)).toEqual(ticketOutcomes(h, SLA, calendar));
      }),
    );
  });

  it('has a resolution outcome time no later than its deadline-or-resolution, and minutes only when resolved', () => {
    fc.assert(
      fc.property(ticketArb, calendarArb, (t, calendar) => {
        const result = ticketOutcomes({ ticketId: 'T', ...t }, SLA, calendar);
        const resolved = result.resolvedAt.length > result.reopenedAt.length;
        expect(result.resolution.minutes === null).toBe(!resolved);
        if (result.resolution.outcome === 'met') expect(result.resolution.minutes).toBeLessThanOrEqual(SLA[t.priority].resolutionMinutes);
      }),
    );
  });
});

describe('computeScore properties', () => {
  it('is invariant under permutation of every input array', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), (s, seed) => {
        const policy = { weights: s.weights };
        const outcomes = s.tickets.map((h) => ticketOutcomes(h, SLA, s.calendar));
        const base = computeScore({
          tickets: outcomes,
          deliverables: s.deliverables,
          feedback: s.feedback,
          policy,
          at: s.at,
          windowDays: s.windowDays,
        });

        // shuffle histories before deciding outcomes, the outcome arrays, and the outcomes' own event lists
        const reshuffled = shuffle(s.tickets, seed)
          .map((h, i) => ({ ...h, resolvedAt: shuffle(h.resolvedAt, seed + i), reopenedAt: shuffle(h.reopenedAt, seed - i) }))
          .map((h) => ticketOutcomes(h, SLA, s.calendar))
          .map((t, i) => ({ ...t, resolvedAt: shuffle(t.resolvedAt, seed ^ i), reopenedAt: shuffle(t.reopenedAt, seed + 7 * i) }));
        const deliverables = shuffle(s.deliverables, seed + 1).map((x, i) => ({ ...x, reviews: shuffle(x.reviews, seed + i) }));
        const feedback = shuffle(s.feedback, seed + 2);
        const permuted = computeScore({ tickets: reshuffled, deliverables, feedback, policy, at: s.at, windowDays: s.windowDays });
        expect(permuted).toEqual(base);
      }),
    );
  });

  it('keeps score in 0..100, contributions summing to it, and the band consistent', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const tickets = s.tickets.map((h) => ticketOutcomes(h, SLA, s.calendar));
        const r = computeScore({
          tickets,
          deliverables: s.deliverables,
          feedback: s.feedback,
          policy: { weights: s.weights },
          at: s.at,
          windowDays: s.windowDays,
        });
        const contributions = r.explanation.kpis.map((k) => k.contribution);
        if (r.score === null) {
          expect(r.band).toBeNull();
          expect(contributions.every((c) => c === null || c === 0)).toBe(true);
          return;
        }
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        const sum = contributions.reduce<number>((acc, c) => acc + (c ?? 0), 0);
        expect(Math.abs(sum - r.score)).toBeLessThan(0.006); // 4-decimal contributions vs 2-decimal score
        expect(r.band).toBe(r.score >= 75 ? 'healthy' : r.score >= 50 ? 'at_risk' : 'critical');
      }),
    );
  });
});

describe('slaClock properties', () => {
  const minutesArb = fc.integer({ min: 1, max: 20_000 });

  it('addMinutes then minutesBetween gives the minutes back, in business and calendar time', () => {
    fc.assert(
      fc.property(slot, minutesArb, fc.constantFrom<BusinessCalendar | null>(null, BERLIN, NEW_YORK), (from, minutes, calendar) => {
        const clock = slaClock(calendar);
        const due = clock.addMinutes(from, minutes);
        expect(clock.minutesBetween(from, due)).toBe(minutes);
        // and one millisecond earlier the budget is not yet used up
        expect(clock.minutesBetween(from, new Date(due.getTime() - 1))).toBeLessThan(minutes);
      }),
    );
  });

  it('is additive: from→mid + mid→to = from→to', () => {
    fc.assert(
      fc.property(slot, slot, slot, fc.constantFrom(BERLIN, NEW_YORK), (a, b, c, calendar) => {
        const clock = slaClock(calendar);
        expect(clock.minutesBetween(a, b) + clock.minutesBetween(b, c)).toBeCloseTo(clock.minutesBetween(a, c), 9);
      }),
    );
  });
});
