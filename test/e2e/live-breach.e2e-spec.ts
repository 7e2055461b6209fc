import type { AlertView, ScorecardView } from '@rapport/contracts';
import { EventFactory, MINUTE } from '../support/fixtures';
import { LiveSocket, nextEvent, RapportHarness } from '../support/rapport-harness';

/** A ticket whose deadline passes with no event still breaches, live: score and alert move on time. */
describe('live SLA breach', () => {
  let rapport: RapportHarness;
  let socket: LiveSocket;
  let contractId: string;

  beforeAll(async () => {
    rapport = await RapportHarness.start();
    const token = await rapport.adminToken();
    ({ contractId } = await rapport.createContract(token, 'Tailspin Security', { name: 'SOC', serviceType: 'cybersecurity' }));
    socket = await rapport.socket(token);
  });

  afterAll(async () => {
    socket?.close();
    await rapport?.stop();
  });

  it('breaches an unanswered P1 ticket when its first-response deadline passes', async () => {
    const events = new EventFactory(contractId);
    // P1 first response is due 15 minutes after opening: opened 15 min − 4 s ago, due in 4 s.
    const dueAt = Date.now() + 4000;
    const opened = events.event('ticket.opened', dueAt - 15 * MINUTE, { ticketId: 'INC-1', priority: 'P1', title: 'Firewall down' });
    const first = nextEvent(socket, 'scorecard.updated', (s: ScorecardView) => s.contractId === contractId);
    await rapport.ingest([opened]);
    expect((await first).kpis.firstResponseCompliance.samples).toBe(0);

    const alert = nextEvent(socket, 'alert.raised', (a: AlertView) => a.contractId === contractId && a.kind === 'sla_breach');
    const breached = nextEvent(
      socket,
      'scorecard.updated',
      (s) => s.contractId === contractId && s.kpis.firstResponseCompliance.samples === 1,
    );
    const [raised, card] = await Promise.all([alert, breached]);
    expect(raised).toMatchObject({ severity: 'critical', message: 'P1 ticket INC-1 "Firewall down" breached its first-response target' });
    expect(Date.parse(raised.raisedAt)).toBeGreaterThanOrEqual(dueAt);
    expect(card.explanation.kpis.find((k) => k.key === 'firstResponseCompliance')?.evidence).toEqual([
      { kind: 'ticket', id: 'INC-1', outcome: 'breached', at: new Date(dueAt).toISOString() },
    ]);
  });
});
