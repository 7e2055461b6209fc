import { fromLocalInput, toLocalInput, viewerZone } from '../lib/format';
import { WINDOWS, type WindowName } from '../lib/types';

const WINDOW_OPTIONS = Object.keys(WINDOWS) as WindowName[];

/** The 7/30/90-day switch and the as-of date ("now" when empty), as in the page's URL. */
export function TimeControls({
  window,
  at,
  onChange,
}: {
  window: WindowName;
  at: string | null;
  onChange: (next: { window: WindowName; at: string | null }) => void;
}) {
  return (
    <div class="time-controls">
      <div class="segmented" role="group" aria-label="Rolling window">
        {WINDOW_OPTIONS.map((w) => (
          <button key={w} type="button" aria-pressed={w === window} data-window={w} onClick={() => onChange({ window: w, at })}>
            {WINDOWS[w]} days
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
