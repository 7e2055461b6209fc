import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, kafkaBrokers } from '@rapport/config';
import { ALL_TOPICS } from '@rapport/contracts';
import { Admin, Kafka, logLevel, Message, Producer } from 'kafkajs';
import { BrokerUnavailableError, isBrokerUnreachable } from './broker-errors';
import { kafkaLogCreator } from './kafka-logger';
import { chunkBySize } from './message-chunks';
import { rememberingDefaultPartitioner } from './remembering-partitioner';
import { ConsumerOptions, ConsumerStatus, SupervisedConsumer, withTimeout } from './supervised-consumer';

export interface TopicMessage {
  key: string;
  value: unknown;
  headers?: Record<string, string>;
}

export const TOPIC_PARTITIONS = 6;
/** After a failed send, further sends fail at once for this long instead of each waiting out its retries. */
const FAST_FAIL_MS = 2_000;
const PROBE_TIMEOUT_MS = 3_000;

/**
 * The one place that talks to Kafka: topic set-up, a producer that resolves only once every
 * in-sync replica has the messages (in requests under the broker's size limit), supervised
 * consumers, and the probes behind readiness and metrics. Nothing here waits long on a broker
 * that is gone: sends fail over to BrokerUnavailableError, probes and shutdown time out.
 */
@Injectable()
export class KafkaService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(KafkaService.name);
  private readonly kafka: Kafka;
  /** A client for probes: few, quick retries (a first coordinator lookup needs one), so a missing broker is reported at once. */
  private readonly probeClient: Kafka;
  private producer?: Promise<Producer>;
  private topicsReady?: Promise<void>;
  private unavailableUntil = 0;
  private readonly consumers: SupervisedConsumer[] = [];
  /** Set once shutdown has stopped the consumers: no producer is connected after that. */
  private closed = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const base = { clientId: 'rapport', brokers: kafkaBrokers(config), logLevel: logLevel.WARN, logCreator: kafkaLogCreator };
    this.kafka = new Kafka({ ...base, connectionTimeout: 3_000, requestTimeout: 10_000, retry: { initialRetryTime: 200, retries: 5 } });
    this.probeClient = new Kafka({
      ...base,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 500 },
    });
  }

  /** Creates the versioned topics that do not exist yet (the broker does not auto-create). */
  ensureTopics(): Promise<void> {
    this.topicsReady ??= this.withAdmin(this.kafka, async (admin) => {
      const existing = new Set(await admin.listTopics());
      const missing = ALL_TOPICS.filter((t) => !existing.has(t));
      if (missing.length) {
        await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: TOPIC_PARTITIONS })) });
      }
    }).catch((error: unknown) => {
      this.topicsReady = undefined;
      throw error;
    });
    return this.topicsReady;
  }

  /** Resolves once the broker acknowledged every message; BrokerUnavailableError when it cannot be reached. */
  send(topic: string, messages: TopicMessage[]): Promise<void> {
    // Encoded once, as bytes: sizing the chunks and writing the records then reads no string again.
    return this.sendRecords(
      topic,
      messages.map((m) => ({ key: m.key, value: Buffer.from(JSON.stringify(m.value)), headers: m.headers })),
    );
  }

  /** `send` for records already encoded. */
  async sendRecords(topic: string, records: Message[]): Promise<void> {
    if (!records.length) return;
    if (Date.now() < this.unavailableUntil) throw new BrokerUnavailableError(new Error('the last send failed moments ago'));
    try {
      await this.ensureTopics();
      const producer = await this.connectedProducer();
      for (const chunk of chunkBySize(records)) await producer.send({ topic, acks: -1, messages: chunk });
    } catch (error) {
      if (!isBrokerUnreachable(error)) throw error;
      this.unavailableUntil = Date.now() + FAST_FAIL_MS;
      this.resetProducer();
      throw new BrokerUnavailableError(error);
    }
  }

  /** Starts a consumer that keeps itself running (see SupervisedConsumer); returns at once. */
  consume(options: ConsumerOptions): SupervisedConsumer {
    const consumer = new SupervisedConsumer(this.kafka, this.groupId(options.group), options, () => this.ensureTopics());
    this.consumers.push(consumer);
    consumer.start();
    return consumer;
  }

  consumerStatus(): ConsumerStatus[] {
    return this.consumers.map((c) => c.state);
  }

  groupId(group: string): string {
    return `${this.config.KAFKA_GROUP_PREFIX}.${group}`;
  }

  /** Is the cluster reachable now? Answers within a few seconds whatever the broker does. */
  async ping(): Promise<boolean> {
    const reachable = await withTimeout(
      this.withAdmin(this.probeClient, async (admin) => {
        await admin.describeCluster();
        return true;
      }),
      PROBE_TIMEOUT_MS,
    );
    return reachable ?? false;
  }

  /** Members of a consumer group and, per partition of the topic, how far its committed offset lags the log's end. */
  async groupProgress(group: string, topic: string): Promise<GroupProgress | undefined> {
    return withTimeout(
      this.withAdmin(this.probeClient, async (admin) => {
        const groupId = this.groupId(group);
        // All three settle before the admin disconnects: a request still retrying would reconnect after it.
        const [{ groups }, ends, [committed]] = await allSettledOrThrow([
          admin.describeGroups([groupId]),
          admin.fetchTopicOffsets(topic),
          admin.fetchOffsets({ groupId, topics: [topic] }),
        ] as const);
        const offsets = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
        const partitions = ends.map((end) => {
          const high = Number(end.high);
          const at = offsets.get(end.partition) ?? -1;
          // -1: nothing committed yet, so everything in the log is still to do.
          const done = at < 0 ? Number(end.low) : at;
          return { partition: end.partition, committed: at, lag: Math.max(0, high - done) };
        });
        const members = groups[0]?.members.map((m) => m.memberId) ?? [];
        return { state: groups[0]?.state ?? 'Unknown', members: members.length, memberIds: members, partitions };
      }),
      PROBE_TIMEOUT_MS,
    );
  }

  /**
   * Before the database closes (it closes on application shutdown): the consumers finish the
   * batches in hand, which may still publish, and only then does the producer go.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.consumers.map((c) => c.stop()));
    this.closed = true;
    if (this.producer)
      await withTimeout(
        this.producer.then((p) => p.disconnect()),
        3_000,
      );
  }

  private async withAdmin<T>(client: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = client.admin();
    try {
      await admin.connect();
      return await work(admin);
    } finally {
      await withTimeout(admin.disconnect(), 1_000);
    }
  }

  /** A producer that lost its broker is replaced rather than trusted to recover its own state. */
  private resetProducer(): void {
    const old = this.producer;
    this.producer = undefined;
    if (old)
      void withTimeout(
        old.then((p) => p.disconnect()),
        1_000,
      );
  }

  private connectedProducer(): Promise<Producer> {
    if (this.closed) return Promise.reject(new BrokerUnavailableError(new Error('this process is shutting down')));
    this.producer ??= (async () => {
      // Not kafkajs' idempotent mode: a resent event is harmless, the pipeline dedupes on (source, id).
      const producer = this.kafka.producer({ allowAutoTopicCreation: false, createPartitioner: rememberingDefaultPartitioner });
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

/** Promise.all that waits for every promise to settle before it rejects with the first failure. */
async function allSettledOrThrow<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

export interface GroupProgress {
  state: string;
  members: number;
  memberIds: string[];
  partitions: { partition: number; committed: number; lag: number }[];
}
