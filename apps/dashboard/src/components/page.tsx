import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { viewerZone } from '../lib/format';

/**
 * A page's heading: sets the document title and takes focus when the route changes, so keyboard
 * and screen-reader users start at the new page's top instead of a link that is gone.
 */
export function PageHead({ title, sub, children }: { title: string; sub?: ComponentChildren; children?: ComponentChildren }) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Rapport`;
    if (document.activeElement === document.body || document.activeElement?.closest('nav')) h1.current?.focus();
  }, [title]);
  return (
    <div class="page-head">
      <div>
        <h1 tabIndex={-1} ref={h1}>
          {title}
        </h1>
        {sub && <p class="page-sub">{sub}</p>}
      </div>
      {children && <div class="page-actions">{children}</div>}
    </div>
  );
}

export function ZoneNote() {
  return <span class="zone-note">Times in {viewerZone()}</span>;
}

export function ErrorBanner({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div class="banner banner-error" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}
