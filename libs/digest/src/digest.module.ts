import { Module } from '@nestjs/common';
import { MailDbModule } from '@rapport/db';
import { ScoringModule } from '@rapport/scoring';
import { AlertMailer } from './alert-mailer.service';
import { DigestBuilder } from './digest-builder.service';
import { DigestPlanner } from './digest-planner.service';
import { MailComposer } from './mail-composer.service';
import { MailRenderer } from './mail-renderer.service';
import { MailDispatcher } from './mail-dispatcher.service';
import { MailTransport } from './mail-transport';

const services = [AlertMailer, DigestBuilder, DigestPlanner, MailComposer, MailDispatcher, MailRenderer, MailTransport];

/** Weekly digests and critical-alert mails; needs the global ConfigModule and DbModule. */
@Module({ imports: [MailDbModule, ScoringModule], providers: services, exports: [...services, MailDbModule] })
export class DigestModule {}
