import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PipelineMetrics } from './pipeline-metrics';

/**
 * The worker has no API, but Prometheus must reach its metrics: a bare listener serving
 * `/metrics` on PIPELINE_METRICS_PORT (loopback by default; 0 picks a free port).
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;

  constructor(
    private readonly metrics: PipelineMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      this.metrics.registry.metrics().then(
        (body) => response.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(body),
        () => response.writeHead(500).end(),
      );
    });
    this.server = server;
    return new Promise((resolve) => {
      server.once('error', (error) => {
        // Metrics are an aid, not a reason to stop consuming: a taken port is logged, not fatal.
        this.logger.warn(`metrics listener not started: ${error.message}`);
        resolve();
      });
      server.listen(this.config.PIPELINE_METRICS_PORT, this.config.PIPELINE_METRICS_HOST, () => {
        this.logger.log(`metrics on http://${this.config.PIPELINE_METRICS_HOST}:${(server.address() as AddressInfo).port}/metrics`);
        resolve();
      });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server?.listening) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server!.close(resolve));
  }
}
