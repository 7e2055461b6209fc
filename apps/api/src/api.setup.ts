import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const BODY_LIMIT = '1mb';
const JSON_TYPES = ['application/json', 'application/cloudevents+json', 'application/cloudevents-batch+json'];

/** Everything main.ts and the end-to-end tests both apply to the Nest application. */
export function configureApi(app: NestExpressApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'"], 'connect-src': ["'self'"], 'img-src': ["'self'", 'data:'] },
      },
    }),
  );
  app.useBodyParser('json', { limit: BODY_LIMIT, type: JSON_TYPES });
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Rapport API').setVersion('1').addBearerAuth().build());
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  const dashboard = resolve(config.DASHBOARD_DIR);
  if (existsSync(dashboard)) app.useStaticAssets(dashboard, { index: 'index.html' });
}
