import type { CanonicalEvent } from '@rapport/contracts';

/**
 * Events planned for the future (a response due in an hour, a review next week), kept until
 * their time comes. A binary min-heap on event time; events are stored pre-serialized, which
 * keeps the memory of a long live run small.
 */
interface Entry {
  at: number;
  /** Insertion order: events with the same time leave in the order they came. */
  seq: number;
  json: string;
}

export class PendingQueue {
  private readonly heap: Entry[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Time of the earliest pending event, or null when empty. */
  peekTime(): number | null {
    return this.heap.length ? this.heap[0].at : null;
  }

  push(event: CanonicalEvent): void {
    this.heap.push({ at: Date.parse(event.time), seq: this.seq++, json: JSON.stringify(event) });
    this.up(this.heap.length - 1);
  }

  pushAll(events: Iterable<CanonicalEvent>): void {
    for (const event of events) this.push(event);
  }

  /** Removes and returns (serialized, in time order) up to `max` events whose time is <= `nowMs`. */
  takeDue(nowMs: number, max: number): string[] {
    const out: string[] = [];
    while (out.length < max && this.heap.length && this.heap[0].at <= nowMs) out.push(this.pop().json);
    return out;
  }

  private pop(): Entry {
    const top = this.heap[0];
    const last = this.heap.pop()!;
    if (this.heap.length) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private less(i: number, j: number): boolean {
    const a = this.heap[i];
    const b = this.heap[j];
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private swap(i: number, j: number): void {
    [this.heap[i], this.heap[j]] = [this.heap[j], this.heap[i]];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.heap.length && this.less(left, smallest)) smallest = left;
      if (right < this.heap.length && this.less(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
