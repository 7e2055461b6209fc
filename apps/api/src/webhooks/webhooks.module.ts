import { Module } from '@nestjs/common';

/** Vendor tools' native webhooks → canonical events; connector mapping rules and secrets. */
@Module({})
export class WebhooksModule {}
