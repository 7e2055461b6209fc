import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApi } from '../../apps/api/src/api.setup';
import { PipelineModule } from '../../apps/pipeline/src/pipeline.module';
import type { ServerToClientEvents } from '@rapport/contracts';
import { Logger } from 'nestjs-pino';
import { io, Socket } from 'socket.io-client';
import { STANDARD_SLA } from './fixtures';
import type { AddressInfo } from 'node:net';

export type LiveSocket = Socket<ServerToClientEvents>;

/** The API and the pipeline, each a real Nest application, on the real database and broker. */
export class RapportHarness {
  private constructor(
    readonly api: NestExpressApplication,
    private readonly pipelines: INestApplicationContext[],
    readonly baseUrl: string,
  ) {}

  /** The first in-process pipeline worker (the harness of a suite that runs its own has none). */
  get pipeline(): INestApplicationContext {
    if (!this.pipelines[0]) throw new Error('this harness runs no pipeline in process');
    return this.pipelines[0];
  }

  /** An API and `pipelines` pipeline workers (one group); returns once the whole path is ready. */
  static async start(options: { pipelines?: number; ready?: boolean } = {}): Promise<RapportHarness> {
    const api = await startApi();
    const pipelines: INestApplicationContext[] = [];
    for (let i = 0; i < (options.pipelines ?? 1); i++) pipelines.push(await startPipeline());
    const { port } = (api.getHttpServer() as { address(): AddressInfo }).address();
    const harness = new RapportHarness(api, pipelines, `http://127.0.0.1:${port}`);
    try {
      if (options.ready ?? true) await harness.waitUntilReady();
    } catch (error) {
      await harness.stop();
      throw error;
    }
    return harness;
  }

  /** Consumers join their groups in the background: wait until /health/ready says the whole path works. */
  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      const answer = await this.request('GET', '/health/ready');
      if (answer.status === 200) return;
      last = answer.body;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`not ready after ${timeoutMs} ms: ${JSON.stringify(last)}`);
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.pipelines.map((p) => p.close()), (this.api as INestApplication).close()]);
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; raw?: string; contentType?: string } = {},
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body: body as T };
  }

  async login(email: string, password: string): Promise<string> {
    const { status, body } = await this.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { body: { email, password } });
    if (status !== 200) throw new Error(`login failed: ${status} ${JSON.stringify(body)}`);
    return body.accessToken;
  }

  adminToken(): Promise<string> {
    return this.login(process.env.ADMIN_EMAIL!, process.env.ADMIN_PASSWORD!);
  }

  /** A new vendor with one contract on the standard SLA; returns both ids. */
  async createContract(
    token: string,
    vendorName: string,
    contract: Record<string, unknown> = {},
  ): Promise<{ vendorId: string; contractId: string }> {
    const vendor = await this.request<{ id: string }>('POST', '/api/v1/vendors', { token, body: { name: vendorName } });
    if (vendor.status !== 201) throw new Error(`vendor not created: ${vendor.status} ${JSON.stringify(vendor.body)}`);
    const body = {
      vendorId: vendor.body.id,
      name: 'Contract',
      serviceType: 'it_support',
      startsAt: '2026-01-01T00:00:00Z',
      sla: STANDARD_SLA,
      ...contract,
    };
    const created = await this.request<{ id: string }>('POST', '/api/v1/contracts', { token, body });
    if (created.status !== 201) throw new Error(`contract not created: ${created.status} ${JSON.stringify(created.body)}`);
    return { vendorId: vendor.body.id, contractId: created.body.id };
  }

  ingest<T = { accepted: number }>(events: unknown) {
    return this.request<T>('POST', '/api/v1/events', { token: process.env.INGEST_TOKEN, body: events });
  }

  /** A socket.io client that has finished its handshake. */
  async socket(token: string): Promise<LiveSocket> {
    const socket: LiveSocket = io(this.baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }
}

export async function startApi(): Promise<NestExpressApplication> {
  const api = await NestFactory.create<NestExpressApplication>(ApiModule, { bodyParser: false, rawBody: true, bufferLogs: true });
  configureApi(api);
  await api.listen(0, '127.0.0.1');
  return api;
}

export async function startPipeline(): Promise<INestApplicationContext> {
  const pipeline = await NestFactory.createApplicationContext(PipelineModule, { bufferLogs: true });
  pipeline.useLogger(pipeline.get(Logger));
  await pipeline.init();
  return pipeline;
}

/** Resolves with the first payload of `event` that satisfies `predicate`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: LiveSocket,
  event: E,
  predicate: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean,
  timeoutMs = 30000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(payload);
    };
    socket.on(event, listener as never);
  });
}
