import { bandForScore, bandLabel, formatKpiValue, formatMinutes, formatScore, formatTarget } from './format';

describe('dashboard formatting', () => {
  it('formats scores with one decimal or a dash', () => {
    expect(formatScore(82.44)).toBe('82.4');
    expect(formatScore(null)).toBe('—');
    expect(formatScore(Number.NaN)).toBe('—');
  });

  it('maps scores to bands at 50 and 75', () => {
    expect(bandForScore(75)).toBe('healthy');
    expect(bandForScore(74.99)).toBe('at_risk');
    expect(bandForScore(50)).toBe('at_risk');
    expect(bandForScore(49.9)).toBe('critical');
    expect(bandForScore(null)).toBeNull();
    expect(bandLabel('at_risk')).toBe('At risk');
  });

  it('formats KPI values by kind', () => {
    expect(formatKpiValue('firstResponseCompliance', 0.953)).toBe('95.3%');
    expect(formatKpiValue('nps', 42)).toBe('+42');
    expect(formatKpiValue('nps', -12.5)).toBe('-12.5');
    expect(formatKpiValue('medianResolutionMinutes', 135)).toBe('2h 15m');
    expect(formatKpiValue('csat', null)).toBe('insufficient data');
    expect(formatMinutes(45)).toBe('45m');
    expect(formatMinutes(120)).toBe('2h');
  });

  it('shows the direction of a target', () => {
    expect(formatTarget('resolutionCompliance', 0.9, 0.6)).toBe('≥ 90.0%');
    expect(formatTarget('reopenRate', 0.05, 0.3)).toBe('≤ 5.0%');
    expect(formatTarget('p90ResolutionMinutes', null, null)).toBe('—');
  });
});
