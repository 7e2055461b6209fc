import type { Tool } from '@rapport/connectors';
import type { KpiKey, ScorecardView } from '@rapport/contracts';
import { PrismaService } from '@rapport/db';
import { randomUUID } from 'node:crypto';
import { EventFactory, STANDARD_SLA } from '../support/fixtures';
import { RapportHarness } from '../support/rapport-harness';
import { eventually, postRaw, sendWebhook } from '../support/webhook-client';
import { documentedFixtures, githubFixtures, ToolFixtures } from '../../libs/connectors/src/webhook-fixtures';

/** What each tool's fixtures must do to its contract's scorecard (worked out in the fixtures' notes). */
const EXPECTED: Record<Tool, Partial<Record<KpiKey, { samples: number; value: number | null }>>> = {
  github: {
    firstResponseCompliance: { samples: 3, value: 2 / 3 }, // #1 met, #4 breached, #5 met
    resolutionCompliance: { samples: 2, value: null }, // #1 met, #4 breached at its deadline; #5 not due yet
    reopenRate: { samples: 1, value: null },
    medianFirstResponseMinutes: { samples: 3, value: 10 }, // 0.05, 10, 30
    onTimeDelivery: { samples: 3, value: 2 / 3 }, // #6, #8 on time; #7 late; #2 has no due date
    firstPassAcceptance: { samples: 3, value: 2 / 3 }, // #2, #8 accepted; #6 rejected first; #7's vendor review ignored
  },
  jira: {
    firstResponseCompliance: { samples: 3, value: 2 / 3 },
    resolutionCompliance: { samples: 3, value: 2 / 3 },
    reopenRate: { samples: 2, value: null },
    medianFirstResponseMinutes: { samples: 3, value: 30 }, // 10, 30, 40
  },
  zendesk: {
    firstResponseCompliance: { samples: 3, value: 2 / 3 },
    resolutionCompliance: { samples: 3, value: 2 / 3 },
    reopenRate: { samples: 2, value: null },
    medianFirstResponseMinutes: { samples: 3, value: 20 }, // 5, 20, 30
    csat: { samples: 3, value: 2 / 3 }, // good, bad, good
  },
  servicenow: {
    firstResponseCompliance: { samples: 4, value: 0.5 },
    resolutionCompliance: { samples: 3, value: 1 },
    reopenRate: { samples: 3, value: 1 / 3 },
    medianFirstResponseMinutes: { samples: 4, value: 37.5 }, // 5, 30, 45, 360
  },
};

/** Vendor accounts of the fixtures' vendor: its GitHub login and its Jira account. */
const VENDOR_ACCOUNTS: [Tool, string][] = [
  ['github', 'Codertocat'],
  ['jira', '5b10ac8d82e05b22cc7d4ef5'],
];

describe('vendor-tool webhooks end to end', () => {
  let rapport: RapportHarness;
  let token: string;
  let prisma: PrismaService;
  let vendorId: string;
  const run = randomUUID().slice(0, 8);
  const secrets = {} as Record<Tool, string>;
  const contracts = {} as Record<Tool | 'replay', string>;
  const fixtures: ToolFixtures[] = [
    githubFixtures(),
    documentedFixtures('jira'),
    documentedFixtures('zendesk'),
    documentedFixtures('servicenow'),
  ];

  const admin = <T>(method: string, path: string, body?: unknown) => rapport.request<T>(method, path, { token, body });
  const scorecard = async (contractId: string, at: string) =>
    (await admin<ScorecardView>('GET', `/api/v1/scorecards/${contractId}?window=30d&at=${encodeURIComponent(at)}`)).body;

  beforeAll(async () => {
    rapport = await RapportHarness.start();
    prisma = rapport.api.get(PrismaService);
    token = await rapport.adminToken();
    vendorId = (await admin<{ id: string }>('POST', '/api/v1/vendors', { name: `Contoso Managed Services ${run}` })).body.id;
    for (const name of ['github', 'jira', 'zendesk', 'servicenow', 'replay'] as const) {
      const created = await admin<{ id: string }>('POST', '/api/v1/contracts', {
        vendorId,
        name: `${name} ${run}`,
        serviceType: 'it_support',
        startsAt: '2019-01-01T00:00:00Z',
        sla: STANDARD_SLA,
      });
      expect(created.status).toBe(201);
      contracts[name] = created.body.id;
    }
    for (const f of fixtures) {
      const secret = await admin<{ secret: string }>('POST', '/api/v1/connectors/secrets', { tool: f.tool, label: 'primary' });
      expect(secret.status).toBe(201);
      secrets[f.tool] = secret.body.secret;
      const rule = await admin('POST', '/api/v1/connectors/sources', {
        tool: f.tool,
        externalKey: f.sourceKey,
        contractId: contracts[f.tool],
      });
      expect(rule.status).toBe(201);
    }
    for (const [tool, account] of VENDOR_ACCOUNTS) {
      expect((await admin('POST', '/api/v1/connectors/vendor-accounts', { tool, account, vendorId })).status).toBe(201);
    }
  });

  afterAll(async () => {
    await rapport?.stop();
  });

  it.each(['github', 'jira', 'zendesk', 'servicenow'] as Tool[])(
    '%s: the fixtures flow through Kafka and the pipeline into the right KPIs',
    async (tool) => {
      const f = fixtures.find((x) => x.tool === tool)!;
      let accepted = 0;
      let ignored = 0;
      for (const delivery of f.deliveries) {
        const answer = await sendWebhook(rapport, tool, secrets[tool], delivery);
        expect({ note: delivery.note, status: answer.status }).toEqual({ note: delivery.note, status: 202 });
        expect(answer.body.quarantined).toBeUndefined();
        accepted += answer.body.accepted;
        if (answer.body.ignored) ignored += 1;
      }
      const expected = EXPECTED[tool];
      const card = await eventually(
        () => scorecard(contracts[tool], f.evaluateAt),
        (s) => {
          for (const [key, kpi] of Object.entries(expected))
            expect({ key, samples: s.kpis[key as KpiKey].samples }).toEqual({ key, samples: kpi.samples });
        },
      );
      for (const [key, kpi] of Object.entries(expected)) {
        const actual = card.kpis[key as KpiKey].value;
        if (kpi.value === null) expect(actual).toBeNull();
        else expect(actual).toBeCloseTo(kpi.value, 3);
      }
      const moved = Object.entries(card.kpis)
        .filter(([, k]) => k.samples > 0)
        .map(([key, k]) => `${key} ${k.value === null ? 'n/a' : Math.round(k.value * 1000) / 1000} (${k.samples} samples)`);
      console.log(
        `${tool}: ${f.deliveries.length} fixtures → ${accepted} events accepted, ${ignored} deliveries ignored; KPIs moved: ${moved.join(', ')}`,
      );
      // Every delivery again: same (source, id), nothing counts twice.
      const stored = await prisma.storedEvent.count({ where: { contractId: contracts[tool] } });
      for (const delivery of f.deliveries) expect((await sendWebhook(rapport, tool, secrets[tool], delivery)).status).toBe(202);
      const marker = new EventFactory(contracts[tool], `test://marker/${run}`).event(
        'feedback.submitted',
        Date.parse(f.evaluateAt) - 60_000,
        { feedbackId: `m-${tool}`, nps: 9 },
      );
      expect((await rapport.ingest([marker])).status).toBe(202);
      await eventually(
        () => prisma.storedEvent.count({ where: { contractId: contracts[tool] } }),
        (n) => expect(n).toBe(stored + 1),
      );
      const again = await scorecard(contracts[tool], f.evaluateAt);
      for (const key of Object.keys(expected)) expect(again.kpis[key as KpiKey]).toEqual(card.kpis[key as KpiKey]);
    },
  );

  it('refuses bad, missing and revoked signatures, and rotates secrets without downtime', async () => {
    for (const f of fixtures) {
      const delivery = f.deliveries[0];
      const forged = await sendWebhook(rapport, f.tool, 'not-the-secret-0123456789', delivery);
      expect(forged).toMatchObject({ status: 401, body: { message: expect.stringMatching(/signature does not match/) } });
      const unsigned = await postRaw(rapport, `/api/v1/webhooks/${f.tool}`, JSON.stringify(delivery.body), {
        'content-type': 'application/json',
        ...delivery.headers,
      });
      expect(unsigned).toMatchObject({ status: 401, body: { message: expect.stringMatching(/missing x-/) } });
    }
    const ping = githubFixtures().deliveries.at(-1)!;
    const second = await admin<{ id: string; secret: string }>('POST', '/api/v1/connectors/secrets', {
      tool: 'github',
      label: 'rotation',
      secret: 'a secret chosen in the tool, 32+ chars',
    });
    expect(second.body.secret).toBe('a secret chosen in the tool, 32+ chars');
    expect((await sendWebhook(rapport, 'github', secrets.github, ping)).status).toBe(202);
    expect((await sendWebhook(rapport, 'github', second.body.secret, ping)).status).toBe(202);
    const listed = await admin<Record<string, unknown>[]>('GET', '/api/v1/connectors/secrets?tool=github');
    expect(listed.body.length).toBeGreaterThanOrEqual(2);
    for (const row of listed.body) {
      expect(row).not.toHaveProperty('secret');
      expect(row).not.toHaveProperty('ciphertext');
    }
    const first = listed.body.find((r) => r.label === 'primary')!;
    const revoked = await admin<{ revokedAt: string | null }>('POST', `/api/v1/connectors/secrets/${String(first.id)}/revoke`);
    expect(revoked).toMatchObject({ status: 200, body: { revokedAt: expect.any(String) } });
    expect((await sendWebhook(rapport, 'github', secrets.github, ping)).status).toBe(401);
    expect((await sendWebhook(rapport, 'github', second.body.secret, ping)).status).toBe(202);
    secrets.github = second.body.secret;
    const stored = await prisma.connectorSecret.findUniqueOrThrow({ where: { id: second.body.id } });
    expect(stored.ciphertext).not.toContain(second.body.secret);
  });

  it('answers bad requests with a 4xx that names the problem', async () => {
    const issue = githubFixtures().deliveries[0];
    const raw = JSON.stringify(issue.body);
    expect((await postRaw(rapport, '/api/v1/webhooks/bitbucket', raw, { 'content-type': 'application/json' })).status).toBe(404);
    const plain = await postRaw(rapport, '/api/v1/webhooks/github', raw, { 'content-type': 'text/plain', ...issue.headers });
    expect(plain.status).toBe(415);
    const broken = await sendWebhook(rapport, 'github', secrets.github, {
      headers: issue.headers,
      body: { action: 'opened', issue: { number: 'one' } },
    });
    expect(broken).toMatchObject({ status: 400, body: { errors: expect.arrayContaining([expect.stringMatching(/^issue\.number/)]) } });
    const noEvent = await sendWebhook(rapport, 'github', secrets.github, { headers: {}, body: issue.body });
    expect(noEvent).toMatchObject({ status: 400, body: { errors: ['X-GitHub-Event header is missing'] } });
    const duplicate = await admin('POST', '/api/v1/connectors/sources', {
      tool: 'github',
      externalKey: 'codertocat/hello-world',
      contractId: contracts.github,
    });
    expect(duplicate.status).toBe(409);
    const noContract = await admin('POST', '/api/v1/connectors/sources', { tool: 'jira', externalKey: 'NOPE', contractId: randomUUID() });
    expect(noContract.status).toBe(400);
    expect(
      (await admin('POST', '/api/v1/connectors/sources', { tool: 'gitlab', externalKey: 'x', contractId: contracts.github })).status,
    ).toBe(400);
    expect((await rapport.request('GET', '/api/v1/connectors/sources')).status).toBe(401);
  });

  it('quarantines deliveries from an unmapped source and replays them once the mapping rule exists, counting them once', async () => {
    const repo = `Acme/Unmapped-${run}`;
    const [opened, comment] = githubFixtures().deliveries;
    const moved = [opened, comment].map((d) => ({
      headers: d.headers,
      body: { ...d.body, repository: { ...(d.body.repository as object), full_name: repo } },
    }));
    const ids: string[] = [];
    for (const delivery of moved) {
      const answer = await sendWebhook(rapport, 'github', secrets.github, delivery);
      expect(answer).toMatchObject({ status: 202, body: { accepted: 0, quarantined: 1 } });
    }
    const listed = await admin<{ items: { id: string; origin: string; tool: string; source: string; reason: string }[] }>(
      'GET',
      '/api/v1/quarantine?origin=webhook&tool=github&limit=500',
    );
    const mine = listed.body.items.filter((q) => q.source === `github:${repo}`);
    expect(mine).toHaveLength(2);
    for (const q of mine) {
      expect(q).toMatchObject({ origin: 'webhook', tool: 'github', reason: `no github mapping rule for source "${repo.toLowerCase()}"` });
      ids.push(q.id);
    }
    expect((await admin('POST', `/api/v1/quarantine/${ids[0]}/replay`)).status).toBe(409);
    expect((await admin('POST', '/api/v1/quarantine/999999999/replay')).status).toBe(404);
    expect((await admin('POST', '/api/v1/quarantine/not-a-number/replay')).status).toBe(404);

    expect(
      (await admin('POST', '/api/v1/connectors/sources', { tool: 'github', externalKey: repo, contractId: contracts.replay })).status,
    ).toBe(201);
    const replay = async () => {
      for (const id of [...ids].reverse()) {
        const answer = await admin<{ accepted: number; replayedAt: string }>('POST', `/api/v1/quarantine/${id}/replay`);
        expect(answer).toMatchObject({ status: 200, body: { accepted: 1, replayedAt: expect.any(String) } });
      }
    };
    await replay();
    const at = '2019-05-16T00:00:00Z';
    await eventually(
      () => scorecard(contracts.replay, at),
      (s) => expect(s.kpis.firstResponseCompliance.samples).toBe(1),
    );
    // Replaying again sends the same (source, id): the pipeline ignores the copies.
    await replay();
    const third = { headers: opened.headers, body: { ...moved[0].body, issue: { ...(opened.body.issue as object), id: 1, number: 99 } } };
    expect((await sendWebhook(rapport, 'github', secrets.github, third)).body).toEqual({ accepted: 1 });
    await eventually(
      () => prisma.storedEvent.count({ where: { contractId: contracts.replay } }),
      (n) => expect(n).toBe(3),
    );
    const card = await scorecard(contracts.replay, at);
    expect(card.kpis.firstResponseCompliance).toMatchObject({ samples: 2 }); // #1 met; #99 breached at its deadline
    const entries = await prisma.quarantinedEvent.findMany({ where: { id: { in: ids.map(BigInt) } } });
    expect(entries.every((e) => e.replayedAt !== null)).toBe(true);
  });

  it('replays a dead-lettered event onto the contract an admin names', async () => {
    const stray = new EventFactory(randomUUID(), `test://stray/${run}`).event('ticket.opened', Date.parse('2019-05-15T10:00:00Z'), {
      ticketId: 'S1',
      priority: 'P4',
    });
    expect((await rapport.ingest([stray])).status).toBe(202);
    const entry = await eventually(
      () => prisma.quarantinedEvent.findFirst({ where: { eventId: stray.id } }),
      (e) => expect(e).not.toBeNull(),
    );
    const before = await prisma.storedEvent.count({ where: { contractId: contracts.replay } });
    const answer = await admin('POST', `/api/v1/quarantine/${entry!.id.toString()}/replay`, { contractid: contracts.replay });
    expect(answer).toMatchObject({ status: 200, body: { accepted: 1 } });
    await eventually(
      () => prisma.storedEvent.count({ where: { contractId: contracts.replay } }),
      (n) => expect(n).toBe(before + 1),
    );
  });
});
