import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { IncomingMessage } from 'node:http';
import type { Server, ServerOptions } from 'socket.io';
import { originAllowed } from './http-policy';

/** Clients send nothing but their handshake, so their packets stay small. */
const MAX_CLIENT_PACKET_BYTES = 16 * 1024;

/**
 * socket.io under the same policy as REST: a browser handshake from another origin is refused
 * unless allow-listed (non-browser clients send no Origin), CORS only for allow-listed origins.
 */
export class SecureIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly origins: readonly string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...options,
      cors: this.origins.length ? { origin: [...this.origins], methods: ['GET', 'POST'], credentials: false } : { origin: false },
      maxHttpBufferSize: MAX_CLIENT_PACKET_BYTES,
      allowRequest: (req: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) => {
        const allowed = originAllowed(req.headers.origin, req.headers.host, this.origins);
        callback(allowed ? null : 'origin not allowed', allowed);
      },
    }) as Server;
  }
}
