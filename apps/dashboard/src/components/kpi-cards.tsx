import { formatKpiValue, formatTarget } from '../lib/format';
import { BAND_THRESHOLDS, KPI_KEYS, KPI_LABELS, type ScorecardView } from '../lib/types';

/**
 * Each KPI against its target and floor; the bar shows the measure (0 at the floor, 100 at target),
 * coloured by the same thresholds as the score's bands.
 */
export function KpiCards({ card }: { card: ScorecardView }) {
  return (
    <ul class="kpi-cards" data-testid="kpi-cards">
      {KPI_KEYS.map((key) => {
        const k = card.kpis[key];
        if (!k) return null;
        const state =
          k.value === null ? 'none' : k.measure === null ? 'info' : k.measure >= 100 ? 'met' : k.measure <= 0 ? 'floor' : 'below';
        return (
          <li key={key} class={`kpi-card kpi-${state}`} data-kpi={key}>
            <span class="kpi-name">{KPI_LABELS[key]}</span>
            <span class="kpi-value">{formatKpiValue(key, k.value)}</span>
            <span class="kpi-target">
              target {formatTarget(key, k.target, k.floor)}
              {k.floor !== null && <> · floor {formatKpiValue(key, k.floor)}</>}
            </span>
            {k.measure !== null && (
              <meter
                min={0}
                max={100}
                low={BAND_THRESHOLDS.at_risk}
                high={BAND_THRESHOLDS.healthy}
                optimum={100}
                value={k.measure}
                aria-label={`${KPI_LABELS[key]} measure`}
              >
                {Math.round(k.measure)}
              </meter>
            )}
            <span class="kpi-samples">
              {k.samples} sample{k.samples === 1 ? '' : 's'}
              {k.measure !== null && ` · measure ${Math.round(k.measure)}/100`}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
