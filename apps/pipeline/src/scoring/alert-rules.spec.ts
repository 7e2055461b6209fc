import type { ScorecardView } from '@rapport/contracts';
import { alertsBetween, breachAlerts } from './alert-rules';

const card = (score: number | null, band: ScorecardView['band']) =>
  ({ score, band, vendorName: 'Acme', contractName: 'Desk' }) as ScorecardView;

describe('alertsBetween', () => {
  it('raises a band change, critical when entering critical', () => {
    expect(alertsBetween(card(76, 'healthy'), card(70, 'at_risk'))).toEqual([
      { kind: 'band_change', severity: 'warning', message: 'Acme / Desk moved from healthy to at risk (score 70.0)' },
    ]);
    expect(alertsBetween(card(52, 'at_risk'), card(49, 'critical'))[0].severity).toBe('critical');
  });

  it('raises a sharp drop from 10 points down, within a band too', () => {
    expect(alertsBetween(card(95, 'healthy'), card(85, 'healthy'))).toEqual([
      { kind: 'sharp_drop', severity: 'warning', message: 'Acme / Desk dropped 10.0 points to 85.0' },
    ]);
    expect(alertsBetween(card(95, 'healthy'), card(85.01, 'healthy'))).toEqual([]);
  });

  it('stays quiet without a previous score, or when the score rises', () => {
    expect(alertsBetween(null, card(20, 'critical'))).toEqual([]);
    expect(alertsBetween(card(null, null), card(20, 'critical'))).toEqual([]);
    expect(alertsBetween(card(40, 'critical'), card(80, 'healthy'))).toEqual([
      { kind: 'band_change', severity: 'info', message: 'Acme / Desk moved from critical to healthy (score 80.0)' },
    ]);
  });
});

describe('breachAlerts', () => {
  const after = new Date('2026-11-28T10:00:00Z');
  const until = new Date('2026-11-28T10:00:05Z');
  const ticket = {
    contractId: 'c',
    ticketId: 'INC-7',
    priority: 'P1' as const,
    title: 'VPN down',
    firstResponseDueAt: new Date('2026-11-28T10:00:03Z'),
    resolutionDueAt: new Date('2026-11-28T14:00:00Z'),
  };

  it('names each deadline that passed in the interval', () => {
    expect(breachAlerts(ticket, after, until)).toEqual([
      {
        kind: 'sla_breach',
        severity: 'critical',
        message: 'P1 ticket INC-7 "VPN down" breached its first-response target',
        dedupeKey: 'sla:c:INC-7:first-response:2026-11-28T10:00:03.000Z',
      },
    ]);
  });

  it('keys each deadline apart, so that it is raised once however often it is seen', () => {
    const both = breachAlerts({ ...ticket, resolutionDueAt: until }, after, until);
    expect(both.map((a) => a.dedupeKey)).toEqual([
      'sla:c:INC-7:first-response:2026-11-28T10:00:03.000Z',
      'sla:c:INC-7:resolution:2026-11-28T10:00:05.000Z',
    ]);
  });

  it('ignores deadlines outside (after, until]', () => {
    expect(breachAlerts({ ...ticket, firstResponseDueAt: after }, after, until)).toEqual([]);
    expect(breachAlerts({ ...ticket, priority: 'P3', firstResponseDueAt: until, resolutionDueAt: until }, after, until)).toEqual([
      expect.objectContaining({ severity: 'info', message: 'P3 ticket INC-7 "VPN down" breached its first-response target' }),
      expect.objectContaining({ severity: 'info', message: 'P3 ticket INC-7 "VPN down" breached its resolution target' }),
    ]);
  });
});
