import { Logger } from '@nestjs/common';
import { OnGatewayConnection, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { ServerToClientEvents, UpdateMessage } from '@rapport/contracts';
import type { Server, Socket } from 'socket.io';
import { TokenService } from '../auth/token.service';

/** Client staff see every contract; a vendor user only their own vendor's room. */
const ALL_ROOM = 'scope:all';
const vendorRoom = (vendorId: string): string => `scope:vendor:${vendorId}`;

/**
 * socket.io on the API's port. The token is checked in the handshake; a socket joins only
 * the room its principal may see, and the server never accepts room requests from clients.
 */
@WebSocketGateway({ cors: { origin: false } })
export class LiveGateway implements OnGatewayConnection {
  private readonly logger = new Logger(LiveGateway.name);

  @WebSocketServer()
  private readonly server!: Server<Record<string, never>, ServerToClientEvents>;

  constructor(private readonly tokens: TokenService) {}

  async handleConnection(socket: Socket): Promise<void> {
    const token: unknown = socket.handshake.auth?.token;
    const principal = await this.tokens.verify(typeof token === 'string' ? token : undefined);
    if (!principal) {
      socket.emit('error', { message: 'unauthorized' });
      socket.disconnect(true);
      return;
    }
    await socket.join(
      principal.role === 'vendor' && principal.vendorId ? vendorRoom(principal.vendorId) : principal.role === 'vendor' ? [] : ALL_ROOM,
    );
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
