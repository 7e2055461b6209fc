import { BAND_LABELS, KPI_UNITS, type Band, type Dimension, type KpiKey } from './types';

export const DIMENSION_LABELS: Record<Dimension, string> = {
  responsiveness: 'Responsiveness',
  turnaround: 'Turnaround',
  quality: 'Quality',
  satisfaction: 'Satisfaction',
};

export function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Score with one decimal, or an em dash when there is no score. */
export function formatScore(score: number | null | undefined): string {
  return isFiniteNumber(score) ? score.toFixed(1) : '—';
}

/** A band as a heading-style label ("At risk"); the band itself always comes from the server. */
export function bandLabel(band: Band | null | undefined): string {
  if (!band) return 'No data';
  const words = BAND_LABELS[band];
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 135 → "2h 15m", 45 → "45m", 120 → "2h". */
export function formatMinutes(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}

function trimDecimal(v: number, digits = 1): string {
  const s = v.toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A KPI value as a person reads it: rates as %, NPS as a signed number, times as h/m. */
export function formatKpiValue(key: KpiKey, value: number | null | undefined): string {
  if (!isFiniteNumber(value)) return 'insufficient data';
  switch (KPI_UNITS[key]) {
    case 'rate':
      return `${(value * 100).toFixed(1)}%`;
    case 'minutes':
      return formatMinutes(value);
    case 'nps':
      return `${value > 0 ? '+' : ''}${trimDecimal(value)}`;
  }
}

/**
 * Whether a lower value is better: the target lies below the floor. Without both, the KPIs that
 * count something bad (reopen rate) or take time (minutes) are read that way.
 */
export function lowerIsBetter(key: KpiKey, target: number | null | undefined, floor: number | null | undefined): boolean {
  if (isFiniteNumber(target) && isFiniteNumber(floor)) return target < floor;
  return key === 'reopenRate' || KPI_UNITS[key] === 'minutes';
}

/** "≥ 95.0%" for higher-is-better targets, "≤ 5.0%" when the target lies below its floor. */
export function formatTarget(key: KpiKey, target: number | null | undefined, floor: number | null | undefined): string {
  if (!isFiniteNumber(target)) return '—';
  return `${lowerIsBetter(key, target, floor) ? '≤' : '≥'} ${formatKpiValue(key, target)}`;
}

const dateTimeFmt = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateFmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const timeSecFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function toMillis(iso: string | number | null | undefined): number | null {
  if (iso == null) return null;
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

export function formatDateTime(iso: string | number | null | undefined): string {
  const ms = toMillis(iso);
  return ms == null ? '—' : dateTimeFmt.format(ms);
}

/** Axis label for a time value; the format follows how much time the axis spans. */
export function formatAxisTime(ms: number, spanMs: number): string {
  const HOUR = 3_600_000;
  if (spanMs <= 10 * 60_000) return timeSecFmt.format(ms);
  if (spanMs <= 36 * HOUR) return timeFmt.format(ms);
  if (spanMs <= 4 * 24 * HOUR) return dateTimeFmt.format(ms);
  return dateFmt.format(ms);
}

/** "just now", "12s ago", "5m ago", "3h ago", else a date. */
export function formatRelative(iso: string | number | null | undefined, now = Date.now()): string {
  const ms = toMillis(iso);
  if (ms == null) return '—';
  const s = Math.round((now - ms) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`;
  return dateTimeFmt.format(ms);
}

export function formatDelta(delta: number): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  return `${sign}${Math.abs(delta).toFixed(1)}`;
}

/** The viewer's time zone, e.g. "Europe/Paris" (shown beside every page's dates). */
export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const whenFmt = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});

/** A date and time in the viewer's locale and time zone, with the zone: "Nov 28, 2026, 19:05 CET". */
export function formatWhen(iso: string | number | null | undefined): string {
  const ms = toMillis(iso);
  return ms == null ? '—' : whenFmt.format(ms);
}

/** An ISO instant as the value of an `<input type="datetime-local">` in the viewer's zone. */
export function toLocalInput(iso: string | null | undefined): string {
  const ms = toMillis(iso);
  if (ms == null) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of a `datetime-local` input (viewer's zone) as an ISO instant; null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

export const SERVICE_TYPE_LABELS: Record<string, string> = {
  infrastructure: 'Infrastructure',
  software_development: 'Software development',
  it_support: 'IT support',
  cybersecurity: 'Cybersecurity',
  cloud: 'Cloud',
};
