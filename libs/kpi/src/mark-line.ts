/**
 * One thing a ticket contributes, at its instant (epoch ms); `value` is its minutes where it has
 * some. The ticket is named by its number in the line's `TicketNames`.
 */
export interface Mark {
  at: number;
  ticket: number;
  value: number;
}

/** Ticket ids by number: a line holds each ticket's number, not another reference to its id. */
export type TicketNames = readonly string[];

/** Items per chunk at most: a change splices one chunk, however long the list. */
const CHUNK_SIZE = 512;

/**
 * Items kept in order in chunks, found by one two-level binary search (the chunk, then the place in
 * it) that asks each kind through its methods: with a comparison closure made per call, V8 inlined
 * none of them, and the comparisons were a third of what placing a ticket's marks cost the worker
 * under a steady load.
 */
abstract class Chunked<C, K> {
  protected readonly chunks: C[] = [];
  protected count = 0;

  constructor(protected readonly chunkSize: number) {}

  get length(): number {
    return this.count;
  }

  protected abstract sizeOf(chunk: C): number;

  /** Whether the chunk's item at `i` goes before `key`. */
  protected abstract goesBefore(chunk: C, i: number, key: K): boolean;

  /** Where `key` goes: the first chunk that does not end before it (the last one if all do; -1 if there is none), and its position there. */
  protected place(key: K): { c: number; i: number } {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = chunks[mid];
      if (this.goesBefore(chunk, this.sizeOf(chunk) - 1, key)) lo = mid + 1;
      else hi = mid;
    }
    const c = lo < chunks.length ? lo : chunks.length - 1;
    const chunk = chunks[c];
    if (!chunk) return { c, i: 0 };
    lo = 0;
    hi = this.sizeOf(chunk);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.goesBefore(chunk, mid, key)) lo = mid + 1;
      else hi = mid;
    }
    return { c, i: lo };
  }
}

/**
 * Items kept in `before` order, as a multiset, in chunks: a busy contract's window holds tens of
 * thousands of minutes, and as one array every change was a splice (and a move of every later
 * item) of all of them. Positions are indexes into the whole list.
 */
export class SortedChunks<T> extends Chunked<T[], T> {
  constructor(
    private readonly before: (a: T, b: T) => boolean,
    chunkSize = CHUNK_SIZE,
  ) {
    super(chunkSize);
  }

  add(item: T): void {
    this.count++;
    const { c, i } = this.place(item);
    const chunk = this.chunks[c];
    if (!chunk) {
      this.chunks.push([item]);
      return;
    }
    chunk.splice(i, 0, item);
    if (chunk.length > this.chunkSize) this.chunks.splice(c + 1, 0, chunk.splice(chunk.length >>> 1));
  }

  /** Removes one item that neither goes before `item` nor after it, if there is one. */
  remove(item: T): void {
    const { c, i } = this.place(item);
    const chunk = this.chunks[c];
    if (!chunk || i >= chunk.length || this.before(item, chunk[i])) return;
    this.count--;
    chunk.splice(i, 1);
    if (!chunk.length) this.chunks.splice(c, 1);
  }

  /** The item at position `index`. */
  at(index: number): T | undefined {
    for (const chunk of this.chunks) {
      if (index < chunk.length) return chunk[index];
      index -= chunk.length;
    }
    return undefined;
  }

  protected sizeOf(chunk: T[]): number {
    return chunk.length;
  }

  protected goesBefore(chunk: T[], i: number, item: T): boolean {
    return this.before(chunk[i], item);
  }
}

/** A chunk of a MarkLine, one column per field: numbers in arrays hold no objects. */
interface MarkColumns {
  at: number[];
  ticket: number[];
  value: number[];
}

const columnsOf = (at: number[], ticket: number[], value: number[]): MarkColumns => ({ at, ticket, value });

/** Where a mark goes in a line: its instant and ticket, or (`ticket` AFTER_ALL) after every mark at `at`. */
type MarkKey = Pick<Mark, 'at' | 'ticket'>;
const AFTER_ALL = -1;

/**
 * Marks of one kind in time order (see `goesBefore`), chunked like `SortedChunks` but kept as columns
 * rather than as `Mark` objects: a worker holds five marks for every ticket of 90 days, and as
 * objects (each with its instant boxed) they were most of what a full collection had to visit.
 * Marks go in and come out as `Mark`s.
 */
export class MarkLine extends Chunked<MarkColumns, MarkKey> {
  constructor(
    /** Ticket ids by number, to order the marks of one instant. */
    private readonly names: TicketNames,
    chunkSize = CHUNK_SIZE,
  ) {
    super(chunkSize);
  }

  add(mark: Mark): void {
    const { at, ticket, value } = mark;
    this.count++;
    const { c, i } = this.place(mark);
    const chunk = this.chunks[c];
    if (!chunk) {
      this.chunks.push(columnsOf([at], [ticket], [value]));
      return;
    }
    chunk.at.splice(i, 0, at);
    chunk.ticket.splice(i, 0, ticket);
    chunk.value.splice(i, 0, value);
    if (chunk.at.length > this.chunkSize) {
      const half = chunk.at.length >>> 1;
      this.chunks.splice(c + 1, 0, columnsOf(chunk.at.splice(half), chunk.ticket.splice(half), chunk.value.splice(half)));
    }
  }

  /** Removes one mark of the same instant and ticket, if there is one. */
  remove(mark: Mark): void {
    const { at, ticket } = mark;
    const { c, i } = this.place(mark);
    const chunk = this.chunks[c];
    if (!chunk || chunk.at[i] !== at || chunk.ticket[i] !== ticket) return;
    this.count--;
    chunk.at.splice(i, 1);
    chunk.ticket.splice(i, 1);
    chunk.value.splice(i, 1);
    if (!chunk.at.length) this.chunks.splice(c, 1);
  }

  /** Index of the first mark after the instant `t`. */
  after(t: number): number {
    const { c, i } = this.place({ at: t, ticket: AFTER_ALL });
    let offset = 0;
    for (let k = 0; k < c; k++) offset += this.sizeOf(this.chunks[k]);
    return offset + i;
  }

  /** Calls `visit` on the marks from index `start` up to `end` (excluded), in order. */
  forEach(start: number, end: number, visit: (mark: Mark) => void): void {
    let offset = 0;
    for (const chunk of this.chunks) {
      if (offset >= end) return;
      for (let i = Math.max(start - offset, 0); i < chunk.at.length && offset + i < end; i++) visit(markAt(chunk, i));
      offset += chunk.at.length;
    }
  }

  /** Calls `visit` on the marks from index `end - 1` down to `start`, until it returns false. */
  forEachBackwards(start: number, end: number, visit: (mark: Mark) => boolean): void {
    let offset = this.count;
    for (let c = this.chunks.length - 1; c >= 0; c--) {
      const chunk = this.chunks[c];
      offset -= chunk.at.length;
      if (offset >= end) continue;
      for (let i = Math.min(end - offset, chunk.at.length) - 1; i >= 0 && offset + i >= start; i--) if (!visit(markAt(chunk, i))) return;
      if (offset <= start) return;
    }
  }

  protected sizeOf(chunk: MarkColumns): number {
    return chunk.at.length;
  }

  /** Earlier first, and on the same instant the larger id first, so that read backwards they come newest first, ties by id (as evidence is listed). */
  protected goesBefore(chunk: MarkColumns, i: number, { at, ticket }: MarkKey): boolean {
    const t = chunk.at[i];
    return t < at || (t === at && (ticket === AFTER_ALL || this.names[chunk.ticket[i]] > this.names[ticket]));
  }
}

const markAt = (chunk: MarkColumns, i: number): Mark => ({ at: chunk.at[i], ticket: chunk.ticket[i], value: chunk.value[i] });
