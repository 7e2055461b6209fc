import { NestFactory } from '@nestjs/core';
import type { ScorecardView } from '@rapport/contracts';
import { HourlyPoint, PrismaService, SnapshotRepository } from '@rapport/db';
import { ReplayModule } from '../../apps/pipeline/src/replay/replay.module';
import { ReplayService } from '../../apps/pipeline/src/replay/replay.service';
import { EventFactory, HOUR, MINUTE } from '../support/fixtures';
import { RapportHarness } from '../support/rapport-harness';

/** Late events rebuild hourly history by event time; a replay from the log gives the same numbers, its history afterwards. */
describe('history and replay', () => {
  let rapport: RapportHarness;
  let token: string;
  let contractId: string;

  beforeAll(async () => {
    rapport = await RapportHarness.start();
    token = await rapport.adminToken();
    ({ contractId } = await rapport.createContract(token, 'Fabrikam Dev', { name: 'Mobile app', serviceType: 'software_development' }));
  });

  afterAll(() => rapport?.stop());

  const numbers = (v: HourlyPoint) => ({
    at: v.at,
    window: v.window,
    score: v.score,
    band: v.band,
    kpis: v.kpis,
    dimensions: v.dimensions,
  });

  it('rebuilds hourly points after late events, and a replay reproduces them and every scorecard', async () => {
    const events = new EventFactory(contractId);
    const start = Date.now() - 48 * HOUR;
    const batch = [];
    for (let i = 0; i < 12; i++) {
      const opened = start + i * 4 * HOUR;
      batch.push(events.event('ticket.opened', opened, { ticketId: `T${i}`, priority: i % 3 ? 'P2' : 'P1' }));
      batch.push(events.event('ticket.responded', opened + (5 + 7 * i) * MINUTE, { ticketId: `T${i}` }));
      if (i % 4 !== 3) batch.push(events.event('ticket.resolved', opened + (90 + 40 * i) * MINUTE, { ticketId: `T${i}` }));
      if (i % 5 === 1) batch.push(events.event('ticket.reopened', opened + (100 + 40 * i) * MINUTE, { ticketId: `T${i}` }));
      batch.push(events.event('feedback.submitted', opened + 2 * HOUR, { feedbackId: `F${i}`, csat: 1 + (i % 5), nps: (i * 3) % 11 }));
    }
    // Delivered backwards, in three requests, with the middle one sent twice.
    const reversed = batch.reverse();
    const parts = [reversed.slice(0, 15), reversed.slice(15, 30), reversed.slice(30)];
    for (const part of [parts[0], parts[1], parts[1], parts[2]]) expect((await rapport.ingest(part)).status).toBe(202);

    const prisma = rapport.pipeline.get(PrismaService);
    const snapshots = rapport.pipeline.get(SnapshotRepository);
    const expectedHours = Math.floor(Date.now() / HOUR) - Math.floor(start / HOUR) + 1;
    await waitFor(
      async () =>
        (await snapshots.hourly(contractId, '30d')).length >= expectedHours &&
        (await prisma.storedEvent.count({ where: { contractId } })) === batch.length,
    );

    const live30 = (await snapshots.hourly(contractId, '30d')).map(numbers);
    const live7 = (await snapshots.hourly(contractId, '7d')).map(numbers);
    const tickets = await prisma.ticket.findMany({ where: { contractId }, orderBy: { ticketId: 'asc' }, omit: { updatedAt: true } });
    const instants = [start + 10 * HOUR, start + 30 * HOUR, Date.now()].map((t) => new Date(t).toISOString());
    const readAt = (at: string) =>
      rapport.request<ScorecardView>('GET', `/api/v1/scorecards/${contractId}?at=${at}`, { token }).then((r) => numbers(r.body));
    const before = await Promise.all(instants.map(readAt));
    expect(live30.some((p) => p.score !== null)).toBe(true);
    // The newest hourly point agrees with the on-demand scorecard at the same instant.
    expect(await readAt(live30.at(-1)!.at)).toEqual(live30.at(-1));

    const replay = await NestFactory.createApplicationContext(ReplayModule, { logger: false });
    const service = replay.get(ReplayService);
    const summary = await service.replayAll();
    expect(summary.subjects).toBeGreaterThanOrEqual(24);
    // The replay proper leaves the history marked stale from the contract's first event…
    expect(await prisma.historyMark.findUnique({ where: { contractId } })).not.toBeNull();
    expect(await prisma.ticket.findMany({ where: { contractId }, orderBy: { ticketId: 'asc' }, omit: { updatedAt: true } })).toEqual(
      tickets,
    );
    expect(await Promise.all(instants.map(readAt))).toEqual(before);

    // …and the history is rebuilt afterwards, here by the replay and the running pipeline together.
    await service.finishHistory();
    await replay.close();
    await waitFor(async () => !(await prisma.historyMark.findUnique({ where: { contractId } })));
    // Up to the last hour seen before the replay: the clock may have passed another hour since.
    const upTo = (points: ReturnType<typeof numbers>[]) => points.filter((p) => p.at <= live30.at(-1)!.at);
    expect(upTo((await snapshots.hourly(contractId, '30d')).map(numbers))).toEqual(live30);
    expect(upTo((await snapshots.hourly(contractId, '7d')).map(numbers))).toEqual(live7);
    // 48 hours of hourly history are rebuilt twice (live, then after the replay): slow on a busy machine.
  }, 300_000);
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}
