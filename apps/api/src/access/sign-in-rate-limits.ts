/**
 * Names of the rate limits on password checks (sign-in, password change). They are configured
 * with the throttler in SecurityModule and applied by the sign-in routes' guard in auth/.
 */
export const LOGIN_THROTTLER = 'login';
export const LOGIN_IP_THROTTLER = 'login-ip';

/** The e-mail a sign-in attempt is for, normalised so that case or spaces don't make a new bucket. */
export function attemptedEmail(body: unknown): string {
  const email = (body as { email?: unknown } | null | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '';
}
