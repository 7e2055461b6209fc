import { CanonicalEvent, validateCanonicalEvent } from '@rapport/contracts';
import { AbortedError } from './http-retry';
import { EventScheduler } from './event-scheduler';
import type { SendResult } from './rapport-client';
import { DAY_MS } from './story-clock';
import type { ProvisionedVendor } from './vendor-provisioner';
import { VENDOR_SCENARIOS } from './vendor-scenarios';

const START = Date.UTC(2025, 5, 16, 9, 30);
const BACKFILL_DAYS = 3;

const vendors: ProvisionedVendor[] = VENDOR_SCENARIOS.map((scenario, i) => ({
  scenario,
  vendorId: `v${i}`,
  contractId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  storyStartMs: START - BACKFILL_DAYS * DAY_MS - 3_600_000,
}));

interface Sent {
  at: number;
  events: CanonicalEvent[];
}

/** Runs the scheduler on a fake clock: each tick advances time by `tickMs`; stops after `ticks` ticks. */
async function simulate(opts: { ticks: number; tickMs: number; reply?: (n: number) => SendResult }) {
  let now = START;
  const sent: Sent[] = [];
  const logs: string[] = [];
  const controller = new AbortController();
  let ticks = 0;
  const scheduler = new EventScheduler({
    sink: {
      sendEvents: async (batch) => {
        sent.push({ at: now, events: JSON.parse(`[${batch.join(',')}]`) });
        return opts.reply?.(sent.length) ?? { ok: true, accepted: batch.length };
      },
    },
    vendors,
    seed: 42,
    speed: 30,
    backfillDays: BACKFILL_DAYS,
    log: (line) => logs.push(line),
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new AbortedError();
      now += ms;
      if (++ticks >= opts.ticks) controller.abort();
    },
    batchSize: 200,
    tickMs: opts.tickMs,
    summaryEveryMs: 60_000,
  });
  await scheduler.run(controller.signal);
  return { sent, logs, all: sent.flatMap((s) => s.events), stats: scheduler.stats };
}

describe('EventScheduler', () => {
  let run: Awaited<ReturnType<typeof simulate>>;
  beforeAll(async () => {
    run = await simulate({ ticks: 30, tickMs: 20_000 });
  });

  it('sends only valid events, each no later than the moment it is sent', () => {
    expect(run.all.length).toBeGreaterThan(500);
    for (const batch of run.sent) {
      for (const e of batch.events) {
        expect(validateCanonicalEvent(e).ok).toBe(true);
        expect(Date.parse(e.time)).toBeLessThanOrEqual(batch.at);
      }
    }
  });

  it('backfills the history first, in batches, then streams live events in time order', () => {
    const times = run.all.map((e) => Date.parse(e.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(START - BACKFILL_DAYS * DAY_MS);
    expect(Math.min(...times)).toBeLessThan(START - (BACKFILL_DAYS - 1) * DAY_MS);
    expect(run.sent.every((b) => b.events.length <= 200)).toBe(true);
    expect(run.sent[0].at).toBe(START);
    expect(run.sent.filter((b) => b.at === START).length).toBeGreaterThan(1);

    const live = run.all.filter((e) => Date.parse(e.time) > START);
    expect(live.filter((e) => e.type === 'ticket.opened' && e.id.includes(`L${START.toString(36)}-`)).length).toBeGreaterThan(50);
    // Follow-ups of history tickets arrive when their time comes, not during backfill.
    expect(live.some((e) => e.type !== 'ticket.opened' && !e.id.includes(`-L`))).toBe(true);
  });

  it('never sends an event twice and covers every contract', () => {
    const keys = run.all.map((e) => `${e.source} ${e.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(run.all.map((e) => e.contractid))).toEqual(new Set(vendors.map((v) => v.contractId)));
  });

  it('logs a summary about once a minute and a final line on stop', () => {
    expect(run.logs.filter((l) => l.startsWith('live: +')).length).toBeGreaterThanOrEqual(8);
    expect(run.logs[run.logs.length - 1]).toMatch(/^stopped: \d+ events sent, 0 rejected, \d+ still pending$/);
    expect(run.stats.pending).toBeGreaterThan(0);
  });

  it('logs a rejected batch with its body, skips it and carries on', async () => {
    const result = await simulate({
      ticks: 3,
      tickMs: 10_000,
      reply: (n) => (n === 2 ? { ok: false, status: 400, body: '{"errors":["event 3: bad"]}' } : { ok: true, accepted: 1 }),
    });
    const size = result.sent[1].events.length;
    const rejected = result.logs.filter((l) => l.includes('rejected, skipped'));
    expect(rejected).toEqual([`batch of ${size} events rejected, skipped: HTTP 400 {"errors":["event 3: bad"]}`]);
    expect(result.sent.length).toBeGreaterThan(3);
    expect(result.stats.rejected).toBe(size);
    expect(result.stats.sent).toBe(result.all.length - size);
  });

  it('does not repeat the same rejection line for every batch', async () => {
    const result = await simulate({ ticks: 75, tickMs: 1_000, reply: () => ({ ok: false, status: 401, body: 'bad ingest token' }) });
    const rejected = result.logs.filter((l) => l.includes('rejected, skipped'));
    expect(result.sent.length).toBeGreaterThan(20);
    expect(rejected.length).toBeGreaterThanOrEqual(2);
    expect(rejected.length).toBeLessThanOrEqual(4);
    expect(rejected[1]).toMatch(/HTTP 401 bad ingest token \(\d+ more batches rejected like the previous one\)$/);
    expect(result.stats.rejected).toBe(result.all.length);
  });
});
