import { PIPELINE_GROUP, TOPICS } from '@rapport/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { basename } from 'node:path';

/**
 * The e2e suites share one broker, so its topics hold every earlier suite's messages. Each
 * suite gets consumer groups of its own that start at the topics' current end: its workers
 * never inherit a backlog an earlier suite left unconsumed (nor mail its alerts), whatever
 * order the suites run in.
 */
const READERS: { group: string; topic: string }[] = [
  { group: PIPELINE_GROUP, topic: TOPICS.events },
  { group: 'alert-mail', topic: TOPICS.updates },
];

beforeAll(async () => {
  const suite = basename(expect.getState().testPath ?? 'suite').replace(/\.e2e-spec\.ts$/, '');
  const prefix = `${process.env.KAFKA_GROUP_PREFIX}.${suite}`;
  process.env.KAFKA_GROUP_PREFIX = prefix;
  const admin = new Kafka({ brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    for (const { group, topic } of READERS) {
      if (!existing.has(topic)) continue;
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId: `${prefix}.${group}`,
        topic,
        partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}, 60_000);
