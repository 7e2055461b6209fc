import fc from 'fast-check';
import type { Priority } from '@rapport/contracts';
import { SlidingTicketKpis } from './sliding-ticket-kpis';
import { ticketOutcomes } from './ticket-outcomes';
import { TICKET_KPI_KEYS, ticketMarks, windowKpis } from './window-kpis';
import type { SlaTargets, TicketOutcomes } from './kpi-types';

const BASE = Date.UTC(2026, 1, 1);
const MINUTE = 60_000;
const SLOT = 2 * 60 * MINUTE;
const SLA: SlaTargets = {
  P1: { firstResponseMinutes: 30, resolutionMinutes: 240 },
  P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  P3: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
  P4: { firstResponseMinutes: 480, resolutionMinutes: 4320 },
};

// A 2-hour grid over 15 days, so that ties (same-instant marks of several tickets) are frequent and
// windows of 1 and 7 days both hold and drop marks as they move.
const WINDOW_DAYS = [1, 7, 30];
const slot = fc.integer({ min: 0, max: 15 * 12 });
const later = (start: number) => fc.integer({ min: -2, max: 60 }).map((n) => new Date(BASE + (start + n) * SLOT));

/** A ticket's outcomes from a random history, as the pipeline decides them. */
const outcomesArb = (ticketId: string) =>
  fc
    .record({ opened: slot, priority: fc.constantFrom<Priority>('P1', 'P2', 'P3', 'P4') })
    .chain(({ opened, priority }) =>
      fc.record({
        respondedAt: fc.option(later(opened), { nil: null }),
        resolvedAt: fc.array(later(opened), { maxLength: 3 }),
        reopenedAt: fc.array(later(opened), { maxLength: 3 }),
        opened: fc.constant(opened),
        priority: fc.constant(priority),
      }),
    )
    .map(({ opened, ...h }) => ticketOutcomes({ ticketId, openedAt: new Date(BASE + opened * SLOT), ...h }, SLA));

/** Tickets change (or go) and time moves, mostly forward, with one of the windows read: what a contract's windows go through. */
const stepArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .integer({ min: 0, max: 11 })
      .chain((n) => fc.option(outcomesArb(`T${n}`), { nil: null }).map((o) => ({ ticketId: `T${n}`, outcomes: o }))),
  },
  {
    weight: 2,
    arbitrary: fc.record({ moveSlots: fc.integer({ min: -30, max: 60 }), windowDays: fc.constantFrom(...WINDOW_DAYS) }),
  },
);

describe('SlidingTicketKpis', () => {
  it('gives what windowKpis computes from scratch over the same outcomes, for each window, however tickets change and time moves', () => {
    fc.assert(
      fc.property(slot, fc.array(stepArb, { minLength: 1, maxLength: 80 }), (start, steps) => {
        // The windows share their lines but move on their own: each is read at the instants it is asked for.
        const sliding = new SlidingTicketKpis(WINDOW_DAYS);
        const current = new Map<string, TicketOutcomes>();
        let at = BASE + start * SLOT;
        for (const step of steps) {
          if ('ticketId' in step) {
            sliding.set(step.ticketId, step.outcomes);
            if (step.outcomes) current.set(step.ticketId, step.outcomes);
            else current.delete(step.ticketId);
            continue;
          }
          at += step.moveSlots * SLOT + (step.moveSlots % 7) * MINUTE; // off the grid too
          const { windowDays } = step;
          const expected = windowKpis({ tickets: [...current.values()], deliverables: [], feedback: [], at: new Date(at), windowDays });
          const actual = sliding.kpisAt(new Date(at), windowDays);
          for (const key of TICKET_KPI_KEYS) expect(actual[key]).toEqual(expected[key]);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('still gives every window from an instant on what windowKpis computes, after forgetting the tickets that ended before it', () => {
    const longest = Math.max(...WINDOW_DAYS) * 24 * 60 * MINUTE;
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 15 * 12 }),
        fc.array(stepArb, { maxLength: 30 }),
        (before, cutSlot, after) => {
          const sliding = new SlidingTicketKpis(WINDOW_DAYS);
          const current = new Map<string, TicketOutcomes>();
          const apply = (steps: typeof before) => {
            for (const step of steps) {
              if (!('ticketId' in step)) continue;
              sliding.set(step.ticketId, step.outcomes);
              if (step.outcomes) current.set(step.ticketId, step.outcomes);
              else current.delete(step.ticketId);
            }
          };
          apply(before);
          const cut = BASE + cutSlot * SLOT;
          sliding.forgetBefore(cut);
          const newest = (t: TicketOutcomes) => {
            const m = ticketMarks(t);
            const times = [
              m.firstResponse.at,
              m.resolution.at,
              m.responseMinutes?.at,
              m.resolutionMinutes?.at,
              ...m.resolvedAt,
              ...m.reopenedAt,
            ];
            return Math.max(...times.map((d) => d?.getTime() ?? -Infinity));
          };
          expect(sliding.size).toBe([...current.values()].filter((t) => newest(t) > cut).length);
          // Tickets forgotten and set again come back whole.
          apply(after);
          for (const windowDays of WINDOW_DAYS) {
            for (const at of [cut + longest, cut + longest + 5 * SLOT + 3 * MINUTE]) {
              const instant = new Date(at);
              const expected = windowKpis({ tickets: [...current.values()], deliverables: [], feedback: [], at: instant, windowDays });
              const actual = sliding.kpisAt(instant, windowDays);
              for (const key of TICKET_KPI_KEYS) expect(actual[key]).toEqual(expected[key]);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a ticket once however often it is set, and forgets it when set to nothing', () => {
    const sliding = new SlidingTicketKpis([30]);
    const opened = new Date(BASE);
    const outcomes = ticketOutcomes(
      { ticketId: 'A', priority: 'P2', openedAt: opened, respondedAt: new Date(BASE + 10 * MINUTE), resolvedAt: [], reopenedAt: [] },
      SLA,
    );
    for (let i = 0; i < 3; i++) sliding.set('A', outcomes);
    const at = new Date(BASE + 60 * MINUTE);
    // Answered after 10 of 60 minutes: one met response; the 8-hour resolution deadline is still ahead.
    expect(sliding.kpisAt(at, 30).firstResponseCompliance.samples).toBe(1);
    expect(sliding.kpisAt(at, 30).medianFirstResponseMinutes).toEqual({ value: null, samples: 1, evidence: [] });
    sliding.set('A', null);
    expect(sliding.kpisAt(at, 30).firstResponseCompliance.samples).toBe(0);
    expect(sliding.kpisAt(at, 30).medianFirstResponseMinutes.samples).toBe(0);
  });
});

describe('SlidingTicketKpis windows', () => {
  it('answers only the windows it keeps', () => {
    expect(() => new SlidingTicketKpis([7, 30]).kpisAt(new Date(BASE), 90)).toThrow(RangeError);
  });
});
