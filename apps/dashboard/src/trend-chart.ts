import {
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
  type Plugin,
  type Scale,
  type TooltipItem,
} from 'chart.js';
import { AT_RISK_MIN, formatAxisTime, formatDateTime, HEALTHY_MIN } from './format';
import type { TrendPoint } from './types';

// Only what the line charts use: keeps the bundle small and needs no date adapter
// (time is a linear axis of epoch milliseconds with formatted tick labels).
Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Legend, Filler);

Chart.defaults.font.family = 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif';
Chart.defaults.font.size = 11;
Chart.defaults.color = '#64748b';

const defaultLegendLabels = Chart.defaults.plugins.legend.labels.generateLabels;

export const BAND_COLORS = {
  healthy: '#15803d',
  at_risk: '#b45309',
  critical: '#b91c1c',
  none: '#94a3b8',
} as const;

export function colorForScore(score: number | null | undefined): string {
  if (score == null) return BAND_COLORS.none;
  if (score >= HEALTHY_MIN) return BAND_COLORS.healthy;
  if (score >= AT_RISK_MIN) return BAND_COLORS.at_risk;
  return BAND_COLORS.critical;
}

/** Tinted band zones behind the lines and dashed threshold lines at 50 and 75 (optionally labelled). */
function bandThresholds(withLabels: boolean): Plugin<'line'> {
  return {
    id: 'bandThresholds',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const y = scales.y;
      if (!chartArea || !y) return;
      const { left, right, top, bottom } = chartArea;
      const clampY = (v: number) => Math.min(bottom, Math.max(top, y.getPixelForValue(v)));
      const zones: Array<[number, number, string]> = [
        [HEALTHY_MIN, 100, 'rgba(21, 128, 61, 0.05)'],
        [AT_RISK_MIN, HEALTHY_MIN, 'rgba(180, 83, 9, 0.05)'],
        [0, AT_RISK_MIN, 'rgba(185, 28, 28, 0.05)'],
      ];
      ctx.save();
      for (const [lo, hi, color] of zones) {
        const y1 = clampY(hi);
        const y2 = clampY(lo);
        if (y2 > y1) {
          ctx.fillStyle = color;
          ctx.fillRect(left, y1, right - left, y2 - y1);
        }
      }
      ctx.setLineDash([5, 4]);
      ctx.lineWidth = 1;
      ctx.font = `600 10px ${Chart.defaults.font.family}`;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'bottom';
      for (const [value, color, label] of [
        [HEALTHY_MIN, BAND_COLORS.healthy, 'Healthy ≥ 75'],
        [AT_RISK_MIN, BAND_COLORS.critical, 'Critical < 50'],
      ] as const) {
        const py = y.getPixelForValue(value);
        if (py < top || py > bottom) continue;
        ctx.strokeStyle = color;
        ctx.globalAlpha = 0.55;
        ctx.beginPath();
        ctx.moveTo(left, py);
        ctx.lineTo(right, py);
        ctx.stroke();
        if (!withLabels) continue;
        ctx.globalAlpha = 0.85;
        ctx.fillStyle = color;
        ctx.fillText(label, right - 4, value === AT_RISK_MIN ? py + 13 : py - 2);
      }
      ctx.restore();
    },
  };
}

function timeTicks(this: Scale, value: number | string): string {
  return formatAxisTime(Number(value), this.max - this.min);
}

/** Fits the x axis to the data; pads a lone point so its label stays readable. */
function fitX(chart: Chart<'line', TrendPoint[]>): void {
  let min = Infinity;
  let max = -Infinity;
  for (const ds of chart.data.datasets) {
    if (ds.hidden) continue;
    for (const p of ds.data) {
      if (p.x < min) min = p.x;
      if (p.x > max) max = p.x;
    }
  }
  const x = chart.options.scales?.x;
  if (!x) return;
  if (!Number.isFinite(min)) {
    const now = Date.now();
    min = now - 3_600_000;
    max = now;
  } else if (max - min < 60_000) {
    min -= 30 * 60_000;
    max += 30 * 60_000;
  }
  x.min = min;
  x.max = max;
}

/** Coalesces redraws to one per animation frame, so bursts of live updates stay cheap. */
class RedrawScheduler {
  private pending = false;
  private dead = false;

  constructor(private readonly chart: Chart<'line', TrendPoint[]>) {}

  request(): void {
    if (this.pending || this.dead) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      if (this.dead) return;
      fitX(this.chart);
      this.chart.update('none');
    });
  }

  stop(): void {
    this.dead = true;
  }
}

function baseOptions(onPick?: (datasetIndex: number) => void) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: { duration: 300 },
    parsing: false as const,
    normalized: true,
    interaction: { mode: 'nearest' as const, intersect: false, axis: 'x' as const },
    layout: { padding: { top: 4, right: 8 } },
    scales: {
      x: {
        type: 'linear' as const,
        grid: { display: false },
        border: { color: '#e2e8f0' },
        ticks: { maxTicksLimit: 7, maxRotation: 0, callback: timeTicks },
      },
      y: {
        type: 'linear' as const,
        min: 0,
        max: 100,
        grid: { color: '#f1f5f9' },
        border: { display: false },
        ticks: { stepSize: 25 },
      },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        backgroundColor: '#0f172a',
        padding: 10,
        cornerRadius: 6,
        titleFont: { weight: 600 as const },
        callbacks: {
          title: (items: TooltipItem<'line'>[]) => (items[0] ? formatDateTime((items[0].raw as TrendPoint).x) : ''),
          label: (item: TooltipItem<'line'>) => {
            const y = (item.raw as TrendPoint).y;
            const score = y == null ? '—' : y.toFixed(1);
            return item.chart.data.datasets.length > 1 ? ` ${item.dataset.label}: ${score}` : ` Score ${score}`;
          },
        },
      },
    },
    onClick: onPick
      ? (_: unknown, elements: Array<{ datasetIndex: number }>) => {
          if (elements[0]) onPick(elements[0].datasetIndex);
        }
      : undefined,
  };
}

/** Score history of one contract, points colored by band. */
export class ScoreTrendChart {
  readonly chart: Chart<'line', TrendPoint[]>;
  private readonly redraw: RedrawScheduler;

  constructor(canvas: HTMLCanvasElement, points: TrendPoint[]) {
    this.chart = new Chart<'line', TrendPoint[]>(canvas, {
      type: 'line',
      data: {
        datasets: [
          {
            label: 'Score',
            data: points.slice(),
            borderColor: '#4338ca',
            fill: false,
            borderWidth: 2,
            tension: 0.25,
            spanGaps: false,
            pointRadius: (ctx) => (ctx.dataset.data.length > 40 ? 0 : 2.5),
            pointHoverRadius: 5,
            pointBackgroundColor: (ctx) => colorForScore((ctx.raw as TrendPoint | undefined)?.y),
            pointBorderColor: '#fff',
            pointBorderWidth: 1,
          },
        ],
      },
      options: baseOptions(),
      plugins: [bandThresholds(true)],
    });
    this.redraw = new RedrawScheduler(this.chart);
    fitX(this.chart);
    this.chart.update();
  }

  append(point: TrendPoint): void {
    addPoint(this.chart.data.datasets[0].data, point, Infinity);
    this.redraw.request();
  }

  destroy(): void {
    this.redraw.stop();
    this.chart.destroy();
  }
}

const PALETTE = [
  '#4338ca',
  '#0891b2',
  '#db2777',
  '#ea580c',
  '#16a34a',
  '#7c3aed',
  '#ca8a04',
  '#0f766e',
  '#dc2626',
  '#2563eb',
  '#9333ea',
  '#65a30d',
];

export interface PortfolioSeries {
  contractId: string;
  /** Tooltip label (vendor · contract). */
  label: string;
  /** Legend label (contract name). */
  short: string;
  points: TrendPoint[];
}

/** Inserts a point in time order (replacing one at the same instant); keeps at most `limit`. */
export function addPoint(data: TrendPoint[], point: TrendPoint, limit: number): void {
  const last = data[data.length - 1];
  if (!last || point.x > last.x) {
    data.push(point);
  } else {
    const same = data.findIndex((p) => p.x === point.x);
    if (same >= 0) data[same] = point;
    else {
      const at = data.findIndex((p) => p.x > point.x);
      data.splice(at < 0 ? data.length : at, 0, point);
    }
  }
  while (data.length > limit) data.shift();
}

/** One line per contract with its most recent `limit` scores. */
export class PortfolioChart {
  readonly chart: Chart<'line', TrendPoint[]>;
  private readonly redraw: RedrawScheduler;
  private readonly ids: string[] = [];
  private readonly short: string[] = [];

  constructor(
    canvas: HTMLCanvasElement,
    private readonly limit: number,
    onPick: (contractId: string) => void,
  ) {
    this.chart = new Chart<'line', TrendPoint[]>(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: this.options(onPick),
      plugins: [bandThresholds(false)],
    });
    this.redraw = new RedrawScheduler(this.chart);
  }

  setSeries(series: PortfolioSeries[]): void {
    this.ids.length = 0;
    this.short.length = 0;
    this.chart.data.datasets = series.map((s, i) => {
      this.ids.push(s.contractId);
      this.short.push(s.short);
      return this.dataset(s, i);
    });
    this.refreshLegend();
    fitX(this.chart);
    this.chart.update();
  }

  append(contractId: string, label: string, short: string, point: TrendPoint): void {
    let i = this.ids.indexOf(contractId);
    if (i < 0) {
      i = this.ids.push(contractId) - 1;
      this.short[i] = short;
      this.chart.data.datasets.push(this.dataset({ contractId, label, short, points: [] }, i));
      this.refreshLegend();
    }
    const ds = this.chart.data.datasets[i];
    ds.label = label;
    addPoint(ds.data, point, this.limit);
    this.redraw.request();
  }

  destroy(): void {
    this.redraw.stop();
    this.chart.destroy();
  }

  private dataset(s: PortfolioSeries, i: number): ChartDataset<'line', TrendPoint[]> {
    const color = PALETTE[i % PALETTE.length];
    return {
      label: s.label,
      data: s.points.slice(-this.limit),
      borderColor: color,
      backgroundColor: color,
      borderWidth: 2,
      borderDash: i >= PALETTE.length ? [6, 3] : undefined,
      tension: 0.3,
      spanGaps: false,
      pointRadius: 0,
      pointHoverRadius: 4,
      pointHitRadius: 6,
    };
  }

  private options(onPick: (contractId: string) => void) {
    const base = baseOptions((i) => {
      const id = this.ids[i];
      if (id) onPick(id);
    });
    return {
      ...base,
      plugins: {
        ...base.plugins,
        legend: {
          display: false,
          position: 'bottom' as const,
          labels: {
            usePointStyle: true,
            pointStyle: 'line' as const,
            boxWidth: 18,
            padding: 12,
            // Legend shows contract names; the tooltip keeps "vendor · contract".
            generateLabels: (chart: Chart) =>
              defaultLegendLabels(chart).map((item) => ({ ...item, text: this.short[item.datasetIndex ?? -1] ?? item.text })),
          },
        },
      },
    };
  }

  private refreshLegend(): void {
    const legend = this.chart.options.plugins?.legend;
    if (legend) legend.display = this.chart.data.datasets.length <= 12;
  }
}
