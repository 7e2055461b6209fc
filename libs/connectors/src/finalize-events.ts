import type { CanonicalEvent } from '@rapport/contracts';
import type { EventDraft } from './connector-types';

export interface MappingContext {
  contractId: string;
  /** Is this account (in the tool's own terms) one of the contract's vendor's accounts? */
  isVendorAccount: (account: string) => boolean;
}

export interface Finalized {
  events: CanonicalEvent[];
  /** Why drafts were left out (e.g. a comment by someone who is not the vendor). */
  skipped: string[];
}

/** Drafts + the mapping rule → canonical events; drafts whose actor rule fails are skipped. */
export function finalizeEvents(source: string, drafts: EventDraft[], context: MappingContext): Finalized {
  const events: CanonicalEvent[] = [];
  const skipped: string[] = [];
  for (const { actor, ...draft } of drafts) {
    if (actor && actor.accounts.some((a) => context.isVendorAccount(a)) !== actor.vendor) {
      skipped.push(actor.because);
      continue;
    }
    events.push({ specversion: '1.0', source, contractid: context.contractId, ...draft } as CanonicalEvent);
  }
  return { events, skipped };
}
