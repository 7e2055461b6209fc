import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../access/access.decorators';
import { Readiness, ReadinessService } from './readiness.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** The process is up (for restarts); says nothing of its dependencies. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when the database and Kafka answer and the pipeline is consuming; 503 naming what is not. */
  @Get('ready')
  async ready(): Promise<Readiness & { status: 'ok' }> {
    const readiness = await this.readiness.check();
    if (!readiness.ready) throw new ServiceUnavailableException({ status: 'unavailable', ...readiness });
    return { status: 'ok', ...readiness };
  }
}
