import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import { ApiModule } from './api.module';
import { configureApi } from './api.setup';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true, bodyParser: false, rawBody: true });
  configureApi(app);
  const { PORT, HOST } = app.get<AppConfig>(APP_CONFIG);
  await app.listen(PORT, HOST);
}

void bootstrap();
