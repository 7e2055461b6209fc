import { Controller, Get, HttpCode, Ip, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { z } from 'zod';
import { LOGIN_THROTTLER } from '../access/sign-in-rate-limits';
import { AuditedByHandler } from '../security/audit.interceptor';
import { DocumentBody, ValidBody } from '../shared/zod-validation.pipe';
import { CurrentPrincipal, Public, SignedIn } from '../access/access.decorators';
import { AuthService, TokenPair, UserView } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { newPasswordSchema } from './password-rule';
import type { Principal } from '../access/principal';
import { AccountLockedException } from './sign-in-lockout';

const loginSchema = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) });
const refreshSchema = z.object({ refreshToken: z.string().min(1).max(200) });
const passwordSchema = z
  .object({
    currentPassword: z.string().min(1).max(1000),
    newPassword: newPasswordSchema,
  })
  .refine((p) => p.newPassword !== p.currentPassword, { message: 'must differ from the current password', path: ['newPassword'] });

/** Sessions of people; machines use ingest tokens. Audited here, not by the admin interceptor. */
@ApiTags('auth')
@AuditedByHandler()
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /**
   * → `{accessToken, tokenType, expiresIn, refreshToken, refreshExpiresAt}`; 429 with Retry-After
   * when attempts pile up from one address or the account is locked.
   */
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @DocumentBody(loginSchema)
  async login(
    @ValidBody(loginSchema) body: z.infer<typeof loginSchema>,
    @Ip() ip: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenPair> {
    try {
      return await this.auth.login(body.email, body.password, ip);
    } catch (error) {
      if (error instanceof AccountLockedException) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  /** Trades a refresh token for a new pair; the old refresh token is spent. */
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @SkipThrottle({ [LOGIN_THROTTLER]: true })
  @Post('refresh')
  @HttpCode(200)
  @DocumentBody(refreshSchema)
  refresh(@ValidBody(refreshSchema) body: z.infer<typeof refreshSchema>, @Ip() ip: string): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken, ip);
  }

  /** Revokes the refresh token and ends the user's access tokens at once (their sockets close too). */
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @SkipThrottle({ [LOGIN_THROTTLER]: true })
  @Post('logout')
  @HttpCode(204)
  @DocumentBody(refreshSchema)
  logout(@ValidBody(refreshSchema) body: z.infer<typeof refreshSchema>, @Ip() ip: string): Promise<void> {
    return this.auth.logout(body.refreshToken, ip);
  }

  /** Changes the caller's own password; needs the current one; ends every session, access tokens included. */
  @SignedIn()
  @ApiBearerAuth()
  @UseGuards(LoginThrottlerGuard)
  @Post('password')
  @HttpCode(204)
  @DocumentBody(passwordSchema)
  changePassword(
    @CurrentPrincipal() who: Principal,
    @ValidBody(passwordSchema) body: z.infer<typeof passwordSchema>,
    @Ip() ip: string,
  ): Promise<void> {
    return this.auth.changePassword(who, body.currentPassword, body.newPassword, ip);
  }

  @SignedIn()
  @ApiBearerAuth()
  @Get('me')
  me(@CurrentPrincipal() who: Principal): Promise<UserView> {
    return this.auth.me(who);
  }
}
