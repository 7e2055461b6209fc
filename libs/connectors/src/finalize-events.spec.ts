import { validateCanonicalEvent } from '@rapport/contracts';
import type { EventDraft } from './connector-types';
import { finalizeEvents } from './finalize-events';

const CONTRACT = '5f0c7a3e-1111-4222-8333-444455556666';
const opened: EventDraft = { type: 'ticket.opened', id: 'a', time: '2024-01-01T00:00:00.000Z', data: { ticketId: 'T1', priority: 'P2' } };
const byVendor: EventDraft = {
  type: 'ticket.responded',
  id: 'b',
  time: '2024-01-01T00:10:00.000Z',
  data: { ticketId: 'T1' },
  actor: { accounts: ['alice'], vendor: true, because: 'alice is not the vendor' },
};
const notByVendor: EventDraft = {
  type: 'deliverable.accepted',
  id: 'c',
  time: '2024-01-01T00:20:00.000Z',
  data: { deliverableId: 'D1' },
  actor: { accounts: ['bob'], vendor: false, because: 'bob is the vendor' },
};

describe('finalizeEvents', () => {
  it('makes valid canonical events with the source and the contract of the mapping rule', () => {
    const { events, skipped } = finalizeEvents('github:o/r', [opened], { contractId: CONTRACT, isVendorAccount: () => false });
    expect(skipped).toEqual([]);
    expect(events).toEqual([{ specversion: '1.0', source: 'github:o/r', contractid: CONTRACT, ...opened }]);
    expect(validateCanonicalEvent(events[0]).ok).toBe(true);
  });

  it('keeps a vendor-only event when the actor is a vendor account, and skips it otherwise', () => {
    const vendor = finalizeEvents('s', [byVendor], { contractId: CONTRACT, isVendorAccount: (a) => a === 'alice' });
    expect(vendor.events.map((e) => e.id)).toEqual(['b']);
    expect(vendor.events[0]).not.toHaveProperty('actor');
    const client = finalizeEvents('s', [byVendor], { contractId: CONTRACT, isVendorAccount: () => false });
    expect(client).toEqual({ events: [], skipped: ['alice is not the vendor'] });
  });

  it('skips a client-only event (a review) made by a vendor account', () => {
    expect(finalizeEvents('s', [notByVendor], { contractId: CONTRACT, isVendorAccount: (a) => a === 'bob' }).skipped).toEqual([
      'bob is the vendor',
    ]);
    expect(finalizeEvents('s', [notByVendor], { contractId: CONTRACT, isVendorAccount: () => false }).events).toHaveLength(1);
  });
});
