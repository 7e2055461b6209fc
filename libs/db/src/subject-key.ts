import type { CanonicalEvent } from '@rapport/contracts';

export type SubjectKind = 'ticket' | 'deliverable' | 'feedback';

/**
 * The key under which one ticket's, deliverable's or feedback's events are folded together
 * (`ticket:<id>`, `deliverable:<id>`, `feedback:<id>`), built and read only here.
 */
export function subjectOf(event: CanonicalEvent): string {
  switch (event.type) {
    case 'ticket.opened':
    case 'ticket.responded':
    case 'ticket.resolved':
    case 'ticket.reopened':
      return `ticket:${event.data.ticketId}`;
    case 'deliverable.planned':
    case 'deliverable.submitted':
    case 'deliverable.accepted':
    case 'deliverable.rejected':
      return `deliverable:${event.data.deliverableId}`;
    case 'feedback.submitted':
      return `feedback:${event.data.feedbackId}`;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

/** The kind and the tool's own id of a subject key (ids may contain `:`). */
export function parseSubject(key: string): { kind: SubjectKind; id: string } {
  const separator = key.indexOf(':');
  return { kind: key.slice(0, separator) as SubjectKind, id: key.slice(separator + 1) };
}
