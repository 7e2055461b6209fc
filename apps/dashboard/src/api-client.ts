import type { AlertView, ScorecardView, ScorePoint } from './types';

const API = '/api/v1';
const TOKEN_KEY = 'rapport.accessToken';
const REFRESH_KEY = 'rapport.refreshToken';
const EMAIL_KEY = 'rapport.email';

/** What sign-in and refresh return: a short-lived access token and the refresh token that renews it. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The tokens live in sessionStorage: they survive reloads, not closing the tab. */
export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  get refreshToken(): string | null {
    return sessionStorage.getItem(REFRESH_KEY);
  },
  get email(): string | null {
    return sessionStorage.getItem(EMAIL_KEY);
  },
  save(tokens: TokenPair, email?: string): void {
    sessionStorage.setItem(TOKEN_KEY, tokens.accessToken);
    sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
    if (email) sessionStorage.setItem(EMAIL_KEY, email);
  },
  clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(REFRESH_KEY);
    sessionStorage.removeItem(EMAIL_KEY);
  },
  /** Milliseconds until the access token expires (negative once expired; null if unknown). */
  expiresIn(): number | null {
    const exp = this.claims()?.exp;
    return typeof exp === 'number' ? exp * 1000 - Date.now() : null;
  },
  /** Claims of the JWT, best effort (used only for display and to skip an expired token). */
  claims(): Record<string, unknown> | null {
    const token = this.token;
    const part = token?.split('.')[1];
    if (!part) return null;
    try {
      const json = atob(
        part
          .replace(/-/g, '+')
          .replace(/_/g, '/')
          .padEnd(Math.ceil(part.length / 4) * 4, '='),
      );
      return JSON.parse(json) as Record<string, unknown>;
    } catch {
      return null;
    }
  },
  isExpired(): boolean {
    const exp = this.claims()?.exp;
    return typeof exp === 'number' && exp * 1000 <= Date.now();
  },
};

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: unknown; error?: unknown };
    const msg = Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? body.error);
    if (typeof msg === 'string' && msg) return msg;
  } catch {
    /* not JSON */
  }
  return `HTTP ${res.status}`;
}

/** Unwraps `T[]` or a `{items|data: T[]}` envelope. */
function asList<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    const o = body as { items?: unknown; data?: unknown };
    if (Array.isArray(o.items)) return o.items as T[];
    if (Array.isArray(o.data)) return o.data as T[];
  }
  return [];
}

export class ApiClient {
  private refreshing: Promise<boolean> | null = null;

  /** @param onUnauthorized called when a call answers 401 and the session cannot be renewed. */
  constructor(private readonly onUnauthorized: () => void) {}

  /**
   * Trades the refresh token for a new pair (one request at a time: a refresh token works once).
   * Resolves false when the session is over (no, expired or revoked refresh token).
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= (async () => {
      const refreshToken = session.refreshToken;
      if (!refreshToken) return false;
      try {
        const res = await fetch(`${API}/auth/refresh`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ refreshToken }),
        });
        if (!res.ok) return false;
        session.save((await res.json()) as TokenPair);
        return true;
      } catch {
        return false;
      }
    })().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** Ends the session on the server too (best effort: the access token lapses by itself). */
  async logout(): Promise<void> {
    const refreshToken = session.refreshToken;
    if (!refreshToken) return;
    await fetch(`${API}/auth/logout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    }).catch(() => undefined);
  }

  async login(email: string, password: string): Promise<TokenPair> {
    let res: Response;
    try {
      res = await fetch(`${API}/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    } catch {
      throw new ApiError(0, 'Cannot reach the Rapport server. Check your connection and try again.');
    }
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      throw new ApiError(res.status, 'Incorrect email or password.');
    }
    if (res.status === 429) throw new ApiError(429, 'Too many sign-in attempts. Please wait a moment.');
    if (!res.ok) throw new ApiError(res.status, `Sign-in failed: ${await errorMessage(res)}`);
    const body = (await res.json()) as Partial<TokenPair>;
    if (typeof body.accessToken !== 'string' || !body.accessToken || typeof body.refreshToken !== 'string') {
      throw new ApiError(500, 'Sign-in failed: the server sent no tokens.');
    }
    return { accessToken: body.accessToken, refreshToken: body.refreshToken };
  }

  private async get<T>(path: string, retried = false): Promise<T> {
    const token = session.token;
    let res: Response;
    try {
      res = await fetch(`${API}${path}`, {
        headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      });
    } catch {
      throw new ApiError(0, 'Cannot reach the Rapport server.');
    }
    if (res.status === 401 && !retried && (await this.refresh())) return this.get<T>(path, true);
    if (res.status === 401) {
      this.onUnauthorized();
      throw new ApiError(401, 'Your session has expired. Please sign in again.');
    }
    if (!res.ok) throw new ApiError(res.status, await errorMessage(res));
    return (await res.json()) as T;
  }

  /** Every contract the viewer may see (default window 30d). */
  async scorecards(): Promise<ScorecardView[]> {
    return asList<ScorecardView>(await this.get<unknown>('/scorecards'));
  }

  async history(contractId: string): Promise<ScorePoint[]> {
    return asList<ScorePoint>(await this.get<unknown>(`/scorecards/${encodeURIComponent(contractId)}/history`));
  }

  /** Recorded alerts, newest first. Optional: an API without the list answers []. */
  async recentAlerts(): Promise<AlertView[]> {
    try {
      const list = asList<AlertView>(await this.get<unknown>('/alerts'));
      return list
        .filter((a) => a && typeof a.id === 'string' && typeof a.message === 'string')
        .sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) throw err;
      return [];
    }
  }
}
