/**
 * Everything a benchmark starts (broker, apps, databases) registers how to stop it here, so a
 * failed measurement or Ctrl-C still stops all of it, newest first.
 */
type Stop = () => Promise<void>;

const stack: { name: string; stop: Stop }[] = [];

/** Registers a stop action; the returned function runs it now and forgets it. */
export function onCleanup(name: string, stop: Stop): () => Promise<void> {
  const entry = { name, stop };
  stack.push(entry);
  return async () => {
    const at = stack.indexOf(entry);
    if (at < 0) return;
    stack.splice(at, 1);
    await stop();
  };
}

export async function cleanUpAll(): Promise<void> {
  while (stack.length) {
    const { name, stop } = stack.pop()!;
    try {
      await stop();
    } catch (error) {
      console.error(`cleanup: could not stop ${name}: ${(error as Error).message}`);
    }
  }
}

/** Ctrl-C or SIGTERM: stop everything, then exit; a second signal exits at once. */
export function cleanUpOnSignals(): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
      stopping = true;
      console.error(`\n${signal}: stopping what the benchmark started`);
      void cleanUpAll().finally(() => process.exit(130));
    });
  }
}
