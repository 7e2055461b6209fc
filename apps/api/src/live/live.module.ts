import { Module } from '@nestjs/common';
import { AccessDbModule } from '@rapport/db';
import { AuthModule } from '../auth/auth.module';
import { MetricsModule } from '../metrics/metrics.module';
import { LiveGateway } from './live.gateway';
import { UpdatesConsumer } from './updates.consumer';

/** The socket.io gateway and the consumer of score updates that feeds it. */
@Module({
  imports: [AccessDbModule, AuthModule, MetricsModule],
  providers: [LiveGateway, UpdatesConsumer],
})
export class LiveModule {}
