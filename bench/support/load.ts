import { batches, BenchEvent } from './ticket-events';

/** Sends every event in batches of `size`, `concurrency` sends in flight; resolves when all are acknowledged. */
export async function sendAll(
  send: (batch: BenchEvent[]) => Promise<unknown>,
  events: BenchEvent[],
  size: number,
  concurrency: number,
): Promise<void> {
  const queue = batches(events, size);
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await send(next);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const TICK_MS = 100;
const MAX_IN_FLIGHT = 20;
/** The API takes at most 1,000 events a request (`MAX_EVENTS_PER_REQUEST`; more get a 413). */
const MAX_EVENTS_PER_SEND = 1000;

/**
 * Background load at a steady rate: every 100 ms, one send of the events owed since the start.
 * A send that fails stops nothing but is counted; sends owed while 20 are in flight wait.
 */
export class SteadyLoad {
  private sent = 0;
  private inFlight = 0;
  private failures = 0;
  private readonly pending = new Set<Promise<void>>();
  private readonly startedAt = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly rate: number,
    private readonly next: (count: number) => BenchEvent[],
    private readonly send: (events: BenchEvent[]) => Promise<unknown>,
  ) {
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  private tick(): void {
    let owed = Math.floor((this.rate * (Date.now() - this.startedAt)) / 1000) - this.sent;
    // After a stall more may be owed than one request may carry: several sends then.
    while (owed > 0 && this.inFlight < MAX_IN_FLIGHT) {
      const count = Math.min(owed, MAX_EVENTS_PER_SEND);
      owed -= count;
      this.sent += count;
      this.dispatch(this.next(count));
    }
  }

  private dispatch(events: BenchEvent[]): void {
    this.inFlight += 1;
    const sending = this.send(events).then(
      () => undefined,
      () => void (this.failures += 1),
    );
    const tracked = sending.finally(() => {
      this.inFlight -= 1;
      this.pending.delete(tracked);
    });
    this.pending.add(tracked);
  }

  /** Stops sending; resolves once every send is answered, with what was sent and the achieved rate. */
  async stop(): Promise<{ events: number; failedSends: number; eventsPerSecond: number }> {
    clearInterval(this.timer);
    await Promise.all(this.pending);
    const seconds = (Date.now() - this.startedAt) / 1000;
    return { events: this.sent, failedSends: this.failures, eventsPerSecond: Math.round(this.sent / seconds) };
  }
}
