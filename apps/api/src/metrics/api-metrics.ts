import { Injectable } from '@nestjs/common';
import { PIPELINE_GROUP, TOPICS } from '@rapport/contracts';
import { KafkaService } from '@rapport/kafka';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/** The API's Prometheus metrics, in a registry of its own (the pipeline has another, even in one process). */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();

  readonly accepted = new Counter({
    name: 'rapport_events_accepted_total',
    help: 'Events acknowledged by Kafka and answered 202, by entry point',
    labelNames: ['via'] as const,
    registers: [this.registry],
  });
  readonly refused = new Counter({
    name: 'rapport_events_refused_total',
    help: 'Events refused at the edge with a 4xx (invalid, or outside the token scope)',
    registers: [this.registry],
  });

  readonly socketClients = new Gauge({
    name: 'rapport_socket_clients',
    help: 'socket.io clients connected to this API instance',
    registers: [this.registry],
  });

  constructor(kafka: KafkaService) {
    collectDefaultMetrics({ register: this.registry, prefix: 'rapport_api_' });
    new Gauge({
      name: 'rapport_consumer_lag',
      help: "Events in Kafka not yet processed by the pipeline's consumer group, per partition",
      labelNames: ['partition'] as const,
      registers: [this.registry],
      async collect() {
        const progress = await kafka.groupProgress(PIPELINE_GROUP, TOPICS.events);
        this.reset();
        for (const p of progress?.partitions ?? []) this.set({ partition: String(p.partition) }, p.lag);
      },
    });
  }
}
