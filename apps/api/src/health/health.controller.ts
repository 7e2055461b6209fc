import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PrismaService } from '@rapport/db';
import { KafkaService } from '@rapport/kafka';
import { Public } from '../auth/auth.decorators';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly kafka: KafkaService,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when both the database and Kafka answer. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok'; database: 'up'; kafka: 'up' }> {
    const [database, kafka] = await Promise.all([this.prisma.ping(), this.kafka.ping()]);
    if (!database || !kafka) {
      throw new ServiceUnavailableException({ status: 'unavailable', database: database ? 'up' : 'down', kafka: kafka ? 'up' : 'down' });
    }
    return { status: 'ok', database: 'up', kafka: 'up' };
  }
}
