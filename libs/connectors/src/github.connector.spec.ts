import examples from '@octokit/webhooks-examples';
import { githubFixtures, summarize } from './webhook-fixtures';
import { parseDelivery } from './parse-delivery';

const parse = (event: string, body: unknown) =>
  parseDelivery('github', { headers: { 'x-github-event': event, 'x-github-delivery': 'd-1' }, body });

describe('GitHub connector', () => {
  it('turns the scenario built from @octokit/webhooks-examples into the expected drafts', () => {
    const results = githubFixtures().deliveries.map((d) => summarize(parseDelivery('github', d)));
    expect(results).toEqual([
      ['ticket.opened Codertocat/Hello-World#1 2019-05-15T15:20:18.000Z priority=P3'],
      ['ticket.responded Codertocat/Hello-World#1 2019-05-15T15:20:21.000Z [vendor: codertocat]'],
      ['ticket.resolved Codertocat/Hello-World#1 2019-05-15T18:00:00.000Z'],
      ['ticket.reopened Codertocat/Hello-World#1 2019-05-15T19:00:00.000Z'],
      ['ticket.resolved Codertocat/Hello-World#1 2019-05-15T20:00:00.000Z'],
      ['ticket.opened Codertocat/Hello-World#4 2019-05-15T16:00:00.000Z priority=P1'],
      ['ticket.responded Codertocat/Hello-World#4 2019-05-15T16:05:00.000Z [vendor: octo-client]'],
      ['ticket.responded Codertocat/Hello-World#4 2019-05-15T16:30:00.000Z [vendor: codertocat]'],
      ['ticket.opened Codertocat/Hello-World#5 2019-05-15T17:00:00.000Z priority=P2'],
      ['ticket.responded Codertocat/Hello-World#5 2019-05-15T17:10:00.000Z [vendor: codertocat]'],
      ['deliverable.submitted Codertocat/Hello-World#2 2019-05-15T15:20:33.000Z'],
      [
        'deliverable.planned Codertocat/Hello-World#6 2019-05-15T15:30:00.000Z dueAt=2019-05-23T07:00:00.000Z',
        'deliverable.submitted Codertocat/Hello-World#6 2019-05-15T15:30:00.000Z',
      ],
      ['deliverable.planned Codertocat/Hello-World#7 2019-05-15T09:00:00.000Z dueAt=2019-05-15T12:00:00.000Z'],
      ['deliverable.submitted Codertocat/Hello-World#7 2019-05-15T13:00:00.000Z'],
      [
        'deliverable.planned Codertocat/Hello-World#8 2019-05-15T15:40:00.000Z dueAt=2019-05-23T07:00:00.000Z',
        'deliverable.submitted Codertocat/Hello-World#8 2019-05-15T15:40:00.000Z',
      ],
      'ignored: a "commented" review is neither an approval nor a request for changes',
      ['deliverable.accepted Codertocat/Hello-World#2 2019-05-15T21:00:00.000Z [client: octo-client]'],
      ['deliverable.rejected Codertocat/Hello-World#6 2019-05-15T21:10:00.000Z [client: octo-client]'],
      ['deliverable.accepted Codertocat/Hello-World#6 2019-05-15T22:00:00.000Z [client: octo-client]'],
      ['deliverable.accepted Codertocat/Hello-World#8 2019-05-15T21:20:00.000Z [client: octo-client]'],
      ['deliverable.accepted Codertocat/Hello-World#7 2019-05-15T21:30:00.000Z [client: codertocat]'],
      'ignored: GitHub "star" events do not feed any KPI',
      'ignored: ping: the webhook is set up',
    ]);
  });

  it('names the source and the mapping key after the repository, and keys ids on GitHub ids', () => {
    const issue = examples.find((d) => d.name === 'issues')!.examples.find((e) => (e as { action?: string }).action === 'opened');
    const result = parse('issues', issue);
    expect(result).toMatchObject({
      kind: 'events',
      source: 'github:Codertocat/Hello-World',
      sourceKeys: ['codertocat/hello-world'],
      deliveryId: 'd-1',
    });
    expect(result.kind === 'events' && result.drafts[0].id).toBe('issue-444500041-opened');
    // A redelivery of the same payload gives the same ids (the pipeline dedupes on source + id).
    expect(parse('issues', issue)).toEqual(result);
  });

  it('acknowledges every published example of the handled events without an error', () => {
    for (const name of ['issues', 'issue_comment', 'pull_request', 'pull_request_review']) {
      for (const body of examples.find((d) => d.name === name)!.examples) {
        expect(parse(name, body).kind).not.toBe('invalid');
      }
    }
  });

  it('ignores actions and events that feed no KPI', () => {
    const labeled = examples.find((d) => d.name === 'issues')!.examples.find((e) => (e as { action?: string }).action === 'labeled');
    expect(parse('issues', labeled)).toEqual({ kind: 'ignored', reason: 'GitHub issues.labeled does not feed any KPI' });
    expect(parse('workflow_run', {})).toMatchObject({ kind: 'ignored' });
    const onPr = structuredClone(examples.find((d) => d.name === 'issue_comment')!.examples[0]) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    onPr.issue.pull_request = { url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1' };
    expect(parse('issue_comment', onPr)).toEqual({ kind: 'ignored', reason: 'comments on pull requests do not feed any KPI' });
  });

  it('names what is missing or mistyped', () => {
    expect(parseDelivery('github', { headers: {}, body: {} })).toEqual({ kind: 'invalid', errors: ['X-GitHub-Event header is missing'] });
    expect(parse('issues', { action: 7 })).toMatchObject({ kind: 'invalid', errors: [expect.stringMatching(/^action:/)] });
    const result = parse('issues', { action: 'opened', issue: { id: 1, number: 'one' }, repository: {} });
    expect(result.kind).toBe('invalid');
    const errors = result.kind === 'invalid' ? result.errors.join('\n') : '';
    expect(errors).toMatch(/issue\.number/);
    expect(errors).toMatch(/issue\.created_at/);
    expect(errors).toMatch(/repository\.full_name/);
    expect(
      parse('issues', {
        action: 'opened',
        issue: { id: 1, number: 1, created_at: 'yesterday', updated_at: 'x' },
        repository: { full_name: 'a/b' },
      }),
    ).toMatchObject({
      kind: 'invalid',
      errors: expect.arrayContaining([expect.stringMatching(/issue\.created_at: not a readable timestamp/)]),
    });
  });
});
