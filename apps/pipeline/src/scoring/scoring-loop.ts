import { Injectable, Logger } from '@nestjs/common';
import type { ContractRow } from '@rapport/db';
import { PipelineMetrics } from '../metrics/pipeline-metrics';
import { ScorecardRefresher } from './scorecard-refresher.service';

/**
 * Scores contracts in passes, one at a time, each taking every contract asked for meanwhile: a
 * busy contract is scored once per pass however many batches touched it, and a batch's storing
 * never waits behind another batch's scoring. A pass that fails keeps its contracts for the
 * refresher's retry, as a direct refresh would.
 */
@Injectable()
export class ScoringLoop {
  private readonly logger = new Logger(ScoringLoop.name);
  private readonly pending = new Map<string, ContractRow>();
  private waiting: (() => void)[] = [];
  private draining?: Promise<void>;

  constructor(
    private readonly refresher: ScorecardRefresher,
    private readonly metrics: PipelineMetrics,
  ) {}

  /** Settles once a pass that includes these contracts is over. */
  score(contracts: ContractRow[]): Promise<void> {
    if (!contracts.length) return Promise.resolve();
    for (const contract of contracts) this.pending.set(contract.id, contract);
    const scored = new Promise<void>((resolve) => this.waiting.push(resolve));
    this.draining ??= this.drain();
    return scored;
  }

  private async drain(): Promise<void> {
    while (this.pending.size) {
      const contracts = [...this.pending.values()];
      const waiting = this.waiting;
      this.pending.clear();
      this.waiting = [];
      const timer = this.metrics.scoringPassSeconds.startTimer();
      this.metrics.scoringPassContracts.observe(contracts.length);
      try {
        await this.refresher.refresh(contracts);
      } catch (error) {
        // The refresher keeps its own failures for a retry; whatever else throws must not stop the loop.
        this.logger.error(`scoring pass failed: ${(error as Error).message}`);
      } finally {
        timer();
        for (const resolve of waiting) resolve();
      }
    }
    // In the same turn as the check above: a contract asked for after it starts a new drain.
    this.draining = undefined;
  }
}
