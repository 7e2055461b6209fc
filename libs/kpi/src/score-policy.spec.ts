import type { KpiKey } from '@rapport/contracts';
import { DEFAULT_TARGETS, DEFAULT_WEIGHTS, KPI_DIMENSION, measureOf, resolveTargets, resolveWeights } from './score-policy';

describe('measureOf = clamp((value − floor) / (target − floor), 0, 1) × 100', () => {
  it.each<[KpiKey, number, number]>([
    ['firstResponseCompliance', 0.95, 100], // exactly at target
    ['firstResponseCompliance', 0.7, 0], // exactly at floor
    ['firstResponseCompliance', 0.8, 40], // 0.1 / 0.25
    ['firstResponseCompliance', 0.5, 0], // below floor: clamped at 0
    ['firstResponseCompliance', 1, 100], // 0.3 / 0.25 = 1.2: clamped at 100
    // lower is better: target 0.05 below floor 0.3
    ['reopenRate', 0.05, 100], // at target
    ['reopenRate', 0.1, 80], // (0.1 − 0.3) / (0.05 − 0.3) = −0.2 / −0.25
    ['reopenRate', 0.3, 0], // at floor
    ['reopenRate', 0, 100], // −0.3 / −0.25 = 1.2 → 100
    ['reopenRate', 0.5, 0], // 0.2 / −0.25 < 0 → 0
    ['nps', 15, 50], // (15 + 20) / 70
    ['nps', -100, 0],
    ['csat', 0.75, 50], // 0.15 / 0.3
  ])('%s %p → %p', (key, value, expected) => {
    const target = DEFAULT_TARGETS[key];
    if (!target) throw new Error(`no default target for ${key}`);
    expect(measureOf(value, target)).toBeCloseTo(expected, 9);
  });

  it('serves a lower-is-better time target', () => {
    // median response 25 min with target 15 / floor 60: (25 − 60) / (15 − 60) = 35 / 45 = 77.78
    expect(measureOf(25, { target: 15, floor: 60 })).toBeCloseTo(77.7778, 4);
  });
});

describe('policy defaults', () => {
  it('matches docs/product.md', () => {
    expect(DEFAULT_TARGETS).toEqual({
      firstResponseCompliance: { target: 0.95, floor: 0.7 },
      resolutionCompliance: { target: 0.9, floor: 0.6 },
      onTimeDelivery: { target: 0.9, floor: 0.5 },
      firstPassAcceptance: { target: 0.85, floor: 0.5 },
      reopenRate: { target: 0.05, floor: 0.3 },
      csat: { target: 0.9, floor: 0.6 },
      nps: { target: 50, floor: -20 },
    });
    expect(DEFAULT_WEIGHTS).toEqual({ responsiveness: 30, turnaround: 30, quality: 25, satisfaction: 15 });
    expect(KPI_DIMENSION.reopenRate).toBe('quality');
    expect(KPI_DIMENSION.p90ResolutionMinutes).toBe('turnaround');
    expect(KPI_DIMENSION.medianFirstResponseMinutes).toBe('responsiveness');
  });

  it('overrides targets per KPI, time KPIs have none by default', () => {
    const targets = resolveTargets({ targets: { csat: { target: 0.8, floor: 0.5 }, p90ResolutionMinutes: { target: 480, floor: 1440 } } });
    expect(targets.csat).toEqual({ target: 0.8, floor: 0.5 });
    expect(targets.nps).toEqual({ target: 50, floor: -20 });
    expect(targets.p90ResolutionMinutes).toEqual({ target: 480, floor: 1440 });
    expect(targets.medianResolutionMinutes).toBeNull();
  });

  it('ignores a target equal to its floor (it cannot be scaled)', () => {
    expect(resolveTargets({ targets: { csat: { target: 0.8, floor: 0.8 } } }).csat).toEqual({ target: 0.9, floor: 0.6 });
    expect(resolveTargets({ targets: { medianResolutionMinutes: { target: 60, floor: 60 } } }).medianResolutionMinutes).toBeNull();
  });

  it('overrides weights per dimension, keeping defaults for invalid ones', () => {
    expect(resolveWeights({ weights: { quality: 0, satisfaction: 50, turnaround: -1, responsiveness: Number.NaN } })).toEqual({
      responsiveness: 30,
      turnaround: 30,
      quality: 0,
      satisfaction: 50,
    });
  });
});
