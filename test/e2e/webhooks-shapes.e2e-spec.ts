import type { Tool } from '@rapport/connectors';
import type { KpiKey, ScorecardView } from '@rapport/contracts';
import { PrismaService } from '@rapport/db';
import { randomUUID } from 'node:crypto';
import { EventFactory, STANDARD_SLA } from '../support/fixtures';
import { RapportHarness } from '../support/rapport-harness';
import { eventually, sendWebhook } from '../support/webhook-client';
import { documentedFixtures, Shape, SHAPES } from '../../libs/connectors/src/webhook-fixtures';

type Json = Record<string, unknown>;
/**
 * What each shape's fixtures store (type, ticket, time; copies with the same id count once) and
 * how many tickets each KPI then samples; worked out by hand in the fixtures' notes. (With fewer
 * than three samples a KPI has no value yet, so the stored events carry the check.)
 */
const EXPECTED: Record<Shape, { events: string[]; samples: Partial<Record<KpiKey, number>> }> = {
  display: {
    events: [
      'ticket.opened INC0020001 2026-11-20T17:15:00.000Z', // 09:15 in Los Angeles (PST, UTC-8)
      'ticket.responded INC0020001 2026-11-20T17:25:00.000Z',
      'ticket.opened INC0020002 2026-11-20T18:00:00.000Z',
      'ticket.resolved INC0020001 2026-11-20T19:15:00.000Z',
      'ticket.responded INC0020002 2026-11-21T04:30:00.000Z',
      'ticket.resolved INC0020002 2026-11-21T04:30:00.000Z',
    ],
    samples: { firstResponseCompliance: 2, resolutionCompliance: 2, medianFirstResponseMinutes: 2 },
  },
  list: {
    events: [
      'ticket.opened INC0000002 2026-11-02T08:00:00.000Z',
      'ticket.opened INC0000003 2026-11-02T09:00:00.000Z',
      'ticket.responded INC0000003 2026-11-02T09:30:00.000Z',
      'ticket.responded INC0000002 2026-11-02T10:00:00.000Z',
      'ticket.resolved INC0000002 2026-11-02T10:00:00.000Z',
    ],
    samples: { firstResponseCompliance: 2, resolutionCompliance: 1, medianFirstResponseMinutes: 2 },
  },
  'business-rule': {
    events: [
      'ticket.opened INC0030001 2026-11-05T08:00:00.000Z',
      'ticket.responded INC0030001 2026-11-05T08:40:00.000Z',
      'ticket.resolved INC0030001 2026-11-05T11:00:00.000Z',
      'ticket.reopened INC0030001 2026-11-05T12:00:00.000Z',
      'ticket.resolved INC0030001 2026-11-05T13:00:00.000Z',
    ],
    samples: { firstResponseCompliance: 1, resolutionCompliance: 1, reopenRate: 1 },
  },
  trigger: {
    events: [
      'ticket.opened ZD-41001 2026-11-10T09:00:00.000Z', // the requester's own description is no response
      'ticket.reopened ZD-41001 2026-11-10T09:10:00.000Z', // before any resolution: the SLA fold ignores it
      'ticket.responded ZD-41001 2026-11-10T09:10:00.000Z',
      'ticket.opened ZD-41002 2026-11-10T10:00:00.000Z',
      'ticket.resolved ZD-41001 2026-11-10T12:00:00.000Z',
      'ticket.reopened ZD-41001 2026-11-10T13:00:00.000Z',
      'ticket.resolved ZD-41001 2026-11-10T14:00:00.000Z',
      'ticket.responded ZD-41001 2026-11-10T14:00:00.000Z',
      'ticket.reopened ZD-41002 2026-11-10T15:00:00.000Z',
      'ticket.responded ZD-41002 2026-11-10T15:00:00.000Z',
    ],
    samples: { firstResponseCompliance: 2, resolutionCompliance: 1, reopenRate: 1, medianFirstResponseMinutes: 2 },
  },
};

/** The shapes moved to sources of this run, so that reruns against one database never mix. */
function rebase(tool: Tool, body: Json, run: string): Json {
  const b = structuredClone(body);
  const text = JSON.stringify(b);
  if (tool === 'zendesk') return JSON.parse(text.replaceAll('"360002"', `"z${run}"`)) as Json;
  return JSON.parse(
    text
      .replaceAll('"Service Desk"', `"Service Desk ${run}"`)
      .replaceAll('8a5055c9c61122780043563ef53438e3', `hw${run}`)
      .replaceAll('"Field Services"', `"Field Services ${run}"`),
  ) as Json;
}
const sourceKey = (tool: Tool, key: string, run: string) =>
  tool === 'zendesk' ? `group:z${run}` : key === '8a5055c9c61122780043563ef53438e3' ? `hw${run}` : `${key} ${run}`;

describe('the shapes ServiceNow and Zendesk really send, end to end', () => {
  let rapport: RapportHarness;
  let token: string;
  let prisma: PrismaService;
  let vendorId: string;
  const run = randomUUID().slice(0, 8);
  const secrets = {} as Record<'servicenow' | 'zendesk', string>;
  const contracts = {} as Record<Shape | 'replay', string>;
  const admin = <T>(method: string, path: string, body?: unknown) => rapport.request<T>(method, path, { token, body });
  const scorecard = async (contractId: string, at: string) =>
    (await admin<ScorecardView>('GET', `/api/v1/scorecards/${contractId}?window=30d&at=${encodeURIComponent(at)}`)).body;

  beforeAll(async () => {
    rapport = await RapportHarness.start();
    prisma = rapport.api.get(PrismaService);
    token = await rapport.adminToken();
    vendorId = (await admin<{ id: string }>('POST', '/api/v1/vendors', { name: `Shapes Services ${run}` })).body.id;
    for (const name of [...SHAPES.map((s) => s.shape), 'replay'] as const) {
      const created = await admin<{ id: string }>('POST', '/api/v1/contracts', {
        vendorId,
        name: `${name} ${run}`,
        serviceType: 'it_support',
        startsAt: '2026-01-01T00:00:00Z',
        sla: STANDARD_SLA,
      });
      expect(created.status).toBe(201);
      contracts[name] = created.body.id;
    }
    for (const tool of ['servicenow', 'zendesk'] as const) {
      secrets[tool] = (await admin<{ secret: string }>('POST', '/api/v1/connectors/secrets', { tool, label: `shapes ${run}` })).body.secret;
    }
    for (const { tool, shape } of SHAPES) {
      const externalKey = sourceKey(tool, documentedFixtures(tool, shape).sourceKey, run);
      expect((await admin('POST', '/api/v1/connectors/sources', { tool, externalKey, contractId: contracts[shape] })).status).toBe(201);
    }
  });

  afterAll(async () => {
    await rapport?.stop();
  });

  it.each(SHAPES.map((s) => [s.tool, s.shape] as const))(
    '%s %s: the fixtures flow into the right KPIs, and again count once',
    async (tool, shape) => {
      const f = documentedFixtures(tool, shape);
      let accepted = 0;
      for (const d of f.deliveries) {
        const answer = await sendWebhook(rapport, tool, secrets[tool], { headers: d.headers, body: rebase(tool, d.body, run) });
        expect({ note: d.note, status: answer.status, quarantined: answer.body.quarantined }).toEqual({
          note: d.note,
          status: 202,
          quarantined: undefined,
        });
        accepted += answer.body.accepted;
      }
      const { events, samples } = EXPECTED[shape];
      const storedEvents = async () =>
        (await prisma.storedEvent.findMany({ where: { contractId: contracts[shape] }, orderBy: [{ time: 'asc' }, { type: 'asc' }] })).map(
          (e) => `${e.type} ${e.subjectId.replace(/^ticket:/, '')} ${e.time.toISOString()}`,
        );
      await eventually(storedEvents, (stored) => expect(stored.sort()).toEqual([...events].sort()));
      const card = await eventually(
        () => scorecard(contracts[shape], f.evaluateAt),
        (s) => {
          for (const [key, n] of Object.entries(samples))
            expect({ key, samples: s.kpis[key as KpiKey].samples }).toEqual({ key, samples: n });
        },
      );
      console.log(`${tool} ${shape}: ${f.deliveries.length} deliveries → ${accepted} events accepted`);
      const stored = await prisma.storedEvent.count({ where: { contractId: contracts[shape] } });
      for (const d of f.deliveries)
        expect((await sendWebhook(rapport, tool, secrets[tool], { headers: d.headers, body: rebase(tool, d.body, run) })).status).toBe(202);
      // Nothing new is stored (a marker sent after the copies arrives alone), and the scorecard is the same.
      const marker = new EventFactory(contracts[shape], `test://marker/${run}`).event(
        'feedback.submitted',
        Date.parse(f.evaluateAt) - 60_000,
        {
          feedbackId: `m-${shape}`,
          nps: 9,
        },
      );
      expect((await rapport.ingest([marker])).status).toBe(202);
      await eventually(
        () => prisma.storedEvent.count({ where: { contractId: contracts[shape] } }),
        (n) => expect(n).toBe(stored + 1),
      );
      const again = await scorecard(contracts[shape], f.evaluateAt);
      for (const key of Object.keys(samples)) expect(again.kpis[key as KpiKey]).toEqual(card.kpis[key as KpiKey]);
      expect((await storedEvents()).filter((e) => !e.startsWith('feedback')).sort()).toEqual([...events].sort());
    },
  );

  it('quarantines a display-value record with no time zone, with the reason, and replays it once the mapping rule has one', async () => {
    const [first] = documentedFixtures('servicenow', 'display').deliveries;
    const group = `Night Desk ${run}`;
    const record = { ...(first.body.result as Json), sys_id: `night${run}`, number: `INC9${run}`, assignment_group: group };
    const answer = await sendWebhook(rapport, 'servicenow', secrets.servicenow, { headers: {}, body: { result: record } });
    expect(answer).toMatchObject({ status: 202, body: { accepted: 0, quarantined: 1 } });
    const entry = await prisma.quarantinedEvent.findFirstOrThrow({ where: { eventId: `night${run}` } });
    expect(entry).toMatchObject({ origin: 'webhook', tool: 'servicenow', source: 'servicenow:incident' });
    expect(entry.reason).toMatch(
      /^unreadable servicenow delivery: opened_at "2026-11-20 09:15:00" is a display value .*X-ServiceNow-Time-Zone/,
    );
    const replay = () => admin<{ accepted: number }>('POST', `/api/v1/quarantine/${entry.id.toString()}/replay`);
    expect((await replay()).status).toBe(409);
    const refused = await admin('POST', '/api/v1/connectors/sources', {
      tool: 'servicenow',
      externalKey: group,
      contractId: contracts.replay,
      timeZone: 'Pacific Time',
    });
    expect(refused.status).toBe(400);
    const rule = await admin('POST', '/api/v1/connectors/sources', {
      tool: 'servicenow',
      externalKey: group,
      contractId: contracts.replay,
      timeZone: 'America/Los_Angeles',
    });
    expect(rule).toMatchObject({ status: 201, body: { timeZone: 'America/Los_Angeles' } });
    expect(await replay()).toMatchObject({ status: 200, body: { accepted: 1 } });
    const stored = await eventually(
      () => prisma.storedEvent.findFirst({ where: { contractId: contracts.replay, id: `night${run}-opened` } }),
      (e) => expect(e).not.toBeNull(),
    );
    // 09:15 in Los Angeles on 2026-11-20 (PST, UTC-8) is 17:15 UTC.
    expect(stored!.time.toISOString()).toBe('2026-11-20T17:15:00.000Z');
  });

  it('quarantines an unknown state label instead of ignoring the ticket, and refuses a list with a broken record before sending any', async () => {
    const [first] = documentedFixtures('servicenow', 'display').deliveries;
    const record = { ...(rebase('servicenow', first.body, run).result as Json), sys_id: `odd${run}`, state: 'Awaiting Vendor' };
    const answer = await sendWebhook(rapport, 'servicenow', secrets.servicenow, { headers: first.headers, body: { result: record } });
    expect(answer).toMatchObject({ status: 202, body: { accepted: 0, quarantined: 1 } });
    const entry = await prisma.quarantinedEvent.findFirstOrThrow({ where: { eventId: `odd${run}` } });
    expect(entry.reason).toBe(
      'unreadable servicenow delivery: state "Awaiting Vendor" is not a state label Rapport knows for incident records',
    );

    const list = rebase('servicenow', documentedFixtures('servicenow', 'list').deliveries[0].body, run);
    const records = list.result as Json[];
    const before = await prisma.storedEvent.count({ where: { contractId: contracts.list } });
    const broken = {
      result: [
        { ...records[0], sys_id: `new${run}` },
        { ...records[1], opened_at: ['not', 'a', 'time'] },
      ],
    };
    const refused = await sendWebhook(rapport, 'servicenow', secrets.servicenow, { headers: {}, body: broken });
    expect(refused).toMatchObject({ status: 400, body: { errors: [expect.stringMatching(/^result\.1\.opened_at/)] } });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await prisma.storedEvent.count({ where: { contractId: contracts.list } })).toBe(before);
  });
});
