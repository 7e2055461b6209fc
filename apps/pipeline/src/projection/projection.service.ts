import { Injectable } from '@nestjs/common';
import type { CanonicalEvent } from '@rapport/contracts';
import { ContractRow, EventStoreRepository, PrismaService, ProjectionRepository, StoredEventRow, subjectOf, Tx } from '@rapport/db';
import { outcomesAt } from '@rapport/scoring';
import { foldDeliverable, foldFeedback, foldTicket } from './subject-fold';
import { ticketDeadlines } from './ticket-deadlines';

const FAR_FUTURE = new Date(8.64e15);

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
    return this.prisma.$transaction(async (tx) => {
      const fresh = await this.events.insertNew(batch, tx);
      if (!fresh.length) return fresh;
      const subjects = [...new Set(fresh.map(subjectOf))];
      const stored = await this.events.subjectEvents(contract.id, subjects, tx);
      for (const subject of subjects) {
        await this.refold(
          contract,
          subject,
          stored.filter((e) => e.subjectId === subject),
          tx,
        );
      }
      return fresh;
    });
  }

  private async refold(contract: ContractRow, subject: string, events: StoredEventRow[], tx: Tx): Promise<void> {
    const separator = subject.indexOf(':');
    const kind = subject.slice(0, separator);
    const id = subject.slice(separator + 1);
    if (kind === 'ticket') {
      const facts = foldTicket(contract.id, id, events);
      const derived = ticketDeadlines(outcomesAt(contract, { ...facts, ...ticketDeadlines(null) }, FAR_FUTURE));
      await this.projections.saveTicket({ ...facts, ...derived }, tx);
    } else if (kind === 'deliverable') {
      await this.projections.saveDeliverable(foldDeliverable(contract.id, id, events), tx);
    } else {
      const feedback = foldFeedback(contract.id, id, events);
      if (feedback) await this.projections.saveFeedback(feedback, tx);
    }
  }
}
