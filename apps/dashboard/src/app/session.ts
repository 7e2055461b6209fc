import { signal } from '@preact/signals';
import { renewalDue } from '../lib/token-renewal';
import { ROLES, type Role } from '../lib/types';

/**
 * The signed-in session, shared by every tab of this origin.
 *
 * The token pair lives in localStorage so that a link opened in a new tab is signed in too.
 * Refresh tokens rotate and a spent one presented twice revokes all of the user's sessions
 * (docs/security.md "Rotation and reuse"), so tabs must never refresh with the same token at once:
 * a refresh runs under a Web Lock held by one tab at a time, and a tab that waited re-reads the
 * pair first and skips the refresh when another tab already renewed it. Signing out in one tab
 * signs out all of them (the `storage` event). The strict CSP (no inline or foreign scripts) is
 * what keeps the tokens out of reach of injected code.
 */

const KEY = 'rapport.session';
/** What the sign-in form says when a session ended without the viewer signing out. */
export const SESSION_ENDED = 'Your session has ended. Please sign in again.';
const LOCK = 'rapport.refresh';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export interface Claims {
  sub: string;
  role: Role;
  vendorId: string | null;
  iat: number | null;
  exp: number;
}

interface Stored extends TokenPair {
  email: string;
}

function read(): Stored | null {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<Stored>) : null;
    return parsed && typeof parsed.accessToken === 'string' && typeof parsed.refreshToken === 'string'
      ? { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken, email: String(parsed.email ?? '') }
      : null;
  } catch {
    return null;
  }
}

/** Claims of the JWT, for display and routing only: the server checks every request itself. */
export function decodeClaims(token: string): Claims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const c = JSON.parse(json) as Partial<Claims>;
    if (typeof c.sub !== 'string' || typeof c.exp !== 'number' || !(ROLES as readonly unknown[]).includes(c.role)) return null;
    const iat = typeof c.iat === 'number' ? c.iat : null;
    return { sub: c.sub, role: c.role as Claims['role'], vendorId: c.vendorId ?? null, iat, exp: c.exp };
  } catch {
    return null;
  }
}

/** Who is signed in (null: nobody). Components read it; only this module writes it. */
export const currentUser = signal<{ email: string; claims: Claims } | null>(null);
/** Why the sign-in form is shown when the session ended by itself (null: signed out on purpose). */
export const signInNotice = signal<string | null>(null);

function publish(stored: Stored | null): void {
  const claims = stored ? decodeClaims(stored.accessToken) : null;
  const next = stored && claims ? { email: stored.email, claims } : null;
  const prev = currentUser.peek();
  // Same user and role: keep the object so pages do not reload on every token renewal.
  if (prev && next && prev.claims.sub === next.claims.sub && prev.claims.role === next.claims.role) {
    prev.claims.iat = next.claims.iat;
    prev.claims.exp = next.claims.exp;
    return;
  }
  currentUser.value = next;
}

export const session = {
  get accessToken(): string | null {
    return read()?.accessToken ?? null;
  },
  get refreshToken(): string | null {
    return read()?.refreshToken ?? null;
  },
  save(tokens: TokenPair, email?: string): void {
    const stored: Stored = { ...tokens, email: email ?? read()?.email ?? '' };
    localStorage.setItem(KEY, JSON.stringify(stored));
    signInNotice.value = null;
    publish(stored);
  },
  /** Forgets the session; `notice` tells the sign-in form why, when the viewer did not sign out. */
  clear(notice: string | null = null): void {
    localStorage.removeItem(KEY);
    signInNotice.value = notice;
    publish(null);
  },
  /** Whether the access token should be renewed before it is sent (false without a session). */
  renewalDue(): boolean {
    const token = read()?.accessToken;
    const claims = token ? decodeClaims(token) : null;
    return claims !== null && renewalDue(claims, Date.now());
  },
  /**
   * Trades the refresh token for a new pair, one tab at a time. `seen` is the access token the
   * caller found wanting: if the stored one differs, another tab has renewed it already.
   */
  async refresh(exchange: (refreshToken: string) => Promise<TokenPair | null>, seen: string | null): Promise<boolean> {
    const run = async (): Promise<boolean> => {
      const stored = read();
      if (!stored) return false;
      if (seen !== null && stored.accessToken !== seen) return true;
      const pair = await exchange(stored.refreshToken);
      if (!pair) {
        // Only forget the session if no other tab replaced it meanwhile.
        if (read()?.refreshToken === stored.refreshToken) session.clear(SESSION_ENDED);
        return false;
      }
      session.save(pair, stored.email);
      return true;
    };
    return navigator.locks ? navigator.locks.request(LOCK, run) : run();
  },
};

publish(read());
window.addEventListener('storage', (ev) => {
  if (ev.key === KEY || ev.key === null) publish(read());
});
