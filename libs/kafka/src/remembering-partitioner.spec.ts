import { PartitionerArgs, Partitioners } from 'kafkajs';
import { rememberingDefaultPartitioner } from './remembering-partitioner';

const metadata = (count: number): PartitionerArgs['partitionMetadata'] =>
  Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));

describe('rememberingDefaultPartitioner', () => {
  it('puts every key where kafkajs’ default partitioner puts it, for each partition count, asked once or again', () => {
    const remembering = rememberingDefaultPartitioner();
    const reference = Partitioners.DefaultPartitioner();
    for (const count of [1, 6, 7]) {
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 200; i++) {
          const args = { topic: 't', partitionMetadata: metadata(count), message: { key: `contract-${i}`, value: 'v' } };
          expect(remembering(args)).toBe(reference(args));
        }
      }
    }
  });

  it('keeps a partition the message names', () => {
    expect(
      rememberingDefaultPartitioner()({ topic: 't', partitionMetadata: metadata(6), message: { key: 'k', value: 'v', partition: 4 } }),
    ).toBe(4);
  });
});
