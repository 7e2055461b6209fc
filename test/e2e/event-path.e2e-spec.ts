import type { ScorecardView } from '@rapport/contracts';
import { PrismaService } from '@rapport/db';
import { EventFactory, HOUR, MINUTE, STANDARD_SLA } from '../support/fixtures';
import { LiveSocket, nextEvent, RapportHarness } from '../support/rapport-harness';

/**
 * The walking skeleton end to end: HTTP ingestion → Kafka → pipeline → PostgreSQL →
 * scorecard → Kafka → socket.io push, with numbers computed by hand below.
 */
describe('event path from HTTP to a live socket', () => {
  let rapport: RapportHarness;
  let token: string;
  let vendorId: string;
  let contractId: string;
  let socket: LiveSocket;
  let events: EventFactory;
  const t0 = Date.now() - 3 * 24 * HOUR;

  beforeAll(async () => {
    rapport = await RapportHarness.start();
    token = await rapport.adminToken();
    ({ vendorId, contractId } = await rapport.createContract(token, 'Northwind Ops', { name: 'Service desk' }));
    events = new EventFactory(contractId);
    socket = await rapport.socket(token);
  });

  afterAll(async () => {
    socket?.close();
    await rapport?.stop();
  });

  const ticket = (id: string, priority: string, opened: number, steps: [string, number][]) => [
    events.event('ticket.opened', opened, { ticketId: id, priority }),
    ...steps.map(([type, minutes]) => events.event(`ticket.${type}`, opened + minutes * MINUTE, { ticketId: id })),
  ];
  const deliverable = (id: string, due: number, submitted: number, reviews: [string, number][]) => [
    events.event('deliverable.planned', t0, { deliverableId: id, dueAt: new Date(due).toISOString() }),
    events.event('deliverable.submitted', submitted, { deliverableId: id }),
    ...reviews.map(([type, at]) => events.event(`deliverable.${type}`, at, { deliverableId: id })),
  ];
  const feedback = (id: string, at: number, csat: number, nps: number) =>
    events.event('feedback.submitted', at, { feedbackId: id, csat, nps });

  it('stores each event once, computes the scorecard exactly and pushes it live', async () => {
    const day = t0 + 24 * HOUR;
    const batch = [
      // P1 (15 / 240 min): answered at 10 (met), resolved at 200 (met).
      ...ticket('T1', 'P1', t0, [
        ['responded', 10],
        ['resolved', 200],
      ]),
      // P1: answered at 20 (> 15: breached), resolved at 300 (> 240: breached).
      ...ticket('T2', 'P1', t0 + HOUR, [
        ['responded', 20],
        ['resolved', 300],
      ]),
      // P2 (60 / 480 min): answered at 30, resolved at 400: both met.
      ...ticket('T3', 'P2', t0 + 2 * HOUR, [
        ['responded', 30],
        ['resolved', 400],
      ]),
      // P2: answered at 50; resolved at 100, reopened at 150, resolved at 250 → 100 + 100 = 200 clock minutes: met.
      ...ticket('T4', 'P2', t0 + 3 * HOUR, [
        ['responded', 50],
        ['resolved', 100],
        ['reopened', 150],
        ['resolved', 250],
      ]),
      // Due a day after t0: D1 on time and accepted; D2 late, rejected first; D3 on time and accepted.
      ...deliverable('D1', day, day - 4 * HOUR, [['accepted', day - 2 * HOUR]]),
      ...deliverable('D2', day, day + 2 * HOUR, [
        ['rejected', day + 3 * HOUR],
        ['accepted', day + 6 * HOUR],
      ]),
      ...deliverable('D3', day, day - HOUR, [['accepted', day]]),
      feedback('F1', day, 5, 10),
      feedback('F2', day, 4, 8),
      feedback('F3', day, 2, 3),
    ];
    const complete = (s: ScorecardView) =>
      s.contractId === contractId &&
      s.kpis.csat.samples === 3 &&
      s.kpis.onTimeDelivery.samples === 3 &&
      s.kpis.reopenRate.samples === 4 &&
      s.kpis.firstPassAcceptance.samples === 3;
    const pushed = nextEvent(socket, 'scorecard.updated', complete);

    const accepted = await rapport.ingest(batch);
    expect(accepted).toEqual({ status: 202, body: { accepted: batch.length } });
    const live = await pushed;

    const k = live.kpis;
    expect(k.firstResponseCompliance).toMatchObject({ value: 0.75, samples: 4, measure: 20 }); // 3/4; (0.75−0.70)/(0.95−0.70) = 20
    expect(k.resolutionCompliance).toMatchObject({ value: 0.75, samples: 4, measure: 50 }); // 3/4; (0.75−0.60)/(0.90−0.60) = 50
    expect(k.medianFirstResponseMinutes.value).toBe(25); // 10, 20, 30, 50 → (20 + 30) / 2
    expect(k.medianResolutionMinutes.value).toBe(250); // 200, 200, 300, 400 → (200 + 300) / 2
    expect(k.p90ResolutionMinutes.value).toBe(400); // ⌈0.9·4⌉ = 4th smallest
    expect(k.reopenRate).toMatchObject({ value: 0.25, samples: 4, measure: 20 }); // 1/4; (0.25−0.30)/(0.05−0.30) = 20
    expect(k.onTimeDelivery.value).toBeCloseTo(2 / 3, 4); // D1, D3 on time; D2 late
    expect(k.onTimeDelivery.measure).toBeCloseTo(41.67, 2); // (0.6667−0.5)/(0.9−0.5)
    expect(k.firstPassAcceptance.measure).toBeCloseTo(47.62, 2); // 2/3; (0.6667−0.5)/(0.85−0.5)
    expect(k.csat.measure).toBeCloseTo(22.22, 2); // 2/3 ratings ≥ 4; (0.6667−0.6)/(0.9−0.6)
    expect(k.nps).toMatchObject({ value: 0, measure: expect.closeTo(28.57, 2) }); // 33.3 % promoters − 33.3 % detractors; (0+20)/(50+20)
    expect(live.dimensions.responsiveness.score).toBeCloseTo(20, 2);
    expect(live.dimensions.turnaround.score).toBeCloseTo(45.83, 2); // (50 + 41.667) / 2
    expect(live.dimensions.quality.score).toBeCloseTo(33.81, 2); // (47.619 + 20) / 2
    expect(live.dimensions.satisfaction.score).toBeCloseTo(25.4, 2); // (22.222 + 28.571) / 2
    expect(live.score).toBeCloseTo(32.01, 2); // (30·20 + 30·45.833 + 25·33.810 + 15·25.397) / 100
    expect(live.band).toBe('critical');
    expect(live.explanation.kpis.find((e) => e.key === 'firstResponseCompliance')?.evidence).toEqual([
      expect.objectContaining({ kind: 'ticket', id: 'T2', outcome: 'breached' }),
    ]);

    const read = await rapport.request<ScorecardView>('GET', `/api/v1/scorecards/${contractId}`, { token });
    expect(read.status).toBe(200);
    expect(read.body.score).toBe(live.score);

    const prisma = rapport.pipeline.get(PrismaService);
    expect(await prisma.storedEvent.count({ where: { contractId } })).toBe(batch.length);
    const t4 = await prisma.ticket.findUniqueOrThrow({ where: { contractId_ticketId: { contractId, ticketId: 'T4' } } });
    expect(t4.resolvedAt).toHaveLength(2);
    expect(t4.reopenedAt).toHaveLength(1);

    // The same events again: accepted at the edge, ignored by the pipeline.
    const again = await rapport.ingest(batch);
    expect(again.status).toBe(202);
    const marker = feedback('F4', day, 5, 9);
    const afterMarker = nextEvent(socket, 'scorecard.updated', (s) => s.contractId === contractId && s.kpis.csat.samples === 4);
    const sentAt = performance.now();
    await rapport.ingest([marker]);
    const updated = await afterMarker;
    const latencyMs = performance.now() - sentAt;
    console.log(`event-to-socket latency: ${latencyMs.toFixed(0)} ms`);
    expect(await prisma.storedEvent.count({ where: { contractId } })).toBe(batch.length + 1);
    expect(updated.kpis.firstResponseCompliance.samples).toBe(4);
    expect(updated.kpis.csat.value).toBe(0.75); // 3 of 4 ratings ≥ 4
  });

  it("rolls a vendor's score up over its active contracts", async () => {
    const create = (name: string, endsAt?: string) =>
      rapport.request<{ id: string }>('POST', '/api/v1/contracts', {
        token,
        body: { vendorId, name, serviceType: 'it_support', startsAt: '2026-01-01T00:00:00Z', endsAt, sla: STANDARD_SLA },
      });
    const second = (await create('Field services')).body.id;
    const ended = (await create('Old desk', '2026-02-01T00:00:00Z')).body.id;
    const rate = (contract: string, csat: number, nps: number) => {
      const factory = new EventFactory(contract);
      return [1, 2, 3].map((n) => factory.event('feedback.submitted', t0 + n * HOUR, { feedbackId: `R${n}`, csat, nps }));
    };
    const pushed = nextEvent(socket, 'scorecard.updated', (s) => s.contractId === second && s.kpis.csat.samples === 3);
    const pushedEnded = nextEvent(socket, 'scorecard.updated', (s) => s.contractId === ended && s.kpis.csat.samples === 3);
    await rapport.ingest([...rate(second, 5, 10), ...rate(ended, 1, 0)]);
    expect((await pushed).score).toBe(100); // CSAT 3/3 and NPS +100 both at or above target
    expect((await pushedEnded).score).toBe(0); // CSAT 0/3 and NPS −100: both measures clamp to 0

    const rollUp = await rapport.request<{ score: number; band: string; contracts: { contractId: string }[] }>(
      'GET',
      `/api/v1/vendors/${vendorId}/scorecard`,
      { token },
    );
    expect(rollUp.status).toBe(200);
    expect(rollUp.body.contracts.map((c) => c.contractId).sort()).toEqual([contractId, second].sort()); // the ended one is out
    // The first contract now also has F4 (csat 5, nps 9): CSAT 3/4 → 50; NPS (2 − 1)/4 = +25 → (25 + 20)/70 = 64.29;
    // satisfaction (50 + 64.29)/2 = 57.14; score (600 + 1375 + 845.24 + 15·57.14)/100 = 36.78. Roll-up (36.78 + 100)/2.
    expect(rollUp.body.score).toBeCloseTo(68.39, 2);
    expect(rollUp.body.band).toBe('at_risk');
  });

  it('refuses invalid events with a 400 that names each one, and accepts none of the batch', async () => {
    const good = events.event('ticket.opened', t0, { ticketId: 'T9', priority: 'P3' });
    const response = await rapport.ingest<{ invalid: { index: number; errors: string[] }[] }>([
      good,
      { ...good, id: 'bad-priority', data: { ticketId: 'T9', priority: 'P7' } },
      { ...good, id: 'no-time', time: undefined },
    ]);
    expect(response.status).toBe(400);
    expect(response.body.invalid.map((i) => i.index)).toEqual([1, 2]);
    expect(response.body.invalid[0].errors.join()).toMatch(/data\.priority/);
    expect(response.body.invalid[1].errors.join()).toMatch(/time/);
  });

  it('refuses ingestion without the ingest token', async () => {
    const response = await rapport.request('POST', '/api/v1/events', { token: 'wrong-token', body: [] });
    expect(response.status).toBe(401);
  });

  it('quarantines events for an unknown contract instead of dropping them', async () => {
    const stray = new EventFactory('00000000-0000-4000-8000-000000000000').event('ticket.opened', t0, { ticketId: 'X1', priority: 'P1' });
    expect((await rapport.ingest([stray])).status).toBe(202);
    const prisma = rapport.pipeline.get(PrismaService);
    let quarantined = 0;
    for (let attempt = 0; attempt < 100 && quarantined === 0; attempt++) {
      quarantined = await prisma.quarantinedEvent.count({ where: { eventId: stray.id } });
      if (!quarantined) await new Promise((r) => setTimeout(r, 100));
    }
    expect(quarantined).toBe(1);
    const listed = await rapport.request<{ items: { eventId: string; reason: string }[]; total: number }>(
      'GET',
      `/api/v1/quarantine?origin=pipeline&search=${stray.id}`,
      { token },
    );
    expect(listed.body.total).toBe(1);
    expect(listed.body.items).toEqual([expect.objectContaining({ eventId: stray.id, reason: expect.stringMatching(/unknown contract/) })]);
  });
});
