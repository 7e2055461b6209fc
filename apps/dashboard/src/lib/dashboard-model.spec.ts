import { lateness } from './evidence';
import { toCsv } from './csv';
import { explainInWords } from './explain';
import { buildRows, compareRows, keepOrder, matches, orderDiffers, vendorsOf } from './portfolio-model';
import { bandOf, KPI_KEYS, type ScorecardView } from './types';
import { rollUp, whatIfScore } from './what-if';

function card(id: string, score: number | null, extra: Partial<ScorecardView> = {}): ScorecardView {
  const kpi = { value: null, target: null, floor: null, measure: null, samples: 0 };
  return {
    contractId: id,
    contractName: `Contract ${id}`,
    vendorId: `v-${id}`,
    vendorName: `Vendor ${id}`,
    window: '30d',
    at: '2026-11-28T12:00:00.000Z',
    score,
    band: bandOf(score),
    dimensions: {
      responsiveness: { score: null, weight: 30 },
      turnaround: { score: null, weight: 30 },
      quality: { score: null, weight: 25 },
      satisfaction: { score: null, weight: 15 },
    },
    kpis: Object.fromEntries(KPI_KEYS.map((k) => [k, kpi])) as ScorecardView['kpis'],
    explanation: { summary: '', kpis: [] },
    updatedAt: '2026-11-28T12:00:00.000Z',
    ...extra,
  };
}

describe('portfolio model', () => {
  const rows = buildRows([card('a', 80), card('b', 40), card('c', null)], [card('a', 90), card('b', 35)], new Map([['a', 'cloud']]), {
    b: 40,
    c: null,
  });

  it('computes the week change and the change since the last visit', () => {
    expect(rows.map((r) => r.change)).toEqual([-10, 5, null]);
    // b unchanged since the last visit (40 → 40): no marker; a unknown: none either.
    expect(rows.map((r) => r.sinceVisit)).toEqual([null, null, null]);
  });

  it('sorts worst first, biggest drop first, or by name, with missing values last', () => {
    expect([...rows].sort(compareRows('score')).map((r) => r.card.contractId)).toEqual(['b', 'a', 'c']);
    expect([...rows].sort(compareRows('change')).map((r) => r.card.contractId)).toEqual(['a', 'b', 'c']);
    expect([...rows].sort(compareRows('name')).map((r) => r.card.contractId)).toEqual(['a', 'b', 'c']);
  });

  it('filters by band, service type, vendor and search text', () => {
    const f = { band: 'all' as const, serviceType: '', vendorId: '', search: '' };
    expect(rows.filter((r) => matches(r, { ...f, band: 'critical' })).map((r) => r.card.contractId)).toEqual(['b']);
    expect(rows.filter((r) => matches(r, { ...f, band: 'none' })).map((r) => r.card.contractId)).toEqual(['c']);
    expect(rows.filter((r) => matches(r, { ...f, serviceType: 'cloud' })).map((r) => r.card.contractId)).toEqual(['a']);
    expect(rows.filter((r) => matches(r, { ...f, vendorId: 'v-c' })).map((r) => r.card.contractId)).toEqual(['c']);
    expect(rows.filter((r) => matches(r, { ...f, search: 'VENDOR B' })).map((r) => r.card.contractId)).toEqual(['b']);
  });

  it('keeps the shown order on live changes and says when a re-sort would move rows', () => {
    const kept = keepOrder(rows, ['c', 'a']);
    expect(kept.map((r) => r.card.contractId)).toEqual(['c', 'a', 'b']);
    expect(orderDiffers(kept, [...rows].sort(compareRows('score')))).toBe(true);
  });

  it("filters by the band the server sent, not by the score's", () => {
    const [odd] = buildRows([card('d', 80, { band: 'critical' })], [], new Map(), {});
    expect(matches(odd, { band: 'critical', serviceType: '', vendorId: '', search: '' })).toBe(true);
  });

  it('rolls vendors up in the browser and bands the roll-up by the shared rule', () => {
    const two = buildRows([card('a', 80, { vendorId: 'v' }), card('b', 60, { vendorId: 'v' }), card('c', null)], [], new Map(), {});
    expect(vendorsOf(two, rollUp).map(({ vendorId, score, band }) => ({ vendorId, score, band }))).toEqual([
      { vendorId: 'v', score: 70, band: 'at_risk' },
      { vendorId: 'v-c', score: null, band: null },
    ]);
  });
});

describe('csv export', () => {
  it('quotes separators and neutralises formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['=SUM(A1)', 3.5],
          [null, -2],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=SUM(A1),3.5\r\n,-2\r\n');
  });
});

describe('what-if weights', () => {
  const c = card('a', 70, {
    dimensions: {
      responsiveness: { score: 100, weight: 30 },
      turnaround: { score: 40, weight: 30 },
      quality: { score: null, weight: 25 },
      satisfaction: { score: 80, weight: 15 },
    },
  });
  it('recomputes Σ(w·m)/Σw over dimensions with data', () => {
    // (30·100 + 30·40 + 15·80) / 75 = 5400 / 75 = 72
    expect(whatIfScore(c, { responsiveness: 30, turnaround: 30, quality: 25, satisfaction: 15 })).toEqual({ score: 72, band: 'at_risk' });
    // turnaround weighted only: 40, critical
    expect(whatIfScore(c, { responsiveness: 0, turnaround: 10, quality: 50, satisfaction: 0 })).toEqual({ score: 40, band: 'critical' });
    expect(whatIfScore(c, { responsiveness: 0, turnaround: 0, quality: 0, satisfaction: 0 })).toEqual({ score: null, band: null });
  });
});

describe('explanation in words', () => {
  it('names the costly KPI, its move over the week and the events behind it', () => {
    const kpis = card('a', 0).kpis;
    const now = card('a', 62.5, {
      dimensions: {
        responsiveness: { score: null, weight: 30 },
        turnaround: { score: 62.5, weight: 30 },
        quality: { score: null, weight: 25 },
        satisfaction: { score: null, weight: 15 },
      },
      kpis: { ...kpis, resolutionCompliance: { value: 0.8, target: 0.9, floor: 0.6, measure: 66.7, samples: 10 } },
      explanation: {
        summary: '',
        kpis: [
          {
            key: 'resolutionCompliance',
            dimension: 'turnaround',
            value: 0.8,
            measure: 66.7,
            contribution: 62.5,
            evidence: [
              { kind: 'ticket', id: 'SUP-1', outcome: 'breached', at: '2026-11-27T10:00:00Z' },
              { kind: 'ticket', id: 'SUP-2', outcome: 'breached', at: '2026-11-26T10:00:00Z' },
              { kind: 'ticket', id: 'SUP-3', outcome: 'breached', at: '2026-11-25T10:00:00Z' },
            ],
          },
        ],
      },
    });
    const before = card('a', 80, {
      kpis: { ...kpis, resolutionCompliance: { value: 0.92, target: 0.9, floor: 0.6, measure: 100, samples: 9 } },
    });
    expect(explainInWords(now, before)).toEqual([
      'Score 62.5 (at risk) over the last 30 days, down 17.5 points from a week earlier (80.0).',
      'Resolution SLA fell from 92.0% to 80.0% this week, against a target of 90.0% (floor 60.0%): 3 tickets breached their SLA (SUP-1, SUP-2, …).',
    ]);
  });
});

describe('evidence lateness', () => {
  const base = {
    kpi: 'resolutionCompliance',
    kind: 'ticket' as const,
    id: 'SUP-29-12',
    outcome: 'breached',
    at: '2026-11-27T14:00:00Z',
    title: 'VPN down',
    priority: 'P1',
    openedAt: '2026-11-27T10:00:00Z',
    respondedAt: '2026-11-27T10:20:00Z',
    resolvedAt: '2026-11-27T20:00:00Z',
    dueAt: null,
    submittedAt: null,
    rating: null,
    comment: null,
  };
  const sla = { P1: { firstResponseMinutes: 30, resolutionMinutes: 240 } };

  it('says how far past the SLA target a ticket went', () => {
    // 10:00 → 20:00 is 600 min; target 240 → 360 min = 6h over.
    expect(lateness(base, sla, false)).toBe('resolved after 10h, 6h over the 4h target');
    expect(lateness({ ...base, kpi: 'firstResponseCompliance', respondedAt: null }, sla, true, Date.parse('2026-11-27T11:00:00Z'))).toBe(
      'unanswered after 1h, 30m over the 30m target (calendar time; the SLA counts business hours)',
    );
  });

  it('says how late a deliverable is', () => {
    const d = { ...base, kind: 'deliverable' as const, kpi: 'onTimeDelivery', outcome: 'late', dueAt: '2026-11-20T12:00:00Z' };
    expect(lateness({ ...d, submittedAt: '2026-11-21T14:30:00Z' }, null, false)).toBe('submitted 26h 30m after its due date');
    expect(lateness(d, null, false, Date.parse('2026-11-20T13:00:00Z'))).toBe('not submitted, 1h past its due date');
  });
});
