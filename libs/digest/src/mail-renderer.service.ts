import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { extname, join } from 'node:path';
import { Piscina } from 'piscina';
import type { AlertMailModel } from './alert-mail-model';
import type { DigestModel } from './digest-model';
import type { MailRenderTask, RenderedAlert, RenderedDigest } from './mail-rendering';

/** Render threads at most: mails are few, and the processes beside them need the cores more. */
const MAX_THREADS = 1;
/** A thread nobody asked for this long ends (a digest run is once a week). */
const IDLE_TIMEOUT_MS = 60_000;

/**
 * Writes mails on a thread of their own. Drawing a digest's chart (Chart.js on a Skia canvas) and
 * turning its MJML into HTML took the pipeline worker's event loop 0.3–0.5 s per mail, during
 * which no batch was stored and no live scorecard pushed; the API's preview held its requests as
 * long. Compiled, the thread runs the built module; from the TypeScript sources (the tests), tsx
 * loads it.
 */
@Injectable()
export class MailRenderer implements OnModuleDestroy {
  private readonly pool = new Piscina({
    filename: join(__dirname, `mail-render.worker${extname(__filename)}`),
    execArgv: extname(__filename) === '.ts' ? ['--require', 'tsx/cjs'] : [],
    minThreads: 0,
    maxThreads: MAX_THREADS,
    idleTimeout: IDLE_TIMEOUT_MS,
  });

  /** The chart comes back from the thread as bytes: a Buffer again, for the mail's attachment. */
  async digest(model: DigestModel, chartCid: string): Promise<RenderedDigest & { chart: Buffer }> {
    const rendered = await this.run<RenderedDigest>({ kind: 'digest', model, chartCid });
    return { ...rendered, chart: Buffer.from(rendered.chart) };
  }

  digestPreview(model: DigestModel): Promise<string> {
    return this.run<string>({ kind: 'digest-preview', model });
  }

  alert(model: AlertMailModel): Promise<RenderedAlert> {
    return this.run<RenderedAlert>({ kind: 'alert', model });
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }

  private run<T>(task: MailRenderTask): Promise<T> {
    return this.pool.run(task) as Promise<T>;
  }
}
