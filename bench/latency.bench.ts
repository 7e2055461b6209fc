/**
 * Latency from an event accepted (the 202 of POST /api/v1/events) to a dashboard's socket.io
 * client receiving the scorecard that reflects it, on a quiet system and under steady background
 * load of half the measured end-to-end maximum, against a raw kafkajs produce → consume of the
 * same events at the same rates (timed from the send, so it includes the producer's round trip).
 * Probes are client ratings: each raises its contract's CSAT sample count by one, so a scorecard
 * with n samples shows the first n probes. As in the issue's measurement, the load goes to the
 * other contracts and the probes' contract gets only probes; a last round probes a contract of
 * the load itself, whose pushes the API coalesces to one per 100 ms (so up to 100 ms more).
 */
import type { ScorecardView } from '@rapport/contracts';
import { randomUUID } from 'node:crypto';
import { consumeRaw } from './raw/raw-consumer';
import { connectRawProducer, sendEvents } from './raw/raw-producer';
import type { BenchContext } from './support/bench-context';
import { DatabaseActivity, databaseActivity } from './support/database-activity';
import { cpuPerEvent, measureEndToEnd, PartsCpu } from './support/end-to-end-run';
import { figure } from './support/figures';
import { mib } from './support/process-memory';
import { createTopics } from './support/kafka-topics';
import { SteadyLoad } from './support/load';
import { ProbeTracker } from './support/probes';
import { RapportStack, StackCpu, StackMemory } from './support/rapport-stack';
import type { MeasurementResult } from './support/results';
import { runtimeBetween, WorkerRuntime } from './support/worker-runtime';
import type { LatencySummary } from './support/stats';
import { sleep } from './support/stats';
import { BenchEvent, feedbackProbe, TicketStream } from './support/ticket-events';
import { step } from './support/progress';

const WARM_UP_MS = 5_000;
const round = (n: number) => Math.round(n * 100) / 100;
const P99_MARGIN_MS = 100;

/** The parts whose CPU per event the steady load reports after the worker's, in this order. */
const PART_NAMES = {
  api: 'API',
  broker: 'broker',
  database: 'PostgreSQL backends',
  loadGenerator: 'load generator and socket client',
  machine: 'machine',
};

interface LatencyRun {
  quiet: LatencySummary;
  loaded: LatencySummary;
  /** Probes of a contract that gets its share of the load too. */
  busy: LatencySummary;
  load: { events: number; failedSends: number; eventsPerSecond: number };
  /** Each part's CPU per event of the background load, from its start to its end (the product's path only). */
  cpuMicrosPerEvent?: PartsCpu;
  /** The pipeline worker's heap, collections and longest stall over the background load (the product's path only). */
  worker?: WorkerRuntime;
  /** What the product asked of its database over the whole run (the product's path only). */
  database?: DatabaseActivity;
  /** The apps' peak RSS over the whole run (the product's path only). */
  memory?: StackMemory;
}

/**
 * Sends events; the probe trackers see the same path's far end. The probes of `contracts[0]`,
 * which gets no load, go to `alone`; those of `contracts[1]`, which does, to `busy`.
 */
interface Path {
  send(events: BenchEvent[]): Promise<unknown>;
  probes: { alone: ProbeTracker; busy: ProbeTracker };
  contracts: string[];
  /** CPU milliseconds so far of the pipeline worker and of the machine, where there is a product to read. */
  cpu?: () => Promise<StackCpu>;
  /** The pipeline worker's runtime so far, where there is a product to read. */
  worker?: () => Promise<WorkerRuntime>;
}

export async function measureLatency(ctx: BenchContext): Promise<MeasurementResult> {
  const { options } = ctx;
  if (!options.latencyRate) ctx.endToEnd ??= await measureEndToEnd(ctx, 1);
  const rate = options.latencyRate || Math.max(1, Math.round(ctx.endToEnd!.eventsPerSecond / 2));
  step(`background load: ${rate} events/s`);
  const raw = await rawPath(ctx, rate);
  step(`raw kafkajs: p99 ${raw.quiet.p99Ms} ms quiet, ${raw.loaded.p99Ms} ms loaded, ${raw.busy.p99Ms} ms on a busy contract`);
  const product = await productPath(ctx, rate);
  step(
    `product: p99 ${product.quiet.p99Ms} ms quiet, ${product.loaded.p99Ms} ms loaded, ${product.busy.p99Ms} ms on a busy contract (load sent at ${product.load.eventsPerSecond} events/s)`,
  );
  const p99 = (label: string, run: LatencyRun, key: 'quiet' | 'loaded' | 'busy', target: boolean) =>
    figure(
      label,
      run[key].p99Ms,
      'ms',
      { label: 'raw kafkajs produce → consume p99', value: raw[key].p99Ms, unit: 'ms' },
      target ? { text: `≤ raw p99 + ${P99_MARGIN_MS} ms`, met: (f) => f.value <= raw[key].p99Ms + P99_MARGIN_MS } : undefined,
    );
  return {
    figures: [
      figure(`accepted → socket.io p50 at ${rate} events/s`, product.loaded.p50Ms, 'ms', {
        label: 'raw kafkajs produce → consume p50',
        value: raw.loaded.p50Ms,
        unit: 'ms',
      }),
      p99(`accepted → socket.io p99 at ${rate} events/s`, product, 'loaded', true),
      figure('accepted → socket.io p50, quiet', product.quiet.p50Ms, 'ms', {
        label: 'raw kafkajs produce → consume p50',
        value: raw.quiet.p50Ms,
        unit: 'ms',
      }),
      p99('accepted → socket.io p99, quiet', product, 'quiet', false),
      figure(`accepted → socket.io p50 at ${rate} events/s, probed contract under load too`, product.busy.p50Ms, 'ms', {
        label: 'raw kafkajs produce → consume p50',
        value: raw.busy.p50Ms,
        unit: 'ms',
      }),
      p99(`accepted → socket.io p99 at ${rate} events/s, probed contract under load too`, product, 'busy', false),
      // What the steady load costs per event, against what a burst of fresh contracts cost: the
      // live window grows over the run, and with it the work a ticket's change and a pass cost.
      figure(
        `pipeline worker CPU per event at ${rate} events/s`,
        product.cpuMicrosPerEvent!.pipelines[0],
        'µs',
        ctx.endToEnd && { label: 'the same in the throughput run', value: ctx.endToEnd.cpuMicrosPerEvent.pipelines[0], unit: 'µs' },
      ),
      ...(Object.keys(PART_NAMES) as (keyof typeof PART_NAMES)[]).map((part) =>
        figure(
          `${PART_NAMES[part]} CPU per event at ${rate} events/s`,
          product.cpuMicrosPerEvent![part],
          'µs',
          ctx.endToEnd && { label: 'the same in the throughput run', value: ctx.endToEnd.cpuMicrosPerEvent[part], unit: 'µs' },
        ),
      ),
      // What makes the 99th percentile under load: the worker's heap, and the pauses it costs.
      figure(`pipeline worker heap used at the end of the load`, Math.round(product.worker!.heapUsedBytes / 2 ** 20), 'MiB'),
      figure(`pipeline worker garbage collection during the load`, round(product.worker!.gcSeconds), 's'),
      figure(`… of which major collections (old generation)`, round(product.worker!.majorGcSeconds), 's'),
      figure(`pipeline worker longest event-loop stall during the load`, Math.round(product.worker!.eventLoopLagMaxSeconds * 1000), 'ms'),
      // The throughput run's RSS target, for a worker that by now holds every ticket of far more events.
      figure(`peak RSS of the pipeline worker over the latency run`, mib(product.memory!.pipelinePeakRssBytes[0]), 'MiB'),
    ],
    data: { rate, probeIntervalMs: options.probeIntervalMs, product, raw },
  };
}

/** Quiet probes, then probes under the steady load, of a contract alone and then of a busy one, on one path. */
async function probeBoth(ctx: BenchContext, rate: number, path: Path): Promise<LatencyRun> {
  const { options } = ctx;
  const run = randomUUID().slice(0, 8);
  const [alone, busy] = path.contracts;
  const probeOf = (contract: string) => (index: number) => path.send([feedbackProbe(contract, `probe-${run}-${index}`)]);
  const quiet = await path.probes.alone.run(options.quietProbes, options.probeIntervalMs, probeOf(alone));
  const tickets = new TicketStream(path.contracts.slice(1), options.batch);
  const load = new SteadyLoad(
    rate,
    (n) => tickets.next(n),
    (events) => path.send(events),
  );
  try {
    const cpuBefore = await path.cpu?.();
    const workerBefore = await path.worker?.();
    await sleep(WARM_UP_MS);
    const loaded = await path.probes.alone.run(options.probes, options.probeIntervalMs, probeOf(alone));
    const busyRun = await path.probes.busy.run(options.probes, options.probeIntervalMs, probeOf(busy));
    const loadSent = await load.stop();
    const cpuAfter = await path.cpu?.();
    const workerAfter = await path.worker?.();
    const cpu = cpuBefore && cpuAfter && cpuPerEvent(cpuBefore, cpuAfter, loadSent.events);
    const worker = workerBefore && workerAfter && runtimeBetween(workerBefore, workerAfter);
    return { quiet, loaded, busy: busyRun, load: loadSent, cpuMicrosPerEvent: cpu, worker };
  } catch (error) {
    await load.stop();
    throw error;
  }
}

async function productPath(ctx: BenchContext, rate: number): Promise<LatencyRun> {
  const { options } = ctx;
  let run: LatencyRun;
  let memory: StackMemory;
  const stack = await RapportStack.start({
    label: 'latency',
    workers: 1,
    brokers: ctx.brokers,
    databaseAdminUrl: options.databaseAdminUrl,
    profileDir: options.profileDir,
  });
  try {
    const contracts = await stack.client.createContracts(stack.adminToken, options.contracts, 'latency');
    const socket = await stack.client.socket(stack.adminToken);
    try {
      const probes = { alone: new ProbeTracker('accepted'), busy: new ProbeTracker('accepted') };
      socket.on('scorecard.updated', (view: ScorecardView) => {
        if (view.contractId === contracts[0]) probes.alone.receiveAllBelow(view.kpis.csat.samples);
        if (view.contractId === contracts[1]) probes.busy.receiveAllBelow(view.kpis.csat.samples);
      });
      run = await probeBoth(ctx, rate, {
        send: (events) => stack.client.ingest(events),
        probes,
        contracts,
        cpu: () => stack.cpuMilliseconds(),
        worker: async () => (await stack.workerRuntimes())[0],
      });
    } finally {
      socket.close();
    }
  } finally {
    memory = await stack.stop();
  }
  // Read once the apps are gone (their backends publish their counts on exit): the whole run, probes included.
  const database = await databaseActivity(stack.databaseUrl);
  step(
    `product's database over the run: ${database.transactions} transactions; ticket rows inserted ${database.tables.Ticket?.inserted ?? 0}, updated ${database.tables.Ticket?.updated ?? 0}`,
  );
  return { ...run, database, memory };
}

async function rawPath(ctx: BenchContext, rate: number): Promise<LatencyRun> {
  const topic = `bench.raw.latency.${Date.now()}`;
  await createTopics(ctx.brokers, [topic]);
  const contracts = Array.from({ length: ctx.options.contracts }, () => randomUUID());
  const probes = { alone: new ProbeTracker('sent'), busy: new ProbeTracker('sent') };
  const stop = new AbortController();
  let joined!: () => void;
  const ready = new Promise<void>((resolve) => (joined = resolve));
  const consuming = consumeRaw(
    { brokers: ctx.brokers, topic, groupId: topic, expected: Infinity, signal: stop.signal },
    {
      onJoin: () => joined(),
      onMessage: (value) => {
        const event = value as BenchEvent;
        if (event.type !== 'feedback.submitted') return;
        (event.contractid === contracts[0] ? probes.alone : probes.busy).receive(Number(event.id.split('-').at(-1)));
      },
    },
  );
  const producer = await connectRawProducer(ctx.brokers);
  try {
    await ready;
    return await probeBoth(ctx, rate, {
      send: (events) => sendEvents(producer, topic, events),
      probes,
      contracts,
    });
  } finally {
    stop.abort();
    await Promise.allSettled([consuming, producer.disconnect()]);
  }
}
