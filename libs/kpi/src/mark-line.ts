/** One thing a ticket contributes, at its instant (epoch ms); `value` is its minutes where it has some. */
export interface Mark {
  at: number;
  ticketId: string;
  value: number;
}

/** Before: earlier first, and on the same instant the larger id first, so that read backwards they come newest first, ties by id (as evidence is listed). */
const before = (a: Mark, b: Mark): boolean => a.at < b.at || (a.at === b.at && a.ticketId > b.ticketId);

/** Binary search: the first index of a sorted list of `length` items at which `goesBefore` turns false. */
export function firstIndex(length: number, goesBefore: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (goesBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Items per chunk at most: a change splices one chunk, however long the list. */
const CHUNK_SIZE = 512;

/**
 * Items kept in `before` order, as a multiset, in chunks: a busy contract's window holds tens of
 * thousands of marks or minutes, and as one array every change was a splice (and a move of every
 * later item) of all of them. Positions are indexes into the whole list.
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
    const { c, at } = this.place(item);
    const chunk = this.chunks[c];
    if (!chunk) {
      this.chunks.push([item]);
      return;
    }
    chunk.splice(at, 0, item);
    if (chunk.length > this.chunkSize) this.chunks.splice(c + 1, 0, chunk.splice(chunk.length >>> 1));
  }

  /** Removes one item that neither goes before `item` nor after it, if there is one. */
  remove(item: T): void {
    const { c, at } = this.place(item);
    const chunk = this.chunks[c];
    if (!chunk || at >= chunk.length || this.before(item, chunk[at])) return;
    this.count--;
    chunk.splice(at, 1);
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

  /** Calls `visit` on the items from index `start` up to `end` (excluded), in order. */
  forEach(start: number, end: number, visit: (item: T) => void): void {
    let offset = 0;
    for (const chunk of this.chunks) {
      if (offset >= end) return;
      for (let i = Math.max(start - offset, 0); i < chunk.length && offset + i < end; i++) visit(chunk[i]);
      offset += chunk.length;
    }
  }

  /** Calls `visit` on the items from index `end - 1` down to `start`, until it returns false. */
  forEachBackwards(start: number, end: number, visit: (item: T) => boolean): void {
    let offset = this.count;
    for (let c = this.chunks.length - 1; c >= 0; c--) {
      const chunk = this.chunks[c];
      offset -= chunk.length;
      if (offset >= end) continue;
      for (let i = Math.min(end - offset, chunk.length) - 1; i >= 0 && offset + i >= start; i--) if (!visit(chunk[i])) return;
      if (offset <= start) return;
    }
  }

  /** Index of the first item for which `goesBefore` is false (it is true of every item before it). */
  indexWhere(goesBefore: (item: T) => boolean): number {
    // The first chunk whose last item does not go before, found by binary search over the chunks.
    const c = firstIndex(this.chunks.length, (i) => goesBefore(this.chunks[i][this.chunks[i].length - 1]));
    if (c === this.chunks.length) return this.count;
    let offset = 0;
    for (let i = 0; i < c; i++) offset += this.chunks[i].length;
    const chunk = this.chunks[c];
    return offset + firstIndex(chunk.length, (i) => goesBefore(chunk[i]));
  }

  /** The index of the chunk an item belongs in and its position there: the first chunk that does not end before it (the last one if all do; -1 if there is none). */
  private place(item: T): { c: number; at: number } {
    const found = firstIndex(this.chunks.length, (i) => this.before(this.chunks[i][this.chunks[i].length - 1], item));
    const c = found < this.chunks.length ? found : this.chunks.length - 1;
    const chunk = this.chunks[c];
    return { c, at: chunk ? firstIndex(chunk.length, (i) => this.before(chunk[i], item)) : 0 };
  }
}

/** Marks of one kind in time order (see `before`). */
export class MarkLine extends SortedChunks<Mark> {
  constructor(chunkSize?: number) {
    super(before, chunkSize);
  }

  /** Index of the first mark after the instant `t`. */
  after(t: number): number {
    return this.indexWhere((m) => m.at <= t);
  }
}
