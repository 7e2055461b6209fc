import { HttpException, HttpStatus } from '@nestjs/common';

/** Failures after which each further attempt of the account waits, doubling: 0.2 s, 0.4 s … capped at 3.2 s. */
const FREE_ATTEMPTS = 3;
const BASE_DELAY_MS = 200;
const MAX_DELAY_MS = 3200;

/** How long the n-th consecutive attempt on one account (from any address) waits before its password is checked. */
export function signInDelayMs(attempt: number): number {
  if (attempt <= FREE_ATTEMPTS) return 0;
  return Math.min(BASE_DELAY_MS * 2 ** (attempt - FREE_ATTEMPTS - 1), MAX_DELAY_MS);
}

/** 429 for a locked account; the controller turns `retryAfterSeconds` into a Retry-After header. */
export class AccountLockedException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      { statusCode: HttpStatus.TOO_MANY_REQUESTS, message: `too many failed sign-ins for this account; retry in ${retryAfterSeconds} s` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

const MAX_TRACKED = 10_000;

/**
 * The same counting for e-mails that belong to no account, in memory, so the answers (delays,
 * locks) do not tell which e-mails exist. Bounded: the oldest entries go first.
 */
export class UnknownAccountAttempts {
  private readonly entries = new Map<string, { attempt: number; lockedUntil: number }>();

  reserve(email: string, now: number): { attempt: number; lockedUntil: Date | null } {
    const key = email.trim().toLowerCase();
    const entry = this.entries.get(key) ?? { attempt: 0, lockedUntil: 0 };
    if (entry.lockedUntil > now) return { attempt: entry.attempt, lockedUntil: new Date(entry.lockedUntil) };
    entry.attempt += 1;
    this.entries.delete(key);
    if (this.entries.size >= MAX_TRACKED) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
    return { attempt: entry.attempt, lockedUntil: null };
  }

  /** True when this failure reached the threshold and locked the e-mail. */
  lockIfReached(email: string, threshold: number, until: number): boolean {
    const entry = this.entries.get(email.trim().toLowerCase());
    if (!entry || entry.attempt < threshold) return false;
    entry.attempt = 0;
    entry.lockedUntil = until;
    return true;
  }
}
