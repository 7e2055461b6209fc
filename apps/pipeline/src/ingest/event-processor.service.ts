import { Injectable } from '@nestjs/common';
import type { CanonicalEvent } from '@rapport/contracts';
import { ContractRepository } from '@rapport/db';
import { ProjectionService } from '../projection/projection.service';
import { HistoryRebuilder } from '../scoring/history-rebuilder.service';
import { ScorecardRefresher } from '../scoring/scorecard-refresher.service';
import { DeadLetterService } from './dead-letter.service';

export interface ProcessResult {
  stored: number;
  duplicates: number;
  quarantined: number;
}

/** Valid canonical events → stored once → projections → fresh scorecards for the touched contracts. */
@Injectable()
export class EventProcessor {
  constructor(
    private readonly contracts: ContractRepository,
    private readonly projections: ProjectionService,
    private readonly refresher: ScorecardRefresher,
    private readonly deadLetters: DeadLetterService,
    private readonly history: HistoryRebuilder,
  ) {}

  async process(events: CanonicalEvent[]): Promise<ProcessResult> {
    const byContract = new Map<string, CanonicalEvent[]>();
    for (const e of events) {
      const list = byContract.get(e.contractid) ?? [];
      list.push(e);
      byContract.set(e.contractid, list);
    }
    const known = await this.contracts.findByIds([...byContract.keys()]);
    const unknown = [...byContract.entries()].filter(([id]) => !known.some((c) => c.id === id));
    await this.deadLetters.reject(
      unknown.flatMap(([id, list]) => list.map((e) => ({ key: id, payload: e, reason: `unknown contract ${id}` }))),
    );

    let stored = 0;
    const changed = [];
    for (const contract of known) {
      const fresh = await this.projections.apply(contract, byContract.get(contract.id) ?? []);
      stored += fresh.length;
      if (!fresh.length) continue;
      changed.push(contract);
      this.history.markDirty(contract.id, new Date(Math.min(...fresh.map((e) => Date.parse(e.time)))));
    }
    await this.refresher.refresh(changed);
    const quarantined = unknown.reduce((n, [, list]) => n + list.length, 0);
    return { stored, duplicates: events.length - stored - quarantined, quarantined };
  }
}
