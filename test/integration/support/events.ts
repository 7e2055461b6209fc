import { type CanonicalEvent, TOPICS, validateCanonicalEvent } from '@rapport/contracts';
import type { Delivered } from '../../../apps/pipeline/src/ingest/event-processor.service';
import { EventFactory, MINUTE } from '../../support/fixtures';

/** Canonical events of one contract, validated as the pipeline's consumer would, with ids unique to this run. */
export class EventBuilder {
  private readonly factory: EventFactory;

  constructor(contractId: string, source = 'test://integration') {
    this.factory = new EventFactory(contractId, source);
  }

  event(type: string, at: number, data: Record<string, unknown>): CanonicalEvent {
    const checked = validateCanonicalEvent(this.factory.event(type, at, data));
    if (!checked.ok) throw new Error(`invalid test event: ${checked.errors.join('; ')}`);
    return checked.event;
  }

  /** `ticket.opened`, then each [step, minutes after opening]. */
  ticket(ticketId: string, priority: string, openedAt: number, steps: [string, number][] = []): CanonicalEvent[] {
    return [
      this.event('ticket.opened', openedAt, { ticketId, priority }),
      ...steps.map(([step, minutes]) => this.event(`ticket.${step}`, openedAt + minutes * MINUTE, { ticketId })),
    ];
  }

  /** Planned (at `plannedAt`) with a due date, submitted, then each [review, at]. */
  deliverable(deliverableId: string, plannedAt: number, dueAt: number, submittedAt: number, reviews: [string, number][]): CanonicalEvent[] {
    return [
      this.event('deliverable.planned', plannedAt, { deliverableId, dueAt: new Date(dueAt).toISOString() }),
      this.event('deliverable.submitted', submittedAt, { deliverableId }),
      ...reviews.map(([review, at]) => this.event(`deliverable.${review}`, at, { deliverableId })),
    ];
  }

  feedback(feedbackId: string, at: number, csat: number, nps: number): CanonicalEvent {
    return this.event('feedback.submitted', at, { feedbackId, csat, nps });
  }
}

let offset = 0;

/** Events as the consumer hands them over: each with a position of its own on the events topic. */
export function delivered(events: CanonicalEvent[]): Delivered[] {
  return events.map((event) => ({ event, record: `${TOPICS.events}/0/${offset++}`, index: -1, acceptedAt: Date.now() }));
}
