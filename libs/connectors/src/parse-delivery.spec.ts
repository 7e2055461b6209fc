import fc from 'fast-check';
import { TOOLS } from './connector-types';
import { parseDeliveries, parseDelivery } from './parse-delivery';
import { documentedFixtures, githubFixtures, SHAPES } from './webhook-fixtures';

const all = () => [
  githubFixtures(),
  documentedFixtures('jira'),
  documentedFixtures('zendesk'),
  documentedFixtures('servicenow'),
  ...SHAPES.map(({ tool, shape }) => documentedFixtures(tool, shape)),
];

describe('parseDelivery', () => {
  it.each(TOOLS)('%s: refuses a body that is not a JSON object', (tool) => {
    for (const body of [null, [], 'text', 42, true]) {
      expect(parseDelivery(tool, { headers: { 'x-github-event': 'issues' }, body })).toEqual({
        kind: 'invalid',
        errors: ['(body): expected a JSON object'],
      });
    }
  });

  it('never throws, whatever JSON arrives', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TOOLS),
        fc.jsonValue(),
        fc.constantFrom('issues', 'issue_comment', 'pull_request', 'pull_request_review'),
        (tool, body, event) => {
          const result = parseDelivery(tool, { headers: { 'x-github-event': event }, body });
          expect(['invalid', 'ignored', 'events', 'unreadable']).toContain(result.kind);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws when any field of a real payload is replaced by another JSON value', () => {
    const fixtures = all();
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.jsonValue(), (f, d, replacement) => {
        const { tool, deliveries } = fixtures[f % fixtures.length];
        const delivery = deliveries[d % deliveries.length];
        const body = structuredClone(delivery.body);
        const paths: [Record<string, unknown>, string][] = [];
        const walk = (node: unknown) => {
          if (!node || typeof node !== 'object') return;
          for (const [k, v] of Object.entries(node)) {
            paths.push([node as Record<string, unknown>, k]);
            walk(v);
          }
        };
        walk(body);
        const [parent, key] = paths[(f + d) % paths.length];
        parent[key] = replacement;
        for (const { result } of parseDeliveries(tool, { headers: delivery.headers, body })) {
          expect(['invalid', 'ignored', 'events', 'unreadable']).toContain(result.kind);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseDelivery and NUL characters', () => {
  it('refuses a payload with U+0000 in a string or a key, naming where', () => {
    const body = { webhookEvent: 'jira:issue_created', issue: { key: 'A\u0000B' } };
    expect(parseDelivery('jira', { headers: {}, body })).toEqual({
      kind: 'invalid',
      errors: [expect.stringMatching(/^issue\.key: contains a NUL/)],
    });
    expect(parseDelivery('jira', { headers: {}, body: { ['x\u0000']: 1 } }).kind).toBe('invalid');
    expect(parseDelivery('jira', { headers: {}, body: { webhookEvent: 'x', title: 'broken \ud800 pair' } })).toMatchObject({
      kind: 'invalid',
      errors: [expect.stringMatching(/^title: .*lone surrogate/)],
    });
    expect(parseDelivery('jira', { headers: {}, body: { webhookEvent: 'x', title: 'fine 🔥' } }).kind).toBe('ignored');
  });
});

describe('parseDelivery and deep nesting', () => {
  it('refuses bodies nested deeper than any tool sends, without recursing', () => {
    let body: unknown = 'leaf';
    for (let i = 0; i < 200_000; i++) body = [body];
    expect(parseDelivery('servicenow', { headers: {}, body: { result: body } })).toEqual({
      kind: 'invalid',
      errors: [expect.stringMatching(/nested deeper than 64 levels/)],
    });
  });
});
