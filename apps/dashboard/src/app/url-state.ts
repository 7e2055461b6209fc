import { useLocation } from 'preact-iso';
import { asWindow } from '../components/time-controls';
import { LIVE_WINDOW, type WindowName } from '../lib/types';

/** Page state kept in the URL's query, so that every view is a link that can be shared or reopened. */
export function useQueryState(): {
  query: Record<string, string>;
  window: WindowName;
  at: string | null;
  set: (patch: Record<string, string | null>) => void;
} {
  const { path, query, route } = useLocation();
  const at = query.at && Number.isFinite(Date.parse(query.at)) ? new Date(query.at).toISOString() : null;
  const set = (patch: Record<string, string | null>) => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') q.delete(k);
      else q.set(k, v);
    }
    const s = q.toString();
    route(`${path}${s ? `?${s}` : ''}`, true);
  };
  return { query, window: asWindow(query.window), at, set };
}

/** `?window=…&at=…` for links that keep the viewer's time settings. */
export function timeQuery(window: WindowName, at: string | null): string {
  const q = new URLSearchParams();
  if (window !== LIVE_WINDOW) q.set('window', window);
  if (at) q.set('at', at);
  const s = q.toString();
  return s ? `?${s}` : '';
}
