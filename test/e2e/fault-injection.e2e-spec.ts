import { NestFactory } from '@nestjs/core';
import type { ScorecardView } from '@rapport/contracts';
import { PIPELINE_GROUP, TOPICS } from '@rapport/contracts';
import { PrismaService } from '@rapport/db';
import { KafkaService } from '@rapport/kafka';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ReplayModule } from '../../apps/pipeline/src/replay/replay.module';
import { ReplayService } from '../../apps/pipeline/src/replay/replay.service';
import { BrokerControl, buildPipeline, PipelineProcess, ReadinessRecorder, sleep, waitFor } from '../support/fault-tools';
import { EventFactory, MINUTE } from '../support/fixtures';
import { RapportHarness } from '../support/rapport-harness';

/** A client posting feedback at a steady rate; like any well-behaved client it sends again what was answered 503. */
class FeedbackStream {
  readonly accepted = new Map<string, { contractId: string; csat: number }>();
  readonly statuses = new Map<number, number>();
  readonly retryAfter = new Set<string | null>();
  private running = false;
  private done?: Promise<void>;
  private n = 0;

  constructor(
    private readonly rapport: RapportHarness,
    private readonly factories: EventFactory[],
    private readonly contractIds: string[],
  ) {}

  start(): void {
    this.running = true;
    this.done = (async () => {
      while (this.running) {
        const batch = Array.from({ length: 10 }, () => this.next());
        await this.send(batch);
        await sleep(500);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }

  private next() {
    const i = this.n++ % this.contractIds.length;
    const csat = 1 + (this.n % 5);
    const event = this.factories[i].event('feedback.submitted', Date.now() - MINUTE, { feedbackId: `F${this.n}`, csat });
    return { event, meta: { contractId: this.contractIds[i], csat } };
  }

  private async send(batch: { event: { id: string }; meta: { contractId: string; csat: number } }[]): Promise<void> {
    for (;;) {
      const response = await fetch(`${this.rapport.baseUrl}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${process.env.INGEST_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(batch.map((b) => b.event)),
      }).catch(() => null);
      const status = response?.status ?? 0;
      this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
      await response?.text();
      if (status === 202) {
        for (const b of batch) this.accepted.set(b.event.id, b.meta);
        return;
      }
      if (status === 503) this.retryAfter.add(response!.headers.get('retry-after'));
      if (!this.running && status !== 503) return;
      await sleep(500);
    }
  }
}

describe('fault injection: crashes, a broker restart, severed database connections and poison, with nothing lost or doubled', () => {
  let rapport: RapportHarness;
  let token: string;
  let pipeline: PipelineProcess;
  const contractIds: string[] = [];
  const broker = new BrokerControl();
  const database = () => new Client({ connectionString: process.env.DATABASE_URL });

  beforeAll(async () => {
    buildPipeline();
    rapport = await RapportHarness.start({ pipelines: 0, ready: false });
    token = await rapport.adminToken();
    for (const name of ['Faulty Contoso', 'Faulty Northwind', 'Faulty Tailspin'])
      contractIds.push((await rapport.createContract(token, name)).contractId);
    // A fault inside the pipeline that no edge check can foresee: the database refuses one subject.
    const db = database();
    await db.connect();
    await db.query(`CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW."feedbackId" LIKE 'POISON%' THEN RAISE EXCEPTION 'poisoned feedback %', NEW."feedbackId"; END IF; RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER refuse_poison BEFORE INSERT OR UPDATE ON "Feedback" FOR EACH ROW EXECUTE FUNCTION refuse_poison()`);
    await db.end();
    pipeline = new PipelineProcess('fault-injection-pipeline');
    pipeline.start();
    await rapport.waitUntilReady(90_000);
  }, 240_000);

  afterAll(async () => {
    await pipeline?.stop();
    await rapport?.stop();
    const db = database();
    await db.connect();
    await db.query('DROP TRIGGER IF EXISTS refuse_poison ON "Feedback"; DROP FUNCTION IF EXISTS refuse_poison()');
    await db.end();
  }, 120_000);

  it('counts every accepted event once, quarantines every poison event, and is unready exactly while something is down', async () => {
    const factories = contractIds.map((id) => new EventFactory(id, 'test://faults'));
    const stream = new FeedbackStream(rapport, factories, contractIds);
    const readiness = new ReadinessRecorder(rapport);
    const recovery: Record<string, number> = {};
    stream.start();
    await sleep(3_000);

    const refused = async () => (await rapport.request('GET', '/health/ready')).status === 503;
    for (let kill = 1; kill <= 3; kill++) {
      const from = Date.now();
      await pipeline.kill();
      // A dead worker holds its partitions until its session times out; readiness must say so meanwhile.
      recovery[`pipeline SIGKILL #${kill}: unready after`] = await waitFor(refused, 20_000, 'readiness refused after a kill');
      pipeline.start(); // what `npm start`'s supervisor does
      await rapport.waitUntilReady(90_000);
      recovery[`pipeline SIGKILL #${kill}: ready again after`] = Date.now() - from;
      await sleep(2_000);
    }

    const brokerDown = Date.now();
    broker.stop();
    const duringOutage = await rapport.ingest([factories[0].event('feedback.submitted', Date.now(), { feedbackId: 'OUTAGE', csat: 5 })]);
    expect(duringOutage.status).toBe(503);
    expect((await rapport.request('GET', '/health/ready')).status).toBe(503);
    await sleep(3_000);
    await broker.start();
    await rapport.waitUntilReady(120_000);
    recovery['broker restart'] = Date.now() - brokerDown;
    expect(readiness.refusedBetween(brokerDown, Date.now())).toBe(true);

    const severed = Date.now();
    const db = database();
    await db.connect();
    const terminated = await db.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    await db.end();
    await sleep(1_000);
    await rapport.waitUntilReady(60_000);
    recovery['database connections terminated'] = Date.now() - severed;
    expect(terminated.rowCount).toBeGreaterThan(0);

    // Poison: over 1 MB of events for a contract that does not exist, straight onto the topic ...
    const producer = new Kafka({ brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    const stray = new EventFactory(randomUUID(), 'test://poison');
    const unknown = Array.from({ length: 1500 }, (_, i) =>
      stray.event('feedback.submitted', Date.now(), { feedbackId: `S${i}`, csat: 3, comment: 'x'.repeat(1000) }),
    );
    for (let i = 0; i < unknown.length; i += 500) {
      await producer.send({
        topic: TOPICS.events,
        messages: unknown.slice(i, i + 500).map((e) => ({ key: contractIds[0], value: JSON.stringify(e) })),
      });
    }
    // ... events from year 9999, past the edge's check (as from a producer that skips it) ...
    const farFuture = [1, 2, 3].map((i) => factories[1].event('ticket.opened', Date.now(), { ticketId: `FUTURE-${i}`, priority: 'P1' }));
    for (const e of farFuture) e.time = '9999-12-31T23:59:59Z';
    await producer.send({ topic: TOPICS.events, messages: farFuture.map((e) => ({ key: contractIds[1], value: JSON.stringify(e) })) });
    await producer.disconnect();
    // ... and events the database refuses, in the same request as good ones of the same contract.
    const poisoned = [1, 2].map((i) =>
      factories[2].event('feedback.submitted', Date.now() - MINUTE, { feedbackId: `POISON-${i}`, csat: 1 }),
    );
    const companions = [1, 2, 3].map((i) =>
      factories[2].event('feedback.submitted', Date.now() - MINUTE, { feedbackId: `GOOD-${i}`, csat: 5 }),
    );
    expect((await rapport.ingest([...poisoned, ...companions])).status).toBe(202);
    for (const e of companions) stream.accepted.set(e.id, { contractId: contractIds[2], csat: 5 });

    await sleep(3_000);
    await stream.stop();
    await readiness.stop();

    const prisma = rapport.api.get(PrismaService);
    const accepted = [...stream.accepted.entries()];
    const settled = await waitFor(
      async () =>
        (await prisma.storedEvent.count({ where: { source: 'test://faults', id: { in: accepted.map(([id]) => id) } } })) ===
        accepted.length,
      120_000,
      'every accepted event stored',
      async () => {
        const stored = new Set(
          (await prisma.storedEvent.findMany({ where: { source: 'test://faults' }, select: { id: true } })).map((e) => e.id),
        );
        const missing = accepted.map(([id]) => id).filter((id) => !stored.has(id));
        const quarantined = await prisma.quarantinedEvent.findMany({ where: { eventId: { in: missing } }, select: { reason: true } });
        const progress = await rapport.api.get(KafkaService).groupProgress(PIPELINE_GROUP, TOPICS.events);
        return [
          `${missing.length} of ${accepted.length} missing, ${quarantined.length} of them quarantined: ${[...new Set(quarantined.map((q) => q.reason))].join(' | ')}`,
          `pipeline group: ${JSON.stringify(progress)}`,
          'pipeline warnings:',
          ...pipeline.warnings(),
        ].join('\n');
      },
    );
    // Exactly once: the stored rows are the accepted ones, and the KPI counts each of them once.
    expect(await prisma.storedEvent.count({ where: { source: 'test://faults' } })).toBe(accepted.length);
    const quarantinedIds = async (ids: string[]) => prisma.quarantinedEvent.count({ where: { eventId: { in: ids } } });
    await waitFor(
      async () => (await quarantinedIds(unknown.map((e) => e.id))) === unknown.length,
      120_000,
      'unknown-contract poison quarantined',
    );
    expect(await quarantinedIds(farFuture.map((e) => e.id))).toBe(farFuture.length);
    expect(await quarantinedIds(poisoned.map((e) => e.id))).toBe(poisoned.length);
    expect(await prisma.storedEvent.count({ where: { id: { in: poisoned.map((e) => e.id) } } })).toBe(0);

    const at = new Date().toISOString();
    const numbers = ({ score, band, kpis, dimensions }: ScorecardView) => ({ score, band, kpis, dimensions });
    const readAt = () =>
      Promise.all(
        contractIds.map((id) =>
          rapport.request<ScorecardView>('GET', `/api/v1/scorecards/${id}?at=${at}`, { token }).then((r) => numbers(r.body)),
        ),
      );
    const live = await readAt();
    contractIds.forEach((id, i) => {
      const ratings = accepted.filter(([, m]) => m.contractId === id).map(([, m]) => m.csat);
      expect(live[i].kpis.csat.samples).toBe(ratings.length);
      // Rates are reported to 4 decimals.
      expect(live[i].kpis.csat.value).toBeCloseTo(ratings.filter((c) => c >= 4).length / ratings.length, 4);
    });
    expect(live.every((s) => s.score !== null)).toBe(true);

    // Reported, not asserted: a batch in flight may hold the stop, and `npm start` kills a worker 4 s after SIGTERM anyway.
    const stoppedInMs = await pipeline.stop();
    const replay = await NestFactory.createApplicationContext(ReplayModule, { logger: false });
    await replay.get(ReplayService).replayAll(new Date());
    await replay.close();
    expect(await readAt()).toEqual(live);

    const statuses = Object.fromEntries(stream.statuses);
    expect(Object.keys(statuses).filter((s) => s !== '202' && s !== '503')).toEqual([]);
    expect([...stream.retryAfter]).toEqual(stream.retryAfter.size ? ['5'] : []);
    console.log(
      JSON.stringify(
        {
          accepted: accepted.length,
          answers: statuses,
          kills: 3,
          brokerRestarts: 1,
          terminatedConnections: terminated.rowCount,
          lost: 0,
          doubled: 0,
          quarantined: { unknownContract: unknown.length, year9999: farFuture.length, refusedByDatabase: poisoned.length },
          recoveryMs: recovery,
          settledMsAfterStream: settled,
          pipelineStopMs: stoppedInMs,
        },
        null,
        2,
      ),
    );
  }, 600_000);
});
