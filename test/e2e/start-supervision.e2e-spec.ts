import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** Runs an ES module snippet against npm start's own modules (infra/lib) in a real Node process. */
async function node(code: string): Promise<string> {
  const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', code], { cwd: process.cwd() });
  return stdout;
}

/** npm start's parts that are not the apps: secrets, pid files, the supervisor. */
describe('npm start: secrets, pid files and supervision', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'rapport-start-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lets the environment win over generated secrets, and generates only what is missing', async () => {
    const file = join(dir, 'secrets.env');
    await writeFile(file, 'INGEST_TOKEN=from-the-file-0123456789\n');
    const call = (env: Record<string, string>) =>
      node(
        `import { localSecrets } from './infra/lib/secrets.mjs'; console.log(JSON.stringify(localSecrets(${JSON.stringify(file)}, ${JSON.stringify(env)})))`,
      ).then((out) => JSON.parse(out) as Record<string, string>);

    const fromEnv = await call({
      INGEST_TOKEN: 'from-the-environment-0123',
      AUTH_SECRET: 'a'.repeat(64),
      ADMIN_PASSWORD: 'chosen-password',
    });
    expect(fromEnv).toEqual({ ADMIN_EMAIL: 'admin@rapport.local' }); // nothing overrides what the environment set
    const filled = await call({});
    expect(filled.INGEST_TOKEN).toBe('from-the-file-0123456789'); // kept, not regenerated
    expect(filled.AUTH_SECRET).toMatch(/^[0-9a-f]{64}$/); // 32 random bytes
    expect(filled.ADMIN_PASSWORD).toMatch(/^[\w-]{16}$/);
    expect(await call({})).toEqual(filled); // generated once
    const text = await readFile(file, 'utf8');
    expect(text.match(/^\w+=/gm)).toEqual(['INGEST_TOKEN=', 'AUTH_SECRET=', 'DEMO_ADMIN_PASSWORD=']);
  });

  it('recognises a stale pid file: dead process, or a live one that is not ours', async () => {
    const file = join(dir, 'broker.pid');
    const check = (pid: number, marker: string) =>
      node(
        `import { writeFileSync, existsSync } from 'node:fs'; import { livePid } from './infra/lib/pid-file.mjs';
         writeFileSync(${JSON.stringify(file)}, '${pid}\\n'); const live = livePid(${JSON.stringify(file)}, ${JSON.stringify(marker)});
         console.log(JSON.stringify({ live: live ?? null, kept: existsSync(${JSON.stringify(file)}) }))`,
      ).then((out) => JSON.parse(out) as { live: number | null; kept: boolean });

    expect(await check(2 ** 22 + 12345, 'kafka.Kafka')).toEqual({ live: null, kept: false }); // no such process
    expect(await check(process.pid, 'kafka.Kafka')).toEqual({ live: null, kept: false }); // alive, but this is jest
    expect(await check(process.pid, 'jest')).toEqual({ live: process.pid, kept: true });
  });

  it('restarts a crashing process with a doubling pause, and kills one that ignores SIGTERM', async () => {
    const out = await node(`
      import { Supervisor } from './infra/lib/supervisor.mjs';
      const lines = [];
      const output = { log: (level, name, msg) => lines.push(level + ' ' + msg), follow: () => undefined };
      const supervisor = new Supervisor(output, process.env);
      supervisor.add('crasher', process.execPath, ['-e', 'process.exit(3)']);
      supervisor.add('stubborn', process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)']);
      const until = Date.now() + 30000; // two restarts of the crasher (1 s, then 2 s)
      while (lines.filter((l) => l.includes('crasher')).length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      const before = supervisor.pid('stubborn');
      const started = Date.now();
      await supervisor.stop(500);
      let alive = true; try { process.kill(before, 0); } catch { alive = false; }
      console.log(JSON.stringify({ lines, stoppedInMs: Date.now() - started, alive }));
    `);
    const { lines, stoppedInMs, alive } = JSON.parse(out) as { lines: string[]; stoppedInMs: number; alive: boolean };
    expect(lines.filter((l) => l.includes('crasher')).slice(0, 2)).toEqual([
      'error crasher exited with code 3; restarting in 1 s',
      'error crasher exited with code 3; restarting in 2 s',
    ]);
    expect(lines).toContain('warn stubborn still running after 0.5 s; killing it');
    expect(alive).toBe(false);
    expect(stoppedInMs).toBeLessThan(3000);
  });

  it('keeps the generated secrets file private', async () => {
    const file = join(dir, 'secrets.env');
    await node(`import { localSecrets } from './infra/lib/secrets.mjs'; localSecrets(${JSON.stringify(file)}, {})`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});
