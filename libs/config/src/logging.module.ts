import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from './app-config';
import { APP_CONFIG } from './config.module';

/** Request headers that carry credentials or webhook signatures: logged as "[Redacted]". */
export const REDACTED_HEADERS = [
  'authorization',
  'cookie',
  'x-hub-signature',
  'x-hub-signature-256',
  'x-zendesk-webhook-signature',
  'x-rapport-signature',
] as const;
export const LOG_REDACT_PATHS = REDACTED_HEADERS.map((name) => `req.headers["${name}"]`);

/** Structured JSON logs; credentials never reach them. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          redact: LOG_REDACT_PATHS,
          autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
          // Successful requests are routine (ingestion runs all day); failures are worth a line.
          customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug'),
        },
      }),
    }),
  ],
})
export class LoggingModule {}
