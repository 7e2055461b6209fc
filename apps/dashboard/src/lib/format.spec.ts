import { bandLabel, formatKpiValue, formatMinutes, formatScore, formatTarget, lowerIsBetter } from './format';

describe('dashboard formatting', () => {
  it('formats scores with one decimal or a dash', () => {
    expect(formatScore(82.44)).toBe('82.4');
    expect(formatScore(null)).toBe('—');
    expect(formatScore(Number.NaN)).toBe('—');
  });

  it('labels the band the server sent', () => {
    expect(bandLabel('healthy')).toBe('Healthy');
    expect(bandLabel('at_risk')).toBe('At risk');
    expect(bandLabel('critical')).toBe('Critical');
    expect(bandLabel(null)).toBe('No data');
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

  it('reads lower as better when the target lies below the floor, else for reopen rate and times', () => {
    expect(lowerIsBetter('csat', 0.2, 0.6)).toBe(true);
    expect(lowerIsBetter('reopenRate', 0.3, 0.05)).toBe(false);
    expect(lowerIsBetter('reopenRate', null, null)).toBe(true);
    expect(lowerIsBetter('medianFirstResponseMinutes', null, null)).toBe(true);
    expect(lowerIsBetter('onTimeDelivery', null, null)).toBe(false);
  });
});
