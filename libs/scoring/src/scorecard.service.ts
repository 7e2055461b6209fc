import { Injectable } from '@nestjs/common';
import { ScorecardView, WINDOWS, WindowName } from '@rapport/contracts';
import { ContractRow, ProjectionRepository } from '@rapport/db';
import { computeScore } from '@rapport/kpi';
import { deliverableHistory, feedbackFact, outcomesAt, policyOf } from './contract-facts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Computes a contract's scorecard for one window as of one instant, from the projections. */
@Injectable()
export class ScorecardService {
  constructor(private readonly projections: ProjectionRepository) {}

  async compute(contract: ContractRow, window: WindowName, at: Date): Promise<ScorecardView> {
    const windowDays = WINDOWS[window];
    const since = new Date(at.getTime() - windowDays * DAY_MS);
    const [tickets, deliverables, feedback] = await Promise.all([
      this.projections.ticketsFor(contract.id, since, at),
      this.projections.deliverablesFor(contract.id, since, at),
      this.projections.feedbackFor(contract.id, since, at),
    ]);
    const result = computeScore({
      tickets: tickets.flatMap((t) => outcomesAt(contract, t, at) ?? []),
      deliverables: deliverables.map(deliverableHistory),
      feedback: feedback.map(feedbackFact),
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
}
