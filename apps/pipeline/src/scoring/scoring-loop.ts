import { Injectable, Logger } from '@nestjs/common';
import { LIVE_WINDOW, WINDOW_NAMES, WindowName } from '@rapport/contracts';
import type { ContractRow } from '@rapport/db';
import { PipelineMetrics } from '../metrics/pipeline-metrics';
import { ScorecardRefresher } from './scorecard-refresher.service';

/** Which windows a loop scores, and how often: what share of the time at most its passes may take, and how often a contract at most. */
export interface ScoringCadence {
  name: 'live' | 'trend';
  windows: WindowName[];
  /** After a pass that took d, the next starts no sooner than d × (1 / share − 1) after it ended. */
  share: number;
  /** A contract is scored (and its scorecard sent) at most once per interval, the newest state always. */
  minIntervalMs: number;
}

/**
 * The live scorecard, pushed to dashboards: as soon as the contract's events are stored, and at
 * most every 100 ms per contract (the API pushes a contract at most that often anyway). Under a
 * steady load a busy contract's pass takes in a tenth of a second's events instead of scoring,
 * sending and pushing it again after every small batch, while a quiet contract's event is scored
 * right after its store, not at the next tick of a shared clock.
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

interface Pending {
  contract: ContractRow;
  /** Calls waiting for a pass that includes the contract. */
  waiting: (() => void)[];
}

/**
 * Scores contracts in passes, one at a time, each taking every contract asked for that is due (its
 * last pass began at least the interval ago): a busy contract is scored once per interval however
 * many batches touched it, and a batch's storing never waits behind another batch's scoring. A
 * pass that fails keeps its contracts for the refresher's retry, as a direct refresh would.
 */
export class ScoringLoop {
  private readonly logger = new Logger(ScoringLoop.name);
  private readonly pending = new Map<string, Pending>();
  /** When each contract's last pass began (performance.now()), oldest first; older than the interval are dropped. */
  private readonly lastPassAt = new Map<string, number>();
  private draining?: Promise<void>;
  private nextPassAt = -Infinity;
  /** The wait for the next due contract, cut short when one that is due sooner is asked for. */
  private sleeping?: { until: number; timer: NodeJS.Timeout; wake: () => void };

  constructor(
    private readonly refresher: ScorecardRefresher,
    private readonly metrics: PipelineMetrics,
    private readonly cadence: ScoringCadence,
  ) {}

  /** Settles once a pass that includes these contracts is over. */
  score(contracts: ContractRow[]): Promise<void> {
    if (!contracts.length) return Promise.resolve();
    const scored = contracts.map(
      (contract) =>
        new Promise<void>((resolve) => {
          const pending = this.pending.get(contract.id);
          if (pending) {
            pending.contract = contract;
            pending.waiting.push(resolve);
          } else this.pending.set(contract.id, { contract, waiting: [resolve] });
        }),
    );
    if (this.sleeping && Math.min(...contracts.map((c) => this.startAt(c.id))) < this.sleeping.until) {
      clearTimeout(this.sleeping.timer);
      this.sleeping.wake();
    }
    this.draining ??= this.drain();
    return Promise.all(scored).then(() => undefined);
  }

  /** The earliest a pass may score this contract. */
  private startAt(contractId: string): number {
    return Math.max(this.nextPassAt, (this.lastPassAt.get(contractId) ?? -Infinity) + this.cadence.minIntervalMs);
  }

  private async drain(): Promise<void> {
    while (this.pending.size) {
      const due = Math.min(...[...this.pending.keys()].map((id) => this.startAt(id)));
      if (due > performance.now()) {
        await this.sleepUntil(due);
        continue;
      }
      const startedAt = performance.now();
      const taken = [...this.pending.values()].filter(({ contract }) => this.startAt(contract.id) <= startedAt);
      for (const { contract } of taken) {
        this.pending.delete(contract.id);
        this.lastPassAt.delete(contract.id);
        this.lastPassAt.set(contract.id, startedAt);
      }
      this.forgetPassesBefore(startedAt - this.cadence.minIntervalMs);
      const timer = this.metrics.scoringPassSeconds.startTimer({ cadence: this.cadence.name });
      this.metrics.scoringPassContracts.observe({ cadence: this.cadence.name }, taken.length);
      try {
        await this.refresher.refresh(
          taken.map((p) => p.contract),
          { windows: this.cadence.windows },
        );
      } catch (error) {
        // The refresher keeps its own failures for a retry; whatever else throws must not stop the loop.
        this.logger.error(`scoring pass failed: ${(error as Error).message}`);
      } finally {
        timer();
        const endedAt = performance.now();
        this.nextPassAt = endedAt + (endedAt - startedAt) * (1 / this.cadence.share - 1);
        for (const { waiting } of taken) for (const resolve of waiting) resolve();
      }
    }
    // In the same turn as the check above: a contract asked for after it starts a new drain.
    this.draining = undefined;
  }

  private sleepUntil(until: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.sleeping = undefined;
        resolve();
      };
      this.sleeping = { until, timer: setTimeout(wake, until - performance.now()), wake };
    });
  }

  /** A pass that began before `instant` no longer holds its contracts back. */
  private forgetPassesBefore(instant: number): void {
    for (const [id, at] of this.lastPassAt) {
      if (at >= instant) break;
      this.lastPassAt.delete(id);
    }
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
