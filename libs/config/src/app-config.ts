import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * The whole environment, validated once at boot into a typed object.
 * Nothing else in the apps reads process.env.
 */
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
  SMTP_URL: z.string().optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD needs at least 8 characters').optional(),
  INGEST_TOKEN: z.string().min(16, 'INGEST_TOKEN needs at least 16 characters').optional(),
  /** Signs access tokens; every API instance needs the same one. Unset: random per process. */
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET needs at least 32 characters').optional(),
  ACCESS_TOKEN_TTL: z.string().default('12h'),
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
