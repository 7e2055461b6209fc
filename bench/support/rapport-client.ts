import type { ServerToClientEvents } from '@rapport/contracts';
import { io, Socket } from 'socket.io-client';
import type { BenchEvent } from './ticket-events';
import { STANDARD_SLA } from '../../test/support/fixtures';

export type LiveSocket = Socket<ServerToClientEvents>;

/** The public REST API and socket.io as a vendor tool and the dashboard use them. */
export class RapportClient {
  constructor(
    readonly baseUrl: string,
    private readonly ingestToken: string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async login(email: string, password: string): Promise<string> {
    const { status, body } = await this.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { email, password });
    if (status !== 200) throw new Error(`login failed: ${status} ${JSON.stringify(body)}`);
    return body.accessToken;
  }

  /** `count` vendors with one contract each on the standard SLA; returns the contract ids. */
  async createContracts(token: string, count: number, label: string): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const vendor = await this.request<{ id: string }>('POST', '/api/v1/vendors', { name: `${label} vendor ${i}` }, token);
      if (vendor.status !== 201) throw new Error(`vendor not created: ${vendor.status} ${JSON.stringify(vendor.body)}`);
      const contract = await this.request<{ id: string }>(
        'POST',
        '/api/v1/contracts',
        {
          vendorId: vendor.body.id,
          name: `${label} contract ${i}`,
          serviceType: 'it_support',
          startsAt: '2020-01-01T00:00:00Z',
          sla: STANDARD_SLA,
        },
        token,
      );
      if (contract.status !== 201) throw new Error(`contract not created: ${contract.status} ${JSON.stringify(contract.body)}`);
      ids.push(contract.body.id);
    }
    return ids;
  }

  /** Posts events with the ingest token; resolves when the API answered 202, throws otherwise. */
  async ingest(events: BenchEvent[]): Promise<void> {
    const { status, body } = await this.request('POST', '/api/v1/events', events, this.ingestToken);
    if (status !== 202) throw new Error(`ingest answered ${status}: ${JSON.stringify(body).slice(0, 500)}`);
  }

  async ready(): Promise<{ status: number; body: unknown }> {
    return this.request('GET', '/health/ready');
  }

  /** A socket.io client that has finished its handshake, as the dashboard opens it. */
  async socket(token: string): Promise<LiveSocket> {
    const socket: LiveSocket = io(this.baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }
}
