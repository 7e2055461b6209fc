import { createCanvas } from '@napi-rs/canvas';
import { Chart, registerables } from 'chart.js';
import { BAND_THRESHOLDS } from '@rapport/contracts';
import type { TrendSeries } from './digest-model';

Chart.register(...registerables);

export const CHART_SIZE = { width: 600, height: 260 } as const;
const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];

/**
 * The trend chart of a digest as a PNG, drawn on the server (Chart.js on a Skia canvas) since
 * mail clients run no scripts. Bands are drawn as threshold lines.
 */
export async function renderTrendChart(series: TrendSeries[]): Promise<Buffer> {
  const canvas = createCanvas(CHART_SIZE.width, CHART_SIZE.height);
  const labels = (series[0]?.points ?? []).map((p) => p.at.slice(5, 10));
  const threshold = (value: number, color: string) => ({
    label: `${value}`,
    data: labels.map(() => value),
    borderColor: color,
    borderDash: [4, 4],
    borderWidth: 1,
    pointRadius: 0,
  });
  const chart = new Chart(canvas as unknown as HTMLCanvasElement, {
    type: 'line',
    data: {
      labels,
      datasets: [
        ...series.map((s, i) => ({
          label: s.label,
          data: s.points.map((p) => p.score),
          borderColor: COLORS[i % COLORS.length],
          backgroundColor: COLORS[i % COLORS.length],
          borderWidth: 2,
          pointRadius: 0,
          spanGaps: true,
        })),
        threshold(BAND_THRESHOLDS.healthy, '#86efac'),
        threshold(BAND_THRESHOLDS.at_risk, '#fca5a5'),
      ],
    },
    options: {
      animation: false,
      responsive: false,
      devicePixelRatio: 1,
      scales: { y: { min: 0, max: 100 } },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 10, filter: (item) => !/^\d+$/.test(item.text) } } },
    },
    plugins: [
      {
        id: 'white-background',
        beforeDraw: (c) => {
          c.ctx.save();
          c.ctx.fillStyle = '#ffffff';
          c.ctx.fillRect(0, 0, c.width, c.height);
          c.ctx.restore();
        },
      },
    ],
  });
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}
