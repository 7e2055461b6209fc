import type { EachBatchPayload } from 'kafkajs';

/** A batch's way to commit offsets of its consumer group (any batch's commits for the whole group). */
export type CommitOffsets = EachBatchPayload['commitOffsetsIfNecessary'];

/**
 * Offsets of one topic asked to be committed in the same turn of the event loop, sent as one
 * OffsetCommit request: the batches of one fetch are stored together and come due together, so a
 * fetch costs the broker one commit, not one per partition. Offsets of different memberships of
 * the group are never sent together. Every caller of a request gets its outcome.
 */
export class CoalescedCommits {
  private next?: { generation: number; offsets: Map<number, string>; sent: Promise<void> };

  constructor(private readonly topic: string) {}

  commit(generation: number, send: CommitOffsets, partition: number, offset: string): Promise<void> {
    if (this.next?.generation !== generation) {
      const offsets = new Map<number, string>();
      const sent = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        if (this.next?.offsets === offsets) this.next = undefined;
        const partitions = [...offsets].map(([partition, offset]) => ({ partition, offset }));
        return send({ topics: [{ topic: this.topic, partitions }] });
      });
      this.next = { generation, offsets, sent };
    }
    this.next.offsets.set(partition, offset);
    return this.next.sent;
  }
}
