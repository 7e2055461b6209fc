import { documentedFixtures, summarize } from './webhook-fixtures';
import { parseDeliveries, parseDelivery } from './parse-delivery';
import { ZENDESK_TRIGGER_BODY_TEMPLATE } from './zendesk-trigger.connector';

type Json = Record<string, unknown>;
const results = (tool: 'servicenow' | 'zendesk', shape: 'display' | 'list' | 'business-rule' | 'trigger') =>
  documentedFixtures(tool, shape).deliveries.flatMap((d) => parseDeliveries(tool, d).map((p) => p.result));

/** The other shapes ServiceNow and Zendesk send (fixtures from public sources, see their _source). */
describe('connectors on the shapes tools really send', () => {
  it('ServiceNow display values: labels, "1 - Critical", local times in the header time zone, and value pairs', () => {
    const all = results('servicenow', 'display');
    const opened1 = 'ticket.opened INC0020001 2026-11-20T17:15:00.000Z priority=P1';
    expect(all.map(summarize)).toEqual([
      [opened1],
      [opened1, 'ticket.responded INC0020001 2026-11-20T17:25:00.000Z'],
      [opened1, 'ticket.responded INC0020001 2026-11-20T19:15:00.000Z', 'ticket.resolved INC0020001 2026-11-20T19:15:00.000Z'],
      [
        'ticket.opened INC0020002 2026-11-20T18:00:00.000Z priority=P2',
        'ticket.responded INC0020002 2026-11-21T04:30:00.000Z',
        'ticket.resolved INC0020002 2026-11-21T04:30:00.000Z',
      ],
    ]);
    expect(all[0]).toMatchObject({ source: 'servicenow:incident', sourceKeys: ['Service Desk'] });
    expect(all[3]).toMatchObject({ sourceKeys: ['Service Desk', 'd625dccec0a8016700a222a0f7900d06'] });
  });

  it('ServiceNow display values without a time zone, or with a label Rapport does not know, are unreadable (quarantined), never ignored', () => {
    const [first] = documentedFixtures('servicenow', 'display').deliveries;
    const noZone = parseDelivery('servicenow', { headers: {}, body: first.body });
    expect(noZone).toMatchObject({
      kind: 'unreadable',
      needsTimeZone: true,
      sourceKeys: ['Service Desk'],
      deliveryId: '9d385017c611228701d22104cc95c371',
    });
    // The mapping rule's time zone reads it: the same instant as with the header.
    expect(summarize(parseDelivery('servicenow', { headers: {}, body: first.body }, { timeZone: 'America/Los_Angeles' }))).toEqual([
      'ticket.opened INC0020001 2026-11-20T17:15:00.000Z priority=P1',
    ]);
    // The header wins over the rule.
    expect(summarize(parseDelivery('servicenow', first, { timeZone: 'Europe/Paris' }))).toEqual([
      'ticket.opened INC0020001 2026-11-20T17:15:00.000Z priority=P1',
    ]);
    const record = (first.body as { result: Json }).result;
    const odd = (change: Json, headers = first.headers) =>
      parseDelivery('servicenow', { headers, body: { result: { ...record, ...change } } });
    expect(odd({ state: 'Awaiting Vendor' })).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringMatching(/^state "Awaiting Vendor"/),
    });
    expect(odd({ priority: 'Sehr hoch' })).toMatchObject({ kind: 'unreadable', reason: expect.stringMatching(/^priority "Sehr hoch"/) });
    expect(odd({ sys_class_name: 'Security Incident' })).toMatchObject({ kind: 'unreadable', source: 'servicenow:record' });
    expect(odd({ opened_at: '20.11.2026 09:15' })).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringMatching(/^opened_at "20\.11\.2026 09:15"/),
    });
    expect(odd({}, { 'x-servicenow-time-zone': 'Pacific Time' })).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringMatching(/^X-ServiceNow-Time-Zone: "Pacific Time" is not an IANA time zone/),
    });
    // A class that carries no ticket is still ignored, in either form.
    expect(odd({ sys_class_name: 'Change Request' })).toMatchObject({ kind: 'ignored' });
  });

  it('ServiceNow Table API lists: one delivery per record; an empty list is ignored; errors name the record', () => {
    const { deliveries } = documentedFixtures('servicenow', 'list');
    const parts = parseDeliveries('servicenow', deliveries[0]);
    expect(parts.map((p) => summarize(p.result))).toEqual([
      [
        'ticket.opened INC0000002 2026-11-02T08:00:00.000Z priority=P1',
        'ticket.responded INC0000002 2026-11-02T10:00:00.000Z',
        'ticket.resolved INC0000002 2026-11-02T10:00:00.000Z',
      ],
      ['ticket.opened INC0000003 2026-11-02T09:00:00.000Z priority=P3', 'ticket.responded INC0000003 2026-11-02T09:30:00.000Z'],
    ]);
    // Each part is stored and replayed on its own, in the `{result: record}` shape.
    expect(parts[1].delivery.body).toEqual({ result: (deliveries[0].body.result as Json[])[1] });
    expect(parts.map((p) => (p.result.kind === 'events' ? p.result.sourceKeys : []))).toEqual([
      ['8a5055c9c61122780043563ef53438e3'],
      ['8a5055c9c61122780043563ef53438e3'],
    ]);
    expect(summarize(parseDeliveries('servicenow', deliveries[1])[0].result)).toBe('ignored: an empty ServiceNow list holds no record');
    const broken = { headers: {}, body: { result: [(deliveries[0].body.result as Json[])[0], { sys_id: [] }, 'x'] } };
    expect(parseDeliveries('servicenow', broken).map((p) => p.result)).toEqual([
      expect.objectContaining({ kind: 'events' }),
      { kind: 'invalid', errors: [expect.stringMatching(/^result\.1\.sys_id: /)] },
      { kind: 'invalid', errors: [expect.stringMatching(/^result\.2: /)] },
    ]);
  });

  it('ServiceNow business rules with old_values/new_values: events from state transitions', () => {
    expect(results('servicenow', 'business-rule').map(summarize)).toEqual([
      ['ticket.opened INC0030001 2026-11-05T08:00:00.000Z priority=P2'],
      ['ticket.responded INC0030001 2026-11-05T08:40:00.000Z'],
      ['ticket.responded INC0030001 2026-11-05T11:00:00.000Z', 'ticket.resolved INC0030001 2026-11-05T11:00:00.000Z'],
      'ignored: this update of INC0030001 changes neither its state nor anything else Rapport measures',
      // Back to In Progress restates the first response (same id, counted once) and reopens.
      ['ticket.responded INC0030001 2026-11-05T12:00:00.000Z', 'ticket.reopened INC0030001 2026-11-05T12:00:00.000Z'],
      ['ticket.responded INC0030001 2026-11-05T13:00:00.000Z', 'ticket.resolved INC0030001 2026-11-05T13:00:00.000Z'],
    ]);
    const [insert, update] = documentedFixtures('servicenow', 'business-rule').deliveries;
    expect(parseDelivery('servicenow', insert)).toMatchObject({ source: 'servicenow:incident', sourceKeys: ['Field Services'] });
    const labelled = { ...update.body, old_values: { incident_state: 'Nouveau' } };
    expect(parseDelivery('servicenow', { headers: {}, body: labelled })).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringMatching(/^previous state "Nouveau"/),
    });
    expect(parseDelivery('servicenow', { headers: {}, body: { ...update.body, new_values: 'x' } })).toMatchObject({
      kind: 'invalid',
      errors: [expect.stringMatching(/^new_values/)],
    });
  });

  it('Zendesk trigger bodies (no type): opened, agent responses, solved and reopened', () => {
    const all = results('zendesk', 'trigger');
    expect(all.map(summarize)).toEqual([
      ['ticket.opened ZD-41001 2026-11-10T09:00:00.000Z priority=P1', 'ticket.responded ZD-41001 2026-11-10T09:00:00.000Z [vendor: 9001]'],
      [
        'ticket.opened ZD-41001 2026-11-10T09:00:00.000Z priority=P1',
        'ticket.responded ZD-41001 2026-11-10T09:10:00.000Z',
        'ticket.reopened ZD-41001 2026-11-10T09:10:00.000Z',
      ],
      [
        'ticket.opened ZD-41001 2026-11-10T09:00:00.000Z priority=P1',
        'ticket.responded ZD-41001 2026-11-10T12:00:00.000Z',
        'ticket.resolved ZD-41001 2026-11-10T12:00:00.000Z',
      ],
      [
        'ticket.opened ZD-41001 2026-11-10T09:00:00.000Z priority=P1',
        'ticket.responded ZD-41001 2026-11-10T13:00:00.000Z [vendor: 9001]',
        'ticket.reopened ZD-41001 2026-11-10T13:00:00.000Z',
      ],
      [
        'ticket.opened ZD-41001 2026-11-10T09:00:00.000Z priority=P1',
        'ticket.responded ZD-41001 2026-11-10T14:00:00.000Z',
        'ticket.resolved ZD-41001 2026-11-10T14:00:00.000Z',
      ],
      ['ticket.opened ZD-41002 2026-11-10T10:00:00.000Z priority=P3', 'ticket.responded ZD-41002 2026-11-10T10:00:00.000Z [vendor: 9002]'],
      [
        'ticket.opened ZD-41002 2026-11-10T10:00:00.000Z priority=P3',
        'ticket.responded ZD-41002 2026-11-10T15:00:00.000Z',
        'ticket.reopened ZD-41002 2026-11-10T15:00:00.000Z',
      ],
    ]);
    expect(all[0]).toMatchObject({ source: 'zendesk:acme.zendesk.com', sourceKeys: ['group:360002'] });
    // The same ids as Zendesk events: a ticket seen both ways counts once.
    expect(all[0].kind === 'events' && all[0].drafts.map((d) => d.id)).toEqual(['ticket-41001-created', 'comment-5001']);
  });

  it('Zendesk trigger bodies with a field that cannot be read are unreadable, with the reason', () => {
    const body = documentedFixtures('zendesk', 'trigger').deliveries[1].body as { ticket: Json };
    const odd = (change: Json) => parseDelivery('zendesk', { headers: {}, body: { ...body, ticket: { ...body.ticket, ...change } } });
    expect(odd({ status: 'Gelöst' })).toMatchObject({ kind: 'unreadable', reason: expect.stringMatching(/^ticket\.status "Gelöst"/) });
    expect(odd({ priority: 'Dringend' })).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringMatching(/^ticket\.priority "Dringend"/),
    });
    expect(odd({ created_at: 'November 10, 2026' })).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringMatching(/created_at_with_timestamp/),
    });
    expect(odd({ status: 'On-hold' })).toMatchObject({ kind: 'events' });
    expect(odd({ id: '' })).toMatchObject({ kind: 'invalid', errors: [expect.stringMatching(/^ticket\.id/)] });
    // A body with neither `type` nor `ticket` is still refused.
    expect(parseDelivery('zendesk', { headers: {}, body: { id: 1 } })).toMatchObject({
      kind: 'invalid',
      errors: [expect.stringMatching(/^type/)],
    });
  });

  it('the published Zendesk trigger body template, filled as Zendesk fills it, is accepted', () => {
    const filled = ZENDESK_TRIGGER_BODY_TEMPLATE.replace(
      /\{\{([a-z_.]+)\}\}/g,
      (_, name: string) =>
        ({
          'ticket.id': '7',
          'ticket.url': 'acme.zendesk.com/agent/tickets/7',
          'ticket.status': 'Solved',
          'ticket.priority': 'High',
          'ticket.group.id': '360002',
          'ticket.organization.id': '',
          'ticket.created_at_with_timestamp': '2026-11-10T09:00:00Z',
          'ticket.updated_at_with_timestamp': '2026-11-10T09:30:00Z',
          'current_user.id': '7001',
          'current_user.role': 'Agent',
          'ticket.latest_public_comment.id': '',
          'ticket.latest_public_comment.author.id': '',
        })[name] ?? `unknown placeholder ${name}`,
    );
    expect(filled).not.toMatch(/unknown placeholder/);
    expect(summarize(parseDelivery('zendesk', { headers: {}, body: JSON.parse(filled) as Json }))).toEqual([
      'ticket.opened ZD-7 2026-11-10T09:00:00.000Z priority=P2',
      'ticket.resolved ZD-7 2026-11-10T09:30:00.000Z',
    ]);
  });
});
