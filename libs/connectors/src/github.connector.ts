import { z } from 'zod';
import { Delivery, EventDraft, ignored, invalid, ParseResult } from './connector-types';
import { idLike, text, timestamp } from './payload-fields';
import { DEFAULT_PRIORITY, priorityFromLabels } from './priority-rules';

/**
 * GitHub webhooks (https://docs.github.com/en/webhooks/webhook-events-and-payloads):
 * issues are tickets, pull requests are deliverables, reviews are the client's verdicts.
 */
const login = z
  .string()
  .min(1)
  .max(100)
  .transform((s) => s.toLowerCase());
const user = z.object({ login });
const repository = z.object({ full_name: z.string().min(3).max(140) });
const milestone = z.object({ id: idLike, due_on: timestamp.nullish() }).nullish();

const issue = z.object({
  id: idLike,
  number: z.number().int().positive(),
  title: text(500),
  created_at: timestamp,
  updated_at: timestamp,
  closed_at: timestamp.nullish(),
  labels: z
    .array(z.object({ name: z.string().max(200) }))
    .max(200)
    .nullish(),
  pull_request: z.unknown().optional(),
});
const pullRequest = z.object({
  id: idLike,
  number: z.number().int().positive(),
  title: text(500),
  created_at: timestamp,
  updated_at: timestamp,
  draft: z.boolean().nullish(),
  milestone,
});

const schemas = {
  issues: z.object({ action: z.string(), issue, repository }),
  issue_comment: z.object({
    action: z.string(),
    issue,
    comment: z.object({ id: idLike, created_at: timestamp, user }),
    repository,
  }),
  pull_request: z.object({ action: z.string(), pull_request: pullRequest, repository }),
  pull_request_review: z.object({
    action: z.string(),
    review: z.object({
      id: idLike,
      state: z.string().transform((s) => s.toLowerCase()),
      submitted_at: timestamp,
      user,
      body: text(2000),
    }),
    pull_request: z.object({ number: z.number().int().positive() }),
    repository,
  }),
};
type GithubEvent = keyof typeof schemas;

/** The actions that can move a KPI; every other action of these events is acknowledged and ignored. */
const ACTIONS: Record<GithubEvent, string[]> = {
  issues: ['opened', 'closed', 'reopened'],
  issue_comment: ['created'],
  pull_request: ['opened', 'ready_for_review', 'milestoned'],
  pull_request_review: ['submitted'],
};

const isHandled = (event: string): event is GithubEvent => Object.hasOwn(schemas, event);

/** Mapping rule keys of GitHub are repository full names, compared case-insensitively. */
export const githubSourceKey = (repository: string): string => repository.trim().toLowerCase();

export function parseGithub(delivery: Delivery): ParseResult {
  const event = delivery.headers['x-github-event'];
  if (!event) return { kind: 'invalid', errors: ['X-GitHub-Event header is missing'] };
  if (event === 'ping') return ignored('ping: the webhook is set up');
  if (!isHandled(event)) return ignored(`GitHub "${event}" events do not feed any KPI`);
  const head = z.object({ action: z.string().max(100) }).safeParse(delivery.body);
  if (!head.success) return invalid(head.error);
  if (!ACTIONS[event].includes(head.data.action)) return ignored(`GitHub ${event}.${head.data.action} does not feed any KPI`);

  const drafts = draftsOf(event, delivery.body);
  if (!('repo' in drafts)) return drafts;
  if (!drafts.list.length) return ignored(`GitHub ${event}.${head.data.action} carries nothing to record here`);
  return {
    kind: 'events',
    source: `github:${drafts.repo}`,
    sourceKeys: [githubSourceKey(drafts.repo)],
    deliveryId: delivery.headers['x-github-delivery'] ?? null,
    drafts: drafts.list,
  };
}

type Drafted = { repo: string; list: EventDraft[] } | ParseResult;

function draftsOf(event: GithubEvent, body: unknown): Drafted {
  switch (event) {
    case 'issues': {
      const p = schemas.issues.safeParse(body);
      return p.success ? { repo: p.data.repository.full_name, list: issueDrafts(p.data) } : invalid(p.error);
    }
    case 'issue_comment': {
      const p = schemas.issue_comment.safeParse(body);
      if (!p.success) return invalid(p.error);
      if (p.data.issue.pull_request !== undefined) return ignored('comments on pull requests do not feed any KPI');
      const { comment, issue: i, repository: r } = p.data;
      const draft: EventDraft = {
        type: 'ticket.responded',
        id: `issue-comment-${comment.id}`,
        time: comment.created_at,
        data: { ticketId: `${r.full_name}#${i.number}` },
        actor: { accounts: [comment.user.login], vendor: true, because: `comment by ${comment.user.login}, not a vendor account` },
      };
      return { repo: r.full_name, list: [draft] };
    }
    case 'pull_request': {
      const p = schemas.pull_request.safeParse(body);
      return p.success ? { repo: p.data.repository.full_name, list: pullRequestDrafts(p.data) } : invalid(p.error);
    }
    case 'pull_request_review': {
      const p = schemas.pull_request_review.safeParse(body);
      if (!p.success) return invalid(p.error);
      const { review, pull_request: pr, repository: r } = p.data;
      const type =
        review.state === 'approved' ? 'deliverable.accepted' : review.state === 'changes_requested' ? 'deliverable.rejected' : null;
      if (!type) return ignored(`a "${review.state}" review is neither an approval nor a request for changes`);
      const draft: EventDraft = {
        type,
        id: `review-${review.id}-${review.state}`,
        time: review.submitted_at,
        data: { deliverableId: `${r.full_name}#${pr.number}`, ...(review.body ? { reason: review.body } : {}) },
        actor: {
          accounts: [review.user.login],
          vendor: false,
          because: `review by vendor account ${review.user.login} is not a client review`,
        },
      };
      return { repo: r.full_name, list: [draft] };
    }
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function issueDrafts({ action, issue: i, repository: r }: z.infer<typeof schemas.issues>): EventDraft[] {
  const ticketId = `${r.full_name}#${i.number}`;
  if (action === 'opened') {
    const priority = priorityFromLabels((i.labels ?? []).map((l) => l.name)) ?? DEFAULT_PRIORITY;
    return [{ type: 'ticket.opened', id: `issue-${i.id}-opened`, time: i.created_at, data: { ticketId, priority, title: i.title } }];
  }
  if (action === 'closed') {
    const at = i.closed_at ?? i.updated_at;
    return [{ type: 'ticket.resolved', id: `issue-${i.id}-closed-${at}`, time: at, data: { ticketId } }];
  }
  return [{ type: 'ticket.reopened', id: `issue-${i.id}-reopened-${i.updated_at}`, time: i.updated_at, data: { ticketId } }];
}

function pullRequestDrafts({ action, pull_request: pr, repository: r }: z.infer<typeof schemas.pull_request>): EventDraft[] {
  const deliverableId = `${r.full_name}#${pr.number}`;
  const drafts: EventDraft[] = [];
  const dueAt = pr.milestone?.due_on;
  // A pull request is a deliverable with a due date only through its milestone; without one it is
  // still submitted (and reviewed), which feeds first-pass acceptance but not on-time delivery.
  if (dueAt && (action === 'opened' || action === 'milestoned')) {
    const at = action === 'opened' ? pr.created_at : pr.updated_at;
    drafts.push({ type: 'deliverable.planned', id: `pr-${pr.id}-due-${dueAt}`, time: at, data: { deliverableId, dueAt, title: pr.title } });
  }
  if ((action === 'opened' && !pr.draft) || action === 'ready_for_review') {
    const at = action === 'opened' ? pr.created_at : pr.updated_at;
    drafts.push({ type: 'deliverable.submitted', id: `pr-${pr.id}-submitted`, time: at, data: { deliverableId } });
  }
  return drafts;
}
