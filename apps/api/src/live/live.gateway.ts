import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { ServerToClientEvents, UpdateMessage } from '@rapport/contracts';
import type { Server, Socket } from 'socket.io';
import type { Principal } from '../auth/principal';
import { TokenService } from '../auth/token.service';

type LiveServer = Server<Record<string, never>, ServerToClientEvents, Record<string, never>, { principal: Principal }>;

/** Client staff see every contract; a vendor user only their own vendor's room. */
const ALL_ROOM = 'scope:all';
const vendorRoom = (vendorId: string): string => `scope:vendor:${vendorId}`;

/**
 * socket.io on the API's port. The token is checked during the handshake (a refused client
 * gets `connect_error` "unauthorized"); a socket joins only the room its principal may see,
 * and clients cannot ask to join rooms.
 */
@WebSocketGateway({ cors: { origin: false } })
export class LiveGateway implements OnGatewayInit<LiveServer>, OnGatewayConnection<Socket> {
  private readonly logger = new Logger(LiveGateway.name);

  @WebSocketServer()
  private readonly server!: LiveServer;

  constructor(private readonly tokens: TokenService) {}

  afterInit(server: LiveServer): void {
    server.use((socket, next) => {
      const token: unknown = socket.handshake.auth?.token;
      this.tokens.verify(typeof token === 'string' ? token : undefined).then(
        (principal) => {
          if (!principal) return next(new Error('unauthorized: a valid access token is required'));
          socket.data.principal = principal;
          next();
        },
        () => next(new Error('unauthorized')),
      );
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const principal = (socket.data as { principal: Principal }).principal;
    if (principal.role !== 'vendor') await socket.join(ALL_ROOM);
    else if (principal.vendorId) await socket.join(vendorRoom(principal.vendorId));
    this.logger.debug(`socket ${socket.id} joined as ${principal.role}`);
  }

  broadcast(message: UpdateMessage): void {
    const rooms = this.server.to(ALL_ROOM).to(vendorRoom(message.vendorId));
    switch (message.kind) {
      case 'scorecard.updated':
        rooms.emit('scorecard.updated', message.scorecard);
        return;
      case 'alert.raised':
        rooms.emit('alert.raised', message.alert);
        return;
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  }
}
