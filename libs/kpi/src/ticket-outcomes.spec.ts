import { historyAsOf, ticketOutcomes } from './ticket-outcomes';
import type { BusinessCalendar, Outcome, SlaTargets, TicketHistory } from './kpi-types';

const d = (iso: string): Date => new Date(iso);
const SLA: SlaTargets = {
  P1: { firstResponseMinutes: 30, resolutionMinutes: 240 },
  P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  P3: { firstResponseMinutes: 120, resolutionMinutes: 1440 },
  P4: { firstResponseMinutes: 240, resolutionMinutes: 2880 },
};
const OPENED = '2026-03-02T10:00:00Z';
/** 'HH:MM' on the day the P1 ticket is opened (all times UTC). */
const at = (hhmm: string): string => `2026-03-02T${hhmm}:00Z`;

function p1(extra: { respondedAt?: string; resolved?: string[]; reopened?: string[] }): TicketHistory {
  return {
    ticketId: 'T-1',
    priority: 'P1',
    openedAt: d(OPENED),
    respondedAt: extra.respondedAt ? d(extra.respondedAt) : null,
    resolvedAt: (extra.resolved ?? []).map(d),
    reopenedAt: (extra.reopened ?? []).map(d),
  };
}
const outcome = (kind: Outcome['outcome'], iso: string, minutes: number | null): Outcome => ({ outcome: kind, at: d(iso), minutes });

describe('first response (P1: 30 calendar minutes, deadline 10:30)', () => {
  it.each<[string, string | undefined, Outcome]>([
    ['answered after 10 min: met', at('10:10'), outcome('met', at('10:10'), 10)],
    ['answered exactly at the deadline: met', at('10:30'), outcome('met', at('10:30'), 30)],
    ['answered 1 min late: breached at the deadline', at('10:31'), outcome('breached', at('10:30'), 31)],
    ['never answered: breached at the deadline (live breach)', undefined, outcome('breached', at('10:30'), null)],
    ['answer logged before opening (clock skew): met in 0 min', at('09:59'), outcome('met', at('09:59'), 0)],
  ])('%s', (_name, respondedAt, expected) => {
    const result = ticketOutcomes(p1({ respondedAt }), SLA);
    expect(result.firstResponse).toEqual(expected);
    expect(result.respondedAt).toEqual(respondedAt ? d(respondedAt) : null);
  });
});

describe('resolution (P1: 240 calendar minutes from 10:00)', () => {
  it.each<[string, string[], string[], Outcome]>([
    ['resolved exactly at 14:00 (240 min): met', [at('14:00')], [], outcome('met', at('14:00'), 240)],
    ['resolved at 14:01: breached at 14:00, 241 min', [at('14:01')], [], outcome('breached', at('14:00'), 241)],
    ['never resolved: breached at 14:00', [], [], outcome('breached', at('14:00'), null)],
    // 10–11 = 60, reopened 12:00, 12–13 = 60 → 120 ≤ 240
    [
      'reopened and resolved again in budget: met at the last resolution',
      [at('11:00'), at('13:00')],
      [at('12:00')],
      outcome('met', at('13:00'), 120),
    ],
    // 60 used; reopened 15:00 (11–15 does not count), 180 left → deadline 18:00
    ['reopened and still open: breached at reopen + remaining', [at('11:00')], [at('15:00')], outcome('breached', at('18:00'), null)],
    // same, resolved 17:00: 60 + 120 = 180 → met again
    ['reopened, resolved within the remaining budget: met', [at('11:00'), at('17:00')], [at('15:00')], outcome('met', at('17:00'), 180)],
    // same, resolved 19:00 > 18:00: breached at 18:00; minutes 60 + 240 = 300
    [
      'reopened, resolved after the remaining budget: breached',
      [at('11:00'), at('19:00')],
      [at('15:00')],
      outcome('breached', at('18:00'), 300),
    ],
    // breached at 14:00 (resolved 14:30, 270 min), reopened 15:00, resolved 15:10 (+10): breach is final
    ['a breach stays breached after reopen/resolve', [at('14:30'), at('15:10')], [at('15:00')], outcome('breached', at('14:00'), 280)],
    // the reopen at 10:30 has no resolution before it → ignored; 10–11 = 60
    ['a reopen with no prior resolution is ignored', [at('11:00')], [at('10:30')], outcome('met', at('11:00'), 60)],
    // second resolution while already resolved is ignored: earliest stands
    ['a duplicate resolution keeps the earliest', [at('11:30'), at('11:00')], [], outcome('met', at('11:00'), 60)],
    // resolve then reopen at the same instant: open again from 11:00 with 180 left → 14:00
    ['resolve and reopen at the same instant: resolution first', [at('11:00')], [at('11:00')], outcome('breached', at('14:00'), null)],
  ])('%s', (_name, resolved, reopened, expected) => {
    expect(ticketOutcomes(p1({ resolved, reopened }), SLA).resolution).toEqual(expected);
  });

  it('sorts out-of-order events and reports only those that took effect', () => {
    const result = ticketOutcomes(p1({ resolved: [at('13:00'), at('11:00'), at('13:30')], reopened: [at('12:00'), at('10:30')] }), SLA);
    // effective: resolve 11:00, reopen 12:00, resolve 13:00; 13:30 (already resolved) and 10:30 (not resolved) dropped
    expect(result.resolvedAt).toEqual([d(at('11:00')), d(at('13:00'))]);
    expect(result.reopenedAt).toEqual([d(at('12:00'))]);
    expect(result.resolution).toEqual(outcome('met', at('13:00'), 120)); // 60 + 60
  });

  it('uses the priority of the ticket', () => {
    // P3: 120 / 1440 min → first response deadline 12:00, resolution deadline next day 10:00
    const result = ticketOutcomes({ ...p1({}), priority: 'P3' }, SLA);
    expect(result.firstResponse).toEqual(outcome('breached', at('12:00'), null));
    expect(result.resolution).toEqual(outcome('breached', '2026-03-03T10:00:00Z', null));
  });

  it('rejects a priority without SLA targets', () => {
    const partial = { P1: SLA.P1 } as SlaTargets;
    expect(() => ticketOutcomes({ ...p1({}), priority: 'P2' }, partial)).toThrow(/P2/);
  });
});

describe('ticket outcomes in business minutes (Berlin Mon–Fri 09–17, DST on Sun 29 Mar 2026)', () => {
  const nineToFive = [{ start: '09:00', end: '17:00' }];
  const berlin: BusinessCalendar = {
    timeZone: 'Europe/Berlin',
    weeklyHours: { '1': nineToFive, '2': nineToFive, '3': nineToFive, '4': nineToFive, '5': nineToFive },
    holidays: [],
  };
  const p2 = (openedAt: string, extra: Partial<TicketHistory>): TicketHistory => ({
    ticketId: 'T-2',
    priority: 'P2',
    openedAt: d(openedAt),
    resolvedAt: [],
    reopenedAt: [],
    ...extra,
  });

  it('spans the weekend and the clock change', () => {
    // opened Fri 27 Mar 16:30 CET (15:30Z); P2 first response 60 = 30 Fri + 30 Mon → Mon 09:30 CEST (07:30Z)
    // answered Mon 09:15 CEST (07:15Z): 30 + 15 = 45 min → met
    // resolution 480 = 30 Fri + 450 Mon → Mon 16:30 CEST (14:30Z); resolved exactly then → met, 480
    const result = ticketOutcomes(
      p2('2026-03-27T15:30:00Z', { respondedAt: d('2026-03-30T07:15:00Z'), resolvedAt: [d('2026-03-30T14:30:00Z')] }),
      SLA,
      berlin,
    );
    expect(result.firstResponse).toEqual(outcome('met', '2026-03-30T07:15:00Z', 45));
    expect(result.resolution).toEqual(outcome('met', '2026-03-30T14:30:00Z', 480));
  });

  it('breaches at Friday 17:00 when resolved on Saturday, though no business minute passed since', () => {
    // opened Fri 09:00 CET (08:00Z) + 480 → Fri 17:00 CET (16:00Z); resolved Sat 10:00 CET (09:00Z)
    const result = ticketOutcomes(p2('2026-03-27T08:00:00Z', { resolvedAt: [d('2026-03-28T09:00:00Z')] }), SLA, berlin);
    expect(result.resolution).toEqual(outcome('breached', '2026-03-27T16:00:00Z', 480));
  });

  it('pauses between resolution and reopening over a weekend', () => {
    // opened Thu 26 Mar 09:00 CET (08:00Z); resolved Thu 13:00 CET (12:00Z): 240 used, 240 left
    // reopened Fri 27 Mar 16:00 CET (15:00Z): 60 Fri, then 180 from Mon 09:00 CEST → Mon 12:00 CEST (10:00Z)
    const result = ticketOutcomes(
      p2('2026-03-26T08:00:00Z', { resolvedAt: [d('2026-03-26T12:00:00Z')], reopenedAt: [d('2026-03-27T15:00:00Z')] }),
      SLA,
      berlin,
    );
    expect(result.resolution).toEqual(outcome('breached', '2026-03-30T10:00:00Z', null));
  });
});

describe('historyAsOf', () => {
  const full = p1({ respondedAt: at('10:20'), resolved: [at('11:00'), at('17:00')], reopened: [at('15:00')] });

  it('before the reopen the ticket was met at its first resolution', () => {
    const asOf = ticketOutcomes(historyAsOf(full, d(at('12:00'))), SLA);
    expect(asOf.resolution).toEqual(outcome('met', at('11:00'), 60));
  });

  it('after the reopen the ticket is open again with a future deadline', () => {
    // 60 used, reopened 15:00 → 15:00 + 180 = 18:00
    const asOf = ticketOutcomes(historyAsOf(full, d(at('16:00'))), SLA);
    expect(asOf.resolution).toEqual(outcome('breached', at('18:00'), null));
    expect(asOf.reopenedAt).toEqual([d(at('15:00'))]);
  });

  it('drops a response that had not happened yet', () => {
    expect(historyAsOf(full, d(at('10:10'))).respondedAt).toBeNull();
    expect(historyAsOf(full, d(at('10:20'))).respondedAt).toEqual(d(at('10:20')));
  });
});
