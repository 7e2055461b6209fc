import { z } from 'zod';
import { DeliveryOrigin, EventDraft, invalid, ParseResult } from './connector-types';
import { idLike, timestamp } from './payload-fields';
import { DEFAULT_PRIORITY, priorityFromName } from './priority-rules';

/**
 * The JSON body of a Zendesk trigger ("Notify active webhook" or a legacy HTTP target) that
 * Rapport reads: an admin pastes it into the trigger, Zendesk fills the placeholders
 * (https://support.zendesk.com/hc/en-us/articles/4408886858138, "Zendesk placeholders
 * reference") and signs the request like any webhook. Shown in docs/connectors.md and the admin
 * console. Strings only, so an empty placeholder (no group, no comment) still makes valid JSON;
 * no free text (titles, comments), which Zendesk does not escape for JSON.
 */
export const ZENDESK_TRIGGER_BODY_TEMPLATE = `{
  "ticket": {
    "id": "{{ticket.id}}",
    "url": "{{ticket.url}}",
    "status": "{{ticket.status}}",
    "priority": "{{ticket.priority}}",
    "group_id": "{{ticket.group.id}}",
    "organization_id": "{{ticket.organization.id}}",
    "created_at": "{{ticket.created_at_with_timestamp}}",
    "updated_at": "{{ticket.updated_at_with_timestamp}}"
  },
  "current_user": {
    "id": "{{current_user.id}}",
    "role": "{{current_user.role}}"
  },
  "latest_public_comment": {
    "id": "{{ticket.latest_public_comment.id}}",
    "author_id": "{{ticket.latest_public_comment.author.id}}"
  }
}`;

const text = (max: number) =>
  z
    .union([z.string().max(max), z.number()])
    .nullish()
    .transform((v) => (v === null || v === undefined ? '' : String(v).trim()));
const triggerBody = z.object({
  ticket: z.object({
    id: idLike,
    url: text(2000),
    status: text(50),
    priority: text(50),
    group_id: text(150),
    organization_id: text(150),
    created_at: text(64),
    updated_at: text(64),
  }),
  current_user: z.object({ id: text(150), role: text(50) }).nullish(),
  latest_public_comment: z.object({ id: text(150), author_id: text(150) }).nullish(),
});

/** `{{…_with_timestamp}}` renders ISO 8601 in UTC (2013-12-12T05:35Z); `{{ticket.created_at}}` a bare date, refused. */
const isoTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/)
  .pipe(timestamp);

/** `{{ticket.status}}` as rendered (English): statuses and whether they count as solved. */
const STATUSES: Record<string, boolean> = {
  new: false,
  open: false,
  pending: false,
  hold: false,
  onhold: false,
  solved: true,
  closed: true,
};
/** `{{current_user.role}}` renders "Agent", "Admin" or "End-user". */
const STAFF = new Set(['agent', 'admin', 'administrator']);

/** Is this body a trigger body (no `type`, a `ticket` object) rather than a Zendesk event? */
export const isTriggerBody = (body: object): boolean => !('type' in body) && 'ticket' in body;

/**
 * Events from a trigger body: the ticket's current state at `updated_at`. Every delivery restates
 * the opening (same id as the ticket.created event); a solved or closed status is a resolution and
 * another status after creation a reopen, both at `updated_at` (the SLA fold keeps the earliest
 * resolution and ignores a reopen that follows no resolution); a public comment is a response
 * when an agent just wrote it, or when its author is a vendor account.
 */
export function parseZendeskTrigger(body: unknown, sourceKeys: (group: string, organization: string) => string[]): ParseResult {
  const parsed = triggerBody.safeParse(body);
  if (!parsed.success) return invalid(parsed.error);
  const { ticket: t, current_user: user, latest_public_comment: comment } = parsed.data;
  const origin: DeliveryOrigin = {
    source: `zendesk:${hostOf(t.url)}`,
    sourceKeys: sourceKeys(t.group_id, t.organization_id),
    deliveryId: `ticket-${t.id}-${t.updated_at}`,
  };
  const unreadable = (reason: string): ParseResult => ({ kind: 'unreadable', ...origin, reason, needsTimeZone: false });
  const createdAt = isoTime.safeParse(t.created_at);
  const updatedAt = isoTime.safeParse(t.updated_at);
  if (!createdAt.success) return unreadable(`ticket.created_at "${t.created_at}" is not a time: use {{ticket.created_at_with_timestamp}}`);
  if (!updatedAt.success) return unreadable(`ticket.updated_at "${t.updated_at}" is not a time: use {{ticket.updated_at_with_timestamp}}`);
  const status = t.status.toLowerCase().replace(/[^a-z]/g, '');
  const solved = STATUSES[status];
  if (solved === undefined)
    return unreadable(`ticket.status "${t.status}" is not a Zendesk status Rapport knows (New, Open, Pending, On-hold, Solved, Closed)`);
  const priority = t.priority === '' || t.priority === '-' ? DEFAULT_PRIORITY : priorityFromName(t.priority);
  if (!priority) return unreadable(`ticket.priority "${t.priority}" is not a Zendesk priority (Low, Normal, High, Urgent)`);

  const ticketId = `ZD-${t.id}`;
  const now = updatedAt.data;
  const drafts: EventDraft[] = [
    { type: 'ticket.opened', id: `ticket-${t.id}-created`, time: createdAt.data, data: { ticketId, priority } },
  ];
  if (comment?.id) {
    const byStaff = !!user && user.id === comment.author_id && STAFF.has(user.role.toLowerCase());
    const actor = byStaff
      ? undefined
      : {
          accounts: [comment.author_id],
          vendor: true,
          because: `comment by user ${comment.author_id || '(unknown)'}, neither an agent nor a vendor account`,
        };
    drafts.push({ type: 'ticket.responded', id: `comment-${comment.id}`, time: now, data: { ticketId }, ...(actor ? { actor } : {}) });
  }
  if (solved) drafts.push({ type: 'ticket.resolved', id: `trigger-${t.id}-solved-${now}`, time: now, data: { ticketId } });
  else if (now > createdAt.data)
    drafts.push({ type: 'ticket.reopened', id: `trigger-${t.id}-unsolved-${now}`, time: now, data: { ticketId } });
  return { kind: 'events', ...origin, drafts };
}

/** The account host of a Zendesk URL (`{{ticket.url}}` renders without a scheme). */
export function hostOf(url: string | null | undefined, fallback = 'ratings'): string {
  if (!url) return fallback;
  try {
    return new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`).host || fallback;
  } catch {
    return fallback;
  }
}
