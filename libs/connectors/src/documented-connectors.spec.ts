import { documentedFixtures, summarize } from './webhook-fixtures';
import { parseDelivery } from './parse-delivery';

/** Jira, Zendesk and ServiceNow on fixtures built from their public documentation. */
describe('connectors on documented payloads', () => {
  it('Jira: issues, status transitions and comments', () => {
    const fixtures = documentedFixtures('jira');
    const results = fixtures.deliveries.map((d) => parseDelivery('jira', d));
    expect(results.map(summarize)).toEqual([
      ['ticket.opened OPS-1 2024-03-04T09:00:00.000Z priority=P2'],
      ['ticket.responded OPS-1 2024-03-04T09:30:00.000Z [vendor: 5b10ac8d82e05b22cc7d4ef5]'],
      ['ticket.responded OPS-1 2024-03-04T09:45:00.000Z [vendor: 5b10ac8d82e05b22cc7d4ef5]'],
      ['ticket.resolved OPS-1 2024-03-04T14:00:00.000Z'],
      ['ticket.reopened OPS-1 2024-03-04T15:00:00.000Z'],
      ['ticket.resolved OPS-1 2024-03-04T16:00:00.000Z'],
      ['ticket.opened OPS-2 2024-03-04T10:00:00.000Z priority=P1'],
      ['ticket.responded OPS-2 2024-03-04T10:05:00.000Z [vendor: 557058:c9ebf848-dfac-4c49-9408-dc34bd0e2d85]'],
      'ignored: internal comments are not responses',
      ['ticket.responded OPS-2 2024-03-04T10:40:00.000Z [vendor: 5b10ac8d82e05b22cc7d4ef5]'],
      ['ticket.opened OPS-3 2024-03-04T11:00:00.000Z priority=P4'],
      ['ticket.responded OPS-3 2024-03-04T11:10:00.000Z [vendor: 5b10ac8d82e05b22cc7d4ef5]'],
      ['ticket.resolved OPS-3 2024-03-04T12:00:00.000Z'],
    ]);
    expect(results[0]).toMatchObject({ source: 'jira:acme-vendor.atlassian.net/OPS', sourceKeys: ['OPS'] });
    expect(parseDelivery('jira', { headers: {}, body: { webhookEvent: 'jira:issue_deleted' } })).toMatchObject({ kind: 'ignored' });
    expect(
      parseDelivery('jira', { headers: {}, body: { webhookEvent: 'jira:issue_created', timestamp: 1, issue: { id: 1 } } }),
    ).toMatchObject({
      kind: 'invalid',
      errors: expect.arrayContaining([expect.stringMatching(/^issue\.key/), expect.stringMatching(/^issue\.fields/)]),
    });
  });

  it('Zendesk: ticket events and satisfaction ratings', () => {
    const fixtures = documentedFixtures('zendesk');
    const results = fixtures.deliveries.map((d) => parseDelivery('zendesk', d));
    expect(results.map(summarize)).toEqual([
      ['ticket.opened ZD-35436 2024-04-17T09:00:00.000Z priority=P2'],
      ['ticket.responded ZD-35436 2024-04-17T09:20:00.000Z'],
      'ignored: private comments are not responses',
      ['ticket.resolved ZD-35436 2024-04-17T12:00:00.000Z'],
      ['ticket.reopened ZD-35436 2024-04-17T13:00:00.000Z'],
      ['ticket.resolved ZD-35436 2024-04-17T14:00:00.000Z'],
      ['ticket.opened ZD-35437 2024-04-17T10:00:00.000Z priority=P1'],
      ['ticket.responded ZD-35437 2024-04-17T10:10:00.000Z [vendor: 7881]'],
      ['ticket.responded ZD-35437 2024-04-17T10:30:00.000Z'],
      ['ticket.opened ZD-35438 2024-04-17T11:00:00.000Z priority=P4'],
      ['ticket.responded ZD-35438 2024-04-17T11:05:00.000Z'],
      ['ticket.resolved ZD-35438 2024-04-17T11:30:00.000Z'],
      'ignored: Zendesk "zen:event-type:ticket.priority_changed" events do not feed any KPI',
      ['feedback.submitted zendesk-rating-62 2024-04-17T15:00:00.000Z csat=5'],
      ['feedback.submitted zendesk-rating-63 2024-04-17T15:10:00.000Z csat=1'],
      ['feedback.submitted zendesk-rating-64 2024-04-17T15:20:00.000Z csat=5'],
    ]);
    expect(results[0]).toMatchObject({ source: 'zendesk:12514403', sourceKeys: ['group:360001', 'organization:8447346622974'] });
    expect(results[13]).toMatchObject({ source: 'zendesk:acme.zendesk.com', sourceKeys: ['group:360001'] });
    const offered = { satisfaction_rating: { id: 1, ticket_id: 2, score: 'offered', created_at: '2024-01-01T00:00:00Z' } };
    expect(parseDelivery('zendesk', { headers: {}, body: offered })).toMatchObject({ kind: 'ignored' });
    const numeric = { satisfaction_rating: { id: 1, ticket_id: 2, score: 4, created_at: '2024-01-01T00:00:00Z' } };
    expect(summarize(parseDelivery('zendesk', { headers: {}, body: numeric }))).toEqual([
      'feedback.submitted zendesk-rating-1 2024-01-01T00:00:00.000Z csat=4',
    ]);
    const broken = { ...fixtures.deliveries[3].body, event: { current: 5 } };
    expect(parseDelivery('zendesk', { headers: {}, body: broken })).toMatchObject({
      kind: 'invalid',
      errors: [expect.stringMatching(/^event\.current/)],
    });
  });

  it('ServiceNow: incident and request records', () => {
    const fixtures = documentedFixtures('servicenow');
    const results = fixtures.deliveries.map((d) => parseDelivery('servicenow', d));
    const opened1 = 'ticket.opened INC0010001 2024-05-06T08:00:00.000Z priority=P2';
    expect(results.map(summarize)).toEqual([
      [opened1],
      [opened1, 'ticket.responded INC0010001 2024-05-06T08:30:00.000Z'],
      [opened1, 'ticket.responded INC0010001 2024-05-06T12:00:00.000Z', 'ticket.resolved INC0010001 2024-05-06T12:00:00.000Z'],
      [opened1, 'ticket.responded INC0010001 2024-05-06T13:00:00.000Z', 'ticket.reopened INC0010001 2024-05-06T13:00:00.000Z'],
      [opened1, 'ticket.responded INC0010001 2024-05-06T14:00:00.000Z', 'ticket.resolved INC0010001 2024-05-06T14:00:00.000Z'],
      [opened1, 'ticket.responded INC0010001 2024-05-06T14:00:00.000Z', 'ticket.resolved INC0010001 2024-05-06T14:00:00.000Z'],
      ['ticket.opened INC0010002 2024-05-06T09:00:00.000Z priority=P1'],
      ['ticket.opened INC0010002 2024-05-06T09:00:00.000Z priority=P1', 'ticket.responded INC0010002 2024-05-06T09:45:00.000Z'],
      [
        'ticket.opened INC0010002 2024-05-06T09:00:00.000Z priority=P1',
        'ticket.responded INC0010002 2024-05-06T12:00:00.000Z',
        'ticket.resolved INC0010002 2024-05-06T12:00:00.000Z',
      ],
      ['ticket.opened INC0010003 2024-05-06T10:00:00.000Z priority=P4', 'ticket.responded INC0010003 2024-05-06T10:05:00.000Z'],
      ['ticket.opened REQ0010001 2024-05-06T09:00:00.000Z priority=P3'],
      [
        'ticket.opened REQ0010001 2024-05-06T09:00:00.000Z priority=P3',
        'ticket.responded REQ0010001 2024-05-06T15:00:00.000Z',
        'ticket.resolved REQ0010001 2024-05-06T15:00:00.000Z',
      ],
    ]);
    expect(results[0]).toMatchObject({ source: 'servicenow:incident', sourceKeys: ['Network Ops', '287ebd7da9fe198100f92cc8d1d2154e'] });
    expect(results[10]).toMatchObject({ source: 'servicenow:sc_request' });
    // The second resolution of INC0010001 and its closure a day later are the same event.
    const ids = (i: number) => (results[i].kind === 'events' ? results[i].drafts.map((d) => d.id) : []);
    expect(ids(5)).toEqual(ids(4));
    expect(
      parseDelivery('servicenow', {
        headers: {},
        body: { sys_id: 'x', sys_class_name: 'change_request', opened_at: '2024-01-01 00:00:00' },
      }),
    ).toMatchObject({
      kind: 'ignored',
    });
    // A record that carries a ticket with a time that cannot be read is quarantined (unreadable), not refused.
    expect(parseDelivery('servicenow', { headers: {}, body: { result: { sys_id: 'x', opened_at: 'soon' } } })).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringMatching(/^opened_at "soon"/),
    });
    expect(parseDelivery('servicenow', { headers: {}, body: { result: { sys_id: 'x', opened_at: 5 } } })).toMatchObject({
      kind: 'unreadable',
    });
    expect(parseDelivery('servicenow', { headers: {}, body: { result: { sys_id: 'x', opened_at: [] } } })).toMatchObject({
      kind: 'invalid',
      errors: [expect.stringMatching(/^result\.opened_at/)],
    });
  });
});
