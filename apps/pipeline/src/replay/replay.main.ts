import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ReplayModule } from './replay.module';
import { ReplayService } from './replay.service';

/** `npm run replay`: recompute projections and history from the stored events, then exit. */
async function replay(): Promise<void> {
  const app = await NestFactory.createApplicationContext(ReplayModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const started = Date.now();
  const summary = await app.get(ReplayService).replayAll();
  console.log(`replay: ${JSON.stringify(summary)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await app.close();
}

replay().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
