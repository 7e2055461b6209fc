import { z } from 'zod';
import { PRIORITIES } from './priorities';

/** Data schemas of the canonical event types (docs/product.md "Events"). */
export const prioritySchema = z.enum(PRIORITIES);

const isoTime = z.iso.datetime({ offset: true });
/** Due dates lie ahead by nature, but not past this century: a deadline in year 10000 cannot be stored. */
const dueTime = isoTime.refine((t) => {
  const ms = Date.parse(t);
  return ms >= Date.UTC(2000, 0, 1) && ms < Date.UTC(2100, 0, 1);
}, 'must lie between 2000-01-01 and 2099-12-31');
const id = z.string().trim().min(1).max(200);
const ticket = z.object({ ticketId: id });
const deliverable = z.object({ deliverableId: id });
const review = deliverable.extend({ reason: z.string().max(2000).optional() });

export const eventDataSchemas = {
  'ticket.opened': ticket.extend({ priority: prioritySchema, title: z.string().max(500).optional() }),
  'ticket.responded': ticket,
  'ticket.resolved': ticket,
  'ticket.reopened': ticket,
  'deliverable.planned': deliverable.extend({ dueAt: dueTime, title: z.string().max(500).optional() }),
  'deliverable.submitted': deliverable,
  'deliverable.accepted': review,
  'deliverable.rejected': review,
  'feedback.submitted': z
    .object({
      feedbackId: id,
      csat: z.number().int().min(1).max(5).optional(),
      nps: z.number().int().min(0).max(10).optional(),
      subjectId: id.optional(),
      comment: z.string().max(5000).optional(),
    })
    .refine((f) => f.csat !== undefined || f.nps !== undefined, { message: 'csat or nps is required' }),
} as const;

export type EventType = keyof typeof eventDataSchemas;
export const EVENT_TYPES = Object.keys(eventDataSchemas) as EventType[];
export type EventData<T extends EventType> = z.infer<(typeof eventDataSchemas)[T]>;
