import { randomUUID } from 'node:crypto';
import type { CanonicalEvent, ScorecardView } from '@rapport/contracts';
import { Delivered, EventProcessor } from '../../../apps/pipeline/src/ingest/event-processor.service';
import { HOUR } from '../../support/fixtures';
import { PipelineUnderTest } from '../support/databases';
import { delivered, EventBuilder } from '../support/events';

/**
 * One contract's history, three days old (inside every window), on the standard SLA in calendar
 * minutes (P1 15/240, P2 60/480, P3 240/1440). The numbers below are worked out by hand.
 */
function history(events: EventBuilder, t0: number): CanonicalEvent[] {
  const day = t0 + 24 * HOUR;
  return [
    // P2: answered at 30 (met), resolved at 300 (met).
    ...events.ticket('A', 'P2', t0, [
      ['responded', 30],
      ['resolved', 300],
    ]),
    // P2: answered at 90 (> 60: breached), resolved at 600 (> 480: breached).
    ...events.ticket('B', 'P2', t0 + HOUR, [
      ['responded', 90],
      ['resolved', 600],
    ]),
    // P1: answered at 10 (met); resolved at 200, reopened at 230, resolved at 250: 200 + 20 = 220 minutes ≤ 240 (met).
    ...events.ticket('C', 'P1', t0 + 2 * HOUR, [
      ['responded', 10],
      ['resolved', 200],
      ['reopened', 230],
      ['resolved', 250],
    ]),
    // P3: answered at 100 (met), never resolved: its resolution breached 1440 minutes after opening.
    ...events.ticket('D', 'P3', t0 + 3 * HOUR, [['responded', 100]]),
    // Due a day after t0: DL1 on time, accepted; DL2 late, rejected first; DL3 on time, accepted.
    ...events.deliverable('DL1', t0, day, day - 4 * HOUR, [['accepted', day - 2 * HOUR]]),
    ...events.deliverable('DL2', t0, day, day + 2 * HOUR, [
      ['rejected', day + 3 * HOUR],
      ['accepted', day + 6 * HOUR],
    ]),
    ...events.deliverable('DL3', t0, day, day - HOUR, [['accepted', day]]),
    events.feedback('F1', day, 5, 9),
    events.feedback('F2', day, 5, 10),
    events.feedback('F3', day, 3, 6),
  ];
}

describe('EventProcessor', () => {
  let pipeline: PipelineUnderTest;
  let processor: EventProcessor;
  const t0 = Date.now() - 3 * 24 * HOUR;

  beforeAll(async () => {
    pipeline = await PipelineUnderTest.open();
    processor = pipeline.get(EventProcessor);
  });
  afterAll(() => pipeline.close());

  /** What the consumer does: process a batch, and wait for its contracts to be scored. */
  const processAndScore = async (batch: Delivered[]) => {
    const { scored, ...counts } = await processor.process(batch);
    await scored;
    return counts;
  };
  const lastScorecard = (contractId: string): ScorecardView => {
    const update = pipeline.kafka
      .updates(contractId)
      .filter((m) => m.kind === 'scorecard.updated')
      .at(-1);
    if (update?.kind !== 'scorecard.updated') throw new Error(`no scorecard published for ${contractId}`);
    return update.scorecard;
  };
  const storedEvents = (contractId: string) => pipeline.sql.count(`SELECT 1 FROM "StoredEvent" WHERE "contractId" = $1`, [contractId]);
  const liveSnapshots = (contractId: string) =>
    pipeline.sql.rows<{ window: string; score: number; band: string }>(
      `SELECT "window", score, band FROM "ScoreSnapshot" WHERE "contractId" = $1 AND kind = 'live' ORDER BY "window", at, id`,
      [contractId],
    );
  /** Projections as stored, without the contract id, so two contracts can be compared. */
  const projections = async (contractId: string) => ({
    tickets: await pipeline.sql.rows(
      `SELECT "ticketId", priority, "openedAt", "respondedAt", "resolvedAt", "reopenedAt" FROM "Ticket" WHERE "contractId" = $1 ORDER BY "ticketId"`,
      [contractId],
    ),
    deliverables: await pipeline.sql.rows(
      `SELECT "deliverableId", "dueAt", "submittedAt", "firstReviewAt", jsonb_array_length(reviews) AS reviews
       FROM "Deliverable" WHERE "contractId" = $1 ORDER BY "deliverableId"`,
      [contractId],
    ),
    feedback: await pipeline.sql.rows(`SELECT "feedbackId", at, csat, nps FROM "Feedback" WHERE "contractId" = $1 ORDER BY "feedbackId"`, [
      contractId,
    ]),
  });

  it('stores a batch once, folds it into projections and publishes the scorecard it implies', async () => {
    const contract = await pipeline.newContract();
    const batch = history(new EventBuilder(contract.id), t0);

    // Delivered newest first: the fold goes by event time, not by arrival.
    expect(await processAndScore(delivered([...batch].reverse()))).toEqual({ stored: batch.length, duplicates: 0, quarantined: 0 });

    expect(await storedEvents(contract.id)).toBe(batch.length);
    const minutes = (ticketOpenedAt: number, m: number) => new Date(ticketOpenedAt + m * 60_000);
    const { tickets, deliverables, feedback } = await projections(contract.id);
    expect(tickets).toEqual([
      {
        ticketId: 'A',
        priority: 'P2',
        openedAt: new Date(t0),
        respondedAt: minutes(t0, 30),
        resolvedAt: [minutes(t0, 300)],
        reopenedAt: [],
      },
      {
        ticketId: 'B',
        priority: 'P2',
        openedAt: new Date(t0 + HOUR),
        respondedAt: minutes(t0 + HOUR, 90),
        resolvedAt: [minutes(t0 + HOUR, 600)],
        reopenedAt: [],
      },
      {
        ticketId: 'C',
        priority: 'P1',
        openedAt: new Date(t0 + 2 * HOUR),
        respondedAt: minutes(t0 + 2 * HOUR, 10),
        resolvedAt: [minutes(t0 + 2 * HOUR, 200), minutes(t0 + 2 * HOUR, 250)],
        reopenedAt: [minutes(t0 + 2 * HOUR, 230)],
      },
      {
        ticketId: 'D',
        priority: 'P3',
        openedAt: new Date(t0 + 3 * HOUR),
        respondedAt: minutes(t0 + 3 * HOUR, 100),
        resolvedAt: [],
        reopenedAt: [],
      },
    ]);
    const day = t0 + 24 * HOUR;
    expect(deliverables).toEqual([
      {
        deliverableId: 'DL1',
        dueAt: new Date(day),
        submittedAt: new Date(day - 4 * HOUR),
        firstReviewAt: new Date(day - 2 * HOUR),
        reviews: 1,
      },
      {
        deliverableId: 'DL2',
        dueAt: new Date(day),
        submittedAt: new Date(day + 2 * HOUR),
        firstReviewAt: new Date(day + 3 * HOUR),
        reviews: 2,
      },
      { deliverableId: 'DL3', dueAt: new Date(day), submittedAt: new Date(day - HOUR), firstReviewAt: new Date(day), reviews: 1 },
    ]);
    expect(feedback).toEqual([
      { feedbackId: 'F1', at: new Date(day), csat: 5, nps: 9 },
      { feedbackId: 'F2', at: new Date(day), csat: 5, nps: 10 },
      { feedbackId: 'F3', at: new Date(day), csat: 3, nps: 6 },
    ]);

    const live = lastScorecard(contract.id);
    expect(live.window).toBe('30d');
    const k = live.kpis;
    expect(k.firstResponseCompliance).toMatchObject({ value: 0.75, samples: 4, measure: 20 }); // 3/4 met; (0.75 − 0.70) / (0.95 − 0.70)
    expect(k.resolutionCompliance).toMatchObject({ value: 0.5, samples: 4, measure: 0 }); // A, C met; B, D breached; below the 0.60 floor
    expect(k.medianFirstResponseMinutes.value).toBe(60); // 10, 30, 90, 100 → (30 + 90) / 2
    expect(k.medianResolutionMinutes.value).toBe(300); // 220, 300, 600
    expect(k.p90ResolutionMinutes.value).toBe(600); // ⌈0.9 · 3⌉ = 3rd smallest
    expect(k.reopenRate).toMatchObject({ value: 0.3333, samples: 3, measure: 0 }); // C of A, B, C resolved; above the 0.30 floor
    expect(k.onTimeDelivery).toMatchObject({ value: 0.6667, samples: 3, measure: 41.67 }); // 2/3; (0.667 − 0.5) / (0.9 − 0.5)
    expect(k.firstPassAcceptance).toMatchObject({ value: 0.6667, samples: 3, measure: 47.62 }); // 2/3; (0.667 − 0.5) / (0.85 − 0.5)
    expect(k.csat).toMatchObject({ value: 0.6667, samples: 3, measure: 22.22 }); // 5, 5 ≥ 4; (0.667 − 0.6) / (0.9 − 0.6)
    expect(k.nps).toMatchObject({ value: 33.33, samples: 3, measure: 76.19 }); // 2 promoters − 1 detractor of 3; (33.3 + 20) / 70
    expect(live.dimensions).toEqual({
      responsiveness: { score: 20, weight: 30 },
      turnaround: { score: 20.83, weight: 30 }, // (0 + 41.67) / 2
      quality: { score: 23.81, weight: 25 }, // (47.62 + 0) / 2
      satisfaction: { score: 49.21, weight: 15 }, // (22.22 + 76.19) / 2
    });
    expect(live.score).toBe(25.58); // (30·20 + 30·20.833 + 25·23.810 + 15·49.206) / 100
    expect(live.band).toBe('critical');

    // The same facts fall in every window: one history point each, all the same.
    expect(await liveSnapshots(contract.id)).toEqual(['30d', '7d', '90d'].map((window) => ({ window, score: 25.58, band: 'critical' })));
  });

  it('ignores events it has stored before, and counts them as duplicates', async () => {
    const contract = await pipeline.newContract();
    const events = new EventBuilder(contract.id);
    const batch = history(events, t0);
    await processAndScore(delivered(batch));
    const snapshotsBefore = await liveSnapshots(contract.id);

    expect(await processAndScore(delivered(batch))).toEqual({ stored: 0, duplicates: batch.length, quarantined: 0 });
    expect(await storedEvents(contract.id)).toBe(batch.length);
    expect(await liveSnapshots(contract.id)).toEqual(snapshotsBefore);

    // One old event again and one new rating (CSAT 1, NPS 0): only the new one counts.
    const rating = events.feedback('F4', t0 + 30 * HOUR, 1, 0);
    expect(await processAndScore(delivered([batch[0], rating]))).toEqual({ stored: 1, duplicates: 1, quarantined: 0 });
    const live = lastScorecard(contract.id);
    expect(live.kpis.csat).toMatchObject({ value: 0.5, samples: 4 }); // 2 of 4 ratings ≥ 4
    expect(live.kpis.nps).toMatchObject({ value: 0, samples: 4 }); // 2 promoters − 2 detractors
    expect(live.kpis.firstResponseCompliance.samples).toBe(4);
  });

  it('gives the same projections and score whether events come in one batch or one by one in reverse', async () => {
    const [whole, piecemeal] = [await pipeline.newContract(), await pipeline.newContract()];
    await processAndScore(delivered(history(new EventBuilder(whole.id), t0)));
    for (const event of history(new EventBuilder(piecemeal.id), t0).reverse()) await processAndScore(delivered([event]));

    expect(await projections(piecemeal.id)).toEqual(await projections(whole.id));
    expect(lastScorecard(piecemeal.id).score).toBe(25.58);
  });

  it('quarantines the events of an unknown contract and stores the rest of the batch', async () => {
    const contract = await pipeline.newContract();
    const stray = new EventBuilder(randomUUID());
    const strays = [stray.feedback('S1', t0, 4, 8), stray.feedback('S2', t0, 2, 1)];
    const kept = new EventBuilder(contract.id).feedback('K1', t0, 5, 10);
    const deadLettersBefore = pipeline.kafka.deadLetters().length;

    expect(await processAndScore(delivered([strays[0], kept, strays[1]]))).toEqual({ stored: 1, duplicates: 0, quarantined: 2 });

    expect(await storedEvents(contract.id)).toBe(1);
    const quarantined = await pipeline.sql.rows<{ eventId: string; reason: string }>(
      `SELECT "eventId", reason FROM "QuarantinedEvent" WHERE "eventId" = ANY($1) ORDER BY "eventId"`,
      [strays.map((e) => e.id)],
    );
    expect(quarantined).toEqual(strays.map((e) => ({ eventId: e.id, reason: `unknown contract ${e.contractid}` })));
    const deadLetters = pipeline.kafka.deadLetters().slice(deadLettersBefore);
    expect(deadLetters.map((m) => (m.value as CanonicalEvent).id).sort()).toEqual(strays.map((e) => e.id).sort());
    expect(deadLetters.every((m) => m.headers?.['rapport-error'] === `unknown contract ${strays[0].contractid}`)).toBe(true);
  });
});
