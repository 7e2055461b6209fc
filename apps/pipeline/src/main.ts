import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { PipelineModule } from './pipeline.module';

/** The pipeline is a worker: Kafka consumers and schedules, no HTTP server. */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(PipelineModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
}

void bootstrap();
