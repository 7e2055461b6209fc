import type { INestApplicationContext } from '@nestjs/common';
import { PrismaService } from '@rapport/db';
import { EventFactory, MINUTE } from '../support/fixtures';
import { RapportHarness, startPipeline } from '../support/rapport-harness';

/**
 * The SLA deadline scan resumes from a checkpoint in the database: a deadline that passed while
 * no pipeline ran raises its breach alert after the restart, and once, with two workers scanning.
 */
describe('deadline checkpoint across restarts and instances', () => {
  let rapport: RapportHarness;
  const restarted: INestApplicationContext[] = [];

  beforeAll(async () => {
    rapport = await RapportHarness.start();
  });

  afterAll(async () => {
    await Promise.allSettled(restarted.map((p) => p.close()));
    await rapport?.stop();
  });

  it('raises the breach of a deadline passed during downtime exactly once', async () => {
    const token = await rapport.adminToken();
    const { contractId } = await rapport.createContract(token, 'Wingtip Infra', { name: 'Datacenter', serviceType: 'infrastructure' });
    const prisma = rapport.api.get(PrismaService);
    // P1 first response is due 15 minutes after opening: due 20 s from now, after the pipeline stops.
    const dueAt = Date.now() + 20_000;
    const opened = new EventFactory(contractId).event('ticket.opened', dueAt - 15 * MINUTE, { ticketId: 'INC-9', priority: 'P1' });
    expect((await rapport.ingest([opened])).status).toBe(202);
    await waitFor(async () => (await prisma.ticket.count({ where: { contractId } })) === 1);

    await rapport.pipeline.close();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt - Date.now()) + 2_000));
    const breaches = () => prisma.alert.count({ where: { contractId, kind: 'sla_breach' } });
    expect(await breaches()).toBe(0); // nobody was watching

    restarted.push(await startPipeline(), await startPipeline());
    await waitFor(async () => (await breaches()) >= 1);
    // Both workers scan at least twice more: still one alert.
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    const alerts = await prisma.alert.findMany({ where: { contractId, kind: 'sla_breach' } });
    expect(alerts.map((a) => a.message)).toEqual(['P1 ticket INC-9 breached its first-response target']);
    expect(alerts[0].raisedAt.getTime()).toBeGreaterThan(dueAt);
  }, 180_000);
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}
