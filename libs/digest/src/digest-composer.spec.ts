import { KPI_KEYS, KpiKey, ScorecardView } from '@rapport/contracts';
import { composeDigest, DigestInput } from './digest-composer';
import { renderDigestText } from './digest-text.renderer';

const AT = new Date('2026-11-23T00:00:00Z');
const WEEK_AGO = new Date('2026-11-16T00:00:00Z');

/** A scorecard with a score and some KPI values and measures; every other KPI has no data. */
function card(vendor: string, contract: string, score: number | null, kpis: Partial<Record<KpiKey, [number, number]>> = {}): ScorecardView {
  const empty = { value: null, target: null, floor: null, measure: null, samples: 0 };
  return {
    contractId: `${vendor}-${contract}`,
    contractName: contract,
    vendorId: vendor,
    vendorName: `Vendor ${vendor}`,
    window: '30d',
    at: AT.toISOString(),
    score,
    band: null,
    dimensions: {} as ScorecardView['dimensions'],
    kpis: Object.fromEntries(
      KPI_KEYS.map((k) => [k, kpis[k] ? { ...empty, value: kpis[k][0], measure: kpis[k][1], samples: 5 } : empty]),
    ) as ScorecardView['kpis'],
    explanation: {
      summary: '',
      kpis: [
        {
          key: 'firstResponseCompliance',
          dimension: 'responsiveness',
          value: null,
          measure: null,
          contribution: null,
          evidence: [
            { kind: 'ticket', id: 'T-new', outcome: 'breached', at: '2026-11-20T13:00:00.000Z' },
            { kind: 'ticket', id: 'T-old', outcome: 'breached', at: '2026-11-10T13:00:00.000Z' },
          ],
        },
      ],
    },
    updatedAt: AT.toISOString(),
  };
}

const input = (contracts: DigestInput['contracts']): DigestInput => ({
  week: '2026-W47',
  at: AT,
  weekAgo: WEEK_AGO,
  audience: 'All vendors',
  contracts,
  vendors: [
    { id: 'a', name: 'Vendor a' },
    { id: 'b', name: 'Vendor b' },
  ],
  alerts: { breaches: [], open: [] },
  links: { dashboard: 'https://rapport.example', optOut: 'https://rapport.example/opt-out' },
});

describe('composeDigest', () => {
  it('rolls vendors up from the contracts active at each instant, worst vendor first', () => {
    const model = composeDigest(
      input([
        { now: card('a', 'one', 80), before: card('a', 'one', 90), activeNow: true, activeBefore: true, trend: [] },
        // Started this week: counted now, not a week ago.
        { now: card('a', 'two', 40), before: card('a', 'two', null), activeNow: true, activeBefore: false, trend: [] },
        { now: card('b', 'three', 70), before: card('b', 'three', 65), activeNow: true, activeBefore: true, trend: [] },
      ]),
    );
    // a: now (80 + 40) / 2 = 60, a week ago 90 → −30; b: 70, 65 → +5.
    expect(model.vendors.map((v) => [v.vendorName, v.score, v.previousScore, v.change, v.band])).toEqual([
      ['Vendor a', 60, 90, -30, 'at_risk'],
      ['Vendor b', 70, 65, 5, 'at_risk'],
    ]);
    expect(model.vendors[0].contracts.map((c) => [c.contractName, c.change])).toEqual([
      ['one', -10],
      ['two', null],
    ]);
  });

  it('lists the KPIs whose measure fell most, with this week’s evidence only', () => {
    const model = composeDigest(
      input([
        {
          now: card('a', 'one', 50, { firstResponseCompliance: [0.8, 40], csat: [0.9, 100] }),
          before: card('a', 'one', 70, { firstResponseCompliance: [0.95, 100], csat: [0.8, 66.7] }),
          activeNow: true,
          activeBefore: true,
          trend: [],
        },
        {
          now: card('b', 'two', 50, { reopenRate: [0.2, 40] }),
          before: card('b', 'two', 50, { reopenRate: [0.1, 80] }),
          activeNow: true,
          activeBefore: true,
          trend: [],
        },
      ]),
    );
    expect(model.movers.map((m) => [m.contractName, m.kpi, m.measureChange])).toEqual([
      ['one', 'firstResponseCompliance', -60],
      ['two', 'reopenRate', -40],
    ]);
    expect(model.movers[0].evidence.map((e) => e.id)).toEqual(['T-new']);
    const text = renderDigestText(model);
    expect(text).toContain('* Vendor a / one: First-response SLA 95.0% -> 80.0% (-60.0 points)');
    expect(text).toContain('    ticket T-new breached 2026-11-20 13:00 UTC');
    expect(text).toContain('* Vendor b / two: Reopen rate 10.0% -> 20.0% (-40.0 points)');
    expect(text).toContain('* Vendor a: 50.0 (at risk), week change −20.0');
  });
});
