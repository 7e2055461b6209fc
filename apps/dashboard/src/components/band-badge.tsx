import { bandLabel, formatScore } from '../lib/format';
import type { Band } from '../lib/types';

/** A band as words and colour (never colour alone). */
export function BandBadge({ band }: { band: Band | null }) {
  return (
    <span class={`badge band-${band ?? 'none'}`} data-testid="band">
      {bandLabel(band)}
    </span>
  );
}

export function Score({ score, band }: { score: number | null; band: Band | null }) {
  return (
    <span class="score-line">
      <span class={`score band-text-${band ?? 'none'}`} data-testid="score">
        {formatScore(score)}
      </span>
      <BandBadge band={band} />
    </span>
  );
}

export function Delta({ value, label }: { value: number | null; label: string }) {
  if (value === null) return null;
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return (
    <span class={`delta ${value > 0 ? 'up' : value < 0 ? 'down' : ''}`} title={label}>
      <span aria-hidden="true">{value > 0 ? '▲' : value < 0 ? '▼' : '='}</span> {sign}
      {Math.abs(value).toFixed(1)} <span class="visually-hidden">{label}</span>
    </span>
  );
}
