import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TOPICS, UpdateMessage } from '@rapport/contracts';
import { KafkaService } from '@rapport/kafka';
import { randomUUID } from 'node:crypto';
import { LiveGateway } from './live.gateway';

/**
 * Every API instance needs every update for its own sockets, so each joins the updates
 * topic under a group of its own and starts from the latest offset. The consumer keeps itself
 * running (it waits for a broker that is not there yet), so the API starts without Kafka.
 */
@Injectable()
export class UpdatesConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(UpdatesConsumer.name);

  constructor(
    private readonly kafka: KafkaService,
    private readonly gateway: LiveGateway,
  ) {}

  onApplicationBootstrap(): void {
    this.kafka.consume({
      group: `api.${randomUUID()}`,
      topic: TOPICS.updates,
      fromBeginning: false,
      // Its offsets only let a restarted consumer go on where it was: a few seconds sent again do no harm.
      commitIntervalMs: 5_000,
      eachBatch: async ({ batch, resolveOffset }) => {
        for (const message of batch.messages) {
          try {
            this.gateway.broadcast(JSON.parse(message.value?.toString() ?? '') as UpdateMessage);
          } catch (error) {
            this.logger.error(`unreadable update at offset ${message.offset}: ${(error as Error).message}`);
          }
          resolveOffset(message.offset);
        }
      },
    });
  }
}
