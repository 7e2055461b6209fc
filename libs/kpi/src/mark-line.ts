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

/** Marks per chunk at most: a change splices one chunk, however long the line. */
const CHUNK_MARKS = 512;

/**
 * Marks of one kind in `before` order, kept in chunks: a busy contract's window holds tens of
 * thousands of marks, and as one array every change was a splice (and a move of every later
 * mark) of all of them. Positions are indexes into the whole line.
 */
export class MarkLine {
  private readonly chunks: Mark[][] = [];

  constructor(private readonly chunkMarks = CHUNK_MARKS) {}

  /** Index of the first mark after the instant `t`. */
  after(t: number): number {
    return this.indexWhere((m) => m.at <= t);
  }

  add(mark: Mark): void {
    const { c, at } = this.place(mark);
    const chunk = this.chunks[c];
    if (!chunk) {
      this.chunks.push([mark]);
      return;
    }
    chunk.splice(at, 0, mark);
    if (chunk.length > this.chunkMarks) this.chunks.splice(c + 1, 0, chunk.splice(chunk.length >>> 1));
  }

  remove(mark: Mark): void {
    const { c, at } = this.place(mark);
    const chunk = this.chunks[c];
    if (chunk?.[at]?.at !== mark.at || chunk[at].ticketId !== mark.ticketId) return;
    chunk.splice(at, 1);
    if (!chunk.length) this.chunks.splice(c, 1);
  }

  /** Calls `visit` on the marks from index `start` up to `end` (excluded), in order. */
  forEach(start: number, end: number, visit: (mark: Mark) => void): void {
    let offset = 0;
    for (const chunk of this.chunks) {
      if (offset >= end) return;
      for (let i = Math.max(start - offset, 0); i < chunk.length && offset + i < end; i++) visit(chunk[i]);
      offset += chunk.length;
    }
  }

  /** Calls `visit` on the marks from index `end - 1` down to `start`, until it returns false. */
  forEachBackwards(start: number, end: number, visit: (mark: Mark) => boolean): void {
    let offset = this.chunks.reduce((n, chunk) => n + chunk.length, 0);
    for (let c = this.chunks.length - 1; c >= 0; c--) {
      const chunk = this.chunks[c];
      offset -= chunk.length;
      if (offset >= end) continue;
      for (let i = Math.min(end - offset, chunk.length) - 1; i >= 0 && offset + i >= start; i--) if (!visit(chunk[i])) return;
      if (offset <= start) return;
    }
  }

  /** Index of the first mark for which `goesBefore` is false (it is true of every mark before it). */
  private indexWhere(goesBefore: (mark: Mark) => boolean): number {
    let offset = 0;
    for (const chunk of this.chunks) {
      if (!goesBefore(chunk[chunk.length - 1])) return offset + firstIndex(chunk.length, (i) => goesBefore(chunk[i]));
      offset += chunk.length;
    }
    return offset;
  }

  /** The index of the chunk a mark belongs in and its position there: the first chunk that does not end before it (the last one if all do; -1 if there is none). */
  private place(mark: Mark): { c: number; at: number } {
    const found = this.chunks.findIndex((chunk) => !before(chunk[chunk.length - 1], mark));
    const c = found >= 0 ? found : this.chunks.length - 1;
    const chunk = this.chunks[c];
    return { c, at: chunk ? firstIndex(chunk.length, (i) => before(chunk[i], mark)) : 0 };
  }
}
