import type { Tool } from '@rapport/connectors';
import { PrismaService } from '@rapport/db';
import { randomBytes } from 'node:crypto';
import { EventFactory, STANDARD_SLA } from '../support/fixtures';
import { RapportHarness } from '../support/rapport-harness';
import { eventually, postRaw, sendWebhook } from '../support/webhook-client';
import { documentedFixtures, githubFixtures, SHAPES } from '../../libs/connectors/src/webhook-fixtures';
import { Mutant, mutateEvent, mutateWebhook, prng } from '../support/webhook-mutations';

// Thousands of refused requests: keep the request log quiet, and let this one token send them all.
process.env.LOG_LEVEL = 'error';
process.env.INGEST_RATE_LIMIT = '1000000';

const TOOLS: Tool[] = ['github', 'jira', 'zendesk', 'servicenow'];
const PER_WEBHOOK = 500;
const PER_EVENTS = 400;
const VALID_EVERY = 50;
const CONCURRENCY = 8;
const ALLOWED = new Set([202, 400, 401, 413, 415]);
/** 2400 requests on a shared 2-core machine: a correctness test, not a timed one (speed lives in bench/). */
const STORM_TIMEOUT_MS = 600_000;

type Json = Record<string, unknown>;

/** The fixtures moved to sources of their own, so that mutants never touch the other suites' events. */
function rebase(tool: Tool, body: Json, run: string): Json {
  const b = structuredClone(body);
  const at = (value: unknown, ...path: string[]): Json | undefined => {
    const found = path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), value);
    return found && typeof found === 'object' ? (found as Json) : undefined;
  };
  switch (tool) {
    case 'github':
      Object.assign(at(b, 'repository') ?? {}, { full_name: `mutants/repo-${run}` });
      return b;
    case 'jira':
      Object.assign(at(b, 'issue', 'fields', 'project') ?? {}, { key: `MUT${run.toUpperCase()}` });
      return b;
    case 'zendesk': {
      const rating = at(b, 'satisfaction_rating');
      const ticket = at(b, 'ticket');
      if (ticket) {
        Object.assign(ticket, { group_id: `g${run}` });
      } else if (rating) {
        Object.assign(rating, { group_id: `g${run}`, url: `https://mutants-${run}.zendesk.com/api/v2/satisfaction_ratings/1.json` });
      } else {
        Object.assign(b, { account_id: `m${run}` });
        Object.assign(at(b, 'detail') ?? {}, { group_id: `g${run}` });
      }
      return b;
    }
    case 'servicenow': {
      // Bare, {result}, {record, previous}, a {result: [...]} list, or a business rule's new_values.
      const found = at(b, 'result') ?? at(b, 'record') ?? at(b, 'new_values') ?? b;
      const records = (Array.isArray(found) ? found : [found]) as Json[];
      for (const record of records) {
        Object.assign(record, { assignment_group: { ...at(record, 'assignment_group'), display_value: `Mutants ${run}` } });
        const owner = record === at(b, 'new_values') ? b : record;
        owner.sys_id = `m${run}${String(owner.sys_id)}`;
      }
      return b;
    }
    default: {
      const unreachable: never = tool;
      return unreachable;
    }
  }
}

const SOURCE_KEYS = (run: string): Record<Tool, string> => ({
  github: `mutants/repo-${run}`,
  jira: `MUT${run.toUpperCase()}`,
  zendesk: `group:g${run}`,
  servicenow: `Mutants ${run}`,
});

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

describe('corrupted input at every webhook endpoint and at POST /api/v1/events', () => {
  let rapport: RapportHarness;
  let prisma: PrismaService;
  let token: string;
  let contractId: string;
  const run = randomBytes(4).toString('hex');
  const secrets = {} as Record<Tool, string>;

  beforeAll(async () => {
    rapport = await RapportHarness.start();
    prisma = rapport.api.get(PrismaService);
    token = await rapport.adminToken();
    const admin = <T>(path: string, body: unknown) => rapport.request<T>('POST', path, { token, body });
    const vendor = await admin<{ id: string }>('/api/v1/vendors', { name: `Mutant Works ${run}` });
    const contract = await admin<{ id: string }>('/api/v1/contracts', {
      vendorId: vendor.body.id,
      name: 'Mutation target',
      serviceType: 'software_development',
      startsAt: '2019-01-01T00:00:00Z',
      sla: STANDARD_SLA,
    });
    contractId = contract.body.id;
    for (const tool of TOOLS) {
      secrets[tool] = (await admin<{ secret: string }>('/api/v1/connectors/secrets', { tool, label: `mutation ${run}` })).body.secret;
      expect((await admin('/api/v1/connectors/sources', { tool, externalKey: SOURCE_KEYS(run)[tool], contractId })).status).toBe(201);
    }
  });

  afterAll(async () => {
    await rapport?.stop();
  }, STORM_TIMEOUT_MS);

  it(
    'answers every corrupted input with a 4xx, stays healthy and loses no valid event sent in between',
    async () => {
      const rand = prng(0x5eed_4);
      // Every shape each tool sends: Zendesk events and trigger bodies; ServiceNow raw, display, lists, business rules.
      const shapes = (tool: 'zendesk' | 'servicenow') =>
        SHAPES.filter((s) => s.tool === tool).flatMap((s) => documentedFixtures(tool, s.shape).deliveries);
      const bases: Record<Tool, { headers: Record<string, string>; body: Json }[]> = {
        github: githubFixtures().deliveries,
        jira: documentedFixtures('jira').deliveries,
        zendesk: [...documentedFixtures('zendesk').deliveries, ...shapes('zendesk')],
        servicenow: [...documentedFixtures('servicenow').deliveries, ...shapes('servicenow')],
      };
      const jobs: { path: string; mutant: Mutant }[] = [];
      for (const tool of TOOLS) {
        for (let i = 0; i < PER_WEBHOOK; i++) {
          const base = bases[tool][i % bases[tool].length];
          jobs.push({
            path: `/api/v1/webhooks/${tool}`,
            mutant: await mutateWebhook(rand, tool, secrets[tool], { headers: base.headers, body: rebase(tool, base.body, run) }),
          });
        }
      }
      const events = new EventFactory(contractId, `test://mutation/${run}`);
      for (let i = 0; i < PER_EVENTS; i++) {
        const base = events.event('ticket.opened', Date.parse('2019-05-15T10:00:00Z'), {
          ticketId: `MUT-${i}`,
          priority: 'P2',
          title: 'mutant',
        });
        jobs.push({ path: '/api/v1/events', mutant: mutateEvent(rand, process.env.INGEST_TOKEN!, base) });
      }
      // Shuffle so that every endpoint sees corrupted input while valid events go through.
      for (let i = jobs.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [jobs[i], jobs[j]] = [jobs[j], jobs[i]];
      }

      const statuses = new Map<string, Map<number, number>>();
      const serverErrors: string[] = [];
      const valid: { source: string; id: string }[] = [];
      const opened = githubFixtures().deliveries[0];
      let sent = 0;
      await pool(jobs, CONCURRENCY, async ({ path, mutant }) => {
        const answer = await postRaw(rapport, path, mutant.body, mutant.headers);
        const byStatus = statuses.get(path) ?? new Map<number, number>();
        byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
        statuses.set(path, byStatus);
        if (answer.status >= 500)
          serverErrors.push(`${path} ${mutant.kind}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        else if (!ALLOWED.has(answer.status)) serverErrors.push(`${path} ${mutant.kind}: unexpected ${answer.status}`);
        sent += 1;
        if (sent % VALID_EVERY === 0) {
          // A valid event and a valid webhook in the middle of the storm must both get through.
          const n = sent;
          const event = events.event('feedback.submitted', Date.parse('2019-05-15T12:00:00Z'), { feedbackId: `valid-${n}`, csat: 5 });
          expect((await rapport.ingest([event])).status).toBe(202);
          valid.push({ source: event.source, id: event.id });
          const issue = { ...(opened.body.issue as Json), id: 900000 + n, number: 9000 + n };
          const body = { ...rebase('github', opened.body, run), issue };
          expect((await sendWebhook(rapport, 'github', secrets.github, { headers: opened.headers, body })).body).toEqual({ accepted: 1 });
          valid.push({ source: `github:mutants/repo-${run}`, id: `issue-${900000 + n}-opened` });
        }
      });

      const total = jobs.length;
      for (const [path, byStatus] of statuses) {
        const counts = [...byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
        console.log(`${path}: ${[...byStatus.values()].reduce((a, b) => a + b, 0)} mutated inputs → ${counts.join(' ')}`);
      }
      console.log(
        `mutation test: ${total} mutated inputs, ${serverErrors.length} answered with a 5xx or an unexpected status; ${valid.length} valid events sent in between`,
      );
      expect(serverErrors).toEqual([]);
      expect(total).toBeGreaterThanOrEqual(2000);

      expect((await rapport.request('GET', '/health/live')).status).toBe(200);
      expect((await rapport.request('GET', '/health/ready')).status).toBe(200);
      await eventually(
        () => prisma.storedEvent.count({ where: { OR: valid.map(({ source, id }) => ({ source, id })) } }),
        (n) => expect(n).toBe(valid.length),
        60000,
      );
    },
    STORM_TIMEOUT_MS,
  );
});
