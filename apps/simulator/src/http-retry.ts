/** Polite retrying for the simulator's HTTP calls: exponential backoff with jitter, abortable. */
export type LogLine = (line: string) => void;

export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path} answered ${status}: ${oneLine(body)}`);
  }
}

export class AbortedError extends Error {
  override readonly name = 'AbortedError';

  constructor() {
    super('stopped');
  }
}

export interface RetryOptions {
  /** First delay (ms); doubles per attempt up to maxMs. */
  baseMs: number;
  maxMs: number;
  /** Source of jitter, injectable for tests. */
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Bodies in logs: one line, at most `max` characters. */
export function oneLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Resolves after `ms`, or rejects with AbortedError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const DEFAULT_RETRY: RetryOptions = { baseMs: 500, maxMs: 30_000, random: Math.random, sleep };

/** Delay before retry number `attempt` (0-based): half fixed, half jitter, capped. */
export function backoffDelay(attempt: number, options: Pick<RetryOptions, 'baseMs' | 'maxMs' | 'random'> = DEFAULT_RETRY): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (options.random() * ceiling) / 2);
}

/** Worth retrying: the API is not up (network error), overloaded or failing (429, 5xx, timeouts). */
export function isTransient(error: unknown): boolean {
  if (error instanceof AbortedError) return false;
  if (error instanceof HttpError) return error.status >= 500 || error.status === 429 || error.status === 408;
  if (!(error instanceof Error)) return false;
  // fetch rejects with TypeError('fetch failed', { cause: ECONNREFUSED... }); timeouts are TimeoutError.
  return error instanceof TypeError || error.name === 'TimeoutError' || typeof (error as { code?: unknown }).code === 'string';
}

/** Short reason for logs: the network cause (ECONNREFUSED...) or the HTTP status. */
export function reasonOf(error: unknown): string {
  if (error instanceof HttpError) return `HTTP ${error.status} ${oneLine(error.body, 120)}`;
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}

/**
 * Runs `call` until it succeeds, retrying transient failures forever with backoff (the API may
 * still be starting). Other errors are thrown at once; aborting `signal` throws AbortedError.
 */
export async function withRetry<T>(
  what: string,
  call: () => Promise<T>,
  context: { signal?: AbortSignal; log: LogLine; retry?: RetryOptions },
): Promise<T> {
  const retry = context.retry ?? DEFAULT_RETRY;
  for (let attempt = 0; ; attempt++) {
    if (context.signal?.aborted) throw new AbortedError();
    try {
      return await call();
    } catch (error) {
      if (context.signal?.aborted) throw new AbortedError();
      if (!isTransient(error)) throw error;
      const delay = backoffDelay(attempt, retry);
      context.log(`${what} failed (${reasonOf(error)}); retry #${attempt + 1} in ${(delay / 1000).toFixed(1)}s`);
      await retry.sleep(delay, context.signal);
    }
  }
}
