/** One thing a ticket contributes, at its instant (epoch ms); `value` is its minutes where it has some. */
export interface Mark {
  at: number;
  ticketId: string;
  value: number;
}

/**
 * The binary searches below are written out per class, with no callback: a shared search taking a
 * comparison closure was called from every line and list, so V8 could inline none of them, and the
 * comparisons were a third of what placing a ticket's marks cost the worker under a steady load.
 */

/** Items per chunk at most: a change splices one chunk, however long the list. */
const CHUNK_SIZE = 512;

/**
 * Items kept in `before` order, as a multiset, in chunks: a busy contract's window holds tens of
 * thousands of minutes, and as one array every change was a splice (and a move of every later
 * item) of all of them. Positions are indexes into the whole list.
 */
export class SortedChunks<T> {
  private readonly chunks: T[][] = [];
  private count = 0;

  constructor(
    private readonly before: (a: T, b: T) => boolean,
    private readonly chunkSize = CHUNK_SIZE,
  ) {}

  get length(): number {
    return this.count;
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

  /** Where `item` goes: the first chunk that does not end before it (the last one if all do; -1 if there is none), and its position there. */
  private place(item: T): { c: number; i: number } {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = chunks[mid];
      if (this.before(chunk[chunk.length - 1], item)) lo = mid + 1;
      else hi = mid;
    }
    const c = lo < chunks.length ? lo : chunks.length - 1;
    const chunk = chunks[c];
    if (!chunk) return { c, i: 0 };
    lo = 0;
    hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before(chunk[mid], item)) lo = mid + 1;
      else hi = mid;
    }
    return { c, i: lo };
  }
}

/** A chunk of a MarkLine, one column per field: numbers in arrays hold no objects. */
interface MarkColumns {
  at: number[];
  ticketId: string[];
  value: number[];
}

const columnsOf = (at: number[], ticketId: string[], value: number[]): MarkColumns => ({ at, ticketId, value });

/**
 * Whether the mark at `i` goes before a mark at `at` of `ticketId` (see `MarkLine.place`); with
 * `ticketId` null, whether it is at `at` or earlier.
 */
function goesBefore(chunk: MarkColumns, i: number, at: number, ticketId: string | null): boolean {
  const t = chunk.at[i];
  return t < at || (t === at && (ticketId === null || chunk.ticketId[i] > ticketId));
}

/**
 * Marks of one kind in time order (see `place`), chunked like `SortedChunks` but kept as columns
 * rather than as `Mark` objects: a worker holds five marks for every ticket of 90 days, and as
 * objects (each with its instant boxed) they were most of what a full collection had to visit.
 * Marks go in and come out as `Mark`s.
 */
export class MarkLine {
  private readonly chunks: MarkColumns[] = [];
  private count = 0;

  constructor(private readonly chunkSize = CHUNK_SIZE) {}

  get length(): number {
    return this.count;
  }

  add({ at, ticketId, value }: Mark): void {
    this.count++;
    const { c, i } = this.place(at, ticketId);
    const chunk = this.chunks[c];
    if (!chunk) {
      this.chunks.push(columnsOf([at], [ticketId], [value]));
      return;
    }
    chunk.at.splice(i, 0, at);
    chunk.ticketId.splice(i, 0, ticketId);
    chunk.value.splice(i, 0, value);
    if (chunk.at.length > this.chunkSize) {
      const half = chunk.at.length >>> 1;
      this.chunks.splice(c + 1, 0, columnsOf(chunk.at.splice(half), chunk.ticketId.splice(half), chunk.value.splice(half)));
    }
  }

  /** Removes one mark of the same instant and ticket, if there is one. */
  remove({ at, ticketId }: Mark): void {
    const { c, i } = this.place(at, ticketId);
    const chunk = this.chunks[c];
    if (!chunk || chunk.at[i] !== at || chunk.ticketId[i] !== ticketId) return;
    this.count--;
    chunk.at.splice(i, 1);
    chunk.ticketId.splice(i, 1);
    chunk.value.splice(i, 1);
    if (!chunk.at.length) this.chunks.splice(c, 1);
  }

  /** Index of the first mark after the instant `t`. */
  after(t: number): number {
    const { c, i } = this.place(t, null);
    let offset = 0;
    for (let k = 0; k < c; k++) offset += this.chunks[k].at.length;
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

  /**
   * Where a mark at `at` of `ticketId` goes (`ticketId` null: after every mark at `at`), as
   * `SortedChunks.place`. Earlier first, and on the same instant the larger id first, so that read
   * backwards they come newest first, ties by id (as evidence is listed).
   */
  private place(at: number, ticketId: string | null): { c: number; i: number } {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = chunks[mid];
      if (goesBefore(chunk, chunk.at.length - 1, at, ticketId)) lo = mid + 1;
      else hi = mid;
    }
    const c = lo < chunks.length ? lo : chunks.length - 1;
    const chunk = chunks[c];
    if (!chunk) return { c, i: 0 };
    lo = 0;
    hi = chunk.at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (goesBefore(chunk, mid, at, ticketId)) lo = mid + 1;
      else hi = mid;
    }
    return { c, i: lo };
  }
}

const markAt = (chunk: MarkColumns, i: number): Mark => ({ at: chunk.at[i], ticketId: chunk.ticketId[i], value: chunk.value[i] });
