import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from './app-config';
import { APP_CONFIG } from './config.module';

/** Structured JSON logs; credentials never reach them. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-hub-signature-256"]'],
          autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
          // Successful requests are routine (ingestion runs all day); failures are worth a line.
          customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug'),
        },
      }),
    }),
  ],
})
export class LoggingModule {}
