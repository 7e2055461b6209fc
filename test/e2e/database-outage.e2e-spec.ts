import type { ScorecardView } from '@rapport/contracts';
import { PrismaService } from '@rapport/db';
import { readFileSync } from 'node:fs';
import { buildPipeline, DatabaseLink, PipelineProcess, sleep, waitFor } from '../support/fault-tools';
import { EventFactory, MINUTE } from '../support/fixtures';
import { RapportHarness } from '../support/rapport-harness';

/**
 * When a batch finds the database out of reach, neither it nor anything after it on its partition
 * may be committed, and it must be read again once the database is back: nothing lost, nothing
 * counted twice, and the worker keeps running.
 */
describe('database out of reach under load', () => {
  let rapport: RapportHarness;
  let pipeline: PipelineProcess;
  const link = new DatabaseLink();
  const contractIds: string[] = [];

  beforeAll(async () => {
    buildPipeline();
    rapport = await RapportHarness.start({ pipelines: 0, ready: false });
    const token = await rapport.adminToken();
    for (const name of ['Outage Contoso', 'Outage Northwind', 'Outage Tailspin'])
      contractIds.push((await rapport.createContract(token, name)).contractId);
    await link.open();
    pipeline = new PipelineProcess('database-outage-pipeline', { DATABASE_URL: link.url });
    pipeline.start();
    await rapport.waitUntilReady(90_000);
  }, 240_000);

  afterAll(async () => {
    await pipeline?.stop();
    await link.cut();
    await rapport?.stop();
  }, 60_000);

  it('stores every accepted event exactly once afterwards and counts each once', async () => {
    const token = await rapport.adminToken();
    const factories = contractIds.map((id) => new EventFactory(id, 'test://outage'));
    const accepted = new Map<string, { contractId: string; csat: number }>();
    // About 600 events a second for 12 s; the database is out of reach from the 4th second for 5 s.
    const posting = (async () => {
      for (let n = 0; n < 80; n++) {
        const batch = Array.from({ length: 90 }, (_, i) => {
          const c = i % contractIds.length;
          const csat = 1 + ((n + i) % 5);
          return { event: factories[c].event('feedback.submitted', Date.now() - MINUTE, { feedbackId: `F${n}-${i}`, csat }), csat, c };
        });
        const response = await rapport.ingest(batch.map((b) => b.event));
        expect(response.status).toBe(202);
        for (const b of batch) accepted.set(b.event.id, { contractId: contractIds[b.c], csat: b.csat });
        await sleep(150);
      }
    })();
    await sleep(4_000);
    await link.cut();
    await sleep(5_000);
    await link.open();
    await posting;

    const prisma = rapport.api.get(PrismaService);
    const ids = [...accepted.keys()];
    await waitFor(
      async () => (await prisma.storedEvent.count({ where: { source: 'test://outage', id: { in: ids } } })) === ids.length,
      120_000,
      'every accepted event stored',
      async () => pipeline.warnings().join('\n'),
    );
    expect(await prisma.storedEvent.count({ where: { source: 'test://outage' } })).toBe(ids.length);
    expect(await prisma.quarantinedEvent.count({ where: { eventId: { in: ids } } })).toBe(0);
    // The outage did hit a batch, and it was read again.
    expect(readFileSync(pipeline.logFile, 'utf8')).toMatch(/not stored .*it will be read again/);

    const at = new Date().toISOString();
    for (const id of contractIds) {
      const ratings = [...accepted.values()].filter((m) => m.contractId === id).map((m) => m.csat);
      const { body } = await rapport.request<ScorecardView>('GET', `/api/v1/scorecards/${id}?at=${at}`, { token });
      expect(body.kpis.csat.samples).toBe(ratings.length);
      expect(body.kpis.csat.value).toBeCloseTo(ratings.filter((c) => c >= 4).length / ratings.length, 4);
    }
  }, 300_000);
});
