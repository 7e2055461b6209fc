import fc from 'fast-check';
import { Mark, MarkLine, SortedChunks } from './mark-line';

// Numbered out of their ids' order, so that ties at one instant go by id, not by number.
const NAMES = ['D', 'B', 'A', 'C'];

/** The same line as one sorted array: what MarkLine must behave like, however its chunks split and empty. */
class ReferenceLine {
  readonly marks: Mark[] = [];
  private position(m: Mark): number {
    const i = this.marks.findIndex((x) => !(x.at < m.at || (x.at === m.at && NAMES[x.ticket] > NAMES[m.ticket])));
    return i < 0 ? this.marks.length : i;
  }
  add(m: Mark): void {
    this.marks.splice(this.position(m), 0, m);
  }
  remove(m: Mark): void {
    const i = this.position(m);
    if (this.marks[i]?.at === m.at && this.marks[i].ticket === m.ticket) this.marks.splice(i, 1);
  }
  after(t: number): number {
    const i = this.marks.findIndex((x) => x.at > t);
    return i < 0 ? this.marks.length : i;
  }
}

// Few instants and ids, so that ties and removals of marks that are there are frequent.
const markArb = fc.record({
  at: fc.integer({ min: 0, max: 20 }),
  ticket: fc.integer({ min: 0, max: NAMES.length - 1 }),
  value: fc.constant(0),
});
const opArb = fc.oneof(
  { weight: 3, arbitrary: markArb.map((mark) => ({ add: mark })) },
  { weight: 2, arbitrary: markArb.map((mark) => ({ remove: mark })) },
);

const forward = (line: MarkLine, start: number, end: number) => {
  const seen: Mark[] = [];
  line.forEach(start, end, (m) => void seen.push(m));
  return seen;
};
const backward = (line: MarkLine, start: number, end: number, limit: number) => {
  const seen: Mark[] = [];
  line.forEachBackwards(start, end, (m) => seen.push(m) < limit);
  return seen;
};

describe('MarkLine', () => {
  it('finds, lists and removes marks as one sorted array would, across chunk splits and empty chunks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(opArb, { maxLength: 80 }),
        fc.integer({ min: -1, max: 21 }),
        fc.integer({ min: -1, max: 21 }),
        fc.integer({ min: 1, max: 6 }),
        (chunkMarks, ops, t1, t2, limit) => {
          const line = new MarkLine(NAMES, chunkMarks);
          const reference = new ReferenceLine();
          for (const op of ops) {
            if ('add' in op) [line, reference].forEach((l) => l.add(op.add));
            else [line, reference].forEach((l) => l.remove(op.remove));
          }
          const [lo, hi] = [Math.min(t1, t2), Math.max(t1, t2)];
          const [start, end] = [line.after(lo), line.after(hi)];
          expect([start, end]).toEqual([reference.after(lo), reference.after(hi)]);
          expect(forward(line, 0, reference.marks.length)).toEqual(reference.marks);
          expect(forward(line, start, end)).toEqual(reference.marks.slice(start, end));
          expect(backward(line, start, end, limit)).toEqual(reference.marks.slice(start, end).reverse().slice(0, limit));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('SortedChunks', () => {
  const valueOps = fc.array(
    fc.oneof(
      fc.integer({ min: 0, max: 8 }).map((value) => ({ add: value })),
      fc.integer({ min: 0, max: 8 }).map((value) => ({ remove: value })),
    ),
    { maxLength: 80 },
  );

  it('keeps numbers as one sorted array would, duplicates added and removed one at a time, read by position', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), valueOps, (chunkSize, ops) => {
        const list = new SortedChunks<number>((a, b) => a < b, chunkSize);
        const reference: number[] = [];
        for (const op of ops) {
          if ('add' in op) {
            list.add(op.add);
            reference.push(op.add);
            reference.sort((a, b) => a - b);
          } else {
            list.remove(op.remove);
            const i = reference.indexOf(op.remove);
            if (i >= 0) reference.splice(i, 1);
          }
        }
        expect(list.length).toBe(reference.length);
        expect(Array.from({ length: reference.length + 1 }, (_, i) => list.at(i))).toEqual([...reference, undefined]);
      }),
      { numRuns: 500 },
    );
  });
});
