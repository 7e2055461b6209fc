import { validateCanonicalEvent } from './canonical-event';

const valid = {
  specversion: '1.0',
  id: 'evt-1',
  source: 'jira:acme/OPS',
  type: 'ticket.opened',
  time: '2026-11-02T09:30:00+01:00',
  contractid: '0b8f6a2c-5d3e-4f1a-9c7b-2e4d6f8a0b1c',
  data: { ticketId: 'OPS-1', priority: 'P2', title: 'Printer' },
};

describe('validateCanonicalEvent', () => {
  it('accepts a docs/product.md event and keeps its fields', () => {
    const result = validateCanonicalEvent(valid);
    expect(result).toEqual({ ok: true, event: valid });
  });

  it.each([
    ['a missing id', { ...valid, id: undefined }, /^id: /],
    ['an unknown type', { ...valid, type: 'ticket.closed' }, /^type: /],
    ['a time without offset', { ...valid, time: '2026-11-02T09:30:00' }, /^time: /],
    ['a time in year 9999', { ...valid, time: '9999-12-31T23:59:59Z' }, /^time: must lie between 2000-01-01 and one day from now/],
    ['a time before 2000', { ...valid, time: '1999-12-31T23:59:59Z' }, /^time: must lie between/],
    ['a time two days ahead', { ...valid, time: new Date(Date.now() + 2 * 86_400_000).toISOString() }, /^time: must lie between/],
    [
      'a due date in year 9999',
      { ...valid, type: 'deliverable.planned', data: { deliverableId: 'D1', dueAt: '9999-01-01T00:00:00Z' } },
      /^data\.dueAt: must lie between 2000-01-01 and 2099-12-31/,
    ],
    ['a contract id that is not a UUID', { ...valid, contractid: 'ops' }, /^contractid: /],
    ['another spec version', { ...valid, specversion: '0.3' }, /^specversion: /],
    ['a wrong priority', { ...valid, data: { ticketId: 'OPS-1', priority: 'P9' } }, /^data\.priority: /],
    ['data of the wrong type', { ...valid, data: 'OPS-1' }, /^data: /],
    ['a blank ticket id', { ...valid, data: { ticketId: ' ', priority: 'P1' } }, /^data\.ticketId: /],
  ])('names the problem with %s', (_case, input, expected) => {
    const result = validateCanonicalEvent(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.some((e) => expected.test(e))).toBe(true);
  });

  it('lower-cases the contract id, so one contract is one key however a tool spells it', () => {
    const result = validateCanonicalEvent({ ...valid, contractid: valid.contractid.toUpperCase() });
    expect(result.ok && result.event.contractid).toBe(valid.contractid);
  });

  it('accepts a time within the allowed clock skew', () => {
    expect(validateCanonicalEvent({ ...valid, time: new Date(Date.now() + 3_600_000).toISOString() }).ok).toBe(true);
  });

  it('needs csat or nps on feedback, each in range', () => {
    const feedback = (data: object) =>
      validateCanonicalEvent({ ...valid, type: 'feedback.submitted', data: { feedbackId: 'F1', ...data } });
    expect(feedback({}).ok).toBe(false);
    expect(feedback({ csat: 6 }).ok).toBe(false);
    expect(feedback({ nps: 11 }).ok).toBe(false);
    expect(feedback({ csat: 5 }).ok).toBe(true);
    expect(feedback({ nps: 0 }).ok).toBe(true);
  });

  it('refuses what is not an object at all', () => {
    for (const input of [null, 42, 'event', [valid]]) expect(validateCanonicalEvent(input).ok).toBe(false);
  });
});
