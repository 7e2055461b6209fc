import { ICustomPartitioner, Partitioners } from 'kafkajs';

/** Far more than the contracts one producer writes to; past it the memory starts afresh rather than grow. */
const MAX_REMEMBERED = 10_000;

/**
 * kafkajs' default partitioner (murmur2 of the key, as the Java client), remembering each key's
 * partition per topic and partition count. Every event is keyed by its contract, so a producer
 * hashes the same few keys over and over, and kafkajs' murmur2 works in 64-bit BigInt arithmetic:
 * it was a twentieth of the API's CPU under load. Keyless or pinned messages go straight through.
 */
export const rememberingDefaultPartitioner: ICustomPartitioner = () => {
  const partitioner = Partitioners.DefaultPartitioner();
  const remembered = new Map<string, number>();
  return (args) => {
    const { topic, partitionMetadata, message } = args;
    if (typeof message.key !== 'string' || (message.partition !== undefined && message.partition !== null)) return partitioner(args);
    const at = `${topic}\u0000${partitionMetadata.length}\u0000${message.key}`;
    let partition = remembered.get(at);
    if (partition === undefined) {
      partition = partitioner(args);
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      remembered.set(at, partition);
    }
    return partition;
  };
};
