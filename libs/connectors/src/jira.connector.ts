import { z } from 'zod';
import { Delivery, EventDraft, ignored, invalid, ParseResult } from './connector-types';
import { idLike, text, timestamp } from './payload-fields';
import { DEFAULT_PRIORITY, priorityFromName } from './priority-rules';

/**
 * Jira Cloud and Jira Service Management webhooks
 * (https://developer.atlassian.com/cloud/jira/platform/webhooks/): issues are tickets; status
 * transitions (changelog) answer, resolve and reopen them; comments by vendor accounts answer them.
 */
const account = z
  .object({ accountId: z.string().max(200).nullish(), name: z.string().max(200).nullish(), key: z.string().max(200).nullish() })
  .transform((u) => [u.accountId, u.name, u.key].filter((a): a is string => !!a));

const statusCategory = z.object({ key: z.string().max(50) }).nullish();
const issue = z.object({
  id: idLike,
  key: z.string().trim().min(1).max(100),
  self: z.string().max(2000).nullish(),
  fields: z.object({
    project: z.object({ key: z.string().trim().min(1).max(100) }),
    summary: text(500),
    created: timestamp.nullish(),
    priority: z.object({ name: z.string().max(100) }).nullish(),
    status: z.object({ name: z.string().max(200).nullish(), statusCategory }).nullish(),
  }),
});
const base = z.object({ webhookEvent: z.string().max(100), timestamp: z.number().int().positive().max(253402300799999), issue });

const schemas = {
  'jira:issue_created': base.extend({ user: account.nullish() }),
  'jira:issue_updated': base.extend({
    user: account.nullish(),
    changelog: z
      .object({
        id: idLike,
        items: z
          .array(
            z.object({ field: z.string().max(200), fromString: z.string().max(500).nullish(), toString: z.string().max(500).nullish() }),
          )
          .max(500),
      })
      .nullish(),
  }),
  comment_created: base.extend({
    comment: z.object({ id: idLike, created: timestamp, author: account, jsdPublic: z.boolean().nullish() }),
  }),
};
type JiraEvent = keyof typeof schemas;

/** Status names that Jira's "Done" category usually holds, for the status a ticket left. */
const DONE_NAMES = /^(done|resolved|closed|complete|completed|cancell?ed|won't do|declined)$/i;

const isHandled = (event: string): event is JiraEvent => Object.hasOwn(schemas, event);

export function parseJira(delivery: Delivery): ParseResult {
  const head = z.object({ webhookEvent: z.string().max(100) }).safeParse(delivery.body);
  if (!head.success) return invalid(head.error);
  const event = head.data.webhookEvent;
  if (!isHandled(event)) return ignored(`Jira "${event}" events do not feed any KPI`);
  const parsed = schemas[event].safeParse(delivery.body);
  if (!parsed.success) return invalid(parsed.error);
  const { issue: i, timestamp: sentAt } = parsed.data;
  const ticketId = i.key;
  const fallbackTime = new Date(sentAt).toISOString();
  let drafts: EventDraft[];
  if (event === 'jira:issue_created') {
    const priority = priorityFromName(i.fields.priority?.name) ?? DEFAULT_PRIORITY;
    drafts = [
      {
        type: 'ticket.opened',
        id: `issue-${i.id}-created`,
        time: i.fields.created ?? fallbackTime,
        data: { ticketId, priority, title: i.fields.summary },
      },
    ];
  } else if (event === 'comment_created') {
    const { comment } = schemas.comment_created.parse(delivery.body);
    if (comment.jsdPublic === false) return ignored('internal comments are not responses');
    drafts = [
      {
        type: 'ticket.responded',
        id: `comment-${comment.id}`,
        time: comment.created,
        data: { ticketId },
        actor: {
          accounts: comment.author,
          vendor: true,
          because: `comment by ${comment.author[0] ?? 'an unknown account'}, not a vendor account`,
        },
      },
    ];
  } else {
    drafts = transitionDrafts(schemas['jira:issue_updated'].parse(delivery.body), fallbackTime);
  }
  if (!drafts.length) return ignored('this update changes no status that feeds a KPI');
  return {
    kind: 'events',
    source: `jira:${siteOf(i.self)}/${i.fields.project.key}`,
    sourceKeys: [i.fields.project.key],
    deliveryId: null,
    drafts,
  };
}

/** Status transitions: into Done resolves, out of a done status reopens, into In Progress answers. */
function transitionDrafts(payload: z.infer<(typeof schemas)['jira:issue_updated']>, time: string): EventDraft[] {
  const { issue: i, changelog, user } = payload;
  const change = changelog?.items.find((item) => item.field.toLowerCase() === 'status');
  if (!changelog || !change) return [];
  const ticketId = i.key;
  const category = i.fields.status?.statusCategory?.key ?? '';
  const id = `changelog-${changelog.id}`;
  if (category === 'done') return [{ type: 'ticket.resolved', id: `${id}-resolved`, time, data: { ticketId } }];
  if (DONE_NAMES.test(change.fromString ?? '')) return [{ type: 'ticket.reopened', id: `${id}-reopened`, time, data: { ticketId } }];
  if (category === 'indeterminate') {
    const accounts = user ?? [];
    const actor = { accounts, vendor: true, because: `transition by ${accounts[0] ?? 'an unknown account'}, not a vendor account` };
    return [{ type: 'ticket.responded', id: `${id}-responded`, time, data: { ticketId }, actor }];
  }
  return [];
}

/** The Jira site's host, from the issue's REST URL; "jira" when the payload has none. */
function siteOf(self: string | null | undefined): string {
  try {
    return self ? new URL(self).host : 'jira';
  } catch {
    return 'jira';
  }
}
