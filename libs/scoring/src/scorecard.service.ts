import { Injectable } from '@nestjs/common';
import { ScorecardView, WINDOWS, WindowName } from '@rapport/contracts';
import { ContractRow, DeliverableProjection, FeedbackProjection, ProjectionRepository, TicketProjection } from '@rapport/db';
import { computeScore, type TicketKpis } from '@rapport/kpi';
import { deliverableHistory, feedbackFact, outcomesOfMany, policyOf, ticketsRelevantAt } from './contract-facts';

const DAY_MS = 24 * 60 * 60 * 1000;
const LONGEST_WINDOW_DAYS = Math.max(...Object.values(WINDOWS));

/** What a contract's scorecards are computed from: its projections relevant to some period. */
export interface ContractFacts {
  tickets: TicketProjection[];
  deliverables: DeliverableProjection[];
  feedback: FeedbackProjection[];
}

/** Computes a contract's scorecards from its projections, for any window and instant. */
@Injectable()
export class ScorecardService {
  constructor(private readonly projections: ProjectionRepository) {}

  async compute(contract: ContractRow, window: WindowName, at: Date): Promise<ScorecardView> {
    const since = new Date(at.getTime() - WINDOWS[window] * DAY_MS);
    const facts = await this.facts([contract.id], since, at);
    return this.evaluate(contract, facts.get(contract.id)!, window, at);
  }

  /** Every fact that can move a scorecard evaluated at any instant in [from, to], for any window. */
  async factsBetween(contract: ContractRow, from: Date, to: Date): Promise<ContractFacts> {
    return (await this.factsOfMany([contract], from, to)).get(contract.id)!;
  }

  /** `factsBetween` for many contracts at once (three queries in all), keyed by contract id. */
  factsOfMany(contracts: ContractRow[], from: Date, to: Date): Promise<Map<string, ContractFacts>> {
    return this.facts(
      contracts.map((c) => c.id),
      new Date(from.getTime() - LONGEST_WINDOW_DAYS * DAY_MS),
      to,
    );
  }

  /**
   * Pure given the facts: the scorecard as it stood at `at` (later facts are left out). `ticketKpis`,
   * when given, are this window's ticket KPIs at `at`, already known (`LiveTicketWindow`): the
   * tickets of `facts` are then not read.
   */
  evaluate(contract: ContractRow, facts: ContractFacts, window: WindowName, at: Date, ticketKpis?: TicketKpis): ScorecardView {
    const windowDays = WINDOWS[window];
    const since = at.getTime() - windowDays * DAY_MS;
    const result = computeScore({
      tickets: ticketKpis ? [] : outcomesOfMany(contract, ticketsRelevantAt(facts.tickets, since, at.getTime()), at),
      ticketKpis,
      deliverables: facts.deliverables.map(deliverableHistory),
      feedback: facts.feedback.map(feedbackFact),
      policy: policyOf(contract),
      at,
      windowDays,
    });
    return {
      contractId: contract.id,
      contractName: contract.name,
      vendorId: contract.vendorId,
      vendorName: contract.vendorName,
      window,
      at: at.toISOString(),
      ...result,
      updatedAt: new Date().toISOString(),
    };
  }

  private async facts(contractIds: string[], since: Date, until: Date): Promise<Map<string, ContractFacts>> {
    const [tickets, deliverables, feedback] = await Promise.all([
      this.projections.ticketsFor(contractIds, since, until),
      this.projections.deliverablesFor(contractIds, since, until),
      this.projections.feedbackFor(contractIds, since, until),
    ]);
    return new Map(
      contractIds.map((id) => [
        id,
        { tickets: tickets.get(id) ?? [], deliverables: deliverables.get(id) ?? [], feedback: feedback.get(id) ?? [] },
      ]),
    );
  }
}
