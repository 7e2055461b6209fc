import { BadRequestException, Controller, Get, Header, HttpCode, Inject, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { MailPreferenceRepository, MailPreferenceRow } from '@rapport/db';
import { readOptOutToken } from '@rapport/digest';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { CurrentPrincipal, Public, Roles, SignedIn } from '../access/access.decorators';
import type { Principal } from '../access/principal';
import { DocumentBody, ValidBody } from '../shared/zod-validation.pipe';

const preferencesSchema = z
  .object({
    digest: z.boolean(),
    alerts: z.boolean(),
    timeZone: z
      .string()
      .refine((tz) => IANAZone.isValidZone(tz), 'must be an IANA time zone like Europe/Paris')
      .nullable(),
  })
  .partial()
  .strict();

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

const WHAT = { digest: 'the weekly digest', alerts: 'critical-alert mails' } as const;

/** A user's mail choices, and the signed opt-out link that works without signing in. */
@ApiTags('digests')
@Controller('api/v1')
export class MailPreferencesController {
  constructor(
    private readonly preferences: MailPreferenceRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('me/mail-preferences')
  @SignedIn()
  @ApiBearerAuth()
  read(@CurrentPrincipal() who: Principal): Promise<MailPreferenceRow> {
    return this.preferences.find(who.userId);
  }

  /** Every role, named: a change is never open by default (each user edits only their own row). */
  @Patch('me/mail-preferences')
  @Roles('admin', 'manager', 'vendor')
  @ApiBearerAuth()
  @DocumentBody(preferencesSchema)
  update(
    @CurrentPrincipal() who: Principal,
    @ValidBody(preferencesSchema) body: z.infer<typeof preferencesSchema>,
  ): Promise<MailPreferenceRow> {
    return this.preferences.update(who.userId, body);
  }

  /** What a mail's opt-out link opens: a confirmation page (link scanners must not unsubscribe anyone). */
  @Get('mail/opt-out')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiQuery({ name: 'token', description: 'the signed token from the mail' })
  confirm(@Query('token') token: unknown): string {
    const { kind } = this.tokenOf(token);
    return page(
      'Stop these mails?',
      `<p>You will no longer receive ${WHAT[kind]}.</p><form method="post"><button type="submit">Unsubscribe</button></form>`,
    );
  }

  /** The unsubscribe itself: the page's button, or a mail client's one-click (RFC 8058). */
  @Post('mail/opt-out')
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiQuery({ name: 'token', description: 'the signed token from the mail' })
  async optOut(@Query('token') token: unknown): Promise<string> {
    const { kind, userId } = this.tokenOf(token);
    await this.preferences.update(userId, { [kind]: false });
    return page(
      'Unsubscribed',
      `<p>You will no longer receive ${WHAT[kind]}. Signed-in users can turn them on again in their mail preferences.</p>`,
    );
  }

  private tokenOf(token: unknown) {
    const parsed = typeof token === 'string' ? readOptOutToken(this.config.AUTH_SECRET, token) : null;
    if (!parsed) throw new BadRequestException('the opt-out link is invalid or incomplete');
    return parsed;
  }
}
