import { PRIORITIES } from '@rapport/contracts';
import { randomUUID } from 'node:crypto';

/** A canonical event exactly as posted to POST /api/v1/events (structured CloudEvents JSON). */
export interface BenchEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  contractid: string;
  data: Record<string, unknown>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const BENCH_SOURCE = 'bench://tracker';

/**
 * Ticket life cycles as a vendor's tracker reports them: tickets come in waves over all contracts
 * (round robin), each wave's `ticket.opened` events first, then its responses, then its
 * resolutions, so that consecutive events mostly touch different tickets. Every time lies in the
 * last quarter hour before the wave, squeezed into the current hour when it began less than a
 * quarter hour ago: the scorecards as of now count every ticket, and no event is late (a late
 * event would make the pipeline rebuild hourly history, which is not what this measures).
 */
export class TicketStream {
  private readonly run = randomUUID().slice(0, 8);
  private buffer: BenchEvent[] = [];
  private tickets = 0;

  constructor(
    private readonly contractIds: string[],
    private readonly wave = 500,
  ) {}

  next(count: number): BenchEvent[] {
    const out: BenchEvent[] = [];
    while (out.length < count) {
      if (!this.buffer.length) this.buffer = this.nextWave();
      out.push(...this.buffer.splice(0, count - out.length));
    }
    return out;
  }

  private nextWave(): BenchEvent[] {
    const now = Date.now();
    // Fifteenths of the span: opened 10–14 ago, responded 1–4 later, resolved 1–3 after that.
    const step = Math.max(Math.min(15 * MINUTE, now % HOUR), 1000) / 15;
    const phases: BenchEvent[][] = [[], [], []];
    for (let i = 0; i < this.wave; i++) {
      const k = this.tickets++;
      const contractid = this.contractIds[k % this.contractIds.length];
      const ticketId = `BENCH-${this.run}-${k}`;
      const opened = Math.round(now - (10 + (k % 5)) * step);
      const responded = Math.round(opened + (1 + (k % 4)) * step);
      const resolved = Math.round(responded + (1 + (k % 3)) * step);
      const event = (type: string, at: number, data: Record<string, unknown>): BenchEvent => ({
        specversion: '1.0',
        id: `${ticketId}-${type.slice(7)}`,
        source: BENCH_SOURCE,
        type,
        time: new Date(at).toISOString(),
        contractid,
        data: { ticketId, ...data },
      });
      phases[0].push(event('ticket.opened', opened, { priority: PRIORITIES[k % 4], title: `Ticket ${k}: user cannot reach the VPN` }));
      phases[1].push(event('ticket.responded', responded, {}));
      phases[2].push(event('ticket.resolved', resolved, {}));
    }
    return phases.flat();
  }
}

/** Resolved tickets per contract: what each live scorecard must count once all events are in. */
export function resolvedPerContract(events: BenchEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) if (e.type === 'ticket.resolved') counts.set(e.contractid, (counts.get(e.contractid) ?? 0) + 1);
  return counts;
}

/** One client rating: a probe whose arrival raises its contract's CSAT sample count by one. */
export function feedbackProbe(contractid: string, id: string): BenchEvent {
  return {
    specversion: '1.0',
    id,
    source: BENCH_SOURCE,
    type: 'feedback.submitted',
    time: new Date().toISOString(),
    contractid,
    data: { feedbackId: id, csat: 4 },
  };
}

/** Splits into consecutive batches of `size`. */
export function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
