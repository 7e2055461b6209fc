const started = Date.now();

/** A progress line, with the time since the run started: a long run should show where it is. */
export function step(text: string): void {
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`  [${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}] ${text}`);
}
