/**
 * An error's cause in one line, for a log line or a quarantine reason: Prisma's messages span many
 * lines of call site, and the cause is on the last one.
 */
export function errorCause(error: unknown): string {
  const lines = String((error as Error)?.message ?? error)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.at(-1) ?? 'unknown error').slice(0, 500);
}
