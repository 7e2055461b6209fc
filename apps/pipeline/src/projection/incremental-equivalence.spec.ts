import { CanonicalEvent, validateCanonicalEvent } from '@rapport/contracts';
import { ContractRow, StoredEventRow, storedRow, subjectOf } from '@rapport/db';
import { computeScore } from '@rapport/kpi';
import { deliverableHistory, feedbackFact, outcomesAt, policyOf } from '@rapport/scoring';
import fc from 'fast-check';
import { eventOrder, foldSubject, SubjectState } from './subject-state';

/**
 * The pipeline's incremental path (store new events once, refold only the subjects a batch
 * touches) must give exactly what a from-scratch fold of the deduplicated history gives, for
 * any delivery order, batching and duplication.
 */
const T0 = Date.UTC(2026, 9, 1);
const MIN = 60_000;

const contract: ContractRow = {
  id: '7b3c9d2e-0000-4000-8000-000000000001',
  vendorId: '7b3c9d2e-0000-4000-8000-000000000002',
  vendorName: 'Vendor',
  name: 'Contract',
  serviceType: 'it_support',
  startsAt: new Date(T0),
  endsAt: null,
  sla: {
    P1: { firstResponseMinutes: 15, resolutionMinutes: 240 },
    P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    P3: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
    P4: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
  },
  targets: {},
  weights: {},
  calendar: null,
  ownerEmail: null,
  createdAt: new Date(T0),
  updatedAt: new Date(T0),
};

// Coarse times (6-hour steps over 5 days) so that ties between events are frequent.
const minuteOf = fc.integer({ min: 0, max: 20 }).map((step) => step * 6 * 60);
const source = fc.constantFrom('jira', 'github', 'zendesk');

const eventArb: fc.Arbitrary<{ source: string; type: string; minute: number; data: Record<string, unknown> }> = fc.oneof(
  fc.record({
    source,
    type: fc.constant('ticket.opened'),
    minute: minuteOf,
    data: fc.record({ ticketId: fc.constantFrom('T1', 'T2', 'T3'), priority: fc.constantFrom('P1', 'P2', 'P3', 'P4') }),
  }),
  fc.record({
    source,
    type: fc.constantFrom('ticket.responded', 'ticket.resolved', 'ticket.reopened'),
    minute: minuteOf,
    data: fc.record({ ticketId: fc.constantFrom('T1', 'T2', 'T3') }),
  }),
  fc.record({
    source,
    type: fc.constant('deliverable.planned'),
    minute: minuteOf,
    data: fc.record({ deliverableId: fc.constantFrom('D1', 'D2'), dueAt: minuteOf.map((m) => new Date(T0 + m * MIN).toISOString()) }),
  }),
  fc.record({
    source,
    type: fc.constantFrom('deliverable.submitted', 'deliverable.accepted', 'deliverable.rejected'),
    minute: minuteOf,
    data: fc.record({ deliverableId: fc.constantFrom('D1', 'D2') }),
  }),
  fc.record({
    source,
    type: fc.constant('feedback.submitted'),
    minute: minuteOf,
    data: fc.record({
      feedbackId: fc.constantFrom('F1', 'F2', 'F3'),
      csat: fc.integer({ min: 1, max: 5 }),
      nps: fc.integer({ min: 0, max: 10 }),
    }),
  }),
);

/** Distinct events (ids unique per source), then a delivery: duplicates, shuffled, in batches. */
const scenarioArb = fc
  .array(eventArb, { minLength: 1, maxLength: 40 })
  .map((drafts) =>
    drafts.map((d, i): CanonicalEvent => {
      const checked = validateCanonicalEvent({
        specversion: '1.0',
        id: `e${i}`,
        source: d.source,
        type: d.type,
        time: new Date(T0 + d.minute * MIN).toISOString(),
        contractid: contract.id,
        data: d.data,
      });
      if (!checked.ok) throw new Error(checked.errors.join());
      return checked.event;
    }),
  )
  .chain((events) =>
    fc.record({
      events: fc.constant(events),
      delivery: fc
        .shuffledSubarray([...events, ...events], { minLength: events.length * 2 })
        .chain((all) =>
          fc.array(fc.integer({ min: 1, max: 8 }), { minLength: all.length, maxLength: all.length }).map((sizes) => batches(all, sizes)),
        ),
    }),
  );

function batches<T>(items: T[], sizes: number[]): T[][] {
  const out: T[][] = [];
  for (let i = 0, s = 0; i < items.length; s++) {
    out.push(items.slice(i, i + sizes[s]));
    i += sizes[s];
  }
  return out;
}

const keyOf = (e: CanonicalEvent) => `${e.source}\u0000${e.id}`;

/** What the pipeline does: insert if new, refold the touched subjects from everything stored. */
function incremental(delivery: CanonicalEvent[][]): Map<string, SubjectState | null> {
  const store = new Map<string, StoredEventRow>();
  const states = new Map<string, SubjectState | null>();
  for (const batch of delivery) {
    const fresh = batch.filter((e) => !store.has(keyOf(e)) && store.set(keyOf(e), storedRow(e)));
    for (const subject of new Set(fresh.map(subjectOf))) {
      const events = [...store.values()].filter((e) => e.subjectId === subject).sort(eventOrder);
      states.set(subject, foldSubject(contract, subject, events));
    }
  }
  return states;
}

function fromScratch(events: CanonicalEvent[]): Map<string, SubjectState | null> {
  const all = events.map(storedRow).sort(eventOrder);
  const subjects = [...new Set(all.map((e) => e.subjectId))];
  return new Map(
    subjects.map((s) => [
      s,
      foldSubject(
        contract,
        s,
        all.filter((e) => e.subjectId === s),
      ),
    ]),
  );
}

function scoreAt(states: Map<string, SubjectState | null>, at: Date) {
  const values = [...states.values()];
  return computeScore({
    tickets: values.flatMap((s) => (s?.kind === 'ticket' ? (outcomesAt(contract, s.ticket, at) ?? []) : [])),
    deliverables: values.flatMap((s) => (s?.kind === 'deliverable' ? [deliverableHistory(s.deliverable)] : [])),
    feedback: values.flatMap((s) => (s?.kind === 'feedback' ? [feedbackFact(s.feedback)] : [])),
    policy: policyOf(contract),
    at,
    windowDays: 7,
  });
}

const sorted = (m: Map<string, SubjectState | null>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));

describe('incremental projections', () => {
  it('equal a from-scratch fold for any delivery order, batching and duplication', () => {
    let cases = 0;
    fc.assert(
      fc.property(scenarioArb, ({ events, delivery }) => {
        cases += 1;
        const live = incremental(delivery);
        const scratch = fromScratch(events);
        expect(sorted(live)).toEqual(sorted(scratch));
        for (const days of [1, 3, 6]) {
          const at = new Date(T0 + days * 24 * 60 * MIN);
          expect(scoreAt(live, at)).toEqual(scoreAt(scratch, at));
        }
      }),
      { numRuns: 300 },
    );
    expect(cases).toBe(300);
  });

  it('would notice a fold that depends on arrival order', () => {
    // Two openings of one ticket at the same instant with different priorities: the tie is
    // broken by (source, id), so both delivery orders keep the github event's P1.
    const opened = (source: string, id: string, priority: string): CanonicalEvent => ({
      specversion: '1.0',
      id,
      source,
      type: 'ticket.opened',
      time: new Date(T0).toISOString(),
      contractid: contract.id,
      data: { ticketId: 'T1', priority: priority as 'P1' },
    });
    const a = opened('jira', 'x', 'P4');
    const b = opened('github', 'y', 'P1');
    const first = incremental([[a], [b]]).get('ticket:T1');
    const second = incremental([[b], [a]]).get('ticket:T1');
    expect(first).toEqual(second);
    expect(first?.kind === 'ticket' && first.ticket.priority).toBe('P1');
  });
});
