import { Injectable } from '@nestjs/common';
import type { EvidenceRow, WindowName } from '@rapport/contracts';
import { ContractDetailRepository, DimensionPoint, Scope } from '@rapport/db';
import { ScorecardQueryService } from './scorecard-query.service';

const DAY_MS = 86_400_000;
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** The details of one contract's scorecard that the dashboard's contract page shows. */
@Injectable()
export class ScorecardDetailService {
  constructor(
    private readonly query: ScorecardQueryService,
    private readonly details: ContractDetailRepository,
  ) {}

  /** Hourly points of the score and its dimensions over the last `days` days. */
  dimensionHistory(scope: Scope, contractId: string, window: WindowName, days: number): Promise<DimensionPoint[]> {
    return this.details.dimensionHistory(scope, contractId, window, new Date(Date.now() - days * DAY_MS), days * 24 + 1);
  }

  /** The events behind the scorecard's KPIs at `at`, each with what the projections know of its item. */
  async evidence(scope: Scope, contractId: string, window: WindowName, at: Date): Promise<EvidenceRow[]> {
    const card = await this.query.one(scope, contractId, window, at);
    const refs = card.explanation.kpis.flatMap((k) => k.evidence.map((e) => ({ ...e, kpi: k.key })));
    const idsOf = (kind: string) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))];
    const facts = await this.details.evidenceFacts(contractId, {
      tickets: idsOf('ticket'),
      deliverables: idsOf('deliverable'),
      feedback: idsOf('feedback'),
    });
    const tickets = new Map(facts.tickets.map((t) => [t.ticketId, t]));
    const deliverables = new Map(facts.deliverables.map((d) => [d.deliverableId, d]));
    const feedback = new Map(facts.feedback.map((f) => [f.feedbackId, f]));
    return refs.map((r) => {
      const t = r.kind === 'ticket' ? tickets.get(r.id) : undefined;
      const d = r.kind === 'deliverable' ? deliverables.get(r.id) : undefined;
      const f = r.kind === 'feedback' ? feedback.get(r.id) : undefined;
      const rating = f
        ? [f.csat !== null ? `CSAT ${f.csat}/5` : null, f.nps !== null ? `NPS ${f.nps}/10` : null].filter(Boolean).join(', ')
        : null;
      return {
        ...r,
        title: t?.title ?? d?.title ?? null,
        priority: t?.priority ?? null,
        openedAt: iso(t?.openedAt),
        respondedAt: iso(t?.respondedAt),
        resolvedAt: iso(t?.resolvedAt),
        dueAt: iso(d?.dueAt),
        submittedAt: iso(d?.submittedAt),
        rating: rating || null,
        comment: f?.comment ?? null,
      };
    });
  }
}
