import type { CanonicalEvent } from '@rapport/contracts';
import { PendingQueue } from './pending-queue';
import { SeededRandom } from './seeded-random';

const event = (id: string, atMs: number): CanonicalEvent => ({
  specversion: '1.0',
  id,
  source: 'sim://jira/test',
  type: 'ticket.responded',
  time: new Date(atMs).toISOString(),
  contractid: 'c1',
  data: { ticketId: id },
});

const ids = (json: string[]) => json.map((j) => (JSON.parse(j) as CanonicalEvent).id);

describe('PendingQueue', () => {
  it('releases only due events, oldest first, at most `max` at a time', () => {
    const queue = new PendingQueue();
    queue.pushAll([event('c', 3000), event('a', 1000), event('d', 9000), event('b', 2000)]);
    expect(queue.peekTime()).toBe(1000);
    expect(ids(queue.takeDue(3000, 2))).toEqual(['a', 'b']);
    expect(ids(queue.takeDue(3000, 2))).toEqual(['c']);
    expect(queue.takeDue(3000, 2)).toEqual([]);
    expect(queue.size).toBe(1);
    expect(ids(queue.takeDue(9000, 10))).toEqual(['d']);
    expect(queue.peekTime()).toBeNull();
  });

  it('keeps insertion order for equal times and sorts many random times', () => {
    const queue = new PendingQueue();
    queue.pushAll([event('first', 5), event('second', 5)]);
    expect(ids(queue.takeDue(5, 10))).toEqual(['first', 'second']);

    const rng = new SeededRandom(1);
    const times = Array.from({ length: 500 }, () => rng.int(0, 10_000));
    times.forEach((t, i) => queue.push(event(`e${i}`, t)));
    const out = queue.takeDue(10_000, 1000).map((j) => Date.parse((JSON.parse(j) as CanonicalEvent).time));
    expect(out).toEqual([...times].sort((a, b) => a - b));
  });

  it('interleaves pushes and takes without ever releasing a future event', () => {
    const queue = new PendingQueue();
    const rng = new SeededRandom(9);
    let now = 0;
    const released: number[] = [];
    for (let step = 0; step < 200; step++) {
      queue.push(event(`s${step}`, now + rng.int(0, 5_000)));
      now += rng.int(0, 1_000);
      const due = queue.takeDue(now, 3).map((j) => Date.parse((JSON.parse(j) as CanonicalEvent).time));
      expect(due.every((t) => t <= now)).toBe(true);
      released.push(...due);
    }
    expect(released).toEqual([...released].sort((a, b) => a - b));
    expect(released.length + queue.size).toBe(200);
  });
});
