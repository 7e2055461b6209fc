import type { ContractRow, TicketProjection } from '@rapport/db';
import { SlidingTicketKpis, type TicketKpis } from '@rapport/kpi';
import { lastEventAt, outcomesAt, termsOf } from './contract-facts';

/**
 * One contract's ticket KPIs of one window as of now, kept up to date from its ticket projections
 * as they change (`SlidingTicketKpis`): scoring a busy contract after every batch costs the
 * tickets that batch changed, not all of the window's. A ticket goes in with the outcomes of all
 * its events; one with an event still ahead (clock skew between tools) waits aside until then.
 * `kpisAt` answers null whenever it cannot be exact (an instant before some ticket's last event,
 * or a ticket still waiting): the caller then computes from the projections, as for any window.
 */
export class LiveTicketWindow {
  /** The contract terms the outcomes were decided under: other terms need a new window. */
  readonly terms: string;
  private readonly sliding: SlidingTicketKpis;
  private readonly waiting = new Map<string, TicketProjection>();
  /** The latest last event of any ticket put in: instants before it may see outcomes from later events. */
  private settledAt = -Infinity;

  constructor(
    private readonly contract: ContractRow,
    windowDays: number,
  ) {
    this.terms = termsOf(contract);
    this.sliding = new SlidingTicketKpis(windowDays);
  }

  /** A ticket as stored now (a new version replaces the old). */
  put(ticket: TicketProjection, now = Date.now()): void {
    const last = lastEventAt(this.contract, ticket);
    if (last > now) {
      this.waiting.set(ticket.ticketId, ticket);
      this.sliding.set(ticket.ticketId, null);
      return;
    }
    this.waiting.delete(ticket.ticketId);
    this.settledAt = Math.max(this.settledAt, last);
    this.sliding.set(ticket.ticketId, outcomesAt(this.contract, ticket, new Date(last)));
  }

  kpisAt(at: Date): TicketKpis | null {
    for (const ticket of [...this.waiting.values()]) this.put(ticket, at.getTime());
    if (this.waiting.size || at.getTime() < this.settledAt) return null;
    return this.sliding.kpisAt(at);
  }
}
