import { Injectable, Logger } from '@nestjs/common';
import { type CanonicalEvent, errorCause, groupBy } from '@rapport/contracts';
import { ContractRepository, ContractRow, isDatabaseUnavailable, SqlDatabase } from '@rapport/db';
import { PipelineMetrics } from '../metrics/pipeline-metrics';
import { ProjectionService } from '../projection/projection.service';
import { LiveFacts } from '../scoring/live-facts';
import { ContractScoring } from '../scoring/scoring-loop';
import { DeadLetterService, Rejected } from './dead-letter.service';

/** A valid event as read from Kafka: where it was (see `positionOf`), and when the broker accepted it. */
export interface Delivered {
  event: CanonicalEvent;
  /** Its record's position, "topic/partition/offset": one string for all the events of a record. */
  record: string;
  /** Its index in a batch record; -1 when the record holds it alone. */
  index: number;
  acceptedAt: number;
}

/** Where an event was read: its record's position, and in a batch record also its index there ("…/offset#3"). Built only when asked for. */
export const positionOf = (d: Pick<Delivered, 'record' | 'index'>): string => (d.index < 0 ? d.record : `${d.record}#${d.index}`);

export interface ProcessResult {
  stored: number;
  duplicates: number;
  quarantined: number;
}

export interface Processed extends ProcessResult {
  /** Settles once every window of every contract of the batch has been scored (or kept for a retry). */
  scored: Promise<void>;
}

/** Backoff before each retry of a contract's events that failed together. */
const RETRY_DELAYS_MS = [200, 1000];

/**
 * Valid canonical events → stored once → projections → fresh scorecards for the touched contracts.
 * A batch is applied in one transaction across its contracts. If that fails, one contract's
 * failure must not hold up another's: each contract's events are applied on their own, retried
 * with backoff, then one by one, so that only the events that fail on their own are
 * dead-lettered, with the reason. A database that is out of reach is not the data's fault: that
 * error propagates, the batch is not committed, and Kafka delivers it again.
 */
@Injectable()
export class EventProcessor {
  private readonly logger = new Logger(EventProcessor.name);

  constructor(
    private readonly contracts: ContractRepository,
    private readonly projections: ProjectionService,
    private readonly scoring: ContractScoring,
    private readonly deadLetters: DeadLetterService,
    private readonly db: SqlDatabase,
    private readonly metrics: PipelineMetrics,
    private readonly liveFacts: LiveFacts,
  ) {}

  /**
   * Stores the batch and asks for its contracts to be scored; `heartbeat` keeps this worker in its
   * consumer group through a long batch. Contracts whose events were all stored before (a batch
   * delivered again after a crash) are scored too: their last scoring may be what was lost.
   */
  async process(delivered: Delivered[], heartbeat: () => Promise<void> = async () => undefined): Promise<Processed> {
    const byContract = groupBy(delivered, (d) => d.event.contractid);
    const known = await this.contracts.findByIds([...byContract.keys()]);
    const knownIds = new Set(known.map((c) => c.id));
    const rejected: Rejected[] = [];
    for (const [id, list] of byContract) {
      if (!knownIds.has(id)) rejected.push(...list.map((d) => rejection(d, `unknown contract ${id}`)));
    }

    const storing = this.metrics.storeSeconds.startTimer();
    const { fresh, failed } = await this.applyAll(known, byContract, heartbeat);
    storing();
    rejected.push(...failed);
    const stored = [...fresh.values()].reduce((sum, events) => sum + events.length, 0);
    await heartbeat();
    await this.deadLetters.reject(rejected);
    const { live, all: scored } = this.scoring.score(known);
    // Only the instants wait for the live pass: the events themselves may go before it (held that
    // long, they outlived the young generation and were most of what the old one collected).
    const acceptedAt = delivered.filter((d) => knownIds.has(d.event.contractid)).map((d) => d.acceptedAt);
    void live.then(() => {
      const scoredAt = Date.now();
      for (const at of acceptedAt) this.metrics.latency.observe((scoredAt - at) / 1000);
    });
    const duplicates = delivered.length - stored - rejected.length;
    this.metrics.stored.inc(stored);
    this.metrics.duplicates.inc(duplicates);
    return { stored, duplicates, quarantined: rejected.length, scored };
  }

  /** New events per contract, and the events that could not be applied on their own. */
  private async applyAll(
    known: ContractRow[],
    byContract: Map<string, Delivered[]>,
    heartbeat: () => Promise<void>,
  ): Promise<{ fresh: Map<string, CanonicalEvent[]>; failed: Rejected[] }> {
    try {
      const contracts = new Map(known.map((c) => [c.id, c]));
      const stored = await this.store(
        contracts,
        known.flatMap((c) => byContract.get(c.id)!.map((d) => d.event)),
      );
      return { fresh: groupBy(stored, (e) => e.contractid), failed: [] };
    } catch (error) {
      await this.rethrowIfUnreachable(error);
      this.logger.warn(`batch of ${known.length} contract(s) failed (${errorCause(error)}); applying each contract alone`);
    }
    const fresh = new Map<string, CanonicalEvent[]>();
    const failed: Rejected[] = [];
    for (const contract of known) {
      const result = await this.applyIsolated(contract, byContract.get(contract.id)!);
      await heartbeat();
      if (result.fresh.length) fresh.set(contract.id, result.fresh);
      failed.push(...result.failed);
    }
    return { fresh, failed };
  }

  private async applyIsolated(contract: ContractRow, list: Delivered[]): Promise<{ fresh: CanonicalEvent[]; failed: Rejected[] }> {
    const events = list.map((d) => d.event);
    for (let attempt = 0; ; attempt++) {
      try {
        return { fresh: await this.store(new Map([[contract.id, contract]]), events), failed: [] };
      } catch (error) {
        await this.rethrowIfUnreachable(error);
        if (attempt >= RETRY_DELAYS_MS.length) break;
        this.metrics.applyRetries.inc();
        this.logger.warn(`events of contract ${contract.id} failed (${errorCause(error)}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
      }
    }
    // Still failing: find the events that fail on their own and let the others through.
    const fresh: CanonicalEvent[] = [];
    const failed: Rejected[] = [];
    for (const d of list) {
      try {
        fresh.push(...(await this.store(new Map([[contract.id, contract]]), [d.event])));
      } catch (error) {
        await this.rethrowIfUnreachable(error);
        failed.push(rejection(d, `could not be applied: ${errorCause(error)}`));
      }
    }
    return { fresh, failed };
  }

  /** Stores events and their projections; returns the new ones. */
  private async store(contracts: Map<string, ContractRow>, events: CanonicalEvent[]): Promise<CanonicalEvent[]> {
    // Recorded at once, before any other transaction's outcome: live facts move one version at a time.
    const { fresh } = await this.liveFacts.recordWhenCommitted(this.projections.apply(contracts, events));
    return fresh;
  }

  private async rethrowIfUnreachable(error: unknown): Promise<void> {
    if (isDatabaseUnavailable(error) || !(await this.db.ping())) throw error;
  }
}

const rejection = (d: Delivered, reason: string): Rejected => ({
  key: d.event.contractid,
  payload: d.event,
  reason,
  position: positionOf(d),
});
