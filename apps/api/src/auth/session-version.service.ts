import { Injectable } from '@nestjs/common';
import { AccountRepository } from '@rapport/db';
import { Subject } from 'rxjs';

/** How long an instance trusts a session version it read; another instance's change shows within this. */
export const SESSION_VERSION_CACHE_MS = 1000;
const CACHE_MAX = 10_000;

/**
 * Access tokens carry their user's session version (`sv`); a token whose version is no longer
 * the user's (or whose user is gone) is refused on every request and socket. Versions are read
 * from PostgreSQL and trusted for at most a second; a change made through this instance clears
 * its cache at once and is announced on `ended`, so its sockets close at once too.
 */
@Injectable()
export class SessionVersionService {
  private readonly cache = new Map<string, { version: number | null; until: number }>();
  /** User ids whose sessions just ended on this instance. */
  readonly ended = new Subject<string>();

  constructor(private readonly accounts: AccountRepository) {}

  /** The user's version as of at most a second ago; null when the user no longer exists. */
  async current(userId: string, now = Date.now()): Promise<number | null> {
    const cached = this.cache.get(userId);
    if (cached && cached.until > now) return cached.version;
    return this.fresh(userId, now);
  }

  /** Read from the database now: what a new token is signed with. */
  async fresh(userId: string, now = Date.now()): Promise<number | null> {
    const version = (await this.accounts.sessionVersions([userId])).get(userId) ?? null;
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(userId, { version, until: now + SESSION_VERSION_CACHE_MS });
    return version;
  }

  /** Call after a change that ended a user's sessions (the database already has the new version). */
  changed(userId: string): void {
    this.cache.delete(userId);
    this.ended.next(userId);
  }

  /** Ends every session of a user: access tokens at once, refresh tokens revoked. */
  async endAll(userId: string): Promise<void> {
    await this.accounts.endSessions(userId);
    this.changed(userId);
  }

  /** Access tokens end at once, refresh tokens stay: other devices get a new access token on their next refresh. */
  async endAccessTokens(userId: string): Promise<void> {
    await this.accounts.raiseSessionVersion(userId);
    this.changed(userId);
  }
}
