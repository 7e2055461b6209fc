import { windowKpis, type WindowInput } from './window-kpis';
import type { DeliverableHistory, FeedbackFact, TicketOutcomes } from './kpi-types';

/** Deliverable, reopen and feedback KPIs over the window (2026-03-01T00:00Z, 2026-03-31T00:00Z]. */
const d = (iso: string): Date => new Date(iso);
const AT = d('2026-03-31T00:00:00Z');
const LATER = { outcome: 'breached' as const, at: d('2026-06-01T00:00:00Z'), minutes: null }; // after `at`

/** A ticket that only matters for the reopen rate (its SLA outcomes lie after `at`). */
function ticket(id: string, p: { resolved?: string[]; reopened?: string[] }): TicketOutcomes {
  return {
    ticketId: id,
    priority: 'P2',
    firstResponse: LATER,
    resolution: LATER,
    resolvedAt: (p.resolved ?? []).map(d),
    reopenedAt: (p.reopened ?? []).map(d),
  };
}
const kpis = (p: Partial<WindowInput>) => windowKpis({ tickets: [], deliverables: [], feedback: [], windowDays: 30, at: AT, ...p });

describe('deliverables', () => {
  const del = (id: string, due: string | null, submitted?: string, reviews: [string, boolean][] = []): DeliverableHistory => ({
    deliverableId: id,
    dueAt: due ? d(due) : null,
    submittedAt: submitted ? d(submitted) : null,
    reviews: reviews.map(([at, accepted]) => ({ at: d(at), accepted })),
  });

  it('on-time delivery', () => {
    const deliverables = [
      del('D1', '2026-03-10T00:00:00Z', '2026-03-09T00:00:00Z'), // on time at 9 Mar
      del('D2', '2026-03-10T00:00:00Z', '2026-03-10T00:00:00Z'), // exactly at due: on time
      del('D3', '2026-03-12T00:00:00Z', '2026-03-14T00:00:00Z'), // late at 12 Mar
      del('D4', '2026-03-20T00:00:00Z'), // never submitted: late at 20 Mar
      del('D5', null, '2026-03-05T00:00:00Z'), // no due date: ignored
      del('D6', '2026-04-05T00:00:00Z'), // due after `at`: not decided yet
      del('D7', '2026-02-20T00:00:00Z', '2026-03-05T00:00:00Z'), // late at 20 Feb: earlier window
      del('D8', '2026-04-10T00:00:00Z', '2026-03-25T00:00:00Z'), // early: on time at 25 Mar
    ];
    // on time D1, D2, D8 = 3; late D3, D4 = 2 → 3 ÷ 5 = 0.6
    expect(kpis({ deliverables }).onTimeDelivery).toEqual({
      value: 0.6,
      samples: 5,
      evidence: [
        { kind: 'deliverable', id: 'D4', outcome: 'late', at: '2026-03-20T00:00:00.000Z' },
        { kind: 'deliverable', id: 'D3', outcome: 'late', at: '2026-03-12T00:00:00.000Z' },
      ],
    });
  });

  it('first-pass acceptance: the first review by time decides', () => {
    const deliverables = [
      del('E1', null, undefined, [['2026-03-05T00:00:00Z', true]]),
      del('E2', null, undefined, [
        ['2026-03-10T00:00:00Z', false],
        ['2026-03-12T00:00:00Z', true],
      ]),
      del('E3', null, undefined, [
        ['2026-03-15T00:00:00Z', true],
        ['2026-03-08T00:00:00Z', false],
      ]), // out of order
      del('E4', null, undefined, [
        ['2026-02-20T00:00:00Z', false],
        ['2026-03-03T00:00:00Z', true],
      ]), // first review in Feb
      del('E5', null), // never reviewed
      del('E6', null, undefined, [['2026-03-20T00:00:00Z', true]]),
      del('E7', null, undefined, [['2026-03-21T00:00:00Z', true]]),
    ];
    // reviewed E1, E2, E3, E6, E7 = 5; accepted first time E1, E6, E7 = 3 → 0.6
    expect(kpis({ deliverables }).firstPassAcceptance).toEqual({
      value: 0.6,
      samples: 5,
      evidence: [
        { kind: 'deliverable', id: 'E2', outcome: 'rejected', at: '2026-03-10T00:00:00.000Z' },
        { kind: 'deliverable', id: 'E3', outcome: 'rejected', at: '2026-03-08T00:00:00.000Z' },
      ],
    });
  });
});

describe('reopen rate', () => {
  it('distinct reopened ÷ distinct resolved tickets in the window', () => {
    const plain = Array.from({ length: 9 }, (_, i) => ticket(`T${i + 2}`, { resolved: ['2026-03-10T00:00:00Z'] }));
    const twice = ticket('T1', {
      resolved: ['2026-03-05T00:00:00Z', '2026-03-08T00:00:00Z', '2026-03-12T00:00:00Z'],
      reopened: ['2026-03-06T00:00:00Z', '2026-03-09T00:00:00Z'],
    });
    const olderResolution = ticket('T11', { resolved: ['2026-02-20T00:00:00Z'], reopened: ['2026-03-02T00:00:00Z'] });
    // reopened: T1 (once, though twice), T11 = 2; resolved in window: T1..T10 = 10 → 0.2
    expect(kpis({ tickets: [twice, ...plain, olderResolution] }).reopenRate).toEqual({
      value: 0.2,
      samples: 10,
      evidence: [
        { kind: 'ticket', id: 'T1', outcome: 'reopened', at: '2026-03-09T00:00:00.000Z' },
        { kind: 'ticket', id: 'T11', outcome: 'reopened', at: '2026-03-02T00:00:00.000Z' },
      ],
    });
  });

  it('is null with fewer than 3 resolved tickets', () => {
    const tickets = [
      ticket('A', { resolved: ['2026-03-05T00:00:00Z'], reopened: ['2026-03-06T00:00:00Z'] }),
      ticket('B', { resolved: ['2026-03-05T00:00:00Z'] }),
    ];
    expect(kpis({ tickets }).reopenRate).toMatchObject({ value: null, samples: 2 });
  });
});

describe('feedback', () => {
  const fb = (id: string, at: string, csat?: number, nps?: number): FeedbackFact => ({ feedbackId: id, at: d(at), csat, nps });
  const feedback = [
    fb('F1', '2026-03-02T00:00:00Z', 5, 10),
    fb('F2', '2026-03-03T00:00:00Z', 4, 9),
    fb('F3', '2026-03-04T00:00:00Z', 3, 7),
    fb('F4', '2026-03-05T00:00:00Z', 2), // csat only
    fb('F5', '2026-03-06T00:00:00Z', undefined, 3), // nps only
    fb('F6', '2026-02-06T00:00:00Z', 5, 10), // before the window
  ];

  it('csat = ratings 4–5 ÷ csat ratings', () => {
    // 5, 4, 3, 2 → 2 ÷ 4 = 0.5; low ratings ≤ 3: F4, F3
    expect(kpis({ feedback }).csat).toEqual({
      value: 0.5,
      samples: 4,
      evidence: [
        { kind: 'feedback', id: 'F4', outcome: 'low_csat', at: '2026-03-05T00:00:00.000Z' },
        { kind: 'feedback', id: 'F3', outcome: 'low_csat', at: '2026-03-04T00:00:00.000Z' },
      ],
    });
  });

  it('nps = %(9–10) − %(0–6) over nps ratings', () => {
    // 10, 9, 7, 3 → 50 % − 25 % = 25
    expect(kpis({ feedback }).nps).toEqual({
      value: 25,
      samples: 4,
      evidence: [{ kind: 'feedback', id: 'F5', outcome: 'detractor', at: '2026-03-06T00:00:00.000Z' }],
    });
  });

  it('nps reaches −100 and 100', () => {
    const all = (score: number) => [1, 2, 3].map((i) => fb(`N${i}`, '2026-03-10T00:00:00Z', undefined, score));
    expect(kpis({ feedback: all(0) }).nps.value).toBe(-100); // 0 % − 100 %
    expect(kpis({ feedback: all(10) }).nps.value).toBe(100); // 100 % − 0 %
    expect(kpis({ feedback: all(8) }).nps.value).toBe(0); // passives only
  });
});
