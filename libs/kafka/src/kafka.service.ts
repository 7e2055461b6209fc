import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { ALL_TOPICS } from '@rapport/contracts';
import { Admin, Consumer, EachBatchPayload, Kafka, logLevel, Message, Partitioners, Producer } from 'kafkajs';
import { kafkaLogCreator } from './kafka-logger';

export interface TopicMessage {
  key: string;
  value: unknown;
  headers?: Record<string, string>;
}

export interface ConsumerOptions {
  /** Suffix of the consumer group id (the configured prefix comes first). */
  group: string;
  topic: string;
  fromBeginning?: boolean;
  eachBatch: (payload: EachBatchPayload) => Promise<void>;
}

/**
 * The one place that talks to Kafka: topic set-up, a producer that resolves only once every
 * in-sync replica has the messages, and consumers that stop with the application.
 */
@Injectable()
export class KafkaService implements OnApplicationShutdown {
  private readonly logger = new Logger(KafkaService.name);
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private readonly consumers: Consumer[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.kafka = new Kafka({
      clientId: 'rapport',
      brokers: config.KAFKA_BROKERS,
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator,
      retry: { initialRetryTime: 200, retries: 8 },
    });
  }

  /** Creates the versioned topics that do not exist yet (the broker does not auto-create). */
  async ensureTopics(partitions = 6): Promise<void> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = ALL_TOPICS.filter((t) => !existing.has(t));
      if (missing.length) {
        await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: partitions })) });
      }
    } finally {
      await admin.disconnect();
    }
  }

  async send(topic: string, messages: TopicMessage[]): Promise<void> {
    const producer = await this.connectedProducer();
    const encoded: Message[] = messages.map((m) => ({ key: m.key, value: JSON.stringify(m.value), headers: m.headers }));
    await producer.send({ topic, acks: -1, messages: encoded });
  }

  /** Is the cluster reachable? Used by the readiness probe. */
  async ping(): Promise<boolean> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return true;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async consume(options: ConsumerOptions): Promise<Consumer> {
    const consumer = this.kafka.consumer({
      groupId: `${this.config.KAFKA_GROUP_PREFIX}.${options.group}`,
      maxWaitTimeInMs: 50,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
    });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: options.topic, fromBeginning: options.fromBeginning ?? true });
    await consumer.run({ eachBatchAutoResolve: false, eachBatch: options.eachBatch });
    return consumer;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.consumers.map((c) => c.disconnect()));
    if (this.producer) await (await this.producer).disconnect().catch(() => undefined);
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      // Not kafkajs' idempotent mode: a resent event is harmless, the pipeline dedupes on (source, id).
      const producer = this.kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      this.logger.log(`producer connected to ${this.config.KAFKA_BROKERS.join(',')}`);
      return producer;
    })().catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    });
    return this.producer;
  }
}
