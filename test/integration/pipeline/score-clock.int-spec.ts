import { EventProcessor } from '../../../apps/pipeline/src/ingest/event-processor.service';
import { hourFloor } from '../../../apps/pipeline/src/scoring/history-rebuilder.service';
import { ScoreClock } from '../../../apps/pipeline/src/scoring/score-clock.service';
import { ProjectionRepository } from '@rapport/db';
import { MINUTE } from '../../support/fixtures';
import { PipelineUnderTest } from '../support/databases';
import { delivered, EventBuilder } from '../support/events';

/** How far the deadline watcher has checked (the name under which ScoreClock keeps it). */
const CHECKPOINT = 'sla-deadlines';

describe('ScoreClock deadline watcher', () => {
  let pipeline: PipelineUnderTest;
  let clock: ScoreClock;

  beforeAll(async () => {
    pipeline = await PipelineUnderTest.open();
    clock = pipeline.get(ScoreClock);
  });
  afterAll(() => pipeline.close());

  /** Where the watcher resumes, set directly: as after a restart, or behind another instance. */
  const checkedUntil = (until: Date) =>
    pipeline.sql.rows(
      `INSERT INTO "ClockCheckpoint" (name, until) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET until = EXCLUDED.until`,
      [CHECKPOINT, until],
    );
  const alerts = (contractId: string) =>
    pipeline.sql.rows<{ kind: string; severity: string; message: string }>(
      `SELECT kind, severity, message FROM "Alert" WHERE "contractId" = $1`,
      [contractId],
    );

  it('raises a breach once when a first-response deadline passes with no event, whatever instance or restart sees it', async () => {
    const contract = await pipeline.newContract();
    const events = new EventBuilder(contract.id);
    const now = Date.now();
    // P1 (15 / 240 min) opened 20 minutes ago, unanswered: the response was due 5 minutes ago; the resolution is due in 220.
    // P2 (60 / 480 min) opened 10 minutes ago: nothing is due yet.
    const { scored } = await pipeline
      .get(EventProcessor)
      .process(
        delivered([
          events.event('ticket.opened', now - 20 * MINUTE, { ticketId: 'T1', priority: 'P1', title: 'Mail down' }),
          ...events.ticket('T2', 'P2', now - 10 * MINUTE),
        ]),
      );
    await scored;
    await checkedUntil(new Date(now - 10 * MINUTE));

    await clock.checkDeadlines();

    const breach = { kind: 'sla_breach', severity: 'critical', message: 'P1 ticket T1 "Mail down" breached its first-response target' };
    expect(await alerts(contract.id)).toEqual([breach]);
    const raised = pipeline.kafka.updates(contract.id).filter((m) => m.kind === 'alert.raised');
    expect(raised).toEqual([expect.objectContaining({ alert: expect.objectContaining({ ...breach, contractId: contract.id }) })]);
    const { until } = await pipeline.sql.one<{ until: Date }>(`SELECT until FROM "ClockCheckpoint" WHERE name = $1`, [CHECKPOINT]);
    expect(until.getTime()).toBeGreaterThanOrEqual(now);

    await clock.checkDeadlines();
    await checkedUntil(new Date(now - 10 * MINUTE));
    await clock.checkDeadlines();

    expect(await alerts(contract.id)).toEqual([breach]);
  });

  it('takes the hourly point after a deadline check that is still running, and skips a deadline check meanwhile', async () => {
    const contract = await pipeline.newContract();
    const projections = pipeline.get(ProjectionRepository);
    const read = projections.ticketsPassingDeadlines.bind(projections);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const deadlineReads = jest.spyOn(projections, 'ticketsPassingDeadlines').mockImplementation(async (...args) => {
      await held;
      return read(...args);
    });
    try {
      await checkedUntil(new Date(Date.now() - MINUTE));
      const check = clock.checkDeadlines();
      await new Promise((resolve) => setTimeout(resolve, 50)); // the check is now waiting on its read
      let hourlyDone = false;
      const hourly = clock.hourlySnapshot().then(() => (hourlyDone = true));
      await clock.checkDeadlines(); // skipped: returns at once
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(hourlyDone).toBe(false);

      release();
      await Promise.all([check, hourly]);

      expect(deadlineReads).toHaveBeenCalledTimes(1);
      const points = await pipeline.sql.rows<{ at: Date }>(
        `SELECT DISTINCT at FROM "ScoreSnapshot" WHERE "contractId" = $1 AND kind = 'hourly'`,
        [contract.id],
      );
      expect(points).toEqual([{ at: hourFloor(new Date()) }]);
    } finally {
      deadlineReads.mockRestore();
    }
  });
});
