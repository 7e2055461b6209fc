import { ALL_TOPICS } from '@rapport/contracts';
import { TOPIC_PARTITIONS } from '@rapport/kafka';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { sleep } from './stats';

/** Quiet: kafkajs logs every retry it recovers from; what it cannot recover from is thrown. */
export const kafkaClient = (brokers: string, clientId = 'bench'): Kafka =>
  new Kafka({ clientId, brokers: [brokers], logLevel: logLevel.NOTHING });

export async function withAdmin<T>(brokers: string, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafkaClient(brokers).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Creates the topics that are missing, with the product's partition count. */
export async function createTopics(brokers: string, topics: string[]): Promise<void> {
  await withAdmin(brokers, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length) {
      await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: TOPIC_PARTITIONS })) });
    }
  });
}

/**
 * The product's topics exist, and a new consumer group starts at the end of `topic` instead of
 * at its beginning: a run's pipeline must not process the events of an earlier run's database.
 */
export async function startGroupAtEnd(brokers: string, groupId: string, topic: string): Promise<void> {
  await createTopics(brokers, ALL_TOPICS);
  // Leaders of topics created moments ago may not be known yet: ask again.
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdmin(brokers, async (admin) => {
        const ends = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({ groupId, topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
      });
      return;
    } catch (error) {
      if (attempt >= 20) throw error;
      await sleep(500);
    }
  }
}
