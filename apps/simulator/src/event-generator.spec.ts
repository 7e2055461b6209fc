import { CanonicalEvent, slaSchema, SERVICE_TYPES, validateCanonicalEvent } from '@rapport/contracts';
import { generateScenarioEvents, ScenarioRequest } from './event-generator';
import { backfillClock, DAY_MS, liveClock } from './story-clock';
import { scenarioByBehaviour, VENDOR_SCENARIOS, VendorScenario } from './vendor-scenarios';

/** A stable UUID per vendor: contract ids are UUIDs. */
const contractIdOf = (slug: string): string => `00000000-0000-4000-8000-${Buffer.from(slug).toString('hex').padEnd(12, '0').slice(0, 12)}`;

const FROM = Date.UTC(2025, 2, 3, 0, 0, 0); // a Monday
const TO = FROM + 30 * DAY_MS;
const SEED = 42;

const generate = (vendor: VendorScenario, extra: Partial<ScenarioRequest> = {}) =>
  generateScenarioEvents({ vendor, contractId: contractIdOf(vendor.slug), seed: SEED, from: FROM, to: TO, ...extra });

const ALL = new Map(VENDOR_SCENARIOS.map((v) => [v.behaviour, generate(v)]));
const eventsOf = (behaviour: VendorScenario['behaviour']) => ALL.get(behaviour)!;
const ms = (iso: string) => Date.parse(iso);

/** Share of first responses within the priority's target, for tickets opened in [start, end). */
function firstResponseShare(vendor: VendorScenario, events: CanonicalEvent[], start: number, end: number) {
  const opened = new Map<string, { at: number; targetMs: number }>();
  let met = 0;
  let total = 0;
  for (const e of events) {
    if (e.type === 'ticket.opened' && ms(e.time) >= start && ms(e.time) < end) {
      opened.set(e.data.ticketId, { at: ms(e.time), targetMs: vendor.sla[e.data.priority].firstResponseMinutes * 60_000 });
    }
    if (e.type === 'ticket.responded' && opened.has(e.data.ticketId)) {
      const t = opened.get(e.data.ticketId)!;
      total++;
      if (ms(e.time) - t.at <= t.targetMs) met++;
    }
  }
  return { share: met / total, total };
}

/** Largest number of P1 openings in any sliding window of `windowMs`. */
function maxP1InWindow(events: CanonicalEvent[], windowMs: number): number {
  const times = events.filter((e) => e.type === 'ticket.opened' && e.data.priority === 'P1').map((e) => ms(e.time));
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j] - times[i] > windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

/** Share of first submissions that came after the deliverable's dueAt. */
function lateSubmissionShare(events: CanonicalEvent[]) {
  const due = new Map<string, number>();
  const seen = new Set<string>();
  let late = 0;
  for (const e of events) {
    if (e.type === 'deliverable.planned') due.set(e.data.deliverableId, ms(e.data.dueAt));
    if (e.type === 'deliverable.submitted' && due.has(e.data.deliverableId) && !seen.has(e.data.deliverableId)) {
      seen.add(e.data.deliverableId);
      if (ms(e.time) > due.get(e.data.deliverableId)!) late++;
    }
  }
  return { share: late / seen.size, total: seen.size };
}

describe('vendor scenarios', () => {
  it('has six vendors with distinct behaviours, names and slugs, valid SLAs and known service types', () => {
    expect(VENDOR_SCENARIOS).toHaveLength(6);
    for (const key of ['behaviour', 'vendorName', 'contractName', 'slug'] as const) {
      expect(new Set(VENDOR_SCENARIOS.map((v) => v[key])).size).toBe(6);
    }
    for (const v of VENDOR_SCENARIOS) {
      expect(slaSchema.safeParse(v.sla).success).toBe(true);
      expect(SERVICE_TYPES).toContain(v.serviceType);
      expect(v.sla.P1.firstResponseMinutes).toBeLessThan(v.sla.P4.firstResponseMinutes);
    }
    expect(new Set(VENDOR_SCENARIOS.map((v) => v.serviceType)).size).toBe(SERVICE_TYPES.length);
  });
});

describe('generateScenarioEvents', () => {
  it.each(VENDOR_SCENARIOS.map((v) => [v.behaviour, v] as const))('%s: every event is a valid canonical event', (_, vendor) => {
    const events = eventsOf(vendor.behaviour);
    expect(events.length).toBeGreaterThan(300);
    const invalid = events.map((e) => [e.id, validateCanonicalEvent(e)] as const).filter(([, r]) => !r.ok);
    expect(invalid).toEqual([]);
    for (const e of events) {
      expect(e.contractid).toBe(contractIdOf(vendor.slug));
      expect(e.source).toMatch(new RegExp(`^sim://(jira|github|zendesk|servicenow)/${vendor.slug}$`));
      expect(Object.keys(e).sort()).toEqual(['contractid', 'data', 'id', 'source', 'specversion', 'time', 'type']);
    }
  });

  it('emits every event type across the vendors', () => {
    const types = new Set([...ALL.values()].flat().map((e) => e.type));
    expect([...types].sort()).toEqual(
      [
        'deliverable.accepted',
        'deliverable.planned',
        'deliverable.rejected',
        'deliverable.submitted',
        'feedback.submitted',
        'ticket.opened',
        'ticket.reopened',
        'ticket.resolved',
        'ticket.responded',
      ].sort(),
    );
  });

  it('gives ids unique per source, across vendors and across live runs', () => {
    const vendor = scenarioByBehaviour('noisy');
    const live = liveClock(FROM, TO, 30, 30);
    const liveRun = (tag: string) => generate(vendor, { from: TO, to: TO + 10 * 60_000, clock: live, idPrefix: tag, includeFuture: true });
    const all = [...[...ALL.values()].flat(), ...liveRun('La'), ...liveRun('Lb')];
    const keys = all.map((e) => `${e.source} ${e.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const vendor = scenarioByBehaviour('healthy');
    expect(generate(vendor)).toEqual(eventsOf('healthy'));
    const other = generate(vendor, { seed: SEED + 1 });
    expect(other.map((e) => e.time)).not.toEqual(eventsOf('healthy').map((e) => e.time));
  });

  it('sorts events by time, starts at the range start and never goes past its end', () => {
    for (const events of ALL.values()) {
      const times = events.map((e) => ms(e.time));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.min(...times)).toBeGreaterThanOrEqual(FROM);
      expect(Math.max(...times)).toBeLessThanOrEqual(TO);
    }
  });

  it('includes later follow-ups only when asked, in time order', () => {
    const vendor = scenarioByBehaviour('degrading');
    const withFuture = generate(vendor, { includeFuture: true });
    expect(withFuture.some((e) => ms(e.time) > TO)).toBe(true);
    expect(withFuture.filter((e) => ms(e.time) <= TO)).toEqual(eventsOf('degrading'));
  });

  it('keeps every ticket story coherent: opened, then responded, then resolved', () => {
    for (const events of ALL.values()) {
      const opened = new Map<string, number>();
      const responded = new Map<string, number>();
      for (const e of events) {
        if (!e.type.startsWith('ticket.')) continue;
        const id = (e.data as { ticketId: string }).ticketId;
        if (e.type === 'ticket.opened') opened.set(id, ms(e.time));
        else expect(opened.has(id)).toBe(true);
        if (e.type === 'ticket.responded') responded.set(id, ms(e.time));
        if (e.type === 'ticket.resolved') expect(ms(e.time)).toBeGreaterThan(responded.get(id)!);
      }
    }
  });

  it('splits into consecutive ranges without losing or duplicating events (live ticks)', () => {
    const vendor = scenarioByBehaviour('p1-burst');
    const clock = liveClock(FROM, TO, 30, 30);
    const whole = generate(vendor, { from: TO, to: TO + 5 * 60_000, clock, idPrefix: 'L', includeFuture: true });
    const parts = [0, 1, 2, 3, 4].flatMap((i) =>
      generate(vendor, { from: TO + i * 60_000, to: TO + (i + 1) * 60_000, clock, idPrefix: 'L', includeFuture: true }),
    );
    const key = (e: CanonicalEvent) => `${e.time} ${e.source} ${e.id}`;
    expect(parts.map(key).sort()).toEqual(whole.map(key).sort());
  });

  it('replays the same history for a later backfill of the same story (restart-safe ids)', () => {
    const vendor = scenarioByBehaviour('recovering');
    const clock = backfillClock(FROM, 30);
    const later = generate(vendor, { from: FROM + 10 * DAY_MS, clock });
    const full = new Set(eventsOf('recovering').map((e) => JSON.stringify(e)));
    expect(later.length).toBeGreaterThan(0);
    expect(later.filter((e) => !full.has(JSON.stringify(e)))).toEqual([]);
  });

  it('streams a few events per second across the vendors at the default live speed', () => {
    // Three real hours of live streaming at 30 simulated minutes per second; rate over the last hour.
    const clock = liveClock(FROM, TO, 30, 30);
    const hour = 3_600_000;
    const sent = VENDOR_SCENARIOS.flatMap((v) => generate(v, { from: TO, to: TO + 3 * hour, clock, idPrefix: 'L' }));
    const perSecond = sent.filter((e) => ms(e.time) > TO + 2 * hour).length / 3600;
    expect(perSecond).toBeGreaterThan(1.5);
    expect(perSecond).toBeLessThan(8);
  });
});

describe('behaviours are visible in the events', () => {
  const firstWeek = [FROM, FROM + 7 * DAY_MS] as const;
  const lastWeek = [TO - 7 * DAY_MS, TO] as const;

  it('degrading vendor answers fewer tickets within target in the last 7 days than the first 7', () => {
    const vendor = scenarioByBehaviour('degrading');
    const events = generate(vendor, { includeFuture: true });
    const first = firstResponseShare(vendor, events, ...firstWeek);
    const last = firstResponseShare(vendor, events, ...lastWeek);
    expect(first.total).toBeGreaterThan(40);
    expect(last.total).toBeGreaterThan(40);
    expect(first.share).toBeGreaterThan(0.85);
    expect(last.share).toBeLessThan(0.7);
  });

  it('recovering vendor answers more tickets within target in the last 7 days than the first 7', () => {
    const vendor = scenarioByBehaviour('recovering');
    const events = generate(vendor, { includeFuture: true });
    expect(firstResponseShare(vendor, events, ...firstWeek).share).toBeLessThan(0.65);
    expect(firstResponseShare(vendor, events, ...lastWeek).share).toBeGreaterThan(0.85);
  });

  it('healthy vendor stays within target all month', () => {
    const vendor = scenarioByBehaviour('healthy');
    expect(firstResponseShare(vendor, eventsOf('healthy'), FROM, TO - DAY_MS).share).toBeGreaterThan(0.9);
  });

  it('P1-burst vendor has a 3-day window crowded with P1 openings', () => {
    const burst = maxP1InWindow(eventsOf('p1-burst'), 3 * DAY_MS);
    expect(burst).toBeGreaterThanOrEqual(20);
    for (const behaviour of ['healthy', 'degrading', 'noisy'] as const) {
      expect(maxP1InWindow(eventsOf(behaviour), 3 * DAY_MS)).toBeLessThan(burst / 3);
    }
  });

  it('late-deliverables vendor submits most deliverables after their due date, the healthy one few', () => {
    const late = lateSubmissionShare(eventsOf('late-deliverables'));
    expect(late.total).toBeGreaterThanOrEqual(10);
    expect(late.share).toBeGreaterThan(0.6);
    expect(lateSubmissionShare(eventsOf('healthy')).share).toBeLessThan(0.3);
  });
});
