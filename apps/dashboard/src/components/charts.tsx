import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { formatAxisTime, formatScore, formatWhen } from '../lib/format';
import type { Band } from '../lib/types';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, BarController, BarElement, Tooltip, Legend, Filler);

export interface Series {
  label: string;
  points: { x: number; y: number | null }[];
}

/** Distinguishable in light and dark mode; the legend and the table name each line too. */
const PALETTE = ['#4f46e5', '#d97706', '#059669', '#db2777', '#0284c7', '#7c3aed', '#65a30d', '#dc2626'];

const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#666';
const BAND_COLOR: Record<Band, string> = { healthy: '--healthy', at_risk: '--at-risk', critical: '--critical' };

function useChart(config: () => ChartConfiguration, deps: unknown[]) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    Chart.defaults.color = css('--muted');
    Chart.defaults.borderColor = css('--line');
    chart.current?.destroy();
    chart.current = new Chart(canvas.current, config());
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, deps);
  return canvas;
}

/**
 * Score lines over time (0–100) with the band thresholds; the same numbers as a table below the
 * canvas for keyboard and screen-reader users.
 */
export function TrendChart({ title, series, testId }: { title: string; series: Series[]; testId?: string }) {
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const span = xs.length ? Math.max(...xs) - Math.min(...xs) : 0;
  const canvas = useChart(
    () => ({
      type: 'line',
      data: {
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.points,
          borderColor: PALETTE[i % PALETTE.length],
          backgroundColor: PALETTE[i % PALETTE.length],
          pointRadius: s.points.length > 60 ? 0 : 2,
          borderWidth: 2,
          spanGaps: false,
          tension: 0.2,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: { type: 'linear', ticks: { maxTicksLimit: 6, callback: (v) => formatAxisTime(Number(v), span) } },
          y: { min: 0, max: 100, ticks: { stepSize: 25 } },
        },
        plugins: {
          legend: { display: series.length > 1, position: 'bottom' },
          tooltip: { callbacks: { title: (items) => formatWhen(items[0]?.parsed.x ?? 0) } },
        },
      },
    }),
    [JSON.stringify(series)],
  );
  return (
    <figure class="chart" data-testid={testId}>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={`${title}: chart; the same data is in the table below`} />
      </div>
      <details class="chart-data">
        <summary>{title}: data table</summary>
        <div class="table-scroll">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">Series</th>
                <th scope="col">Time</th>
                <th scope="col" class="num">
                  Score
                </th>
              </tr>
            </thead>
            <tbody>
              {series.flatMap((s) =>
                s.points.slice(-48).map((p) => (
                  <tr key={`${s.label}-${p.x}`}>
                    <td>{s.label}</td>
                    <td>{formatWhen(p.x)}</td>
                    <td class="num">{formatScore(p.y)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** One bar per item (e.g. vendors compared), scores 0–100, with the values printed beside it. */
export function BarCompare({
  title,
  items,
  testId,
  canvasId,
}: {
  title: string;
  items: { label: string; score: number | null; band: Band | null }[];
  testId?: string;
  canvasId?: string;
}) {
  const canvas = useChart(
    () => ({
      type: 'bar',
      data: {
        labels: items.map((i) => i.label),
        datasets: [
          {
            label: 'Score',
            data: items.map((i) => i.score),
            backgroundColor: items.map((i) => (i.band === null ? css('--line') : css(BAND_COLOR[i.band]))),
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: 'y',
        scales: { x: { min: 0, max: 100 } },
        plugins: { legend: { display: false } },
      },
    }),
    [JSON.stringify(items)],
  );
  return (
    <figure class="chart" data-testid={testId}>
      <figcaption class="visually-hidden">{title}</figcaption>
      <div class="chart-box" style={{ height: `${Math.max(120, items.length * 34 + 40)}px` }}>
        <canvas
          ref={canvas}
          id={canvasId}
          role="img"
          aria-label={`${title}: ${items.map((i) => `${i.label} ${formatScore(i.score)}`).join(', ')}`}
        />
      </div>
    </figure>
  );
}
