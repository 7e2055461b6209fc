import { TOPICS, type UpdateMessage } from '@rapport/contracts';
import type { TopicMessage } from '@rapport/kafka';

/**
 * Stands in for KafkaService in this database-only tier: it keeps what would have been
 * published (the end-to-end tier covers the real broker).
 */
export class RecordingKafka {
  readonly sent: { topic: string; message: TopicMessage }[] = [];

  async send(topic: string, messages: TopicMessage[]): Promise<void> {
    for (const message of messages) this.sent.push({ topic, message });
  }

  /** What was published on the updates topic about one contract, oldest first. */
  updates(contractId: string): UpdateMessage[] {
    return this.sent
      .filter((s) => s.topic === TOPICS.updates)
      .map((s) => s.message.value as UpdateMessage)
      .filter((m) => m.contractId === contractId);
  }

  deadLetters(): TopicMessage[] {
    return this.sent.filter((s) => s.topic === TOPICS.deadLetter).map((s) => s.message);
  }
}
