import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { MailLedgerRepository } from '@rapport/db';
import { z } from 'zod';
import { CurrentPrincipal, Roles, SignedIn } from '../access/access.decorators';
import type { Principal } from '../access/principal';
import { DocumentBody, ValidBody, ValidQuery } from '../shared/zod-validation.pipe';
import { DigestRunResult, DigestRunService } from './digest-run.service';

const week = z.string().regex(/^\d{4}-W\d{2}$/, 'an ISO week like 2026-W48');
const runSchema = z.object({ week });
const statusSchema = z.object({ week: week.optional() });
const previewSchema = z.object({ week: week.optional() });
const deliveriesSchema = z.object({
  status: z.enum(['pending', 'sending', 'sent', 'failed']).optional(),
  kind: z.enum(['digest', 'alert']).optional(),
});

/** A preview is a whole mail document: inline styles and an inline chart, nothing else. */
const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

@ApiTags('digests')
@ApiBearerAuth()
@Controller('api/v1')
export class DigestsController {
  constructor(
    private readonly digests: DigestRunService,
    private readonly ledger: MailLedgerRepository,
  ) {}

  /** Plans and sends `week`'s digests now; recipients already in the ledger for that week are skipped. */
  @Post('digests/run')
  @Roles('admin')
  @HttpCode(200)
  @DocumentBody(runSchema)
  run(@ValidBody(runSchema) body: z.infer<typeof runSchema>): Promise<DigestRunResult> {
    return this.digests.run(body.week);
  }

  @Get('digests')
  @Roles('admin')
  @ApiQuery({ name: 'week', required: false, description: 'ISO week, e.g. 2026-W48 (default: the current one in DIGEST_TZ)' })
  status(@ValidQuery(statusSchema) q: z.infer<typeof statusSchema>) {
    return this.digests.status(q.week);
  }

  @Get('digests/preview')
  @SignedIn()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', PREVIEW_CSP)
  @ApiQuery({ name: 'week', required: false, description: 'ISO week (default: the current one)' })
  preview(@CurrentPrincipal() who: Principal, @ValidQuery(previewSchema) q: z.infer<typeof previewSchema>): Promise<string> {
    return this.digests.preview(who, q.week);
  }

  /** Every mail in the ledger, digests and alert mails; `status=failed` lists the permanent failures. */
  @Get('mail/deliveries')
  @Roles('admin')
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'sending', 'sent', 'failed'] })
  @ApiQuery({ name: 'kind', required: false, enum: ['digest', 'alert'] })
  deliveries(@ValidQuery(deliveriesSchema) q: z.infer<typeof deliveriesSchema>) {
    return this.ledger.list(q, 500);
  }
}
