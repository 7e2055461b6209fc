import { session, SESSION_ENDED, type TokenPair } from './session';

const API = '/api/v1';

/** An error answer of the API; `fields` maps each invalid field (as the server names it) to why. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The server's 400s carry `errors: ["sla.P1.resolutionMinutes: Too small…", …]` (zod issues as
 * "path: message"); those become a field → message map for the forms.
 */
export function fieldErrors(body: unknown): Record<string, string> {
  const errors = (body as { errors?: unknown } | null)?.errors;
  const out: Record<string, string> = {};
  if (!Array.isArray(errors)) return out;
  for (const e of errors) {
    if (typeof e !== 'string') continue;
    const at = e.indexOf(': ');
    const path = at > 0 ? e.slice(0, at) : '(body)';
    out[path] ??= at > 0 ? e.slice(at + 2) : e;
  }
  return out;
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON: the status says enough */
  }
  const message = (body as { message?: unknown } | null)?.message;
  const text = typeof message === 'string' ? message : Array.isArray(message) ? message.join('; ') : res.statusText || `HTTP ${res.status}`;
  return new ApiError(res.status, text, fieldErrors(body));
}

async function exchange(refreshToken: string): Promise<TokenPair | null> {
  try {
    const res = await fetch(`${API}/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    return res.ok ? ((await res.json()) as TokenPair) : null;
  } catch {
    return null;
  }
}

/** A fresh access token for a request or a socket handshake (renewed shortly before it expires). */
export async function freshToken(): Promise<string | null> {
  if (session.renewalDue()) await session.refresh(exchange, session.accessToken);
  return session.accessToken;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One call to the API with the session's token; a 401 renews the token once, then signs out. */
export async function request<T>(method: Method, path: string, body?: unknown, retried = false): Promise<T> {
  const token = await freshToken();
  let res: Response;
  try {
    res = await fetch(`${API}${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, 'Cannot reach the Rapport server.');
  }
  if (res.status === 401 && !retried && token && (await session.refresh(exchange, token))) return request<T>(method, path, body, true);
  if (res.status === 401) {
    session.clear(SESSION_ENDED);
    throw new ApiError(401, SESSION_ENDED);
  }
  if (!res.ok) throw await errorOf(res);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export const get = <T>(path: string) => request<T>('GET', path);

export async function login(email: string, password: string): Promise<void> {
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
  if (res.status === 400 || res.status === 401 || res.status === 403) throw new ApiError(res.status, 'Incorrect email or password.');
  if (res.status === 429) throw new ApiError(429, 'Too many sign-in attempts. Please wait a moment.');
  if (!res.ok) throw await errorOf(res);
  session.save((await res.json()) as TokenPair, email);
}

/** Ends the session on the server too (best effort: the access token lapses by itself). */
export async function logout(): Promise<void> {
  const refreshToken = session.refreshToken;
  session.clear();
  if (!refreshToken) return;
  await fetch(`${API}/auth/logout`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  }).catch(() => undefined);
}

/** `?window=30d&at=…` with only the parameters that are set. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
