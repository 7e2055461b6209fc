import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { bodyDepthLimit } from './security/body-depth';
import { APP_CSP, corsOptions, DOCS_CSP, helmetOptions, noStore } from './security/http-policy';
import { SecureIoAdapter } from './security/secure-io.adapter';

const BODY_LIMIT = '1mb';
const JSON_TYPES = ['application/json', 'application/cloudevents+json', 'application/cloudevents-batch+json'];
const DOCS_PATH = '/api/docs';

/** Everything main.ts and the end-to-end tests both apply to the Nest application. */
export function configureApi(app: NestExpressApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  const appHeaders = helmet(helmetOptions(APP_CSP));
  const docsHeaders = helmet(helmetOptions(DOCS_CSP));
  app.use((req: Request, res: Response, next: NextFunction) => (req.path.startsWith(DOCS_PATH) ? docsHeaders : appHeaders)(req, res, next));
  // No CORS headers at all unless origins are allow-listed: browsers then keep other sites out.
  if (config.CORS_ORIGINS.length) app.enableCors(corsOptions(config.CORS_ORIGINS));
  app.use(noStore);
  app.useWebSocketAdapter(new SecureIoAdapter(app, { origins: config.CORS_ORIGINS, perAddress: config.SOCKETS_PER_ADDRESS }));
  app.useBodyParser('json', { limit: BODY_LIMIT, type: JSON_TYPES });
  app.use(bodyErrors);
  app.use(bodyDepthLimit);
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Rapport API').setVersion('1').addBearerAuth().build());
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  const dashboard = resolve(config.DASHBOARD_DIR);
  if (existsSync(dashboard)) app.useStaticAssets(dashboard, { index: 'index.html' });
}

/**
 * Errors raised before Nest sees the request (malformed JSON, a body over the limit) get a short
 * JSON answer, never Express's default page, which shows a stack trace outside production.
 */
function bodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  const status = (error as { status?: unknown }).status;
  const statusCode = typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
  const message =
    statusCode === 413
      ? `the body exceeds ${BODY_LIMIT}`
      : statusCode === 500
        ? 'Internal server error'
        : 'the request body could not be read';
  res.status(statusCode).json({ statusCode, message });
}
