import { z } from 'zod';

/**
 * The simulator's whole environment, validated once at start into a typed object.
 * Nothing else in the simulator reads process.env.
 */
const schema = z.object({
  /** Base URL of Rapport's public HTTP API (no trailing slash needed). */
  API_URL: z
    .url({ protocol: /^https?$/, error: 'API_URL must be an http(s) URL' })
    .default('http://127.0.0.1:3000')
    .transform((url) => url.replace(/\/+$/, '')),
  ADMIN_EMAIL: z.email({ error: 'ADMIN_EMAIL must be an e-mail address' }),
  ADMIN_PASSWORD: z.string({ error: 'ADMIN_PASSWORD is required' }).min(1, 'ADMIN_PASSWORD is required'),
  INGEST_TOKEN: z.string({ error: 'INGEST_TOKEN is required' }).min(1, 'INGEST_TOKEN is required'),
  /**
   * Live pace: simulated minutes of vendor activity per real second. Ticket, deliverable and
   * survey arrivals (and the vendors' story: degradation, bursts...) run this much faster than
   * real life, while each ticket's response/resolution and each review still take real minutes,
   * so SLA outcomes stay honest. 30 (a simulated day every 48 s) gives ~1.7 events per second
   * across the six vendors at first, growing to ~3.5 as responses, resolutions and reviews of
   * the live tickets and deliverables fall due.
   */
  SIMULATOR_SPEED: z.coerce.number().positive().max(1440, 'SIMULATOR_SPEED is at most 1440').default(30),
  /** Seeds every random draw: the same seed and story give the same events. */
  SIMULATOR_SEED: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(42),
  /** Days of back-dated history sent before streaming live (0: live only). */
  SIMULATOR_BACKFILL_DAYS: z.coerce.number().int().min(0).max(365).default(30),
});

export interface SimulatorConfig {
  apiUrl: string;
  adminEmail: string;
  adminPassword: string;
  ingestToken: string;
  /** Simulated minutes per real second in the live phase. */
  speed: number;
  seed: number;
  backfillDays: number;
}

export class SimulatorConfigError extends Error {
  override readonly name = 'SimulatorConfigError';
}

/** Empty strings count as unset, so `FOO= node main.js` falls back to the default. */
function withoutBlanks(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') out[key] = value.trim();
  }
  return out;
}

export function loadSimulatorConfig(env: NodeJS.ProcessEnv = process.env): SimulatorConfig {
  const parsed = schema.safeParse(withoutBlanks(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new SimulatorConfigError(`Invalid simulator configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    apiUrl: c.API_URL,
    adminEmail: c.ADMIN_EMAIL,
    adminPassword: c.ADMIN_PASSWORD,
    ingestToken: c.INGEST_TOKEN,
    speed: c.SIMULATOR_SPEED,
    seed: c.SIMULATOR_SEED,
    backfillDays: c.SIMULATOR_BACKFILL_DAYS,
  };
}

/** The configuration for logs: secrets masked. */
export function describeConfig(c: SimulatorConfig): string {
  return (
    `api=${c.apiUrl} admin=${c.adminEmail} speed=${c.speed} sim-min/s seed=${c.seed} ` +
    `backfill=${c.backfillDays}d ingestToken=${'*'.repeat(Math.min(8, c.ingestToken.length))}`
  );
}
