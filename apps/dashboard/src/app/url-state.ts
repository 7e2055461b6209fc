import { useLocation } from 'preact-iso';
import { LIVE_WINDOW, WINDOWS, type WindowName } from '../lib/types';

/** The window named in the URL; the live one when none (or an unknown one) is named. */
const asWindow = (v: string | undefined): WindowName => (v !== undefined && Object.hasOwn(WINDOWS, v) ? (v as WindowName) : LIVE_WINDOW);

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
