import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { HistoryMarkRepository } from '@rapport/db';
import { Logger } from 'nestjs-pino';
import { READY_LINE } from './replay-output';
import { ReplayModule } from './replay.module';
import { ReplayService } from './replay.service';

/**
 * `npm run replay [-- --no-history]`: recompute projections and live scorecards from the stored
 * events, then rebuild the hourly history they made stale (unless `--no-history`: a running
 * pipeline rebuilds it in the background), then exit.
 */
async function replay(): Promise<void> {
  const withHistory = !process.argv.includes('--no-history');
  const app = await NestFactory.createApplicationContext(ReplayModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  const service = app.get(ReplayService);
  const summary = await service.replayAll();
  console.log(`${READY_LINE}: ${JSON.stringify(summary)} in ${seconds()} s`);
  if (withHistory) {
    console.log('replay: rebuilding the hourly history (the pipeline may be started meanwhile; it shares the work)');
    const points = await service.finishHistory();
    console.log(`replay: ${points} hourly points stored; done in ${seconds()} s`);
  } else {
    const stale = await app.get(HistoryMarkRepository).pending();
    console.log(`replay: the hourly history of ${stale.length} contract(s) is left marked stale; a running pipeline rebuilds it`);
  }
  await app.close();
}

replay().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
