/** The most time before expiry at which an access token is renewed. */
const RENEW_WITHIN_MS = 60_000;

/**
 * Whether an access token should be renewed before it is sent: when under a minute is left, or,
 * for a token living under four minutes, under a quarter of its lifetime. A fixed minute would
 * renew a short-lived token before every request, and each renewal spends the refresh token:
 * a renewal whose answer is lost (the page reloaded meanwhile) ends the session.
 * `iat`/`exp` are the token's claims (seconds); null `iat`: the lifetime is unknown.
 */
export function renewalDue(token: { iat: number | null; exp: number }, nowMs: number): boolean {
  const margin = token.iat === null ? RENEW_WITHIN_MS : Math.min(RENEW_WITHIN_MS, (token.exp - token.iat) * 250);
  return token.exp * 1000 - nowMs < margin;
}
