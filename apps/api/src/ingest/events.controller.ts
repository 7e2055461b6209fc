import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/access.decorators';
import { IngestService } from './ingest.service';
import { IngestTokenGuard } from './ingest-token.guard';

@ApiTags('ingestion')
@ApiBearerAuth()
@Controller('api/v1/events')
export class EventsController {
  constructor(private readonly ingest: IngestService) {}

  /** 202 only once Kafka has acknowledged every event; 400 names each invalid one. */
  @Public()
  @UseGuards(IngestTokenGuard)
  @Post()
  @HttpCode(202)
  @ApiBody({
    description: 'One CloudEvent (structured JSON) or an array of them',
    schema: { oneOf: [{ type: 'object' }, { type: 'array' }] },
  })
  accept(@Body() body: unknown): Promise<{ accepted: number }> {
    return this.ingest.accept(body);
  }
}
