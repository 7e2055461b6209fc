import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { WINDOWS, WindowName } from '@rapport/contracts';
import { ContractDetailRepository, DimensionPoint } from '@rapport/db';
import { z } from 'zod';
import { CurrentPrincipal } from '../access/access.decorators';
import { Principal, scopeOf } from '../access/principal';
import { ValidQuery } from '../shared/zod-validation.pipe';
import { ScorecardQueryService } from './scorecard-query.service';

const windowName = z.enum(Object.keys(WINDOWS) as [WindowName, ...WindowName[]]).default('30d');
const evaluationSchema = z.object({ window: windowName, at: z.iso.datetime({ offset: true }).optional() });
const historySchema = z.object({ window: windowName, days: z.coerce.number().int().min(1).max(90).default(30) });

/** One row of the evidence table: the scorecard's reference plus what the projections know. */
export interface EvidenceRow {
  kpi: string;
  kind: 'ticket' | 'deliverable' | 'feedback';
  id: string;
  outcome: string;
  at: string;
  title: string | null;
  priority: string | null;
  openedAt: string | null;
  respondedAt: string | null;
  resolvedAt: string | null;
  dueAt: string | null;
  submittedAt: string | null;
  rating: string | null;
  comment: string | null;
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/**
 * Read-only details of one contract's scorecard for the dashboard's contract page. The route's
 * `:contractId` is checked against the caller's scope before the handler runs (as for every
 * scorecard route), so another tenant's contract is a 404.
 */
@ApiTags('scorecards')
@ApiBearerAuth()
@Controller('api/v1/scorecards')
export class ScorecardDetailController {
  constructor(
    private readonly query: ScorecardQueryService,
    private readonly details: ContractDetailRepository,
  ) {}

  @Get(':contractId/dimension-history')
  @ApiQuery({ name: 'window', required: false, enum: Object.keys(WINDOWS) })
  @ApiQuery({ name: 'days', required: false })
  dimensionHistory(
    @CurrentPrincipal() who: Principal,
    @Param('contractId', ParseUUIDPipe) contractId: string,
    @ValidQuery(historySchema) q: z.infer<typeof historySchema>,
  ): Promise<DimensionPoint[]> {
    return this.details.dimensionHistory(scopeOf(who), contractId, q.window, new Date(Date.now() - q.days * 86_400_000), q.days * 24 + 1);
  }

  @Get(':contractId/evidence')
  @ApiQuery({ name: 'window', required: false, enum: Object.keys(WINDOWS) })
  @ApiQuery({ name: 'at', required: false })
  async evidence(
    @CurrentPrincipal() who: Principal,
    @Param('contractId', ParseUUIDPipe) contractId: string,
    @ValidQuery(evaluationSchema) q: z.infer<typeof evaluationSchema>,
  ): Promise<EvidenceRow[]> {
    const card = await this.query.one(scopeOf(who), contractId, q.window, q.at ? new Date(q.at) : new Date());
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
