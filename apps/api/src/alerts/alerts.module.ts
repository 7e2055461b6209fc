import { Module } from '@nestjs/common';
import { AlertHistoryRepository } from '@rapport/db';
import { SecurityModule } from '../security/security.module';
import { AlertHistoryController } from './alert-history.controller';
import { AlertsService } from './alerts.service';

@Module({ imports: [SecurityModule], controllers: [AlertHistoryController], providers: [AlertsService, AlertHistoryRepository] })
export class AlertsModule {}
