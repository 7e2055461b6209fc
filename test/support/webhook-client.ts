import { signFor, Tool } from '@rapport/connectors';
import type { RapportHarness } from './rapport-harness';

export interface RawResponse<T = unknown> {
  status: number;
  body: T;
}

/**
 * Posts bytes with exactly the headers given (the harness's request() sets its own). A request
 * that dies on a reused keep-alive socket the server was closing at that instant (ECONNRESET
 * before any answer: the server never read it) is sent once more on a new socket; a reset that
 * comes back is the server's, and fails the caller.
 */
export async function postRaw<T = unknown>(
  rapport: RapportHarness,
  path: string,
  body: string | Uint8Array,
  headers: Record<string, string>,
  retried = false,
): Promise<RawResponse<T>> {
  let response: Response;
  try {
    response = await fetch(rapport.baseUrl + path, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
    });
  } catch (error) {
    const code = ((error as { cause?: { code?: string } }).cause ?? {}).code;
    if (!retried && code === 'ECONNRESET') return postRaw<T>(rapport, path, body, headers, true);
    throw error;
  }
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as T };
  } catch {
    return { status: response.status, body: text as T };
  }
}

export interface WebhookAnswer {
  accepted: number;
  quarantined?: number;
  ignored?: string;
  message?: unknown;
  errors?: string[];
}

/** Sends a tool's payload to its webhook endpoint, signed with `secret` the way the tool signs. */
export async function sendWebhook(
  rapport: RapportHarness,
  tool: Tool,
  secret: string,
  delivery: { headers: Record<string, string>; body: unknown },
): Promise<RawResponse<WebhookAnswer>> {
  const raw = JSON.stringify(delivery.body);
  const signature = await signFor(tool, secret, raw);
  return postRaw<WebhookAnswer>(rapport, `/api/v1/webhooks/${tool}`, raw, {
    'content-type': 'application/json',
    ...delivery.headers,
    ...signature,
  });
}

/** Polls until `check` passes (or the time is up, when its last failure is thrown). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}
