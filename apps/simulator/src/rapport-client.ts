import type { CalendarInput, SlaPolicyInput, TargetsInput, WeightsInput } from '@rapport/contracts';
import { AbortedError, HttpError, LogLine, oneLine, RetryOptions, withRetry } from './http-retry';
import type { ServiceType } from './vendor-scenarios';

/** Rapport's public REST API as the simulator uses it (docs/product.md "Public interface"). */
export interface VendorDto {
  id: string;
  name: string;
}

export interface ContractDto {
  id: string;
  vendorId: string;
  name: string;
  startsAt?: string;
  [field: string]: unknown;
}

export interface NewContract {
  vendorId: string;
  name: string;
  serviceType: ServiceType;
  startsAt: string;
  endsAt?: string;
  sla: SlaPolicyInput;
  targets?: TargetsInput;
  weights?: WeightsInput;
  calendar?: CalendarInput;
}

export type SendResult = { ok: true; accepted: number } | { ok: false; status: number; body: string };

export interface RapportClientOptions {
  apiUrl: string;
  adminEmail: string;
  adminPassword: string;
  ingestToken: string;
  log: LogLine;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  retry?: RetryOptions;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
}

type Auth = 'admin' | 'ingest' | 'none';

/** Lists may come bare or wrapped ({items} / {data}); accept both. */
function listOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  for (const key of ['items', 'data', 'results']) {
    const inner = (body as Record<string, unknown> | null)?.[key];
    if (Array.isArray(inner)) return inner as T[];
  }
  throw new Error(`expected a list, got ${oneLine(JSON.stringify(body), 120)}`);
}

export class RapportClient {
  private accessToken: string | null = null;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: RapportClientOptions) {
    this.fetchFn = options.fetch ?? fetch;
  }

  /** POST /api/v1/auth/login; waits (with backoff) for the API to come up. */
  async login(): Promise<void> {
    const { adminEmail: email, adminPassword: password } = this.options;
    const body = await this.call<{ accessToken?: string }>('POST', '/api/v1/auth/login', 'none', { email, password });
    if (!body?.accessToken) throw new Error('login answered without an accessToken');
    this.accessToken = body.accessToken;
  }

  async listVendors(): Promise<VendorDto[]> {
    return listOf<VendorDto>(await this.call('GET', '/api/v1/vendors', 'admin'));
  }

  createVendor(name: string): Promise<VendorDto> {
    return this.call<VendorDto>('POST', '/api/v1/vendors', 'admin', { name });
  }

  async listContracts(): Promise<ContractDto[]> {
    return listOf<ContractDto>(await this.call('GET', '/api/v1/contracts', 'admin'));
  }

  createContract(contract: NewContract): Promise<ContractDto> {
    return this.call<ContractDto>('POST', '/api/v1/contracts', 'admin', contract);
  }

  /**
   * POST /api/v1/events with pre-serialized CloudEvents (one JSON object each). Transient
   * failures are retried until they pass; a 4xx is returned (not thrown) so the caller can log
   * it and move on to the next batch.
   */
  async sendEvents(events: readonly string[]): Promise<SendResult> {
    try {
      const body = await this.call<{ accepted?: number }>('POST', '/api/v1/events', 'ingest', `[${events.join(',')}]`);
      return { ok: true, accepted: typeof body?.accepted === 'number' ? body.accepted : events.length };
    } catch (error) {
      if (error instanceof HttpError) return { ok: false, status: error.status, body: error.body };
      throw error;
    }
  }

  /** One API call with retries; an expired admin token is renewed once. */
  private async call<T>(method: string, path: string, auth: Auth, body?: unknown): Promise<T> {
    const { signal, log, retry } = this.options;
    const attempt = () => this.once<T>(method, path, auth, body);
    try {
      return await withRetry(`${method} ${path}`, attempt, { signal, log, retry });
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 401 || auth !== 'admin') throw error;
      log(`${method} ${path}: access token rejected, signing in again`);
      await this.login();
      return withRetry(`${method} ${path}`, attempt, { signal, log, retry });
    }
  }

  private async once<T>(method: string, path: string, auth: Auth, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth === 'ingest') headers.authorization = `Bearer ${this.options.ingestToken}`;
    if (auth === 'admin') {
      if (!this.accessToken) await this.login();
      headers.authorization = `Bearer ${this.accessToken}`;
    }
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await this.fetchFn(`${this.options.apiUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (this.options.signal?.aborted) throw new AbortedError();
      throw error;
    }
    const text = await response.text();
    if (!response.ok) throw new HttpError(method, path, response.status, text);
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new Error(`${method} ${path} answered ${response.status} with a body that is not JSON: ${oneLine(text, 120)}`);
    }
  }
}
