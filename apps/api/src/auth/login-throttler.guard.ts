import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';

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
