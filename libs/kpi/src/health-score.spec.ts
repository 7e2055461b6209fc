import { computeScore, rollUp } from './health-score';
import type { ContractPolicy, DeliverableHistory, FeedbackFact, Outcome, ScoreInput, TicketOutcomes } from './kpi-types';

const d = (iso: string): Date => new Date(iso);
const AT = d('2026-03-31T00:00:00Z'); // window (1 Mar, 31 Mar]
const FUTURE = '2026-06-01T00:00:00Z';
const o = (outcome: Outcome['outcome'], day: string, minutes: number | null = null): Outcome => ({ outcome, at: d(day), minutes });
const mar = (day: number): string => `2026-03-${String(day).padStart(2, '0')}T12:00:00Z`;

function ticket(
  id: string,
  fr: Outcome,
  res: Outcome = o('breached', FUTURE),
  resolved: string[] = [],
  reopened: string[] = [],
): TicketOutcomes {
  return { ticketId: id, priority: 'P3', firstResponse: fr, resolution: res, resolvedAt: resolved.map(d), reopenedAt: reopened.map(d) };
}

/*
 * A contract with data in every dimension:
 *   firstResponseCompliance 4/5 = 0.8  → (0.8 − 0.7)/(0.95 − 0.7) = 0.4 → 40
 *   resolutionCompliance    3/4 = 0.75 → (0.75 − 0.6)/0.3 = 50
 *   onTimeDelivery          4/5 = 0.8  → (0.8 − 0.5)/0.4 = 75
 *   firstPassAcceptance     3/4 = 0.75 → 0.25/0.35 = 71.428571
 *   reopenRate              1/4 = 0.25 → (0.25 − 0.3)/(0.05 − 0.3) = 0.2 → 20
 *   csat                    3/4 = 0.75 → 50
 *   nps (10, 9, 8)          2/3 − 0 = 66.67 → (66.67 + 20)/70 > 1 → clamped 100
 * dimensions: responsiveness 40, turnaround (50 + 75)/2 = 62.5, quality (71.428571 + 20)/2 = 45.714286,
 * satisfaction (50 + 100)/2 = 75
 */
const tickets: TicketOutcomes[] = [
  ticket('T1', o('met', mar(2), 10), o('met', mar(3), 100), [mar(3)]),
  ticket('T2', o('met', mar(4), 20), o('met', mar(14), 200), [mar(10), mar(14)], [mar(12)]),
  ticket('T3', o('met', mar(5), 30), o('met', mar(6), 300), [mar(6)]),
  ticket('T4', o('met', mar(7), 40), o('breached', mar(8), 900), [mar(9)]),
  ticket('T5', o('breached', mar(9))),
];
const deliverable = (id: string, submitted: string | null, accepted?: boolean): DeliverableHistory => ({
  deliverableId: id,
  dueAt: d(mar(20)),
  submittedAt: submitted ? d(submitted) : null,
  reviews: accepted === undefined ? [] : [{ at: d(mar(21)), accepted }],
});
const deliverables = [
  deliverable('D1', mar(10), true),
  deliverable('D2', mar(11), true),
  deliverable('D3', mar(12), true),
  deliverable('D4', mar(13), false),
  deliverable('D5', null), // late at its due date
];
const feedback: FeedbackFact[] = [
  { feedbackId: 'F1', at: d(mar(2)), csat: 5, nps: 10 },
  { feedbackId: 'F2', at: d(mar(3)), csat: 4, nps: 9 },
  { feedbackId: 'F3', at: d(mar(4)), csat: 4, nps: 8 },
  { feedbackId: 'F4', at: d(mar(5)), csat: 2 },
];
const full = (policy: ContractPolicy = {}): ScoreInput => ({ tickets, deliverables, feedback, policy, at: AT, windowDays: 30 });

describe('computeScore with default policy', () => {
  const result = computeScore(full());

  it('weights the dimensions 30/30/25/15', () => {
    // (30·40 + 30·62.5 + 25·45.714286 + 15·75) / 100 = (1200 + 1875 + 1142.857 + 1125) / 100 = 53.428571
    expect(result.score).toBe(53.43);
    expect(result.band).toBe('at_risk');
    expect(result.dimensions).toEqual({
      responsiveness: { score: 40, weight: 30 },
      turnaround: { score: 62.5, weight: 30 },
      quality: { score: 45.71, weight: 25 },
      satisfaction: { score: 75, weight: 15 },
    });
  });

  it('reports every KPI with its target, floor, measure and samples', () => {
    expect(result.kpis).toEqual({
      firstResponseCompliance: { value: 0.8, target: 0.95, floor: 0.7, measure: 40, samples: 5 },
      resolutionCompliance: { value: 0.75, target: 0.9, floor: 0.6, measure: 50, samples: 4 },
      medianFirstResponseMinutes: { value: 25, target: null, floor: null, measure: null, samples: 4 }, // (20 + 30)/2
      medianResolutionMinutes: { value: 250, target: null, floor: null, measure: null, samples: 4 }, // (200 + 300)/2
      p90ResolutionMinutes: { value: 900, target: null, floor: null, measure: null, samples: 4 }, // ⌈3.6⌉ = 4th
      onTimeDelivery: { value: 0.8, target: 0.9, floor: 0.5, measure: 75, samples: 5 },
      firstPassAcceptance: { value: 0.75, target: 0.85, floor: 0.5, measure: 71.43, samples: 4 },
      reopenRate: { value: 0.25, target: 0.05, floor: 0.3, measure: 20, samples: 4 },
      csat: { value: 0.75, target: 0.9, floor: 0.6, measure: 50, samples: 4 },
      nps: { value: 66.67, target: 50, floor: -20, measure: 100, samples: 3 },
    });
  });

  it('explains contributions that add up to the score', () => {
    const byKey = Object.fromEntries(result.explanation.kpis.map((k) => [k.key, k]));
    // measure × (1 / measures in the dimension) × (weight / 100)
    expect(byKey.firstResponseCompliance.contribution).toBe(12); // 40 × 1 × 0.3
    expect(byKey.resolutionCompliance.contribution).toBe(7.5); // 50 × ½ × 0.3
    expect(byKey.onTimeDelivery.contribution).toBe(11.25); // 75 × ½ × 0.3
    expect(byKey.firstPassAcceptance.contribution).toBe(8.9286); // 71.428571 × ½ × 0.25
    expect(byKey.reopenRate.contribution).toBe(2.5); // 20 × ½ × 0.25
    expect(byKey.csat.contribution).toBe(3.75); // 50 × ½ × 0.15
    expect(byKey.nps.contribution).toBe(7.5); // 100 × ½ × 0.15
    expect(byKey.medianResolutionMinutes).toMatchObject({ dimension: null, measure: null, contribution: null, value: 250 });
    const sum = result.explanation.kpis.reduce((s, k) => s + (k.contribution ?? 0), 0);
    expect(sum).toBeCloseTo(53.43, 2);
  });

  it('points at the events behind the weak KPIs', () => {
    const evidence = Object.fromEntries(result.explanation.kpis.map((k) => [k.key, k.evidence.map((e) => `${e.id}:${e.outcome}`)]));
    expect(evidence).toMatchObject({
      firstResponseCompliance: ['T5:breached'],
      resolutionCompliance: ['T4:breached'],
      onTimeDelivery: ['D5:late'],
      firstPassAcceptance: ['D4:rejected'],
      reopenRate: ['T2:reopened'],
      csat: ['F4:low_csat'],
      nps: [],
    });
    expect(result.explanation.kpis.map((k) => k.key)[0]).toBe('firstResponseCompliance');
  });

  it('summarises in one sentence', () => {
    expect(result.explanation.summary).toBe(
      'Score 53.4 (at risk): responsiveness 40.0, turnaround 62.5, quality 45.7, satisfaction 75.0; weakest: reopenRate 0.25 (target 0.05).',
    );
  });
});

describe('computeScore with a contract policy', () => {
  it('uses custom weights', () => {
    // (10·40 + 10·62.5 + 10·45.714286 + 70·75) / 100 = (400 + 625 + 457.143 + 5250) / 100 = 67.321429
    expect(computeScore(full({ weights: { responsiveness: 10, turnaround: 10, quality: 10, satisfaction: 70 } })).score).toBe(67.32);
  });

  it('drops a dimension weighted 0 from the mean but keeps reporting it', () => {
    // (1875 + 1142.857 + 1125) / (30 + 25 + 15) = 4142.857 / 70 = 59.183673
    const result = computeScore(full({ weights: { responsiveness: 0 } }));
    expect(result.score).toBe(59.18);
    expect(result.dimensions.responsiveness).toEqual({ score: 40, weight: 0 });
    expect(result.explanation.kpis.find((k) => k.key === 'firstResponseCompliance')?.contribution).toBe(0);
    expect(result.explanation.summary).toContain('responsiveness 40.0 (weight 0)');
  });

  it('uses custom targets', () => {
    // firstResponseCompliance 0.8 with target 0.8 / floor 0.6 → 100; (3000 + 1875 + 1142.857 + 1125) / 100 = 71.428571
    const result = computeScore(full({ targets: { firstResponseCompliance: { target: 0.8, floor: 0.6 } } }));
    expect(result.score).toBe(71.43);
    expect(result.kpis.firstResponseCompliance).toMatchObject({ target: 0.8, floor: 0.6, measure: 100 });
  });

  it('scores a time KPI once the contract gives it a target', () => {
    // median resolution 250 with target 120 / floor 600: (250 − 600)/(120 − 600) = 0.7291667 → 72.916667
    // turnaround = (50 + 75 + 72.916667) / 3 = 65.972222
    // score = (1200 + 30·65.972222 + 1142.857 + 1125) / 100 = 5447.0238 / 100 = 54.470238
    const result = computeScore(full({ targets: { medianResolutionMinutes: { target: 120, floor: 600 } } }));
    expect(result.score).toBe(54.47);
    expect(result.dimensions.turnaround.score).toBe(65.97);
    const kpi = result.explanation.kpis.find((k) => k.key === 'medianResolutionMinutes');
    expect(kpi).toMatchObject({ dimension: 'turnaround', measure: 72.92, contribution: 7.2917 }); // 72.916667 × ⅓ × 0.3
    expect(result.explanation.kpis.find((k) => k.key === 'resolutionCompliance')?.contribution).toBe(5); // 50 × ⅓ × 0.3
  });
});

describe('computeScore with missing data', () => {
  const noData: ScoreInput = { tickets: [], deliverables: [], feedback: [], policy: {}, at: AT, windowDays: 30 };

  it('has no score without data', () => {
    const result = computeScore(noData);
    expect(result.score).toBeNull();
    expect(result.band).toBeNull();
    expect(result.dimensions.quality).toEqual({ score: null, weight: 25 });
    expect(result.kpis.csat).toEqual({ value: null, target: 0.9, floor: 0.6, measure: null, samples: 0 });
    expect(result.explanation.kpis.every((k) => k.contribution === null && k.measure === null)).toBe(true);
    expect(result.explanation.summary).toBe('No score: not enough data in the last 30 days (a KPI needs at least 3 samples).');
  });

  it('has no score with fewer than 3 samples', () => {
    const result = computeScore({ ...noData, tickets: [ticket('A', o('met', mar(2))), ticket('B', o('breached', mar(3)))] });
    expect(result.kpis.firstResponseCompliance).toMatchObject({ value: null, measure: null, samples: 2 });
    expect(result.score).toBeNull();
  });

  it('averages only the dimensions with data', () => {
    // responsiveness 40 (w 30), satisfaction 75 (w 15): (1200 + 1125) / 45 = 51.666667
    const frOnly = tickets.map((t) => ({ ...t, resolution: o('breached', FUTURE), resolvedAt: [], reopenedAt: [] }));
    const result = computeScore({ ...noData, tickets: frOnly, feedback });
    expect(result.score).toBe(51.67);
    expect(result.dimensions.turnaround).toEqual({ score: null, weight: 30 });
    expect(result.explanation.summary).toBe(
      'Score 51.7 (at risk): responsiveness 40.0, turnaround no data, quality no data, satisfaction 75.0; weakest: firstResponseCompliance 0.8 (target 0.95).',
    );
  });

  it('scores 100 exactly at target', () => {
    // 19 met + 1 breached = 0.95 = target → 100
    const atTarget = Array.from({ length: 20 }, (_, i) => ticket(`T${i}`, o(i === 0 ? 'breached' : 'met', mar(10))));
    const result = computeScore({ ...noData, tickets: atTarget });
    expect(result.kpis.firstResponseCompliance).toMatchObject({ value: 0.95, measure: 100 });
    expect(result.score).toBe(100);
    expect(result.explanation.summary).toBe(
      'Score 100.0 (healthy): responsiveness 100.0, turnaround no data, quality no data, satisfaction no data; every KPI at or above target.',
    );
  });
});

describe('bands', () => {
  it('computes healthy at exactly 75 and at risk at exactly 50', () => {
    // satisfaction only: csat 0.75 → 50, nps 66.67 → 100 → (50 + 100)/2 = 75
    const seventyFive = computeScore({ tickets: [], deliverables: [], feedback, policy: {}, at: AT, windowDays: 30 });
    expect([seventyFive.score, seventyFive.band]).toEqual([75, 'healthy']);
    // turnaround only: resolution 3/4 = 0.75 → 50
    const resOnly = tickets.slice(0, 4).map((t) => ({ ...t, firstResponse: o('met', FUTURE), resolvedAt: [], reopenedAt: [] }));
    const fifty = computeScore({ tickets: resOnly, deliverables: [], feedback: [], policy: {}, at: AT, windowDays: 30 });
    expect([fifty.score, fifty.band]).toEqual([50, 'at_risk']);
  });
});

describe('rollUp', () => {
  it.each<[string, { score: number | null; weight?: number }[], number | null]>([
    ['no contracts', [], null],
    ['no contract with a score', [{ score: null }, { score: null }], null],
    ['mean of contracts with a score: (80 + 60) / 2', [{ score: 80 }, { score: 60 }, { score: null }], 70],
    [
      'weighted: (3·80 + 1·60) / 4',
      [
        { score: 80, weight: 3 },
        { score: 60, weight: 1 },
      ],
      75,
    ],
    ['weight 0 is left out', [{ score: 80, weight: 0 }, { score: 60 }], 60],
    ['rounded to 2 decimals: (70 + 70 + 71) / 3 = 70.3333', [{ score: 70 }, { score: 70 }, { score: 71 }], 70.33],
  ])('%s', (_name, scores, expected) => {
    expect(rollUp(scores)).toBe(expected);
  });
});
