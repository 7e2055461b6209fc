import { Injectable } from '@nestjs/common';
import type { CanonicalEvent } from '@rapport/contracts';
import { ContractRow, EventStoreRepository, PrismaService, ProjectionRepository, StoredEventRow, subjectOf, Tx } from '@rapport/db';
import { foldSubject } from './subject-state';

/**
 * Stores a contract's new events exactly once and refolds the subjects they touch,
 * in one transaction: either the events and the state they imply are both saved, or neither.
 */
@Injectable()
export class ProjectionService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventStoreRepository,
    private readonly projections: ProjectionRepository,
  ) {}

  /** Returns the events that were new (duplicates are ignored, not double-counted). */
  apply(contract: ContractRow, batch: CanonicalEvent[]): Promise<CanonicalEvent[]> {
    return this.prisma.$transaction(
      async (tx) => {
        const fresh = await this.events.insertNew(batch, tx);
        if (!fresh.length) return fresh;
        await this.refoldSubjects(contract, [...new Set(fresh.map(subjectOf))], tx);
        return fresh;
      },
      // A large batch on a busy machine outlasts Prisma's 5 s default; the work is bounded by the batch.
      { timeout: 60_000, maxWait: 10_000 },
    );
  }

  /** Rebuilds a contract's projections from its whole event log (replay). */
  async refoldAll(contract: ContractRow, subjects: string[], chunk = 500): Promise<void> {
    await this.prisma.$transaction(
      async (tx) => {
        await this.projections.clear(contract.id, tx);
        for (let i = 0; i < subjects.length; i += chunk) {
          await this.refoldSubjects(contract, subjects.slice(i, i + chunk), tx);
        }
      },
      { timeout: 10 * 60_000 },
    );
  }

  /** Refolds each subject from all of its stored events (one query for the lot). */
  private async refoldSubjects(contract: ContractRow, subjects: string[], tx: Tx): Promise<void> {
    const bySubject = new Map<string, StoredEventRow[]>(subjects.map((s) => [s, []]));
    for (const e of await this.events.subjectEvents(contract.id, subjects, tx)) bySubject.get(e.subjectId)?.push(e);
    for (const [subject, events] of bySubject) await this.refold(contract, subject, events, tx);
  }

  private async refold(contract: ContractRow, subject: string, events: StoredEventRow[], tx: Tx): Promise<void> {
    const state = foldSubject(contract, subject, events);
    switch (state?.kind) {
      case 'ticket':
        return this.projections.saveTicket(state.ticket, tx);
      case 'deliverable':
        return this.projections.saveDeliverable(state.deliverable, tx);
      case 'feedback':
        return this.projections.saveFeedback(state.feedback, tx);
      case undefined:
        return;
    }
  }
}
