// The secrets a local installation needs, generated once into .data/secrets.env (mode 600, out
// of the repo and the logs). The environment wins: a generated value only fills a gap.
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseEnv } from 'node:util';

const GENERATED = {
  // 32 random bytes: 256 bits for signing access tokens.
  AUTH_SECRET: () => randomBytes(48).toString('base64url'),
  INGEST_TOKEN: () => randomBytes(24).toString('base64url'),
  DEMO_ADMIN_PASSWORD: () => randomBytes(12).toString('base64url'),
};

/** Reads `file`, appends what it lacks, and returns the values the environment does not set. */
export function localSecrets(file, env = process.env) {
  mkdirSync(dirname(file), { recursive: true });
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const stored = parseEnv(text);
  const missing = Object.keys(GENERATED).filter((key) => !stored[key]);
  if (missing.length > 0) {
    const lines =
      (text && !text.endsWith('\n') ? '\n' : '') + missing.map((key) => `${key}=${(stored[key] = GENERATED[key]())}\n`).join('');
    appendFileSync(file, lines, { mode: 0o600 });
  }
  const filled = {};
  for (const key of ['AUTH_SECRET', 'INGEST_TOKEN']) if (!env[key]) filled[key] = stored[key];
  if (!env.ADMIN_EMAIL) filled.ADMIN_EMAIL = 'admin@rapport.local';
  if (!env.ADMIN_PASSWORD) filled.ADMIN_PASSWORD = stored.DEMO_ADMIN_PASSWORD;
  return filled;
}
