import type { ContractRow, TicketProjection } from '@rapport/db';
import { outcomesAt } from './contract-facts';

const MINUTE = 60_000;
const SLA = {
  P1: { firstResponseMinutes: 15, resolutionMinutes: 240 },
  P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  P3: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
  P4: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
};
const contract = (sla: typeof SLA) => ({ id: 'c', sla, calendar: null }) as unknown as ContractRow;

const opened = Date.parse('2026-03-02T09:00:00Z');
/** Responded after 30 minutes, resolved after 5 hours. */
const ticket = (): TicketProjection => ({
  contractId: 'c',
  ticketId: 'T1',
  priority: 'P2',
  title: null,
  openedAt: new Date(opened),
  respondedAt: new Date(opened + 30 * MINUTE),
  resolvedAt: [new Date(opened + 300 * MINUTE)],
  reopenedAt: [],
  relevantUntil: null,
  firstResponseDueAt: null,
  resolutionDueAt: null,
});

describe('outcomesAt', () => {
  it('keeps outcomes across reads of the same contract, and decides them again when its SLA changes', () => {
    const t = ticket();
    const later = new Date(opened + 600 * MINUTE);
    const first = outcomesAt(contract(SLA), t, later);
    // A contract read again (a new object, same terms) reuses them.
    expect(outcomesAt(contract(structuredClone(SLA)), t, later)).toBe(first);
    expect(first?.firstResponse).toMatchObject({ outcome: 'met', minutes: 30 });
    // P2 first response within 20 minutes: 30 minutes is now a breach, at opening + 20 min.
    const stricter = outcomesAt(contract({ ...SLA, P2: { firstResponseMinutes: 20, resolutionMinutes: 480 } }), t, later);
    expect(stricter?.firstResponse).toEqual({ outcome: 'breached', at: new Date(opened + 20 * MINUTE), minutes: 30 });
  });

  it('gives the outcomes as they stood before the last event, and all of them from it on', () => {
    const t = ticket();
    const c = contract(SLA);
    // Before the resolution (5 h): open, breached at the 8-hour deadline, no resolution minutes yet.
    expect(outcomesAt(c, t, new Date(opened + 299 * MINUTE))?.resolution).toEqual({
      outcome: 'breached',
      at: new Date(opened + 480 * MINUTE),
      minutes: null,
    });
    // From the resolution on: met at 5 h, 300 minutes.
    for (const at of [opened + 300 * MINUTE, opened + 10_000 * MINUTE]) {
      expect(outcomesAt(c, t, new Date(at))?.resolution).toEqual({ outcome: 'met', at: new Date(opened + 300 * MINUTE), minutes: 300 });
    }
  });
});
