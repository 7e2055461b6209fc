import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';

export const LOGIN_THROTTLER = 'login';
export const LOGIN_IP_THROTTLER = 'login-ip';

/** The e-mail a sign-in attempt is for, normalised so that case or spaces don't make a new bucket. */
export function attemptedEmail(body: unknown): string {
  const email = (body as { email?: unknown } | null | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '';
}

/**
 * Rate limits for password checks (sign-in, password change): per IP address and account
 * (`login`), and per IP address alone (`login-ip`) against spraying many accounts. The
 * trackers are set per throttler in SecurityModule; a 429 says when to retry.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getErrorMessage(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<string> {
    return `too many attempts; retry in ${detail.timeToBlockExpire} s`;
  }
}
