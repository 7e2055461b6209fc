import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { ServerToClientEvents, UpdateMessage } from '@rapport/contracts';
import type { Server, Socket } from 'socket.io';
import type { Principal } from '../auth/principal';
import { TokenService } from '../auth/token.service';
import { ApiMetrics } from '../metrics/api-metrics';

interface SocketData {
  principal: Principal;
  expiresAt: number;
  expiryTimer?: NodeJS.Timeout;
}

type LiveServer = Server<Record<string, never>, ServerToClientEvents, Record<string, never>, SocketData>;
type LiveSocket = Socket<Record<string, never>, ServerToClientEvents, Record<string, never>, SocketData>;

/** Client staff see every contract; a vendor user only their own vendor's room. */
const ALL_ROOM = 'scope:all';
const vendorRoom = (vendorId: string): string => `scope:vendor:${vendorId}`;
// setTimeout's ceiling; a token living longer is re-checked then.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The one room a principal may be in, or null: a vendor user without a vendor sees nothing. */
export function roomOf(principal: Principal): string | null {
  if (principal.role !== 'vendor') return ALL_ROOM;
  return principal.vendorId ? vendorRoom(principal.vendorId) : null;
}

/**
 * socket.io on the API's port. The token is checked during the handshake (a refused client
 * gets `connect_error` "unauthorized"); a socket joins only the room its principal may see,
 * clients cannot ask to join rooms (there is no client → server event at all), and a socket
 * is disconnected when its access token expires, so it must reconnect with a fresh one.
 */
@WebSocketGateway({ cors: { origin: false } })
export class LiveGateway implements OnGatewayInit<LiveServer>, OnGatewayConnection<LiveSocket>, OnGatewayDisconnect<LiveSocket> {
  private readonly logger = new Logger(LiveGateway.name);

  @WebSocketServer()
  private readonly server!: LiveServer;

  constructor(
    private readonly tokens: TokenService,
    private readonly metrics: ApiMetrics,
  ) {}

  afterInit(server: LiveServer): void {
    server.use((socket, next) => {
      const token: unknown = socket.handshake.auth?.token;
      this.tokens.verifyAccess(typeof token === 'string' ? token : undefined).then(
        (access) => {
          if (!access || !roomOf(access.principal)) return next(new Error('unauthorized: a valid access token is required'));
          socket.data.principal = access.principal;
          socket.data.expiresAt = access.expiresAt.getTime();
          next();
        },
        () => next(new Error('unauthorized')),
      );
    });
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    const { principal, expiresAt } = socket.data;
    const room = roomOf(principal);
    if (!room) {
      socket.disconnect(true);
      return;
    }
    await socket.join(room);
    this.metrics.socketClients.inc();
    socket.data.expiryTimer = setTimeout(() => socket.disconnect(true), Math.min(Math.max(expiresAt - Date.now(), 0), MAX_TIMER_MS));
    this.logger.debug(`socket ${socket.id} joined as ${principal.role}`);
  }

  handleDisconnect(socket: LiveSocket): void {
    clearTimeout(socket.data.expiryTimer);
    // Counted in handleConnection only when it had a room to join.
    if (socket.data.principal && roomOf(socket.data.principal)) this.metrics.socketClients.dec();
  }

  /** Routes by the vendor named in the payload itself; a message whose envelope disagrees is dropped. */
  broadcast(message: UpdateMessage): void {
    switch (message.kind) {
      case 'scorecard.updated':
        if (this.consistent(message, message.scorecard.vendorId))
          this.roomsFor(message.vendorId).emit('scorecard.updated', message.scorecard);
        return;
      case 'alert.raised':
        if (this.consistent(message, message.alert.vendorId)) this.roomsFor(message.vendorId).emit('alert.raised', message.alert);
        return;
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  }

  private roomsFor(vendorId: string) {
    return this.server.to(ALL_ROOM).to(vendorRoom(vendorId));
  }

  private consistent(message: UpdateMessage, payloadVendorId: string): boolean {
    if (message.vendorId === payloadVendorId) return true;
    this.logger.error(`dropped a ${message.kind} for contract ${message.contractId}: its envelope and payload name different vendors`);
    return false;
  }
}
