import { io, type Socket } from 'socket.io-client';
import type { AlertView, ScorecardView, ServerToClientEvents } from './types';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface LiveHandlers {
  onState(state: ConnectionState): void;
  onScorecard(sc: ScorecardView): void;
  onAlert(alert: AlertView): void;
  /** The server refused the token: the session is over. */
  onAuthError(message: string): void;
  /** Connected again after a drop: updates may have been missed. */
  onResync(): void;
}

export interface LiveConnection {
  close(): void;
}

function isAuthError(err: Error & { data?: unknown; description?: unknown }): boolean {
  const data = err.data as { status?: unknown; statusCode?: unknown; code?: unknown } | undefined;
  if (data && [401, 403, '401', '403'].includes((data.status ?? data.statusCode ?? data.code) as number)) return true;
  return /unauthori[sz]ed|forbidden|auth|token|jwt|expired|401|403/i.test(err.message ?? '');
}

/**
 * Connects socket.io to the page's origin. Every handshake, reconnections included, asks
 * `freshToken` for the access token, so a renewed token is used once the old one expires.
 */
export function connectLive(freshToken: () => Promise<string | null>, handlers: LiveHandlers): LiveConnection {
  const socket: Socket<ServerToClientEvents> = io({
    auth: (send) => void freshToken().then((token) => send({ token })),
    reconnectionDelay: 1000,
    reconnectionDelayMax: 8000,
  });
  let everConnected = false;
  let closed = false;
  let retryTimer: number | undefined;

  handlers.onState('connecting');

  socket.on('connect', () => {
    handlers.onState('live');
    if (everConnected) handlers.onResync();
    everConnected = true;
  });
  socket.on('disconnect', (reason) => {
    if (closed) return;
    handlers.onState('reconnecting');
    // A server-side disconnect is not retried automatically by socket.io.
    if (reason === 'io server disconnect') retryTimer = window.setTimeout(() => socket.connect(), 1500);
  });
  socket.io.on('reconnect_attempt', () => !closed && handlers.onState('reconnecting'));
  socket.io.on('reconnect_failed', () => !closed && handlers.onState('offline'));
  socket.on('connect_error', (err) => {
    if (closed) return;
    if (isAuthError(err)) {
      closed = true;
      socket.close();
      handlers.onAuthError(err.message);
      return;
    }
    handlers.onState(everConnected ? 'reconnecting' : 'connecting');
    // Rejected by server middleware for another reason: socket.io will not retry by itself.
    if (!socket.active) retryTimer = window.setTimeout(() => socket.connect(), 3000);
  });
  socket.on('scorecard.updated', (sc) => handlers.onScorecard(sc));
  socket.on('alert.raised', (alert) => handlers.onAlert(alert));

  return {
    close() {
      closed = true;
      window.clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.close();
      handlers.onState('offline');
    },
  };
}
