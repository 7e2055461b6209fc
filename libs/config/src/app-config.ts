import { randomBytes } from 'node:crypto';
import { validateCronExpression } from 'cron';
import { IANAZone } from 'luxon';
import { z } from 'zod';

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
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  /** Connections this process may hold; the embedded database serves only a few. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .transform((s) =>
      s
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    ),
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
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD needs at least 8 characters').optional(),
  INGEST_TOKEN: z.string().min(16, 'INGEST_TOKEN needs at least 16 characters').optional(),
  /** Signs access tokens; every API instance needs the same one. Unset: random per process. */
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET needs at least 32 characters').optional(),
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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Folder with the built dashboard, served at `/` by the API. */
  DASHBOARD_DIR: z.string().default('dist/dashboard'),
});

export type AppConfig = Omit<z.infer<typeof schema>, 'AUTH_SECRET'> & { AUTH_SECRET: string };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, AUTH_SECRET: parsed.data.AUTH_SECRET ?? randomBytes(32).toString('hex') };
}
