import { signal } from '@preact/signals';
import { io, type Socket } from 'socket.io-client';
import type { AlertView, ScorecardView, ServerToClientEvents } from '../lib/types';
import { freshToken } from './api-client';
import { session } from './session';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Live feed state shared by every page: one socket per signed-in tab. */
export const connection = signal<ConnectionState>('offline');
/** Newest pushed scorecard per contract (the pipeline pushes the 30-day window). */
export const liveCards = signal<ReadonlyMap<string, ScorecardView>>(new Map());
/** Alerts pushed since the socket opened, newest first. */
export const liveAlerts = signal<readonly AlertView[]>([]);
/** Bumped on every push and after a reconnect, so pages can refetch what they show. */
export const liveTick = signal(0);

let socket: Socket<ServerToClientEvents> | null = null;
let retry: number | undefined;

function isAuthError(err: Error & { data?: unknown }): boolean {
  return /unauthori[sz]ed|forbidden|token|jwt|expired|401|403/i.test(err.message ?? '');
}

/**
 * Connects to the page's origin; every handshake (reconnections too) takes a fresh access token.
 * The server decides which room the socket joins, so a vendor user only ever receives their own
 * vendor's updates.
 */
export function startLive(): void {
  if (socket) return;
  connection.value = 'connecting';
  const s: Socket<ServerToClientEvents> = io({
    auth: (send) => void freshToken().then((token) => send({ token })),
    reconnectionDelay: 1000,
    reconnectionDelayMax: 8000,
  });
  socket = s;
  let everConnected = false;
  s.on('connect', () => {
    connection.value = 'live';
    if (everConnected) liveTick.value++;
    everConnected = true;
  });
  s.on('disconnect', (reason) => {
    if (socket !== s) return;
    connection.value = 'reconnecting';
    // The server drops a socket whose token expired; socket.io does not retry that by itself.
    if (reason === 'io server disconnect') retry = window.setTimeout(() => s.connect(), 1000);
  });
  s.on('connect_error', (err) => {
    if (socket !== s) return;
    if (isAuthError(err) && !session.accessToken) return stopLive();
    connection.value = everConnected ? 'reconnecting' : 'connecting';
    if (!s.active) retry = window.setTimeout(() => s.connect(), 2000);
  });
  s.on('scorecard.updated', (sc) => {
    if (!sc || typeof sc.contractId !== 'string') return;
    const next = new Map(liveCards.peek());
    next.set(sc.contractId, sc);
    liveCards.value = next;
    liveTick.value++;
    document.body.dataset.updates = String(Number(document.body.dataset.updates ?? 0) + 1);
  });
  s.on('alert.raised', (alert) => {
    if (!alert || typeof alert.id !== 'string') return;
    liveAlerts.value = [alert, ...liveAlerts.peek()].slice(0, 200);
  });
}

export function stopLive(): void {
  window.clearTimeout(retry);
  socket?.removeAllListeners();
  socket?.close();
  socket = null;
  liveCards.value = new Map();
  liveAlerts.value = [];
  connection.value = 'offline';
}
