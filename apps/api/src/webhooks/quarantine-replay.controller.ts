import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../access/access.decorators';
import { DocumentBody, ValidBody } from '../shared/zod-validation.pipe';
import { QuarantineReplayService, ReplayResult } from './quarantine-replay.service';

const replaySchema = z.object({ contractid: z.uuid().optional() }).default({});

/** Fix and replay: after the mapping rule (or the contract) is in place, send the entry again. */
@ApiTags('oversight')
@ApiBearerAuth()
@Controller('api/v1/quarantine')
export class QuarantineReplayController {
  constructor(private readonly replays: QuarantineReplayService) {}

  @Post(':id/replay')
  @Roles('admin')
  @HttpCode(200)
  @DocumentBody(replaySchema)
  replay(@Param('id') id: string, @ValidBody(replaySchema) body: z.infer<typeof replaySchema>): Promise<ReplayResult> {
    return this.replays.replay(id, body);
  }
}
