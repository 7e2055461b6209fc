import { Partitioners, Producer } from 'kafkajs';
import { kafkaClient } from '../support/kafka-topics';
import type { BenchEvent } from '../support/ticket-events';

/** A kafkajs producer as the API's: keyed by contract, default partitioner, acks from every in-sync replica. */
export async function connectRawProducer(brokers: string): Promise<Producer> {
  const producer = kafkaClient(brokers, 'bench-raw-producer').producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return producer;
}

export function sendEvents(producer: Producer, topic: string, events: BenchEvent[]): Promise<unknown> {
  return producer.send({ topic, acks: -1, messages: events.map((e) => ({ key: e.contractid, value: JSON.stringify(e) })) });
}
