import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@rapport/config';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { bodyDepthLimit } from './security/body-depth';
import { APP_CSP, corsOptions, DOCS_CSP, helmetOptions, noStore } from './security/http-policy';
import { SecureIoAdapter } from './security/secure-io.adapter';
import { JSON_TYPES } from './shared/json-media-types';

const BODY_LIMIT = '1mb';
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
  app.use(compression());
  app.useBodyParser('json', { limit: BODY_LIMIT, type: JSON_TYPES });
  app.use(bodyErrors);
  app.use(bodyDepthLimit);
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Rapport API').setVersion('1').addBearerAuth().build());
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  const dashboard = resolve(config.DASHBOARD_DIR);
  if (existsSync(dashboard)) serveDashboard(app, dashboard);
}

/** Paths the dashboard never owns (the server's routes, assets, any file name): the rest that asks for HTML gets the app. */
const SERVER_PATHS = /^\/(api|health|metrics|socket\.io|assets)(\/|$)|\.[a-z0-9]+$/i;

/**
 * The dashboard's files: hashed assets (their names change with their content) are cached for a
 * year as immutable; index.html and the rest are revalidated on every load. Any other page path
 * (`/vendors/…`, `/contracts/…?window=`, `/admin/users`) answers with index.html, so a deep link
 * opened directly or reloaded starts the app, which routes in the browser.
 */
function serveDashboard(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res, path) =>
      res.setHeader('Cache-Control', path.startsWith(join(dir, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
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
