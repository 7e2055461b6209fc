import { Module } from '@nestjs/common';
import { MailLedgerRepository } from './mail-ledger.repository';
import { MailPreferenceRepository } from './mail-preference.repository';

const repositories = [MailLedgerRepository, MailPreferenceRepository];

/** The mail ledger and users' mail choices; PrismaService comes from the global DbModule. */
@Module({ providers: repositories, exports: repositories })
export class MailDbModule {}
