import { Controller, HttpCode, Param, Post, RawBodyRequest, Req } from '@nestjs/common';
import { ApiBody, ApiParam, ApiTags } from '@nestjs/swagger';
import { Tool, TOOLS } from '@rapport/connectors';
import type { Request } from 'express';
import { Public } from '../access/access.decorators';
import { JSON_TYPES } from '../shared/json-media-types';
import { ToolPipe } from './tool.pipe';
import { WebhookIntakeService, WebhookResult } from './webhook-intake.service';

/**
 * Vendor tools' native webhooks. Machine routes: no user token; each request must carry the
 * tool's signature made with one of its active secrets (docs/connectors.md).
 */
@ApiTags('webhooks')
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly intake: WebhookIntakeService) {}

  @Public()
  @Post(':tool')
  @HttpCode(202)
  @ApiParam({ name: 'tool', enum: TOOLS })
  @ApiBody({ description: "The tool's own webhook payload (JSON), signed as the tool signs it", schema: { type: 'object' } })
  receive(@Param('tool', ToolPipe) tool: Tool, @Req() req: RawBodyRequest<Request>): Promise<WebhookResult> {
    // `is` is null for a request without a body: that one gets "empty body" rather than "wrong type".
    const type = req.is(JSON_TYPES);
    return this.intake.receive(tool, { headers: req.headers, rawBody: req.rawBody, body: req.body as unknown, isJson: type !== false });
  }
}
