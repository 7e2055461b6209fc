import fc from 'fast-check';
import type { Priority } from '@rapport/contracts';
import type { ContractRow, TicketProjection } from '@rapport/db';
import { TICKET_KPI_KEYS, windowKpis } from '@rapport/kpi';
import { outcomesOfMany } from './contract-facts';
import { TicketWindows } from './ticket-windows';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const START = Date.UTC(2026, 5, 1);
const WINDOW_DAYS = [7, 30, 90];
const contract = {
  id: 'c',
  sla: {
    P1: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    P3: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
    P4: { firstResponseMinutes: 480, resolutionMinutes: 4320 },
  },
  calendar: null,
} as unknown as ContractRow;

/** An instant around `now`: mostly before it, sometimes ahead (clock skew between tools). */
const around = fc.integer({ min: -40 * 24, max: 6 }).map((hours) => hours * HOUR);

/** A ticket's stored state at `now` (offsets from it), maybe still unopened. */
const ticketArb = fc.record({
  id: fc.integer({ min: 0, max: 9 }),
  priority: fc.constantFrom<Priority>('P1', 'P2', 'P3', 'P4'),
  opened: fc.option(around, { nil: null }),
  responded: fc.option(around, { nil: null }),
  resolved: fc.array(around, { maxLength: 2 }),
  reopened: fc.array(around, { maxLength: 2 }),
});

type StoredTicket = typeof ticketArb extends fc.Arbitrary<infer T> ? T : never;

const projection = (now: number, t: StoredTicket): TicketProjection => ({
  contractId: 'c',
  ticketId: `T${t.id}`,
  priority: t.opened === null ? null : t.priority,
  title: null,
  openedAt: t.opened === null ? null : new Date(now + t.opened),
  respondedAt: t.responded === null ? null : new Date(now + t.responded),
  resolvedAt: t.resolved.map((d) => new Date(now + d)),
  reopenedAt: t.reopened.map((d) => new Date(now + d)),
  relevantUntil: null,
  firstResponseDueAt: null,
  resolutionDueAt: null,
});

const stepArb = fc.oneof(
  { weight: 3, arbitrary: ticketArb.map((ticket) => ({ ticket })) },
  {
    weight: 2,
    arbitrary: fc.record({ advance: fc.integer({ min: 0, max: 12 * 60 }).map((m) => m * MINUTE), days: fc.constantFrom(...WINDOW_DAYS) }),
  },
);

describe('TicketWindows', () => {
  it('gives every window the KPIs computed from scratch over the stored tickets, tickets with events ahead of time included', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60 }), (steps) => {
        const windows = new TicketWindows(contract, WINDOW_DAYS);
        const stored = new Map<string, TicketProjection>();
        let now = START;
        for (const step of steps) {
          if ('ticket' in step) {
            const t = projection(now, step.ticket);
            stored.set(t.ticketId, t);
            windows.put(t, now);
            continue;
          }
          now += step.advance;
          const at = new Date(now);
          const opened = [...stored.values()].filter((t) => t.openedAt && t.openedAt.getTime() <= now);
          const expected = windowKpis({
            tickets: outcomesOfMany(contract, opened, at),
            deliverables: [],
            feedback: [],
            at,
            windowDays: step.days,
          });
          const actual = windows.kpisAt(at, step.days);
          expect(actual).not.toBeNull();
          for (const key of TICKET_KPI_KEYS) expect(actual![key]).toEqual(expected[key]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers null for an instant before an event it placed as settled, rather than a wrong figure', () => {
    const windows = new TicketWindows(contract, WINDOW_DAYS);
    const now = START;
    windows.put(projection(now, { id: 1, priority: 'P2', opened: -2 * HOUR, responded: -HOUR, resolved: [], reopened: [] }), now);
    expect(windows.kpisAt(new Date(now), 30)).not.toBeNull();
    expect(windows.kpisAt(new Date(now - 90 * MINUTE), 30)).toBeNull();
  });
});
