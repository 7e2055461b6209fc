import { Module } from '@nestjs/common';
import { DigestModule } from '@rapport/digest';
import { DigestRunService } from './digest-run.service';
import { DigestsController } from './digests.controller';
import { MailPreferencesController } from './mail-preferences.controller';

/** Digest runs, status and previews, mail preferences and opt-out links. */
@Module({ imports: [DigestModule], controllers: [DigestsController, MailPreferencesController], providers: [DigestRunService] })
export class DigestsModule {}
