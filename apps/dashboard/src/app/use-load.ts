import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/**
 * Loads data for a page and reloads it when `deps` change. Answers of an older request never
 * overwrite a newer one; `reload` refetches quietly (the old data stays on screen meanwhile).
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: unknown; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);
  const run = useCallback(() => {
    const mine = ++seq.current;
    load().then(
      (d) => {
        if (mine !== seq.current) return;
        setData(d);
        setError(null);
      },
      (e: unknown) => mine === seq.current && setError(e),
    );
  }, deps);
  useEffect(() => {
    // Nothing of the previous deps' answer stays on screen, an error (say a 404) least of all.
    setData(null);
    setError(null);
    run();
  }, [run]);
  return { data, error, reload: run };
}
