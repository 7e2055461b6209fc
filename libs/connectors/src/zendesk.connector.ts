import { z } from 'zod';
import { Delivery, EventDraft, ignored, invalid, ParseResult, prefixed } from './connector-types';
import { idLike, text, timestamp } from './payload-fields';
import { DEFAULT_PRIORITY, priorityFromName } from './priority-rules';
import { hostOf, isTriggerBody, parseZendeskTrigger } from './zendesk-trigger.connector';

/**
 * Zendesk: ticket events of a webhook subscribed to Zendesk events
 * (https://developer.zendesk.com/api-reference/webhooks/event-types/ticket-events/), and
 * satisfaction ratings in the Satisfaction Ratings API's JSON shape, sent by a trigger webhook
 * (https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/),
 * and ticket trigger bodies (no `type`: zendesk-trigger.connector.ts).
 */
const upper = z
  .string()
  .max(50)
  .transform((s) => s.toUpperCase());
const detail = z.object({
  id: idLike,
  created_at: timestamp.nullish(),
  group_id: idLike.nullish(),
  organization_id: idLike.nullish(),
  priority: z.string().max(50).nullish(),
  subject: text(500),
});
const envelope = z.object({
  type: z.string().max(200),
  id: idLike,
  account_id: idLike,
  time: timestamp,
  detail,
  event: z.unknown().optional(),
});
const statusChange = z.object({ current: upper.nullish(), previous: upper.nullish() });
const commentAdded = z.object({
  comment: z.object({
    id: idLike,
    is_public: z.boolean(),
    author: z.object({ id: idLike, is_staff: z.boolean().nullish() }),
  }),
});
const rating = z.object({
  satisfaction_rating: z.object({
    id: idLike,
    url: z.string().max(2000).nullish(),
    ticket_id: idLike,
    group_id: idLike.nullish(),
    score: z.union([z.string().max(50), z.number()]),
    comment: text(5000),
    created_at: timestamp,
    updated_at: timestamp.nullish(),
  }),
});

const TYPE_PREFIX = 'zen:event-type:';
const SOLVED = new Set(['SOLVED', 'CLOSED']);

/** Mapping rule keys of Zendesk: `group:<id>` or `organization:<id>` (a group wins). */
const sourceKeys = (groupId?: string | null, organizationId?: string | null): string[] => [
  ...(groupId && groupId !== '0' ? [`group:${groupId}`] : []),
  ...(organizationId && organizationId !== '0' ? [`organization:${organizationId}`] : []),
];

export function parseZendesk(delivery: Delivery): ParseResult {
  const body = delivery.body as { satisfaction_rating?: unknown } | null;
  if (body && typeof body === 'object' && 'satisfaction_rating' in body) return parseRating(delivery.body);
  if (body && typeof body === 'object' && isTriggerBody(body)) return parseZendeskTrigger(body, sourceKeys);
  const head = z.object({ type: z.string().max(200) }).safeParse(delivery.body);
  if (!head.success) return invalid(head.error);
  const kind = head.data.type.startsWith(TYPE_PREFIX) ? head.data.type.slice(TYPE_PREFIX.length) : head.data.type;
  if (!['ticket.created', 'ticket.status_changed', 'ticket.comment_added'].includes(kind)) {
    return ignored(`Zendesk "${head.data.type}" events do not feed any KPI`);
  }
  const parsed = envelope.safeParse(delivery.body);
  if (!parsed.success) return invalid(parsed.error);
  const { detail: d, id: eventId, time } = parsed.data;
  const ticketId = `ZD-${d.id}`;
  let drafts: EventDraft[] = [];
  if (kind === 'ticket.created') {
    const priority = priorityFromName(d.priority) ?? DEFAULT_PRIORITY;
    drafts = [
      { type: 'ticket.opened', id: `ticket-${d.id}-created`, time: d.created_at ?? time, data: { ticketId, priority, title: d.subject } },
    ];
  } else if (kind === 'ticket.status_changed') {
    const change = statusChange.safeParse(parsed.data.event);
    if (!change.success) return invalid(prefixed(change.error, 'event'));
    const { current, previous } = change.data;
    if (current && SOLVED.has(current) && !(previous && SOLVED.has(previous))) {
      drafts = [{ type: 'ticket.resolved', id: `event-${eventId}`, time, data: { ticketId } }];
    } else if (previous && SOLVED.has(previous) && current && !SOLVED.has(current)) {
      drafts = [{ type: 'ticket.reopened', id: `event-${eventId}`, time, data: { ticketId } }];
    }
  } else {
    const added = commentAdded.safeParse(parsed.data.event);
    if (!added.success) return invalid(prefixed(added.error, 'event'));
    const { comment } = added.data;
    if (!comment.is_public) return ignored('private comments are not responses');
    // An agent's public reply is the vendor's response; another author counts if it is a vendor account.
    const actor = comment.author.is_staff
      ? undefined
      : {
          accounts: [comment.author.id],
          vendor: true,
          because: `comment by user ${comment.author.id}, neither an agent nor a vendor account`,
        };
    drafts = [{ type: 'ticket.responded', id: `comment-${comment.id}`, time, data: { ticketId }, ...(actor ? { actor } : {}) }];
  }
  if (!drafts.length) return ignored('this status change neither solves nor reopens the ticket');
  return {
    kind: 'events',
    source: `zendesk:${parsed.data.account_id}`,
    sourceKeys: sourceKeys(d.group_id, d.organization_id),
    deliveryId: eventId,
    drafts,
  };
}

/** "good"/"bad" ratings are CSAT 5/1; a numeric score (the 1–5 CSAT scale) is taken as it is. */
export function csatOf(score: string | number): number | null {
  const s = typeof score === 'string' ? score.trim().toLowerCase() : score;
  if (s === 'good') return 5;
  if (s === 'bad') return 1;
  const n = typeof s === 'number' ? s : /^[1-5]$/.test(s) ? Number(s) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
}

function parseRating(body: unknown): ParseResult {
  const parsed = rating.safeParse(body);
  if (!parsed.success) return invalid(parsed.error);
  const r = parsed.data.satisfaction_rating;
  const csat = csatOf(r.score);
  if (csat === null) return ignored(`a satisfaction rating "${r.score}" is not a rating yet`);
  const ticketId = `ZD-${r.ticket_id}`;
  const at = r.updated_at ?? r.created_at;
  return {
    kind: 'events',
    source: `zendesk:${hostOf(r.url)}`,
    sourceKeys: sourceKeys(r.group_id),
    deliveryId: r.id,
    drafts: [
      {
        type: 'feedback.submitted',
        id: `satisfaction-${r.id}-${at}`,
        time: at,
        data: { feedbackId: `zendesk-rating-${r.id}`, csat, subjectId: ticketId, ...(r.comment ? { comment: r.comment } : {}) },
      },
    ],
  };
}
