import { Module } from '@nestjs/common';
import { AlertHistoryRepository } from '@rapport/db';
import { AlertHistoryController } from './alert-history.controller';

@Module({ controllers: [AlertHistoryController], providers: [AlertHistoryRepository] })
export class AlertsModule {}
