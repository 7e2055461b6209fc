import type { ScorecardView } from '@rapport/contracts';
import type { BenchOptions } from './bench-options';
import { DatabaseActivity, databaseActivity } from './database-activity';
import { sendAll } from './load';
import type { StackCpu, StackMemory } from './rapport-stack';
import { RapportStack } from './rapport-stack';
import { cpuMicrosPerEvent } from './process-cpu';
import { perSecond } from './stats';
import { resolvedPerContract, TicketStream } from './ticket-events';
import { step } from './progress';

export interface EndToEndRun {
  workers: number;
  events: number;
  /** From the first post to the moment the last contract's live scorecard counted all its tickets. */
  seconds: number;
  eventsPerSecond: number;
  /** From the first post to the last 202. */
  acceptSeconds: number;
  acceptedPerSecond: number;
  /**
   * CPU time per event: the API's from the first post to the last 202; the rest from the first post
   * to the end: the API, each pipeline worker, the broker, the database's backends, the load
   * generator (this process), and every core of the machine (whatever ran there).
   */
  cpuMicrosPerEvent: {
    apiAccepting: number;
    api: number;
    pipelines: number[];
    broker: number;
    database: number;
    loadGenerator: number;
    machine: number;
  };
  /** CPU milliseconds per second of each part over a quiet moment before the load: what it costs whatever the load. */
  cpuAtRest: PartsCpu;
  memory: StackMemory;
  database: DatabaseActivity;
}

/** The quiet moment before the load (and its warm-up) whose CPU time is `cpuAtRest`. */
const REST_MS = 3_000;

/** No scorecard moved for this long: the pipeline is stuck, not slow. */
const STALL_MS = 120_000;

/**
 * Events posted, and counted on every scorecard, before the timed run, as a share of its events:
 * the apps' and the broker's new code paths compile on these, as the raw produce → consume baseline
 * runs after a first pass of its own. Small, so that the worker's peak RSS stays that of the run.
 */
const WARM_UP_SHARE = 0.2;

/**
 * Sustained end-to-end throughput: after a warm-up, the throughput events posted as fast as the API
 * takes them (batches, several requests in flight), timed until every contract's live scorecard, as
 * a dashboard receives it over socket.io, counts every one of its tickets as resolved.
 */
export async function measureEndToEnd(ctx: { options: BenchOptions; brokers: string }, workers: number): Promise<EndToEndRun> {
  const { options } = ctx;
  const label = `e2e-${workers}w`;
  const stack = await RapportStack.start({
    label,
    workers,
    brokers: ctx.brokers,
    databaseAdminUrl: options.databaseAdminUrl,
    profileDir: options.profileDir,
  });
  let run: Omit<EndToEndRun, 'memory' | 'database'>;
  try {
    step(`${label}: product started`);
    const contracts = await stack.client.createContracts(stack.adminToken, options.contracts, label);
    const stream = new TicketStream(contracts, options.batch);
    const warmUp = stream.next(3 * Math.round((options.events * WARM_UP_SHARE) / 3));
    const events = stream.next(options.events);
    const warmed = resolvedPerContract(warmUp);
    const expected = new Map([...resolvedPerContract(events)].map(([id, n]) => [id, n + (warmed.get(id) ?? 0)]));
    const socket = await stack.client.socket(stack.adminToken);
    try {
      /** Per contract, the most resolved tickets a scorecard of it counted so far. */
      const resolved = new Map<string, number>();
      let lastMove = Date.now();
      let awaited: { counts: Map<string, number>; resolve: (at: number) => void } | undefined;
      const complete = (counts: Map<string, number>) => [...counts].filter(([id, n]) => (resolved.get(id) ?? 0) >= n).length;
      socket.on('scorecard.updated', (view: ScorecardView) => {
        lastMove = Date.now();
        resolved.set(view.contractId, Math.max(resolved.get(view.contractId) ?? 0, view.kpis.reopenRate.samples));
        if (awaited && complete(awaited.counts) === awaited.counts.size) awaited.resolve(Date.now());
      });
      /** Resolves when every contract's scorecard counts `counts` resolved tickets (`watched`: or an error once nothing moves). */
      const allCounted = (counts: Map<string, number>) => new Promise<number>((resolve) => (awaited = { counts, resolve }));
      const watched = (all: Promise<number>, counts: Map<string, number>) =>
        unlessStalled(
          all,
          () => lastMove,
          () => `${complete(counts)}/${counts.size} contracts complete`,
        );
      const rest = await stack.cpuMilliseconds();
      await new Promise((resolve) => setTimeout(resolve, REST_MS));
      // µs of CPU per millisecond is ms of CPU per second.
      const cpuAtRest = cpuPerEvent(rest, await stack.cpuMilliseconds(), REST_MS);
      const warmedUp = allCounted(warmed);
      await sendAll((batch) => stack.client.ingest(batch), warmUp, options.batch, options.postConcurrency);
      await watched(warmedUp, warmed);
      step(`${label}: warmed up on ${warmUp.length} events`);
      const cpuAtStart = await stack.cpuMilliseconds();
      const allIn = allCounted(expected);
      const started = Date.now();
      await sendAll((batch) => stack.client.ingest(batch), events, options.batch, options.postConcurrency);
      const accepted = Date.now();
      const apiCpuAccepted = (await stack.cpuMilliseconds()).api;
      step(`${label}: ${events.length} events accepted in ${(accepted - started) / 1000} s; waiting for the scorecards`);
      const finished = await watched(allIn, expected);
      const cpuAtEnd = await stack.cpuMilliseconds();
      step(`${label}: every scorecard counts every ticket after ${(finished - started) / 1000} s`);
      run = {
        workers,
        events: events.length,
        seconds: (finished - started) / 1000,
        eventsPerSecond: perSecond(events.length, finished - started),
        acceptSeconds: (accepted - started) / 1000,
        acceptedPerSecond: perSecond(events.length, accepted - started),
        cpuAtRest,
        cpuMicrosPerEvent: {
          apiAccepting: cpuMicrosPerEvent(cpuAtStart.api, apiCpuAccepted, events.length),
          ...cpuPerEvent(cpuAtStart, cpuAtEnd, events.length),
        },
      };
    } finally {
      socket.close();
    }
  } catch (error) {
    await stack.stop();
    throw error;
  }
  const memory = await stack.stop();
  // Read once the apps have exited: a busy backend publishes its statistics up to 10 s late.
  return { ...run, memory, database: await databaseActivity(stack.databaseUrl) };
}

/** `done`, unless nothing moved for STALL_MS before it: then an error that says how far it got. */
export async function unlessStalled<T>(done: Promise<T>, lastMove: () => number, progress: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stall = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (Date.now() - lastMove() >= STALL_MS)
        reject(new Error(`nothing moved for ${STALL_MS / 1000} s (${progress()}); see .data/bench/logs`));
    }, 1000);
  });
  try {
    return await Promise.race([done, stall]);
  } finally {
    clearInterval(timer);
  }
}

/** Each part's CPU time per event between two readings. */
export type PartsCpu = Omit<EndToEndRun['cpuMicrosPerEvent'], 'apiAccepting'>;

export function cpuPerEvent(start: StackCpu, end: StackCpu, events: number): PartsCpu {
  const perEvent = (key: 'api' | 'broker' | 'loadGenerator' | 'machine') => cpuMicrosPerEvent(start[key], end[key], events);
  let database = 0;
  // A backend connected since the start counts from zero.
  for (const [pid, ms] of end.databaseBackends) database += ms - (start.databaseBackends.get(pid) ?? 0);
  return {
    api: perEvent('api'),
    pipelines: end.pipelines.map((ms, i) => cpuMicrosPerEvent(start.pipelines[i], ms, events)),
    broker: perEvent('broker'),
    database: cpuMicrosPerEvent(0, database, events),
    loadGenerator: perEvent('loadGenerator'),
    machine: perEvent('machine'),
  };
}
