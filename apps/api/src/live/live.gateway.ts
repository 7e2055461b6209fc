import { Inject, Logger, OnModuleDestroy } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import type { ScorecardView, ServerToClientEvents, UpdateMessage } from '@rapport/contracts';
import { AccountRepository } from '@rapport/db';
import type { Subscription } from 'rxjs';
import type { Server, Socket } from 'socket.io';
import type { Principal } from '../access/principal';
import { SessionVersionService } from '../auth/session-version.service';
import { TokenService } from '../auth/token.service';
import { ApiMetrics } from '../metrics/api-metrics';
import { UpdateCoalescer } from './update-coalescer';

interface SocketData {
  principal: Principal;
  expiresAt: number;
  sessionVersion: number;
  expiryTimer?: NodeJS.Timeout;
}

/** How often open sockets' sessions are re-read, for changes made on other API instances. */
export const SESSION_POLL_MS = 1000;

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
 * It is also disconnected when its user's session ends (deleted, new role, vendor or password,
 * logout): at once for a change made on this instance, within SESSION_POLL_MS for one made on
 * another (each instance re-reads the session versions of its connected users every second).
 * A user may hold SOCKETS_PER_USER sockets on one instance; more are refused at the handshake.
 */
@WebSocketGateway({ cors: { origin: false } })
export class LiveGateway
  implements OnGatewayInit<LiveServer>, OnGatewayConnection<LiveSocket>, OnGatewayDisconnect<LiveSocket>, OnModuleDestroy
{
  private readonly logger = new Logger(LiveGateway.name);
  private readonly byUser = new Map<string, Set<LiveSocket>>();
  private poll?: NodeJS.Timeout;
  private polling = false;
  private ended?: Subscription;
  /** Scorecard pushes: at most one per contract per 100 ms, the newest always sent; alerts are never held back. */
  private readonly scorecards = new UpdateCoalescer<ScorecardView>((s) => this.roomsFor(s.vendorId).emit('scorecard.updated', s), 100);

  @WebSocketServer()
  private readonly server!: LiveServer;

  constructor(
    private readonly tokens: TokenService,
    private readonly versions: SessionVersionService,
    private readonly accounts: AccountRepository,
    private readonly metrics: ApiMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(server: LiveServer): void {
    server.use((socket, next) => {
      const token: unknown = socket.handshake.auth?.token;
      this.tokens.verifyAccess(typeof token === 'string' ? token : undefined).then(
        (access) => {
          if (!access || !roomOf(access.principal)) return next(new Error('unauthorized: a valid access token is required'));
          if ((this.byUser.get(access.principal.userId)?.size ?? 0) >= this.config.SOCKETS_PER_USER) {
            return next(new Error(`too many connections: at most ${this.config.SOCKETS_PER_USER} per user`));
          }
          socket.data.principal = access.principal;
          socket.data.expiresAt = access.expiresAt.getTime();
          socket.data.sessionVersion = access.sessionVersion;
          this.track(socket);
          next();
        },
        () => next(new Error('unauthorized')),
      );
    });
    this.ended = this.versions.ended.subscribe((userId) => this.disconnectUser(userId));
    this.poll = setInterval(() => void this.checkSessions(), SESSION_POLL_MS);
    this.poll.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.poll);
    this.ended?.unsubscribe();
    this.scorecards.clear();
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
    this.untrack(socket);
  }

  /** Counted from the handshake on, so a burst of handshakes cannot pass the cap together. */
  private track(socket: LiveSocket): void {
    const userId = socket.data.principal.userId;
    const sockets = this.byUser.get(userId) ?? new Set<LiveSocket>();
    sockets.add(socket);
    this.byUser.set(userId, sockets);
    // A handshake that never completes still leaves the count.
    socket.conn.once('close', () => this.untrack(socket));
  }

  private untrack(socket: LiveSocket): void {
    const userId = socket.data.principal?.userId;
    const sockets = userId ? this.byUser.get(userId) : undefined;
    if (!sockets) return;
    sockets.delete(socket);
    if (!sockets.size) this.byUser.delete(userId);
  }

  private disconnectUser(userId: string): void {
    for (const socket of this.byUser.get(userId) ?? []) socket.disconnect(true);
  }

  /** Sessions ended on other instances: one query for every connected user. */
  private async checkSessions(): Promise<void> {
    if (this.polling || !this.byUser.size) return;
    this.polling = true;
    try {
      const current = await this.accounts.sessionVersions([...this.byUser.keys()]);
      for (const [userId, sockets] of this.byUser) {
        for (const socket of sockets) if (current.get(userId) !== socket.data.sessionVersion) socket.disconnect(true);
      }
    } catch (error) {
      this.logger.warn(`could not re-check socket sessions: ${(error as Error).message}`);
    } finally {
      this.polling = false;
    }
  }

  /** Routes by the vendor named in the payload itself; a message whose envelope disagrees is dropped. */
  broadcast(message: UpdateMessage): void {
    switch (message.kind) {
      case 'scorecard.updated':
        if (this.consistent(message, message.scorecard.vendorId)) this.scorecards.push(message.contractId, message.scorecard);
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
