import { fromLocalInput, toLocalInput, viewerZone } from '../lib/format';

export const WINDOW_OPTIONS = ['7d', '30d', '90d'] as const;
export type WindowOption = (typeof WINDOW_OPTIONS)[number];

export const asWindow = (v: string | undefined): WindowOption =>
  (WINDOW_OPTIONS as readonly string[]).includes(v ?? '') ? (v as WindowOption) : '30d';

/** The 7/30/90-day switch and the as-of date ("now" when empty), as in the page's URL. */
export function TimeControls({
  window,
  at,
  onChange,
}: {
  window: WindowOption;
  at: string | null;
  onChange: (next: { window: WindowOption; at: string | null }) => void;
}) {
  return (
    <div class="time-controls">
      <div class="segmented" role="group" aria-label="Rolling window">
        {WINDOW_OPTIONS.map((w) => (
          <button key={w} type="button" aria-pressed={w === window} data-window={w} onClick={() => onChange({ window: w, at })}>
            {w.replace('d', ' days')}
          </button>
        ))}
      </div>
      <label class="as-of">
        <span>As of ({viewerZone()})</span>
        <input
          type="datetime-local"
          value={toLocalInput(at)}
          max={toLocalInput(new Date().toISOString())}
          onChange={(e) => onChange({ window, at: fromLocalInput((e.target as HTMLInputElement).value) })}
          data-testid="as-of"
        />
      </label>
      {at && (
        <button type="button" class="btn btn-small" onClick={() => onChange({ window, at: null })}>
          Back to now
        </button>
      )}
    </div>
  );
}
