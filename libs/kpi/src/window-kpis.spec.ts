import { ticketOutcomes } from './ticket-outcomes';
import { windowKpis, type WindowInput } from './window-kpis';
import type { Outcome, SlaTargets, TicketOutcomes } from './kpi-types';

const d = (iso: string): Date => new Date(iso);
/** Window (2026-03-01T00:00Z, 2026-03-31T00:00Z]. */
const AT = d('2026-03-31T00:00:00Z');
const FUTURE = '2026-06-01T00:00:00Z'; // outcomes after `at` do not count yet
const o = (outcome: Outcome['outcome'], iso: string, minutes: number | null = null): Outcome => ({ outcome, at: d(iso), minutes });

function ticket(
  id: string,
  p: { fr?: Outcome; res?: Outcome; respondedAt?: string; resolved?: string[]; reopened?: string[] },
): TicketOutcomes {
  return {
    ticketId: id,
    priority: 'P2',
    firstResponse: p.fr ?? o('breached', FUTURE),
    respondedAt: p.respondedAt ? d(p.respondedAt) : undefined,
    resolution: p.res ?? o('breached', FUTURE),
    resolvedAt: (p.resolved ?? []).map(d),
    reopenedAt: (p.reopened ?? []).map(d),
  };
}
const kpis = (p: Partial<WindowInput>, at = AT) => windowKpis({ tickets: [], deliverables: [], feedback: [], windowDays: 30, at, ...p });

describe('SLA compliance', () => {
  it.each<[string, [Outcome['outcome'], string][], number | null, number]>([
    ['no data', [], null, 0],
    [
      'fewer than 3 samples',
      [
        ['met', '2026-03-10T00:00:00Z'],
        ['met', '2026-03-11T00:00:00Z'],
      ],
      null,
      2,
    ],
    // 3 met ÷ 4
    [
      '3 met, 1 breached',
      [
        ['met', '2026-03-10T00:00:00Z'],
        ['met', '2026-03-11T00:00:00Z'],
        ['met', '2026-03-12T00:00:00Z'],
        ['breached', '2026-03-13T00:00:00Z'],
      ],
      0.75,
      4,
    ],
    // at − 30 d exactly is out; `at` exactly is in; 1 ms after `at` is out → 3 met ÷ 3
    [
      'window boundaries',
      [
        ['met', '2026-03-01T00:00:00.001Z'],
        ['met', '2026-03-15T00:00:00Z'],
        ['met', '2026-03-31T00:00:00Z'],
        ['breached', '2026-03-01T00:00:00Z'],
        ['breached', '2026-03-31T00:00:00.001Z'],
      ],
      1,
      3,
    ],
  ])('%s', (_name, outcomes, value, samples) => {
    const fr = kpis({ tickets: outcomes.map(([k, at], i) => ticket(`F${i}`, { fr: o(k, at) })) }).firstResponseCompliance;
    const res = kpis({ tickets: outcomes.map(([k, at], i) => ticket(`R${i}`, { res: o(k, at) })) }).resolutionCompliance;
    for (const kpi of [fr, res]) expect({ value: kpi.value, samples: kpi.samples }).toEqual({ value, samples });
  });

  it('lists the breached tickets as evidence, most recent first', () => {
    const tickets = [
      ticket('A', { fr: o('breached', '2026-03-05T00:00:00Z') }),
      ticket('B', { fr: o('met', '2026-03-06T00:00:00Z') }),
      ticket('C', { fr: o('breached', '2026-03-07T00:00:00Z') }),
      ticket('D', { fr: o('breached', '2026-02-07T00:00:00Z') }), // before the window
    ];
    expect(kpis({ tickets }).firstResponseCompliance.evidence).toEqual([
      { kind: 'ticket', id: 'C', outcome: 'breached', at: '2026-03-07T00:00:00.000Z' },
      { kind: 'ticket', id: 'A', outcome: 'breached', at: '2026-03-05T00:00:00.000Z' },
    ]);
  });

  it('caps evidence at 20', () => {
    // 25 breaches on 1..25 March → the 20 most recent are 25..6 March
    const tickets = Array.from({ length: 25 }, (_, i) =>
      ticket(`T${i + 1}`, { res: o('breached', `2026-03-${String(i + 1).padStart(2, '0')}T12:00:00Z`) }),
    );
    const evidence = kpis({ tickets }).resolutionCompliance.evidence;
    expect(evidence).toHaveLength(20);
    expect(evidence[0].id).toBe('T25');
    expect(evidence[19].id).toBe('T6');
  });

  it('keeps the same 20, in the same order, whatever order the breaches come in', () => {
    // 30 breaches, two per day on 1..15 March (T<day>a, T<day>b at the same instant): the 20 most
    // recent are days 15..6, each day's two by id (a before b)
    const days = Array.from({ length: 15 }, (_, i) => i + 1);
    const tickets = days.flatMap((day) =>
      ['b', 'a'].map((half) => ticket(`T${day}${half}`, { fr: o('breached', `2026-03-${String(day).padStart(2, '0')}T08:00:00Z`) })),
    );
    const expected = days
      .slice(5)
      .reverse()
      .flatMap((day) => [`T${day}a`, `T${day}b`]);
    for (const order of [tickets, [...tickets].reverse(), [...tickets.slice(11), ...tickets.slice(0, 11)]]) {
      expect(kpis({ tickets: order }).firstResponseCompliance.evidence.map((e) => e.id)).toEqual(expected);
    }
  });
});

describe('live breach and back-dated events (through ticketOutcomes, calendar minutes)', () => {
  const sla: SlaTargets = {
    P1: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    P3: { firstResponseMinutes: 120, resolutionMinutes: 1440 },
    P4: { firstResponseMinutes: 240, resolutionMinutes: 2880 },
  };
  const p1 = (id: string, opened: string, responded?: string): TicketOutcomes =>
    ticketOutcomes(
      { ticketId: id, priority: 'P1', openedAt: d(opened), respondedAt: responded ? d(responded) : null, resolvedAt: [], reopenedAt: [] },
      sla,
    );

  it('an unanswered ticket enters the window at its deadline, with no event', () => {
    const answered = ['A', 'B', 'C'].map((id) => p1(id, '2026-03-20T10:00:00Z', '2026-03-20T10:10:00Z'));
    const silent = p1('S', '2026-03-30T23:00:00Z'); // deadline 23:30Z
    const before = kpis({ tickets: [...answered, silent] }, d('2026-03-30T23:29:59Z')).firstResponseCompliance;
    expect({ value: before.value, samples: before.samples }).toEqual({ value: 1, samples: 3 }); // 3 ÷ 3
    const after = kpis({ tickets: [...answered, silent] }, d('2026-03-30T23:30:00Z')).firstResponseCompliance;
    expect({ value: after.value, samples: after.samples }).toEqual({ value: 0.75, samples: 4 }); // 3 ÷ 4
    expect(after.evidence).toEqual([{ kind: 'ticket', id: 'S', outcome: 'breached', at: '2026-03-30T23:30:00.000Z' }]);
  });

  it("a late-arriving response lands in its event time's window", () => {
    // three P1 tickets opened 10 Feb 10:00Z (deadline 10:30Z); B answered 10:05, C never
    const b = p1('B', '2026-02-10T10:00:00Z', '2026-02-10T10:05:00Z');
    const c = p1('C', '2026-02-10T10:00:00Z');
    const aBefore = p1('A', '2026-02-10T10:00:00Z'); // before A's response event arrived
    const aAfter = p1('A', '2026-02-10T10:00:00Z', '2026-02-10T10:20:00Z'); // back-dated response
    const feb = d('2026-02-28T00:00:00Z'); // window (29 Jan, 28 Feb]
    expect(kpis({ tickets: [aBefore, b, c] }, feb).firstResponseCompliance.value).toBeCloseTo(1 / 3, 10); // 1 met ÷ 3
    expect(kpis({ tickets: [aAfter, b, c] }, feb).firstResponseCompliance.value).toBeCloseTo(2 / 3, 10); // 2 met ÷ 3
    expect(kpis({ tickets: [aAfter, b, c] }).firstResponseCompliance.samples).toBe(0); // nothing in March
  });
});

describe('time KPIs', () => {
  const answered = (id: string, minutes: number, iso = '2026-03-10T00:00:00Z'): TicketOutcomes =>
    ticket(id, { fr: o('met', iso, minutes), respondedAt: iso });
  const resolved = (id: string, minutes: number, iso = '2026-03-10T00:00:00Z'): TicketOutcomes =>
    ticket(id, { res: o('met', iso, minutes), resolved: [iso] });

  it.each<[string, number[], number | null]>([
    ['no data', [], null],
    ['2 values: insufficient', [10, 20], null],
    ['odd: 10,20,30 → 20', [10, 30, 20], 20],
    ['even: 10,20,30,40 → (20 + 30) / 2 = 25', [10, 40, 20, 30], 25],
  ])('median first response: %s', (_name, minutes, expected) => {
    const kpi = kpis({ tickets: minutes.map((m, i) => answered(`T${i}`, m)) }).medianFirstResponseMinutes;
    expect(kpi).toEqual({ value: expected, samples: minutes.length, evidence: [] });
  });

  it('counts a late answer by its response time, not its deadline', () => {
    // opened 27 Feb 10:00, deadline 10:30 (before the window), answered 2 Mar 10:00 = 3 × 1440 = 4320 min
    const late = ticket('L', { fr: o('breached', '2026-02-27T10:30:00Z', 4320), respondedAt: '2026-03-02T10:00:00Z' });
    const silent = ticket('S', { fr: o('breached', '2026-03-03T00:00:00Z', null) }); // no minutes
    const result = kpis({ tickets: [answered('A', 10), answered('B', 20), late, silent] });
    expect(result.medianFirstResponseMinutes.value).toBe(20); // 10, 20, 4320 → 20
    expect(result.firstResponseCompliance.samples).toBe(3); // A, B, S; L's outcome is in February
  });

  it.each<[string, number[], number | null, number | null]>([
    ['10 values 10..100: median (50 + 60) / 2 = 55, p90 ⌈9⌉ = 9th = 90', [100, 90, 80, 70, 60, 50, 40, 30, 20, 10], 55, 90],
    ['3 values: median 200, p90 ⌈2.7⌉ = 3rd = 300', [300, 100, 200], 200, 300],
    ['11 values 1..11: median 6, p90 ⌈9.9⌉ = 10th = 10', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 6, 10],
  ])('resolution minutes: %s', (_name, minutes, med, p90) => {
    const result = kpis({ tickets: minutes.map((m, i) => resolved(`T${i}`, m)) });
    expect(result.medianResolutionMinutes.value).toBe(med);
    expect(result.p90ResolutionMinutes.value).toBe(p90);
    expect(result.p90ResolutionMinutes.samples).toBe(minutes.length);
  });

  it('uses tickets currently resolved whose final resolution is in the window', () => {
    const tickets = [
      resolved('A', 100),
      resolved('B', 200, '2026-03-11T00:00:00Z'),
      // breached at 25 Feb, finally resolved 2 Mar: in (final resolution time decides)
      ticket('C', {
        res: o('breached', '2026-02-25T00:00:00Z', 500),
        resolved: ['2026-02-20T00:00:00Z', '2026-03-02T00:00:00Z'],
        reopened: ['2026-02-21T00:00:00Z'],
      }),
      ticket('D', {
        res: o('breached', '2026-03-12T00:00:00Z', null),
        resolved: ['2026-03-05T00:00:00Z'],
        reopened: ['2026-03-06T00:00:00Z'],
      }), // open again
      resolved('E', 50, '2026-04-02T00:00:00Z'), // after `at`
    ];
    const result = kpis({ tickets });
    // values 100, 200, 500 → median 200, p90 3rd = 500
    expect(result.medianResolutionMinutes).toEqual({ value: 200, samples: 3, evidence: [] });
    expect(result.p90ResolutionMinutes.value).toBe(500);
  });
});
