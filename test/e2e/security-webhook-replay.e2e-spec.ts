import { signFor } from '@rapport/connectors';
import { PrismaService } from '@rapport/db';
import { RapportHarness } from '../support/rapport-harness';
import { postRaw, sendWebhook, WebhookAnswer } from '../support/webhook-client';
import { documentedFixtures } from '../../libs/connectors/src/webhook-fixtures';

/**
 * Replayed webhook deliveries (issue 14, finding 6): a Zendesk delivery signed more than 5
 * minutes ago is refused, and the same delivery from an unmapped source is quarantined once.
 */
describe('webhook replays', () => {
  let rapport: RapportHarness;
  let secret: string;
  const saved = process.env.LOG_LEVEL;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'error';
    rapport = await RapportHarness.start();
    const admin = await rapport.adminToken();
    const created = await rapport.request<{ secret: string }>('POST', '/api/v1/connectors/secrets', {
      token: admin,
      body: { tool: 'zendesk', label: 'replay test' },
    });
    secret = created.body.secret;
  });

  afterAll(async () => {
    await rapport?.stop();
    process.env.LOG_LEVEL = saved;
  });

  // Other suites map the fixtures' groups: this one's delivery comes from a group and organization no rule names.
  const unmapped = String(Date.now());
  const delivery = () => {
    const { headers, body } = documentedFixtures('zendesk').deliveries[0];
    const detail = { ...(body.detail as object), group_id: `9${unmapped}`, organization_id: `8${unmapped}` };
    return { headers, body: { ...body, detail } };
  };

  it('refuses a validly signed Zendesk delivery whose timestamp is more than 5 minutes old', async () => {
    const { headers, body } = delivery();
    const raw = JSON.stringify(body);
    const stale = new Date(Date.now() - 6 * 60_000).toISOString();
    const old = await postRaw<{ message: string }>(rapport, '/api/v1/webhooks/zendesk', raw, {
      'content-type': 'application/json',
      ...headers,
      ...(await signFor('zendesk', secret, raw, stale)),
    });
    expect(old.status).toBe(401);
    expect(old.body.message).toMatch(/more than 5 minutes/);
    const fresh = await sendWebhook(rapport, 'zendesk', secret, { headers, body });
    expect(fresh.status).toBe(202);
  });

  it('quarantines a repeated delivery once, and says so', async () => {
    const prisma = rapport.api.get(PrismaService);
    const { headers, body } = delivery();
    const count = () => prisma.quarantinedEvent.count({ where: { origin: 'webhook', tool: 'zendesk' } });
    const before = await count();
    const answers: WebhookAnswer[] = [];
    // Re-signed each time with a fresh timestamp, as Zendesk's retries are.
    for (let i = 0; i < 3; i++) answers.push((await sendWebhook(rapport, 'zendesk', secret, { headers, body })).body);
    // The first test may already have quarantined it; either way there is one entry, never more.
    expect(await count()).toBe(Math.max(before, 1));
    expect(answers.slice(1)).toEqual([
      { accepted: 0, ignored: 'this delivery is already quarantined (a repeated delivery)' },
      { accepted: 0, ignored: 'this delivery is already quarantined (a repeated delivery)' },
    ]);
    // A different delivery is a new entry.
    const other = { ...body, id: `${String((body as { id?: unknown }).id ?? 'x')}-other` };
    expect((await sendWebhook(rapport, 'zendesk', secret, { headers, body: other })).body).toMatchObject({ quarantined: 1 });
    expect(await count()).toBe(Math.max(before, 1) + 1);
  });
});
