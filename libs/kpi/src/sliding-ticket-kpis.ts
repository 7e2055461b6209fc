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

/** The window (lo, hi], epoch ms. */
interface Range {
  lo: number;
  hi: number;
}

const inside = (mark: Mark, range: Range): boolean => mark.at > range.lo && mark.at <= range.hi;

/** Where a ticket's mark goes: a tracked line also needs to know which windows it falls in. */
interface Line {
  add(mark: Mark, windows: readonly Range[]): void;
  remove(mark: Mark, windows: readonly Range[]): void;
}

/** A ticket's marks as numbers, three for each: the index of its line, its instant and its value. */
type FlatMarks = number[];

/** A collection of what the marks inside a window hold. */
interface InWindow<K> {
  add(key: K): void;
  remove(key: K): void;
}

/**
 * A line whose marks inside each window are also kept in that window's `inWindow` collection, as
 * `keyOf` reads them (minutes, ticket ids), ready to read: the windows share the line.
 */
class TrackedLine<K, W extends InWindow<K>> {
  readonly line = new MarkLine();

  constructor(
    /** One per window, in the order of the windows. */
    readonly inWindow: W[],
    private readonly keyOf: (mark: Mark) => K,
  ) {}

  add(mark: Mark, windows: readonly Range[]): void {
    this.line.add(mark);
    windows.forEach((range, w) => inside(mark, range) && this.inWindow[w].add(this.keyOf(mark)));
  }

  remove(mark: Mark, windows: readonly Range[]): void {
    this.line.remove(mark);
    windows.forEach((range, w) => inside(mark, range) && this.inWindow[w].remove(this.keyOf(mark)));
  }

  /** Window `w` moves from (from.lo, from.hi] to (to.lo, to.hi]: what left it leaves, what came in enters. */
  move(w: number, from: Range, to: Range): void {
    const collection = this.inWindow[w];
    const leave = (mark: Mark) => collection.remove(this.keyOf(mark));
    const enter = (mark: Mark) => collection.add(this.keyOf(mark));
    const [a1, b1, a2, b2] = [from.lo, from.hi, to.lo, to.hi].map((t) => this.line.after(t));
    for (const [start, end, apply] of [
      [a1, Math.min(b1, a2), leave],
      [Math.max(a1, b2), b1, leave],
      [a2, Math.min(b2, a1), enter],
      [Math.max(a2, b1), b2, enter],
    ] as const) {
      if (start < end) this.line.forEach(start, end, apply);
    }
  }
}

const minutesOf = (mark: Mark): number => mark.value;
const ascending = (a: number, b: number): boolean => a < b;
const ticketOf = (mark: Mark): string => mark.ticketId;

/**
 * The ticket KPIs of a few windows (7, 30 and 90 days), kept up to date as tickets change and time
 * moves on, so that a contract scored after every batch costs what changed, not every ticket it
 * has: `kpisAt(at, days)` equals `windowKpis` over the same outcomes at the same instant (the
 * property test holds them to it). Each kind of mark sits in one line sorted by time, shared by
 * the windows, where a window is a range found by binary search; each window keeps its minutes
 * and distinct tickets ready, and they move with it. Changing a ticket costs a few binary searches
 * and array splices.
 */
export class SlidingTicketKpis {
  private readonly windowsMs: number[];
  /** Each window's current range, in the order of `windowsMs`. */
  private readonly ranges: Range[];
  /**
   * Each ticket's marks, as numbers: a worker holds every ticket of the last 90 days, and the
   * old-generation collector visits every object each holds (a ticket's outcomes and their dates
   * were a dozen), against two for an array of numbers.
   */
  private readonly tickets = new Map<string, FlatMarks>();
  private readonly responses = new MarkLine();
  private readonly responseBreaches = new MarkLine();
  private readonly resolutions = new MarkLine();
  private readonly resolutionBreaches = new MarkLine();
  /** The minutes inside each window, in ascending order. */
  private readonly responseMinutes: TrackedLine<number, SortedChunks<number>>;
  private readonly resolutionMinutes: TrackedLine<number, SortedChunks<number>>;
  private readonly resolved: TrackedLine<string, DistinctTickets>;
  private readonly reopened: TrackedLine<string, DistinctTickets>;
  /** Every line, by the index a ticket's marks name it with. */
  private readonly lines: Line[];

  constructor(windowDays: readonly number[]) {
    this.windowsMs = windowDays.map((days) => days * DAY_MS);
    this.ranges = windowDays.map(() => ({ lo: -Infinity, hi: -Infinity }));
    const each = <W>(make: () => W): W[] => windowDays.map(make);
    this.responseMinutes = new TrackedLine(
      each(() => new SortedChunks<number>(ascending)),
      minutesOf,
    );
    this.resolutionMinutes = new TrackedLine(
      each(() => new SortedChunks<number>(ascending)),
      minutesOf,
    );
    this.resolved = new TrackedLine(
      each(() => new DistinctTickets()),
      ticketOf,
    );
    this.reopened = new TrackedLine(
      each(() => new DistinctTickets()),
      ticketOf,
    );
    this.lines = [
      this.responses,
      this.responseBreaches,
      this.resolutions,
      this.resolutionBreaches,
      this.responseMinutes,
      this.resolutionMinutes,
      this.resolved,
      this.reopened,
    ];
  }

  /** A ticket's outcomes now (null: it has none, or is gone); replaces what it had. */
  set(ticketId: string, outcomes: TicketOutcomes | null): void {
    const old = this.tickets.get(ticketId) ?? [];
    const marks = outcomes && ticketMarks(outcomes);
    const next = marks ? this.flatMarks(marks) : [];
    if (next.length) this.tickets.set(ticketId, next);
    else this.tickets.delete(ticketId);
    // A change keeps most of a ticket's marks (a resolution leaves its response where it was): only
    // the others move, each a splice into a chunk of its line.
    const kept: boolean[] = [];
    const coming: number[] = [];
    for (let i = 0; i < next.length; i += 3) {
      let j = 0;
      while (j < old.length && (kept[j] || old[j] !== next[i] || old[j + 1] !== next[i + 1] || old[j + 2] !== next[i + 2])) j += 3;
      if (j < old.length) kept[j] = true;
      else coming.push(i);
    }
    for (let j = 0; j < old.length; j += 3) {
      if (!kept[j]) this.lines[old[j]].remove({ at: old[j + 1], ticketId, value: old[j + 2] }, this.ranges);
    }
    for (const i of coming) this.lines[next[i]].add({ at: next[i + 1], ticketId, value: next[i + 2] }, this.ranges);
  }

  /** The ticket KPIs of the window (at − windowDays, at]; `windowDays` is one of the constructor's. */
  kpisAt(at: Date, windowDays: number): TicketKpis {
    const w = this.windowsMs.indexOf(windowDays * DAY_MS);
    if (w < 0) throw new RangeError(`no ${windowDays}-day window is kept`);
    const to = { lo: at.getTime() - this.windowsMs[w], hi: at.getTime() };
    for (const tracked of [this.responseMinutes, this.resolutionMinutes, this.resolved, this.reopened]) tracked.move(w, this.ranges[w], to);
    this.ranges[w] = to;
    const responseMinutes = this.responseMinutes.inWindow[w];
    const resolutionMinutes = this.resolutionMinutes.inWindow[w];
    return {
      firstResponseCompliance: this.compliance(to, this.responses, this.responseBreaches),
      resolutionCompliance: this.compliance(to, this.resolutions, this.resolutionBreaches),
      medianFirstResponseMinutes: timeKpi(responseMinutes, medianOfSorted),
      medianResolutionMinutes: timeKpi(resolutionMinutes, medianOfSorted),
      p90ResolutionMinutes: timeKpi(resolutionMinutes, (v) => nearestRankOfSorted(v, 90)),
      reopenRate: reopenRateOf(
        this.reopened.inWindow[w].size,
        this.resolved.inWindow[w].size,
        newestPerTicket(to, this.reopened.line, 'reopened'),
      ),
    };
  }

  /** Every mark of a ticket, as `FlatMarks`. */
  private flatMarks(t: TicketMarks): FlatMarks {
    const flat: FlatMarks = [];
    const mark = (line: Line, time: Date, value = 0) => flat.push(this.lines.indexOf(line), time.getTime(), value);
    mark(this.responses, t.firstResponse.at);
    mark(this.resolutions, t.resolution.at);
    if (t.firstResponse.outcome === 'breached') mark(this.responseBreaches, t.firstResponse.at);
    if (t.resolution.outcome === 'breached') mark(this.resolutionBreaches, t.resolution.at);
    if (t.responseMinutes) mark(this.responseMinutes, t.responseMinutes.at, t.responseMinutes.minutes);
    if (t.resolutionMinutes) mark(this.resolutionMinutes, t.resolutionMinutes.at, t.resolutionMinutes.minutes);
    for (const d of t.resolvedAt) mark(this.resolved, d);
    for (const d of t.reopenedAt) mark(this.reopened, d);
    return flat;
  }

  private compliance(window: Range, decided: MarkLine, breaches: MarkLine): KpiMeasurement {
    const count = (line: MarkLine) => line.after(window.hi) - line.after(window.lo);
    const samples = count(decided);
    return { value: ratio(samples - count(breaches), samples), samples, evidence: newestPerTicket(window, breaches, 'breached') };
  }
}

/** Evidence: the newest mark in the window of each ticket, newest first (ties by id), at most EVIDENCE_LIMIT. */
function newestPerTicket(window: Range, line: MarkLine, outcome: string): EventRef[] {
  const evidence: EventRef[] = [];
  const seen = new Set<string>();
  line.forEachBackwards(line.after(window.lo), line.after(window.hi), ({ at, ticketId }) => {
    if (!seen.has(ticketId)) {
      seen.add(ticketId);
      evidence.push({ kind: 'ticket', id: ticketId, outcome, at: new Date(at).toISOString() });
    }
    return evidence.length < EVIDENCE_LIMIT;
  });
  return evidence;
}
