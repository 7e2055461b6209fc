import { Module } from '@nestjs/common';
import { AlertHistoryRepository } from '@rapport/db';
import { SecurityModule } from '../security/security.module';
import { AlertHistoryController } from './alert-history.controller';

@Module({ imports: [SecurityModule], controllers: [AlertHistoryController], providers: [AlertHistoryRepository] })
export class AlertsModule {}
