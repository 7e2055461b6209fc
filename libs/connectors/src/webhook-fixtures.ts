// Test support, not part of the lib's interface (index.ts does not export it): the documented
// webhook fixtures that the connector specs and the webhook e2e suites share.
import examples from '@octokit/webhooks-examples';
import type { ParseResult, Tool } from './connector-types';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One webhook delivery of a fixture: what the tool sends, and where its shape comes from. */
export interface FixtureDelivery {
  headers: Record<string, string>;
  body: Record<string, unknown>;
  note: string;
  source: string;
}

export interface ToolFixtures {
  tool: Tool;
  /** The mapping rule key the deliveries' source has (GitHub repository, Jira project, ...). */
  sourceKey: string;
  /** An instant just after the fixtures' events, to read the scorecard at. */
  evaluateAt: string;
  deliveries: FixtureDelivery[];
}

interface FixtureFile {
  sourceKey: string;
  evaluateAt: string;
  deliveries: { _source: string; _note: string; headers?: Record<string, string>; body: Record<string, unknown> }[];
}

const DIR = join(__dirname, '..', 'fixtures');

/** The other shapes a tool sends, each in `<tool>-<shape>.json`. */
export const SHAPES = [
  { tool: 'servicenow', shape: 'display' },
  { tool: 'servicenow', shape: 'list' },
  { tool: 'servicenow', shape: 'business-rule' },
  { tool: 'zendesk', shape: 'trigger' },
] as const;
export type Shape = (typeof SHAPES)[number]['shape'];

/**
 * Jira, Zendesk and ServiceNow fixtures: built from their public documentation and public
 * integrations (see each `_source`); `shape` picks another shape the tool sends (SHAPES).
 */
export function documentedFixtures(tool: Exclude<Tool, 'github'>, shape?: Shape): ToolFixtures {
  const file = JSON.parse(readFileSync(join(DIR, shape ? `${tool}-${shape}.json` : `${tool}.json`), 'utf8')) as FixtureFile;
  return {
    tool,
    sourceKey: file.sourceKey,
    evaluateAt: file.evaluateAt,
    deliveries: file.deliveries.map((d) => ({ headers: d.headers ?? {}, body: d.body, note: d._note, source: d._source })),
  };
}

type Json = Record<string, unknown>;
const OCTOKIT = '@octokit/webhooks-examples (api.github.com/index.json)';

/** The n-th example of a GitHub event with the given action, deep-copied. */
function example(event: string, action: string | null, index = 0): Json {
  const definition = examples.find((d) => d.name === event);
  const found = (definition?.examples ?? []).filter((e) => (action === null ? true : (e as { action?: string }).action === action));
  if (!found[index]) throw new Error(`no ${event}.${action} example #${index}`);
  return structuredClone(found[index]) as unknown as Json;
}

/** A deep-merged copy: the example's shape with the fields a scenario needs changed. */
function patch(base: Json, changes: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    const current = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current)
        ? patch(current as Json, value as Json)
        : value;
  }
  return out;
}

let deliveryCount = 0;
function delivery(event: string, body: Json, note: string, derived: boolean): FixtureDelivery {
  deliveryCount += 1;
  return {
    headers: { 'x-github-event': event, 'x-github-delivery': `72d3162e-cc78-11e3-81ab-4c9367dc${String(deliveryCount).padStart(4, '0')}` },
    body,
    note,
    source: derived
      ? `${OCTOKIT}, ${event} example with the fields named in the note changed`
      : `${OCTOKIT}, ${event} example as published`,
  };
}

/**
 * GitHub: the published example payloads of @octokit/webhooks-examples, used as they are where
 * they fit the scenario and otherwise copied with a few fields changed (numbers, times, labels,
 * review states) so that the scenario has enough tickets and pull requests to move every KPI.
 * All on Codertocat/Hello-World; "codertocat" is the vendor's account, "octo-client" the client's.
 */
export function githubFixtures(): ToolFixtures {
  const opened = example('issues', 'opened');
  const comment = example('issue_comment', 'created');
  const pr = example('pull_request', 'opened');
  const withMilestone = example('pull_request', 'labeled');
  const review = example('pull_request_review', 'submitted');
  const issue = (number: number, createdAt: string, labels: string[], extra: Json = {}) =>
    patch(opened, {
      issue: {
        id: 444500000 + number,
        number,
        created_at: createdAt,
        updated_at: createdAt,
        labels: labels.map((name) => ({ name })),
        ...extra,
      },
    });
  const commentOn = (number: number, id: number, at: string, login: string) =>
    patch(comment, { issue: { number, id: 444500000 + number }, comment: { id, created_at: at, updated_at: at, user: { login } } });
  const pullRequest = (number: number, at: string, dueOn: string | null, draft = false) =>
    patch(pr, {
      pull_request: {
        id: 279147000 + number,
        number,
        created_at: at,
        updated_at: at,
        draft,
        milestone: dueOn ? patch((withMilestone.pull_request as Json).milestone as Json, { due_on: dueOn }) : null,
      },
    });
  const reviewOf = (number: number, id: number, state: string, at: string, login: string) =>
    patch(review, { review: { id, state, submitted_at: at, user: { login } }, pull_request: { id: 279147000 + number, number } });

  const deliveries = [
    delivery('issues', opened, '#1 opened (label "bug": no priority label → P3), 15:20:18', false),
    delivery('issue_comment', comment, 'comment on #1 by codertocat (vendor) at 15:20:21: first response met', false),
    delivery(
      'issues',
      patch(opened, {
        action: 'closed',
        issue: { state: 'closed', closed_at: '2019-05-15T18:00:00Z', updated_at: '2019-05-15T18:00:00Z' },
      }),
      '#1 closed at 18:00 (action, closed_at)',
      true,
    ),
    delivery(
      'issues',
      patch(opened, { action: 'reopened', issue: { updated_at: '2019-05-15T19:00:00Z' } }),
      '#1 reopened at 19:00 (action, updated_at)',
      true,
    ),
    delivery(
      'issues',
      patch(opened, { action: 'closed', issue: { closed_at: '2019-05-15T20:00:00Z', updated_at: '2019-05-15T20:00:00Z' } }),
      '#1 closed again at 20:00: 160 + 60 min, met',
      true,
    ),
    delivery(
      'issues',
      issue(4, '2019-05-15T16:00:00Z', ['bug', 'priority: critical']),
      '#4 opened with label "priority: critical" → P1 (number, id, times, labels)',
      true,
    ),
    delivery(
      'issue_comment',
      commentOn(4, 492700401, '2019-05-15T16:05:00Z', 'octo-client'),
      'comment on #4 by octo-client: not a vendor account, ignored',
      true,
    ),
    delivery(
      'issue_comment',
      commentOn(4, 492700402, '2019-05-15T16:30:00Z', 'Codertocat'),
      'comment on #4 by Codertocat after 30 min: first response breached (P1: 15 min)',
      true,
    ),
    delivery('issues', issue(5, '2019-05-15T17:00:00Z', ['P2']), '#5 opened with label "P2"', true),
    delivery('issue_comment', commentOn(5, 492700403, '2019-05-15T17:10:00Z', 'Codertocat'), 'comment on #5 after 10 min: met', true),
    delivery('pull_request', pr, 'PR #2 opened without a milestone: submitted, no due date', false),
    delivery(
      'pull_request',
      pullRequest(6, '2019-05-15T15:30:00Z', '2019-05-23T07:00:00Z'),
      'PR #6 opened, milestone due 2019-05-23: planned + submitted on time',
      true,
    ),
    delivery(
      'pull_request',
      pullRequest(7, '2019-05-15T09:00:00Z', '2019-05-15T12:00:00Z', true),
      'PR #7 opened as a draft, milestone due 12:00: planned only',
      true,
    ),
    delivery(
      'pull_request',
      patch(pullRequest(7, '2019-05-15T09:00:00Z', '2019-05-15T12:00:00Z'), {
        action: 'ready_for_review',
        pull_request: { updated_at: '2019-05-15T13:00:00Z' },
      }),
      'PR #7 ready for review at 13:00: submitted late',
      true,
    ),
    delivery(
      'pull_request',
      pullRequest(8, '2019-05-15T15:40:00Z', '2019-05-23T07:00:00Z'),
      'PR #8 opened, milestone due 2019-05-23: on time',
      true,
    ),
    delivery('pull_request_review', review, 'review of PR #2 in state "commented": ignored', false),
    delivery(
      'pull_request_review',
      reviewOf(2, 237895700, 'approved', '2019-05-15T21:00:00Z', 'octo-client'),
      'PR #2 approved by octo-client: accepted at first review',
      true,
    ),
    delivery(
      'pull_request_review',
      reviewOf(6, 237895701, 'changes_requested', '2019-05-15T21:10:00Z', 'octo-client'),
      'PR #6 changes requested: rejected at first review',
      true,
    ),
    delivery(
      'pull_request_review',
      reviewOf(6, 237895702, 'approved', '2019-05-15T22:00:00Z', 'octo-client'),
      'PR #6 approved after rework',
      true,
    ),
    delivery(
      'pull_request_review',
      reviewOf(8, 237895703, 'approved', '2019-05-15T21:20:00Z', 'octo-client'),
      'PR #8 approved: accepted at first review',
      true,
    ),
    delivery(
      'pull_request_review',
      reviewOf(7, 237895704, 'approved', '2019-05-15T21:30:00Z', 'Codertocat'),
      'PR #7 approved by the vendor itself: not a client review, ignored',
      true,
    ),
    delivery('star', example('star', 'created'), 'star: ignored', false),
    delivery('ping', example('ping', null), 'ping: ignored', false),
  ];
  return { tool: 'github', sourceKey: 'Codertocat/Hello-World', evaluateAt: '2019-05-16T00:00:00Z', deliveries };
}

/** A short text per draft (type, subject, time, actor rule) for table-driven connector specs. */
export function summarize(result: ParseResult): string[] | string {
  if (result.kind === 'ignored') return `ignored: ${result.reason}`;
  if (result.kind === 'invalid') return `invalid: ${result.errors.join('; ')}`;
  if (result.kind === 'unreadable') return `unreadable: ${result.reason}`;
  return result.drafts.map((d) => {
    const data = d.data as Record<string, unknown>;
    const subject = data.ticketId ?? data.deliverableId ?? data.feedbackId;
    const extra = ['priority', 'dueAt', 'csat'].filter((k) => data[k] !== undefined).map((k) => ` ${k}=${String(data[k])}`);
    const actor = d.actor ? ` [${d.actor.vendor ? 'vendor' : 'client'}: ${d.actor.accounts.join(',')}]` : '';
    return `${d.type} ${String(subject)} ${d.time}${extra.join('')}${actor}`;
  });
}
