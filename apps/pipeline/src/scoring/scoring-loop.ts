import { Injectable, Logger } from '@nestjs/common';
import { LIVE_WINDOW, WINDOW_NAMES, WindowName } from '@rapport/contracts';
import type { ContractRow } from '@rapport/db';
import { PipelineMetrics } from '../metrics/pipeline-metrics';
import { ScorecardRefresher } from './scorecard-refresher.service';

/** Which windows a loop scores, and what share of the time at most its passes may take. */
export interface ScoringCadence {
  name: 'live' | 'trend';
  windows: WindowName[];
  /** After a pass that took d, the next starts no sooner than d × (1 / share − 1) after it ended. */
  share: number;
  /** Passes start at least this far apart: a contract is scored (and its scorecard sent) at most once per interval, the newest state always. */
  minIntervalMs: number;
}

/**
 * The live scorecard, pushed to dashboards: as soon as the previous pass is over, at most every
 * 100 ms (the API pushes a contract at most that often anyway). Under a steady load that makes a
 * pass take in a tenth of a second's events, instead of scoring, sending and pushing every contract
 * again after every small batch.
 */
export const LIVE_CADENCE: ScoringCadence = { name: 'live', windows: [LIVE_WINDOW], share: 1, minIntervalMs: 100 };
/**
 * The other windows feed only their trend charts' live points (dashboards compute them on demand,
 * and the hourly history rebuilds them by event time): at most a tenth of the time, so that a busy
 * pipeline spends its scoring on the live scorecard, while a quiet one scores them right after it.
 */
export const TREND_CADENCE: ScoringCadence = {
  name: 'trend',
  windows: WINDOW_NAMES.filter((w) => w !== LIVE_WINDOW),
  share: 0.1,
  minIntervalMs: 100,
};

/**
 * Scores contracts in passes, one at a time, each taking every contract asked for meanwhile: a
 * busy contract is scored once per pass however many batches touched it, and a batch's storing
 * never waits behind another batch's scoring. A pass that fails keeps its contracts for the
 * refresher's retry, as a direct refresh would.
 */
export class ScoringLoop {
  private readonly logger = new Logger(ScoringLoop.name);
  private readonly pending = new Map<string, ContractRow>();
  private waiting: (() => void)[] = [];
  private draining?: Promise<void>;
  private nextPassAt = -Infinity;

  constructor(
    private readonly refresher: ScorecardRefresher,
    private readonly metrics: PipelineMetrics,
    private readonly cadence: ScoringCadence,
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
      const wait = this.nextPassAt - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const startedAt = performance.now();
      const contracts = [...this.pending.values()];
      const waiting = this.waiting;
      this.pending.clear();
      this.waiting = [];
      const timer = this.metrics.scoringPassSeconds.startTimer({ cadence: this.cadence.name });
      this.metrics.scoringPassContracts.observe({ cadence: this.cadence.name }, contracts.length);
      try {
        await this.refresher.refresh(contracts, { windows: this.cadence.windows });
      } catch (error) {
        // The refresher keeps its own failures for a retry; whatever else throws must not stop the loop.
        this.logger.error(`scoring pass failed: ${(error as Error).message}`);
      } finally {
        timer();
        const endedAt = performance.now();
        this.nextPassAt = Math.max(startedAt + this.cadence.minIntervalMs, endedAt + (endedAt - startedAt) * (1 / this.cadence.share - 1));
        for (const resolve of waiting) resolve();
      }
    }
    // In the same turn as the check above: a contract asked for after it starts a new drain.
    this.draining = undefined;
  }
}

/** The contracts' scorecards: `live` settles once the live one is pushed, `all` once every window is scored too. */
export interface Scoring {
  live: Promise<void>;
  all: Promise<void>;
}

/** Scores contracts that got events: the live window in one loop, the others in a slower one. */
@Injectable()
export class ContractScoring {
  private readonly live: ScoringLoop;
  private readonly trend: ScoringLoop;

  constructor(refresher: ScorecardRefresher, metrics: PipelineMetrics) {
    this.live = new ScoringLoop(refresher, metrics, LIVE_CADENCE);
    this.trend = new ScoringLoop(refresher, metrics, TREND_CADENCE);
  }

  score(contracts: ContractRow[]): Scoring {
    const live = this.live.score(contracts);
    return { live, all: Promise.all([live, this.trend.score(contracts)]).then(() => undefined) };
  }
}
