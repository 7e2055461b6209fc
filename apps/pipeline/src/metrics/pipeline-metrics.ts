import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The pipeline's Prometheus metrics, in a registry of its own (the API has another, even in one process). */
@Injectable()
export class PipelineMetrics {
  readonly registry = new Registry();

  readonly stored = new Counter({
    name: 'rapport_events_stored_total',
    help: 'Events stored for the first time',
    registers: [this.registry],
  });
  readonly duplicates = new Counter({
    name: 'rapport_events_duplicate_total',
    help: 'Events ignored because their (contract, source, id) was stored before',
    registers: [this.registry],
  });
  readonly deadLettered = new Counter({
    name: 'rapport_events_dead_lettered_total',
    help: 'Events sent to the dead-letter topic and the quarantine',
    registers: [this.registry],
  });
  readonly applyRetries = new Counter({
    name: 'rapport_pipeline_apply_retries_total',
    help: "Retries of a contract's events after a failure",
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'rapport_pipeline_latency_seconds',
    help: "From an event accepted by Kafka to its contract's live scorecard scored and published",
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly storeSeconds = new Histogram({
    name: 'rapport_pipeline_store_seconds',
    help: "A batch's events and projections stored (one transaction, or its isolation fallback)",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly scoringPassSeconds = new Histogram({
    name: 'rapport_pipeline_scoring_pass_seconds',
    help: 'One scoring pass over every contract asked for since the last one (live: the live window; trend: the others)',
    labelNames: ['cadence'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly scoringPassContracts = new Histogram({
    name: 'rapport_pipeline_scoring_pass_contracts',
    help: 'Contracts scored by one pass',
    labelNames: ['cadence'],
    buckets: [1, 2, 5, 10, 20, 50, 100, 500],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'rapport_pipeline_' });
  }
}
