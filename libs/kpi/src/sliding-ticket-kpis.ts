import type { EventRef } from '@rapport/contracts';
import { Mark, MarkLine, SortedChunks } from './mark-line';
import { medianOfSorted, nearestRankOfSorted, ratio } from './statistics';
import type { TicketOutcomes } from './kpi-types';
import { EVIDENCE_LIMIT, reopenRateOf, ticketMarks, TicketKpis, TicketMarks, timeKpi, type KpiMeasurement } from './window-kpis';

const DAY_MS = 86_400_000;

/** How many distinct tickets have at least one mark in the window. */
class DistinctTickets {
  private readonly counts = new Map<string, number>();

  get size(): number {
    return this.counts.size;
  }

  add(id: string): void {
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
  }

  remove(id: string): void {
    const n = (this.counts.get(id) ?? 0) - 1;
    if (n > 0) this.counts.set(id, n);
    else this.counts.delete(id);
  }
}

/** Where a ticket's mark goes: a tracked line also needs to know whether it is inside the window. */
interface Line {
  add(mark: Mark, inside: boolean): void;
  remove(mark: Mark, inside: boolean): void;
}

/** One of a ticket's marks, in its line. */
interface Placed {
  line: Line;
  mark: Mark;
}

/** A collection of what the marks inside the window hold. */
interface InWindow<K> {
  add(key: K): void;
  remove(key: K): void;
}

/** A line whose marks inside the window are also kept in `inWindow`, as `keyOf` reads them (minutes, ticket ids), ready to read. */
class TrackedLine<K, W extends InWindow<K>> {
  readonly line = new MarkLine();

  constructor(
    readonly inWindow: W,
    private readonly keyOf: (mark: Mark) => K,
  ) {}

  add(mark: Mark, inside: boolean): void {
    this.line.add(mark);
    if (inside) this.enter(mark);
  }

  remove(mark: Mark, inside: boolean): void {
    this.line.remove(mark);
    if (inside) this.leave(mark);
  }

  private readonly enter = (mark: Mark) => this.inWindow.add(this.keyOf(mark));
  private readonly leave = (mark: Mark) => this.inWindow.remove(this.keyOf(mark));

  /** The window moves from (from.lo, from.hi] to (to.lo, to.hi]: what left it leaves, what came in enters. */
  move(from: Range, to: Range): void {
    const [a1, b1, a2, b2] = [from.lo, from.hi, to.lo, to.hi].map((t) => this.line.after(t));
    for (const [start, end, apply] of [
      [a1, Math.min(b1, a2), this.leave],
      [Math.max(a1, b2), b1, this.leave],
      [a2, Math.min(b2, a1), this.enter],
      [Math.max(a2, b1), b2, this.enter],
    ] as const) {
      if (start < end) this.line.forEach(start, end, apply);
    }
  }
}

const minutesOf = (mark: Mark): number => mark.value;
const ascending = (a: number, b: number): boolean => a < b;
const ticketOf = (mark: Mark): string => mark.ticketId;

/** The window (lo, hi], epoch ms. */
interface Range {
  lo: number;
  hi: number;
}

/**
 * The ticket KPIs of one window, kept up to date as tickets change and time moves on, so that a
 * contract scored after every batch costs what changed, not every ticket it has: `kpisAt(at)`
 * equals `windowKpis` over the same outcomes at the same instant (the property test holds them to
 * it). Each kind of mark sits in a line sorted by time, where a window is a range found by
 * binary search; minutes and distinct tickets inside the current window are kept ready and move
 * with it. Changing a ticket costs a few binary searches and array splices.
 */
export class SlidingTicketKpis {
  private readonly windowMs: number;
  private window: Range = { lo: -Infinity, hi: -Infinity };
  /**
   * Each ticket's marks as outcomes (which the outcome memo holds anyway), not as the placed marks:
   * a live window holds every ticket of the last 30 days, and the placed ones cost about 500 more
   * bytes a ticket for as long as it is there, against a few short-lived objects per change.
   */
  private readonly tickets = new Map<string, TicketMarks>();
  private readonly responses = new MarkLine();
  private readonly responseBreaches = new MarkLine();
  private readonly resolutions = new MarkLine();
  private readonly resolutionBreaches = new MarkLine();
  /** The minutes inside the window, in ascending order. */
  private readonly responseMinutes = new TrackedLine(new SortedChunks<number>(ascending), minutesOf);
  private readonly resolutionMinutes = new TrackedLine(new SortedChunks<number>(ascending), minutesOf);
  private readonly resolved = new TrackedLine(new DistinctTickets(), ticketOf);
  private readonly reopened = new TrackedLine(new DistinctTickets(), ticketOf);

  constructor(windowDays: number) {
    this.windowMs = windowDays * DAY_MS;
  }

  /** A ticket's outcomes now (null: it has none, or is gone); replaces what it had. */
  set(ticketId: string, outcomes: TicketOutcomes | null): void {
    const old = this.tickets.get(ticketId);
    const marks = outcomes && ticketMarks(outcomes);
    if (marks) this.tickets.set(ticketId, marks);
    else this.tickets.delete(ticketId);
    // A change keeps most of a ticket's marks (a resolution leaves its response where it was): only
    // the others move, each a splice into a chunk of its line.
    const leaving = old ? this.placed(old) : [];
    const coming: Placed[] = [];
    for (const p of marks ? this.placed(marks) : []) {
      const kept = leaving.findIndex((q) => q.line === p.line && q.mark.at === p.mark.at && q.mark.value === p.mark.value);
      if (kept >= 0) leaving.splice(kept, 1);
      else coming.push(p);
    }
    const inWindow = (m: Mark) => m.at > this.window.lo && m.at <= this.window.hi;
    for (const { line, mark } of leaving) line.remove(mark, inWindow(mark));
    for (const { line, mark } of coming) line.add(mark, inWindow(mark));
  }

  /** The ticket KPIs of the window (at − windowDays, at]. */
  kpisAt(at: Date): TicketKpis {
    const to = { lo: at.getTime() - this.windowMs, hi: at.getTime() };
    for (const tracked of [this.responseMinutes, this.resolutionMinutes, this.resolved, this.reopened]) tracked.move(this.window, to);
    this.window = to;
    const responseMinutes = this.responseMinutes.inWindow;
    const resolutionMinutes = this.resolutionMinutes.inWindow;
    return {
      firstResponseCompliance: this.compliance(this.responses, this.responseBreaches),
      resolutionCompliance: this.compliance(this.resolutions, this.resolutionBreaches),
      medianFirstResponseMinutes: timeKpi(responseMinutes, medianOfSorted),
      medianResolutionMinutes: timeKpi(resolutionMinutes, medianOfSorted),
      p90ResolutionMinutes: timeKpi(resolutionMinutes, (v) => nearestRankOfSorted(v, 90)),
      reopenRate: reopenRateOf(
        this.reopened.inWindow.size,
        this.resolved.inWindow.size,
        this.newestPerTicket(this.reopened.line, 'reopened'),
      ),
    };
  }

  /** Every mark of a ticket, each in its line. */
  private placed(t: TicketMarks): Placed[] {
    const at = (line: Line, time: Date, value = 0): Placed => ({ line, mark: { at: time.getTime(), ticketId: t.ticketId, value } });
    const placed = [at(this.responses, t.firstResponse.at), at(this.resolutions, t.resolution.at)];
    if (t.firstResponse.outcome === 'breached') placed.push(at(this.responseBreaches, t.firstResponse.at));
    if (t.resolution.outcome === 'breached') placed.push(at(this.resolutionBreaches, t.resolution.at));
    if (t.responseMinutes) placed.push(at(this.responseMinutes, t.responseMinutes.at, t.responseMinutes.minutes));
    if (t.resolutionMinutes) placed.push(at(this.resolutionMinutes, t.resolutionMinutes.at, t.resolutionMinutes.minutes));
    for (const d of t.resolvedAt) placed.push(at(this.resolved, d));
    for (const d of t.reopenedAt) placed.push(at(this.reopened, d));
    return placed;
  }

  private compliance(decided: MarkLine, breaches: MarkLine): KpiMeasurement {
    const count = (line: MarkLine) => line.after(this.window.hi) - line.after(this.window.lo);
    const samples = count(decided);
    return { value: ratio(samples - count(breaches), samples), samples, evidence: this.newestPerTicket(breaches, 'breached') };
  }

  /** Evidence: the newest mark in the window of each ticket, newest first (ties by id), at most EVIDENCE_LIMIT. */
  private newestPerTicket(line: MarkLine, outcome: string): EventRef[] {
    const evidence: EventRef[] = [];
    const seen = new Set<string>();
    line.forEachBackwards(line.after(this.window.lo), line.after(this.window.hi), ({ at, ticketId }) => {
      if (!seen.has(ticketId)) {
        seen.add(ticketId);
        evidence.push({ kind: 'ticket', id: ticketId, outcome, at: new Date(at).toISOString() });
      }
      return evidence.length < EVIDENCE_LIMIT;
    });
    return evidence;
  }
}
