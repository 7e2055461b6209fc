// One output for everything `npm start` runs: each line of each process is tagged with the
// process's name, and written as pino JSON when stdout is a file or a pipe (for log tooling) or
// pretty-printed by pino-pretty on a terminal. The apps always log JSON; the scripts and the
// simulator print plain text, which becomes a message (stderr lines at level error).
import { createInterface } from 'node:readline';
import { prettyFactory } from 'pino-pretty';

const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

export function createLogOutput({ pretty = process.stdout.isTTY === true, out = process.stdout, level = process.env.LOG_LEVEL } = {}) {
  const minLevel = level === 'silent' ? Infinity : (LEVELS[level] ?? LEVELS.info);
  const prettify = pretty
    ? prettyFactory({
        colorize: true,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname,context',
        messageFormat: '{if context}[{context}] {end}{msg}',
      })
    : undefined;

  const write = (record) => {
    if (record.level >= minLevel) out.write(prettify ? prettify(record) : `${JSON.stringify(record)}\n`);
  };

  /** A record from a process's output line: its own JSON when it logs JSON, a message otherwise. */
  const record = (name, line, fromStderr) => {
    if (line.startsWith('{')) {
      try {
        const parsed = JSON.parse(line);
        if (parsed && typeof parsed === 'object' && typeof parsed.level === 'number') return { name, ...parsed };
      } catch {
        /* plain text after all */
      }
    }
    return { level: fromStderr ? LEVELS.error : LEVELS.info, time: Date.now(), name, msg: line };
  };

  return {
    /** A line of `npm start` itself. */
    log(level, name, msg) {
      write({ level: LEVELS[level], time: Date.now(), name, msg });
    },
    /**
     * Forwards a child's stdout and stderr, line by line. Plain lines are info (stdout) and error
     * (stderr) unless `stdoutLevel` / `stderrLevel` say otherwise (scripts that chat on stderr).
     */
    follow(name, child, { stdoutLevel, stderrLevel } = {}) {
      const forward = (stream, fromStderr) => {
        if (!stream) return;
        createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
          if (!line.trim()) return;
          const entry = record(name, line, fromStderr);
          const plainLevel = fromStderr ? stderrLevel : stdoutLevel;
          if (plainLevel && entry.msg === line) entry.level = LEVELS[plainLevel];
          write(entry);
        });
      };
      forward(child.stdout, false);
      forward(child.stderr, true);
    },
  };
}
