import { Injectable } from '@nestjs/common';
import type { CanonicalEvent } from '@rapport/contracts';
import {
  ContractRow,
  DeliverableProjection,
  EventStoreRepository,
  FeedbackProjection,
  ProjectionRepository,
  ProjectionVersionRepository,
  SqlDatabase,
  SqlRunner,
  StoredEventRow,
  SubjectRef,
  subjectOf,
  TicketProjection,
} from '@rapport/db';
import { eventOrder, foldSubject } from './subject-state';

/** The projections one transaction saved, and the versions it moved their contracts to. */
export interface SavedProjections {
  tickets: TicketProjection[];
  deliverables: DeliverableProjection[];
  feedback: FeedbackProjection[];
  versions: Map<string, number>;
}

export interface AppliedEvents {
  /** The events that were new (duplicates are ignored, not double-counted). */
  fresh: CanonicalEvent[];
  saved: SavedProjections;
}

/**
 * Stores new events exactly once and refolds the subjects they touch, in one transaction: either
 * the events and the state they imply are both saved, or neither. A whole batch, across contracts,
 * costs a fixed handful of statements: insert, read the touched subjects' events, one upsert per kind.
 */
@Injectable()
export class ProjectionService {
  constructor(
    private readonly db: SqlDatabase,
    private readonly events: EventStoreRepository,
    private readonly projections: ProjectionRepository,
    private readonly versions: ProjectionVersionRepository,
  ) {}

  apply(contracts: Map<string, ContractRow>, batch: CanonicalEvent[]): Promise<AppliedEvents> {
    return this.db.transaction(async (tx) => {
      const fresh = await this.events.insertNew(batch, tx);
      const touched = new Map(
        fresh.map((e) => {
          const ref = { contractId: e.contractid, subjectId: subjectOf(e) };
          return [refKey(ref), ref];
        }),
      );
      return { fresh, saved: await this.refold(contracts, [...touched.values()], tx) };
    });
  }

  /** Rebuilds a contract's projections from its whole event log (replay). */
  async refoldAll(contract: ContractRow, subjects: string[], chunk = 2000): Promise<void> {
    await this.db.transaction(
      async (tx) => {
        await this.projections.clear(contract.id, tx);
        const contracts = new Map([[contract.id, contract]]);
        for (let i = 0; i < subjects.length; i += chunk) {
          const refs = subjects.slice(i, i + chunk).map((subjectId) => ({ contractId: contract.id, subjectId }));
          await this.refold(contracts, refs, tx);
        }
      },
      { statementTimeoutMs: 10 * 60_000 },
    );
  }

  /** Refolds each subject from all of its stored events: one read and one upsert per kind for the lot. */
  private async refold(contracts: Map<string, ContractRow>, subjects: SubjectRef[], tx: SqlRunner): Promise<SavedProjections> {
    if (!subjects.length) return { tickets: [], deliverables: [], feedback: [], versions: new Map() };
    // First: the version rows' locks order the transactions that change the same contract.
    const versions = await this.versions.bump(
      subjects.map((s) => s.contractId),
      tx,
    );
    const bySubject = new Map<string, StoredEventRow[]>();
    for (const e of await this.events.subjectEvents(subjects, tx)) {
      const key = refKey(e);
      const list = bySubject.get(key);
      if (list) list.push(e);
      else bySubject.set(key, [e]);
    }
    const tickets: TicketProjection[] = [];
    const deliverables: DeliverableProjection[] = [];
    const feedback: FeedbackProjection[] = [];
    for (const { contractId, subjectId } of subjects) {
      const events = (bySubject.get(refKey({ contractId, subjectId })) ?? []).sort(eventOrder);
      const state = foldSubject(contracts.get(contractId)!, subjectId, events);
      if (state?.kind === 'ticket') tickets.push(state.ticket);
      else if (state?.kind === 'deliverable') deliverables.push(state.deliverable);
      else if (state?.kind === 'feedback') feedback.push(state.feedback);
    }
    await this.projections.saveTickets(tickets, tx);
    await this.projections.saveDeliverables(deliverables, tx);
    await this.projections.saveFeedback(feedback, tx);
    return { tickets, deliverables, feedback, versions };
  }
}

/** One subject of one contract, as a map key. */
const refKey = (ref: SubjectRef): string => `${ref.contractId}\u0000${ref.subjectId}`;
