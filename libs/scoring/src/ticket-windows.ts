import type { ContractRow, TicketProjection } from '@rapport/db';
import { SlidingTicketKpis, type TicketKpis } from '@rapport/kpi';
import { lastEventAt, outcomesAt, termsOf } from './contract-facts';

/**
 * One contract's ticket KPIs of every window, kept up to date from its ticket projections as they
 * change (`SlidingTicketKpis`): scoring a busy contract after every batch costs the tickets that
 * batch changed, not all of its 90 days, and the projections themselves need not be kept. A ticket
 * goes in with the outcomes of all its events once its last event has happened; one with an event
 * still ahead (clock skew between tools) is kept whole and goes in with its outcomes as of each
 * instant asked for. `kpisAt` answers null only for an instant before a ticket's last event that
 * went in settled (an instant earlier than one asked before): the caller then computes from the
 * projections.
 */
export class TicketWindows {
  /** The contract terms the outcomes were decided under: other terms need new windows. */
  readonly terms: string;
  private readonly sliding: SlidingTicketKpis;
  /** Tickets with an event after the last instant they were placed at. */
  private readonly ahead = new Map<string, TicketProjection>();
  /** The instant the tickets ahead were last placed at. */
  private placedAt = NaN;
  /** The latest last event of any ticket that went in settled. */
  private settledAt = -Infinity;

  constructor(
    private readonly contract: ContractRow,
    windowDays: readonly number[],
  ) {
    this.terms = termsOf(contract);
    this.sliding = new SlidingTicketKpis(windowDays);
  }

  /** A ticket as stored now (a new version replaces the old). */
  put(ticket: TicketProjection, now = Date.now()): void {
    this.place(ticket, now);
    this.placedAt = NaN;
  }

  /** Forgets the tickets that can no longer count in a window from `since` (epoch ms) on. */
  forgetBefore(since: number): void {
    this.sliding.forgetBefore(since);
    // Tickets with an event ahead are placed again, whole, at the next instant asked for.
    this.placedAt = NaN;
  }

  /** The ticket KPIs of the window of `windowDays` at `at`, or null when they cannot be exact. */
  kpisAt(at: Date, windowDays: number): TicketKpis | null {
    const instant = at.getTime();
    if (instant < this.settledAt) return null;
    if (instant !== this.placedAt) {
      for (const ticket of [...this.ahead.values()]) this.place(ticket, instant);
      this.placedAt = instant;
    }
    return this.sliding.kpisAt(at, windowDays);
  }

  private place(ticket: TicketProjection, instant: number): void {
    const last = lastEventAt(this.contract, ticket);
    if (last > instant) {
      this.ahead.set(ticket.ticketId, ticket);
      // Not opened yet, it counts nowhere (events logged before the opening included), as from the projections.
      const opened = (ticket.openedAt?.getTime() ?? Infinity) <= instant;
      this.sliding.set(ticket.ticketId, opened ? outcomesAt(this.contract, ticket, new Date(instant)) : null);
      return;
    }
    this.ahead.delete(ticket.ticketId);
    this.settledAt = Math.max(this.settledAt, last);
    this.sliding.set(ticket.ticketId, outcomesAt(this.contract, ticket, new Date(last)));
  }
}
