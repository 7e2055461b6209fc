import { CoalescedCommits, CommitOffsets } from './coalesced-commits';

type Sent = { topic: string; partitions: { partition: number; offset: string }[] }[];

/** Records each request; fails the requests the test says to. */
function recorder(fail = false) {
  const requests: Sent[] = [];
  const send = (async (offsets: { topics: Sent }) => {
    requests.push(offsets.topics);
    if (fail) throw new Error('rebalancing');
  }) as CommitOffsets;
  return { requests, send };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescedCommits', () => {
  it('sends the offsets asked for in one turn as one request, and settles every caller with it', async () => {
    const commits = new CoalescedCommits('events');
    const { requests, send } = recorder();
    const all = [commits.commit(1, send, 0, '10'), commits.commit(1, send, 3, '7'), commits.commit(1, send, 0, '12')];
    expect(requests).toEqual([]);
    await Promise.all(all);
    expect(requests).toEqual([
      [
        {
          topic: 'events',
          partitions: [
            { partition: 0, offset: '12' },
            { partition: 3, offset: '7' },
          ],
        },
      ],
    ]);
  });

  it('sends a later turn’s offsets in a request of their own', async () => {
    const commits = new CoalescedCommits('events');
    const { requests, send } = recorder();
    const first = commits.commit(1, send, 0, '10');
    await nextTurn();
    await Promise.all([first, commits.commit(1, send, 1, '4')]);
    expect(requests.map((r) => r[0].partitions)).toEqual([[{ partition: 0, offset: '10' }], [{ partition: 1, offset: '4' }]]);
  });

  it('never sends offsets of two memberships of the group together', async () => {
    const commits = new CoalescedCommits('events');
    const { requests, send } = recorder();
    await Promise.all([commits.commit(1, send, 0, '10'), commits.commit(2, send, 1, '4')]);
    expect(requests.map((r) => r[0].partitions)).toEqual([[{ partition: 0, offset: '10' }], [{ partition: 1, offset: '4' }]]);
  });

  it('fails every caller of a request that fails, and sends the next turn’s anew', async () => {
    const commits = new CoalescedCommits('events');
    const failing = recorder(true);
    const results = await Promise.allSettled([commits.commit(1, failing.send, 0, '10'), commits.commit(1, failing.send, 1, '4')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const { requests, send } = recorder();
    await commits.commit(1, send, 0, '10');
    expect(requests).toHaveLength(1);
  });
});
