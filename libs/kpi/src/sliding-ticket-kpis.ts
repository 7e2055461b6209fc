import type { EventRef } from '@rapport/contracts';
import { Mark, MarkLine, SortedChunks, type TicketNames } from './mark-line';
import { medianOfSorted, nearestRankOfSorted, ratio } from './statistics';
import type { TicketOutcomes } from './kpi-types';
import { EVIDENCE_LIMIT, reopenRateOf, ticketMarks, TicketKpis, TicketMarks, timeKpi, type KpiMeasurement } from './window-kpis';

const DAY_MS = 86_400_000;

/** The key of a mark whose ticket has no other on its line. */
const ALONE = -1;

/**
 * How many distinct tickets have at least one mark in the window. Most tickets have one mark on a
 * line (resolved once), and count without an entry of their own; a ticket with several is keyed
 * by its number (see `distinctKeyOf`).
 */
class DistinctTickets {
  private alone = 0;
  private readonly several = new Map<number, number>();

  get size(): number {
    return this.alone + this.several.size;
  }

  add(key: number): void {
    if (key === ALONE) this.alone++;
    else this.several.set(key, (this.several.get(key) ?? 0) + 1);
  }

  remove(key: number): void {
    if (key === ALONE) {
      this.alone--;
      return;
    }
    const n = (this.several.get(key) ?? 0) - 1;
    if (n > 0) this.several.set(key, n);
    else this.several.delete(key);
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
const NO_MARKS: FlatMarks = [];

/**
 * The lines, by the index a ticket's marks name them with. A ticket has at most one mark on each
 * line before RESOLVED (an outcome or its minutes), and any number on RESOLVED and REOPENED.
 */
const [RESPONSES, RESPONSE_BREACHES, RESOLUTIONS, RESOLUTION_BREACHES, RESPONSE_MINUTES, RESOLUTION_MINUTES, RESOLVED, REOPENED] = [
  0, 1, 2, 3, 4, 5, 6, 7,
];
/** Where a ticket's row keeps its mark of each line before RESOLVED: its instant, then its value on the minutes lines. */
const AT_FIELD = [0, 1, 2, 3, 4, 6];
const VALUE_FIELD = [-1, -1, -1, -1, 5, 7];
/** Where a ticket's row keeps its one mark on RESOLVED, when it has one and none on REOPENED. */
const RESOLVED_FIELD = 8;
const ROW_FIELDS = 9;

/**
 * Every ticket's marks, by its number, as rows of one array of numbers (NaN: no mark): a worker
 * holds every ticket of 90 days, and an array of its own cost each ticket twice its row. The
 * marks of a ticket resolved more than once or reopened are kept aside.
 */
class MarkRows {
  private readonly fields: number[] = [];
  private readonly resolvedAgain = new Map<number, FlatMarks>();

  read(ticket: number): FlatMarks {
    const row = ticket * ROW_FIELDS;
    if (row >= this.fields.length) return NO_MARKS;
    const marks: FlatMarks = [];
    for (let line = 0; line < AT_FIELD.length; line++) {
      const at = this.fields[row + AT_FIELD[line]];
      if (!Number.isNaN(at)) marks.push(line, at, VALUE_FIELD[line] < 0 ? 0 : this.fields[row + VALUE_FIELD[line]]);
    }
    const resolved = this.fields[row + RESOLVED_FIELD];
    if (!Number.isNaN(resolved)) marks.push(RESOLVED, resolved, 1);
    const again = this.resolvedAgain.get(ticket);
    if (again) marks.push(...again);
    return marks;
  }

  write(ticket: number, marks: FlatMarks): void {
    const row = ticket * ROW_FIELDS;
    while (this.fields.length < row + ROW_FIELDS) this.fields.push(NaN);
    this.fields.fill(NaN, row, row + ROW_FIELDS);
    let resolutionsAndReopens = 0;
    for (let i = 0; i < marks.length; i += 3) if (marks[i] >= RESOLVED) resolutionsAndReopens++;
    const again: FlatMarks = [];
    for (let i = 0; i < marks.length; i += 3) {
      const [line, at, value] = [marks[i], marks[i + 1], marks[i + 2]];
      if (line < RESOLVED) {
        this.fields[row + AT_FIELD[line]] = at;
        if (VALUE_FIELD[line] >= 0) this.fields[row + VALUE_FIELD[line]] = value;
      } else if (line === RESOLVED && resolutionsAndReopens === 1) this.fields[row + RESOLVED_FIELD] = at;
      else again.push(line, at, value);
    }
    if (again.length) this.resolvedAgain.set(ticket, again);
    else this.resolvedAgain.delete(ticket);
  }
}

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
  readonly line: MarkLine;

  constructor(
    names: TicketNames,
    /** One per window, in the order of the windows. */
    readonly inWindow: W[],
    private readonly keyOf: (mark: Mark) => K,
  ) {
    this.line = new MarkLine(names);
  }

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
/** On the resolved and reopened lines a mark's value is how many its ticket has there. */
const distinctKeyOf = (mark: Mark): number => (mark.value > 1 ? mark.ticket : ALONE);

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
   * Each ticket's id by its number: a worker holds every ticket of the last 90 days, and its lines
   * and windows hold the number (a small integer in an array of them) instead of references to
   * the id, of which every change brought a new copy.
   */
  private readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  /** Numbers of tickets that are gone, to be given again. */
  private readonly freeNumbers: number[] = [];
  /** Each ticket's marks by its number: as numbers, which the old-generation collector need not visit. */
  private readonly marks = new MarkRows();
  private readonly responses: MarkLine;
  private readonly responseBreaches: MarkLine;
  private readonly resolutions: MarkLine;
  private readonly resolutionBreaches: MarkLine;
  /** The minutes inside each window, in ascending order. */
  private readonly responseMinutes: TrackedLine<number, SortedChunks<number>>;
  private readonly resolutionMinutes: TrackedLine<number, SortedChunks<number>>;
  private readonly resolved: TrackedLine<number, DistinctTickets>;
  private readonly reopened: TrackedLine<number, DistinctTickets>;
  /** Every line, by the index a ticket's marks name it with (RESPONSES…). */
  private readonly lines: Line[];

  constructor(windowDays: readonly number[]) {
    this.windowsMs = windowDays.map((days) => days * DAY_MS);
    this.ranges = windowDays.map(() => ({ lo: -Infinity, hi: -Infinity }));
    const each = <W>(make: () => W): W[] => windowDays.map(make);
    const names = this.names;
    [this.responses, this.responseBreaches, this.resolutions, this.resolutionBreaches] = Array.from(
      { length: 4 },
      () => new MarkLine(names),
    );
    this.responseMinutes = new TrackedLine(
      names,
      each(() => new SortedChunks<number>(ascending)),
      minutesOf,
    );
    this.resolutionMinutes = new TrackedLine(
      names,
      each(() => new SortedChunks<number>(ascending)),
      minutesOf,
    );
    this.resolved = new TrackedLine(
      names,
      each(() => new DistinctTickets()),
      distinctKeyOf,
    );
    this.reopened = new TrackedLine(
      names,
      each(() => new DistinctTickets()),
      distinctKeyOf,
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
    const marks = outcomes && ticketMarks(outcomes);
    const next = marks ? this.flatMarks(marks) : NO_MARKS;
    let ticket = this.numbers.get(ticketId);
    if (ticket === undefined) {
      if (!next.length) return;
      ticket = this.numberFor(ticketId);
    }
    const old = this.marks.read(ticket);
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
      if (!kept[j]) this.lines[old[j]].remove({ at: old[j + 1], ticket, value: old[j + 2] }, this.ranges);
    }
    for (const i of coming) this.lines[next[i]].add({ at: next[i + 1], ticket, value: next[i + 2] }, this.ranges);
    this.marks.write(ticket, next);
    // Its marks are gone from every line: the number can name another ticket.
    if (!next.length) {
      this.numbers.delete(ticketId);
      this.freeNumbers.push(ticket);
    }
  }

  /** How many tickets it holds (those with a mark). */
  get size(): number {
    return this.numbers.size;
  }

  /**
   * Drops every ticket whose marks are all at or before `t` (epoch ms): no window from `t` on
   * counts them, and a worker would otherwise keep every ticket it ever saw. Set again, such a
   * ticket comes back as a new one.
   */
  forgetBefore(t: number): void {
    for (const [ticketId, ticket] of this.numbers) {
      const marks = this.marks.read(ticket);
      let newest = -Infinity;
      for (let i = 1; i < marks.length; i += 3) newest = Math.max(newest, marks[i]);
      if (newest <= t) this.set(ticketId, null);
    }
  }

  private numberFor(ticketId: string): number {
    const ticket = this.freeNumbers.pop() ?? this.names.length;
    this.names[ticket] = ticketId;
    this.numbers.set(ticketId, ticket);
    return ticket;
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
        this.newestPerTicket(to, this.reopened.line, 'reopened'),
      ),
    };
  }

  /** Every mark of a ticket, as `FlatMarks`. */
  private flatMarks(t: TicketMarks): FlatMarks {
    const flat: FlatMarks = [];
    const mark = (line: number, time: Date, value = 0) => flat.push(line, time.getTime(), value);
    mark(RESPONSES, t.firstResponse.at);
    mark(RESOLUTIONS, t.resolution.at);
    if (t.firstResponse.outcome === 'breached') mark(RESPONSE_BREACHES, t.firstResponse.at);
    if (t.resolution.outcome === 'breached') mark(RESOLUTION_BREACHES, t.resolution.at);
    if (t.responseMinutes) mark(RESPONSE_MINUTES, t.responseMinutes.at, t.responseMinutes.minutes);
    if (t.resolutionMinutes) mark(RESOLUTION_MINUTES, t.resolutionMinutes.at, t.resolutionMinutes.minutes);
    for (const d of t.resolvedAt) mark(RESOLVED, d, t.resolvedAt.length);
    for (const d of t.reopenedAt) mark(REOPENED, d, t.reopenedAt.length);
    return flat;
  }

  private compliance(window: Range, decided: MarkLine, breaches: MarkLine): KpiMeasurement {
    const count = (line: MarkLine) => line.after(window.hi) - line.after(window.lo);
    const samples = count(decided);
    return { value: ratio(samples - count(breaches), samples), samples, evidence: this.newestPerTicket(window, breaches, 'breached') };
  }

  /** Evidence: the newest mark in the window of each ticket, newest first (ties by id), at most EVIDENCE_LIMIT. */
  private newestPerTicket(window: Range, line: MarkLine, outcome: string): EventRef[] {
    const evidence: EventRef[] = [];
    const seen = new Set<number>();
    line.forEachBackwards(line.after(window.lo), line.after(window.hi), ({ at, ticket }) => {
      if (!seen.has(ticket)) {
        seen.add(ticket);
        evidence.push({ kind: 'ticket', id: this.names[ticket], outcome, at: new Date(at).toISOString() });
      }
      return evidence.length < EVIDENCE_LIMIT;
    });
    return evidence;
  }
}
