import { randomBytes } from 'node:crypto';
import { validateCronExpression } from 'cron';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { MIN_SECRET_BITS, passwordProblem, secretEntropyBits } from './secret-strength';

/**
 * The whole environment, validated once at boot into a typed object.
 * Nothing else in the apps reads process.env.
 */
/** `90s`, `15m`, `12h`, `7d`: kept as text (jsonwebtoken reads it) and checked here. */
const duration = z.string().regex(/^\d+[smhd]$/, 'a duration like 90s, 15m, 12h or 7d');

/** Milliseconds of a duration validated by the schema. */
export function durationMs(value: string): number {
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[value.slice(-1) as 's' | 'm' | 'h' | 'd'];
  return Number(value.slice(0, -1)) * unit;
}

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address the API listens on: 0.0.0.0 (every interface, the default), 127.0.0.1, ::, or one interface's address. */
  HOST: z.union([z.ipv4(), z.ipv6()], { error: 'HOST must be an IP address such as 0.0.0.0 or 127.0.0.1' }).default('0.0.0.0'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  /** Connections this process may hold; the embedded database serves only a few. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
  /**
   * Comma-separated `host:port` list; empty when unset. Only processes that talk to Kafka (the API
   * and the pipeline) need it, and they refuse to start without it (see `kafkaBrokers`); database-only
   * tools like the replay run without it. `npm start` sets it to the broker it runs.
   */
  KAFKA_BROKERS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^\S+:\d{1,5}$/, 'each broker must look like host:port'))),
  /** Prefix for consumer group ids, so test runs and instances don't share offsets by accident. */
  KAFKA_GROUP_PREFIX: z.string().default('rapport'),
  /** smtp:// or smtps:// (credentials in the URL); unset: mails are written to OUTBOX_DIR as .eml files. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  OUTBOX_DIR: z.string().default('.data/outbox'),
  MAIL_FROM: z.string().default('Rapport <rapport@localhost>'),
  /** Where the dashboard is reached from a mail's links. */
  APP_URL: z
    .url({ protocol: /^https?$/ })
    .default('http://localhost:3000')
    .transform((u) => u.replace(/\/+$/, '')),
  /** When weekly digests go out (cron syntax), in DIGEST_TZ unless a user chose a time zone. */
  DIGEST_CRON: z
    .string()
    .default('0 8 * * 1')
    .refine((c) => validateCronExpression(c).valid, 'must be a cron expression'),
  DIGEST_TZ: z
    .string()
    .default('UTC')
    .refine((tz) => IANAZone.isValidZone(tz), 'must be an IANA time zone like Europe/Paris'),
  ADMIN_EMAIL: z.email().optional(),
  /** The same rule as every user's password (libs/config/src/secret-strength.ts). */
  ADMIN_PASSWORD: z
    .string()
    .superRefine((value, ctx) => {
      const problem = passwordProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `ADMIN_PASSWORD: ${problem}` });
    })
    .optional(),
  INGEST_TOKEN: z.string().min(16, 'INGEST_TOKEN needs at least 16 characters').optional(),
  /** Signs access tokens; every API instance needs the same one. Unset: random per process. */
  AUTH_SECRET: z
    .string()
    .superRefine((value, ctx) => {
      const bits = Math.floor(secretEntropyBits(value));
      if (bits < MIN_SECRET_BITS)
        ctx.addIssue({
          code: 'custom',
          message: `AUTH_SECRET carries about ${bits} bits of entropy, ${MIN_SECRET_BITS} are needed (e.g. 48 random bytes in base64url)`,
        });
    })
    .optional(),
  /** Lifetime of an access token (a JWT): short, since it cannot be revoked before it expires. */
  ACCESS_TOKEN_TTL: duration.default('15m'),
  /** Absolute lifetime of a sign-in session: refresh tokens rotate but keep their session's expiry. */
  REFRESH_TOKEN_TTL: duration.default('7d'),
  /** Origins allowed to call the API from a browser (comma-separated); unset: same origin only. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'each origin must look like https://host[:port]'))),
  /** Express `trust proxy`: unset or `false` uses the socket address as the client's IP. */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((s): boolean | number | string => (s === 'true' ? true : s === 'false' ? false : /^\d+$/.test(s) ? Number(s) : s)),
  /** Sign-in attempts per minute for one e-mail from one IP address, and from one IP address. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  LOGIN_IP_RATE_LIMIT: z.coerce.number().int().min(1).default(100),
  /** Ingestion requests per minute per ingest token; failed attempts per minute per IP address. */
  INGEST_RATE_LIMIT: z.coerce.number().int().min(1).default(1200),
  INGEST_FAILURE_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  /** Consecutive failed sign-ins of one account, from any address, after which it is locked for LOGIN_LOCK_MINUTES. */
  LOGIN_LOCK_AFTER: z.coerce.number().int().min(2).max(1000).default(10),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Open socket.io connections per user (per API instance) and per client address. */
  SOCKETS_PER_USER: z.coerce.number().int().min(1).max(10_000).default(10),
  SOCKETS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the pipeline serves its Prometheus metrics (0: a free port). */
  PIPELINE_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  PIPELINE_METRICS_HOST: z.string().default('127.0.0.1'),
  /** Folder with the built dashboard, served at `/` by the API. */
  DASHBOARD_DIR: z.string().default('dist/dashboard'),
});

export type AppConfig = Omit<z.infer<typeof schema>, 'AUTH_SECRET'> & { AUTH_SECRET: string };

export class ConfigError extends Error {}

/** The brokers of a process that talks to Kafka: it cannot start without them. */
export function kafkaBrokers(config: Pick<AppConfig, 'KAFKA_BROKERS'>): string[] {
  if (!config.KAFKA_BROKERS.length) {
    throw new ConfigError(
      'Invalid configuration:\n  KAFKA_BROKERS: required by this process, which talks to Kafka (a comma-separated host:port list, e.g. 127.0.0.1:19092)',
    );
  }
  return config.KAFKA_BROKERS;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, AUTH_SECRET: parsed.data.AUTH_SECRET ?? randomBytes(48).toString('base64url') };
}
