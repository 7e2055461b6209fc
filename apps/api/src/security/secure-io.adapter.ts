import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { IncomingMessage } from 'node:http';
import type { Server, ServerOptions } from 'socket.io';
import { originAllowed } from './http-policy';

/** Clients send nothing but their handshake, so their packets stay small. */
const MAX_CLIENT_PACKET_BYTES = 16 * 1024;
/** A connection that has not joined the namespace (e.g. its token was refused) is closed after this. */
const CONNECT_TIMEOUT_MS = 10_000;

export interface SocketPolicy {
  origins: readonly string[];
  /** Open connections (signed in or not) per client address. */
  perAddress: number;
}

/**
 * socket.io under the same policy as REST: a browser handshake from another origin is refused
 * unless allow-listed (non-browser clients send no Origin), CORS only for allow-listed origins.
 * Each client address may hold `perAddress` open connections, counted at the transport level so
 * refused and anonymous handshakes count too. The address is the TCP peer: behind a reverse
 * proxy every client shares the proxy's, so raise SOCKETS_PER_ADDRESS there.
 */
export class SecureIoAdapter extends IoAdapter {
  private readonly open = new Map<string, number>();

  constructor(
    app: INestApplicationContext,
    private readonly policy: SocketPolicy,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const { origins, perAddress } = this.policy;
    const server = super.createIOServer(port, {
      ...options,
      cors: origins.length ? { origin: [...origins], methods: ['GET', 'POST'], credentials: false } : { origin: false },
      maxHttpBufferSize: MAX_CLIENT_PACKET_BYTES,
      connectTimeout: CONNECT_TIMEOUT_MS,
      allowRequest: (req: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) => {
        if (!originAllowed(req.headers.origin, req.headers.host, origins)) return callback('origin not allowed', false);
        if ((this.open.get(addressOf(req)) ?? 0) >= perAddress) return callback('too many connections from this address', false);
        callback(null, true);
      },
    }) as Server;
    server.engine.on('connection', (conn: { request: IncomingMessage; once(event: 'close', listener: () => void): void }) => {
      const address = addressOf(conn.request);
      this.open.set(address, (this.open.get(address) ?? 0) + 1);
      conn.once('close', () => {
        const left = (this.open.get(address) ?? 1) - 1;
        if (left > 0) this.open.set(address, left);
        else this.open.delete(address);
      });
    });
    return server;
  }
}

const addressOf = (req: IncomingMessage): string => req.socket.remoteAddress ?? 'unknown';
