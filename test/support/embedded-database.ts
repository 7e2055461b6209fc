import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = 'infra/db/embedded-postgres.mjs';

/** A port nobody listens on right now. */
async function sparePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The project's embedded PostgreSQL, started by its own script (as `npm start` does) on a spare
 * port with a throw-away data folder, with every migration applied.
 */
export class EmbeddedDatabase {
  private constructor(
    readonly url: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly dir: string,
  ) {}

  static async start(): Promise<EmbeddedDatabase> {
    const dir = await mkdtemp(join(tmpdir(), 'rapport-embedded-pg-'));
    await chmod(dir, 0o755); // as root, the server runs as the `postgres` user and must reach its folder
    const env = { ...process.env, EMBEDDED_PG_PORT: String(await sparePort()), EMBEDDED_PG_DATA_DIR: join(dir, 'postgres') };
    await run(process.execPath, [SCRIPT, 'start'], { env });
    const url = (await run(process.execPath, [SCRIPT, 'url'], { env })).stdout.trim();
    await run('bash', ['infra/db/prisma.sh', 'migrate', 'deploy'], { env: { ...env, DATABASE_URL: url } });
    return new EmbeddedDatabase(url, env, dir);
  }

  async stop(): Promise<void> {
    await run(process.execPath, [SCRIPT, 'stop'], { env: this.env });
    await rm(this.dir, { recursive: true, force: true });
  }
}
