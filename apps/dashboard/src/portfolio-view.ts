import { append, clear, h } from './dom';
import {
  bandLabel,
  DIMENSION_LABELS,
  effectiveBand,
  formatDelta,
  formatKpiValue,
  formatRelative,
  formatScore,
  formatTarget,
  isFiniteNumber,
  KPI_LABELS,
} from './format';
import { colorForScore } from './trend-chart';
import { DIMENSIONS, type Band, type Dimension, type KpiKey, type ScorecardView, type TrendPoint } from './types';

const SPARK_POINTS = 30;

export type BandFilter = 'all' | Band | 'none';

interface CardRefs {
  root: HTMLElement;
  vendor: HTMLElement;
  contract: HTMLElement;
  score: HTMLElement;
  delta: HTMLElement;
  badge: HTMLElement;
  dims: Record<Dimension, { fill: HTMLElement; value: HTMLElement }>;
  weakest: HTMLElement;
  updated: HTMLElement;
  spark: HTMLCanvasElement;
  highlightTimer?: number;
  flash?: Animation;
  flashAt?: number;
  glow: HTMLElement;
}

/** The KPI with the lowest measure: the one pulling the score down the most. */
export function weakestKpi(sc: ScorecardView): { key: KpiKey; measure: number } | null {
  let best: { key: KpiKey; measure: number } | null = null;
  for (const k of sc.explanation?.kpis ?? []) {
    if (!isFiniteNumber(k.measure)) continue;
    if (!best || k.measure < best.measure) best = { key: k.key, measure: k.measure };
  }
  if (best) return best;
  // Fall back to the KPI table when the explanation lists no measures.
  for (const [key, kpi] of Object.entries(sc.kpis ?? {}) as Array<[KpiKey, ScorecardView['kpis'][KpiKey]]>) {
    if (!isFiniteNumber(kpi.measure)) continue;
    if (!best || kpi.measure < best.measure) best = { key, measure: kpi.measure };
  }
  return best;
}

export function bandClass(band: Band | null): string {
  return band ? `band-${band.replace('_', '-')}` : 'band-none';
}

/** Portfolio grid: one card per contract, updated in place. */
export class PortfolioView {
  private readonly cards = new Map<string, CardRefs>();
  private readonly data = new Map<string, ScorecardView>();
  private readonly trends = new Map<string, TrendPoint[]>();
  private filter: BandFilter = 'all';

  constructor(
    private readonly grid: HTMLElement,
    private readonly empty: HTMLElement,
    private readonly onOpen: (contractId: string) => void,
  ) {}

  get scorecards(): ScorecardView[] {
    return [...this.data.values()];
  }

  get(contractId: string): ScorecardView | undefined {
    return this.data.get(contractId);
  }

  /** Replaces the whole grid; cards come worst first (no score last) and keep that order afterwards. */
  setAll(list: ScorecardView[]): void {
    clear(this.grid);
    this.cards.clear();
    this.data.clear();
    const sorted = list.slice().sort((a, b) => {
      const sa = a.score ?? Infinity;
      const sb = b.score ?? Infinity;
      return sa - sb || a.vendorName.localeCompare(b.vendorName) || a.contractName.localeCompare(b.contractName);
    });
    for (const sc of sorted) this.upsert(sc, false);
    this.applyFilter();
  }

  setTrend(contractId: string, points: TrendPoint[]): void {
    this.trends.set(contractId, points);
    const refs = this.cards.get(contractId);
    if (refs) this.drawSpark(refs, this.data.get(contractId)?.score ?? null);
  }

  /** Inserts or updates a card in place. Returns the previous scorecard, if any. */
  upsert(sc: ScorecardView, highlight: boolean): ScorecardView | undefined {
    const previous = this.data.get(sc.contractId);
    this.data.set(sc.contractId, sc);
    let refs = this.cards.get(sc.contractId);
    if (!refs) {
      refs = this.createCard(sc.contractId);
      this.cards.set(sc.contractId, refs);
      this.grid.appendChild(refs.root);
    }
    this.render(refs, sc, previous);
    if (highlight) this.flash(refs);
    this.applyVisibility(refs, sc);
    this.empty.hidden = this.visibleCount() > 0;
    return previous;
  }

  setFilter(filter: BandFilter): void {
    this.filter = filter;
    this.applyFilter();
  }

  /** Re-renders the "updated … ago" labels. */
  tick(): void {
    for (const [id, refs] of this.cards) {
      const sc = this.data.get(id);
      if (sc) refs.updated.textContent = `Updated ${formatRelative(sc.updatedAt ?? sc.at)}`;
    }
  }

  redrawSparklines(): void {
    for (const [id, refs] of this.cards) this.drawSpark(refs, this.data.get(id)?.score ?? null);
  }

  private visibleCount(): number {
    let n = 0;
    for (const refs of this.cards.values()) if (!refs.root.hidden) n++;
    return n;
  }

  private applyFilter(): void {
    for (const [id, refs] of this.cards) {
      const sc = this.data.get(id);
      if (sc) this.applyVisibility(refs, sc);
    }
    this.empty.hidden = this.visibleCount() > 0;
    this.empty.textContent = this.cards.size === 0 ? 'No contracts to show yet.' : 'No contracts in this band right now.';
  }

  private applyVisibility(refs: CardRefs, sc: ScorecardView): void {
    const band = effectiveBand(sc.band, sc.score);
    refs.root.hidden = !(this.filter === 'all' || (this.filter === 'none' ? band === null : band === this.filter));
  }

  private createCard(contractId: string): CardRefs {
    const vendor = h('div', { class: 'card-vendor' });
    const contract = h('div', { class: 'card-contract' });
    const badge = h('span', { class: 'badge', 'data-testid': 'band' });
    const score = h('span', { class: 'card-score', 'data-testid': 'score' });
    const delta = h('span', { class: 'card-delta', 'aria-live': 'polite' });
    const spark = h('canvas', { class: 'card-spark', width: 120, height: 36, 'aria-hidden': 'true' });
    const dims = {} as CardRefs['dims'];
    const dimList = h('ul', { class: 'dim-list' });
    for (const d of DIMENSIONS) {
      const fill = h('span', { class: 'dim-fill' });
      const value = h('span', { class: 'dim-value' });
      dims[d] = { fill, value };
      dimList.appendChild(
        h(
          'li',
          { class: 'dim-row', 'data-dimension': d },
          h('span', { class: 'dim-label', text: DIMENSION_LABELS[d] }),
          h('span', { class: 'dim-track' }, fill),
          value,
        ),
      );
    }
    const weakest = h('div', { class: 'card-weakest' });
    const updated = h('div', { class: 'card-updated' });
    const glow = h('div', { class: 'card-glow', 'aria-hidden': 'true' });
    const root = h(
      'article',
      {
        class: 'scorecard-card',
        'data-contract-id': contractId,
        tabindex: 0,
        role: 'button',
        onclick: () => this.onOpen(contractId),
        onkeydown: (ev: Event) => {
          const key = (ev as KeyboardEvent).key;
          if (key === 'Enter' || key === ' ') {
            ev.preventDefault();
            this.onOpen(contractId);
          }
        },
      },
      h('header', { class: 'card-head' }, h('div', { class: 'card-titles' }, vendor, contract), badge),
      h('div', { class: 'card-score-row' }, h('div', { class: 'card-score-wrap' }, score, delta), spark),
      dimList,
      h('footer', { class: 'card-foot' }, weakest, updated),
      glow,
    );
    return { root, vendor, contract, score, delta, badge, dims, weakest, updated, spark, glow };
  }

  private render(refs: CardRefs, sc: ScorecardView, previous?: ScorecardView): void {
    const band = effectiveBand(sc.band, sc.score);
    refs.root.className = `scorecard-card ${bandClass(band)}`;
    refs.root.dataset.band = band ?? 'none';
    refs.root.setAttribute('aria-label', `${sc.vendorName}, ${sc.contractName}: score ${formatScore(sc.score)}, ${bandLabel(band)}`);
    refs.vendor.textContent = sc.vendorName;
    refs.vendor.title = sc.vendorName;
    refs.contract.textContent = sc.contractName;
    refs.contract.title = sc.contractName;
    refs.score.textContent = formatScore(sc.score);
    refs.badge.textContent = bandLabel(band);
    refs.badge.className = `badge ${bandClass(band)}`;

    if (previous && isFiniteNumber(previous.score) && isFiniteNumber(sc.score)) {
      const d = Math.round((sc.score - previous.score) * 10) / 10;
      refs.delta.textContent = d === 0 ? '' : `${d > 0 ? '▲' : '▼'} ${Math.abs(d).toFixed(1)}`;
      refs.delta.title = `${formatDelta(d)} since the previous update`;
      refs.delta.className = `card-delta ${d > 0 ? 'up' : d < 0 ? 'down' : ''}`;
    } else if (!previous) {
      refs.delta.textContent = '';
    }

    for (const d of DIMENSIONS) {
      const dim = sc.dimensions?.[d];
      const v = dim?.score;
      const { fill, value } = refs.dims[d];
      if (isFiniteNumber(v)) {
        fill.style.transform = `scaleX(${Math.max(0, Math.min(100, v)) / 100})`;
        fill.style.backgroundColor = colorForScore(v);
        value.textContent = Math.round(v).toString();
        value.classList.remove('muted');
      } else {
        fill.style.transform = 'scaleX(0)';
        value.textContent = '—';
        value.classList.add('muted');
      }
      value.parentElement?.setAttribute('title', `${DIMENSION_LABELS[d]}: ${formatScore(v)} (weight ${dim?.weight ?? '—'})`);
    }

    clear(refs.weakest);
    const weak = weakestKpi(sc);
    if (weak) {
      const kpi = sc.kpis?.[weak.key];
      append(refs.weakest, [
        h('span', { class: 'weakest-label', text: 'Weakest' }),
        h('span', { class: 'weakest-name', text: KPI_LABELS[weak.key] ?? weak.key }),
        h('span', { class: 'weakest-value', text: kpi ? formatKpiValue(weak.key, kpi.value) : '' }),
        kpi && isFiniteNumber(kpi.target)
          ? h('span', { class: 'weakest-target', text: `target ${formatTarget(weak.key, kpi.target, kpi.floor)}` })
          : null,
      ]);
    } else {
      refs.weakest.append(h('span', { class: 'muted', text: 'Not enough data for any KPI yet' }));
    }
    refs.updated.textContent = `Updated ${formatRelative(sc.updatedAt ?? sc.at)}`;
    this.drawSpark(refs, sc.score);
  }

  private flash(refs: CardRefs): void {
    refs.root.classList.add('is-updated');
    window.clearTimeout(refs.highlightTimer);
    refs.highlightTimer = window.setTimeout(() => refs.root.classList.remove('is-updated'), 1600);
    // Opacity-only animation of an overlay: composited, no repaint of the card; restarted at
    // most every 400 ms so bursts of updates stay cheap.
    const now = performance.now();
    if (refs.flash && now - (refs.flashAt ?? 0) < 400) return;
    refs.flashAt = now;
    refs.flash?.cancel();
    refs.flash = refs.glow.animate?.([{ opacity: 1 }, { opacity: 0 }], { duration: 1600, easing: 'ease-out' });
  }

  /** A small hand-drawn sparkline of the recent trend (no Chart.js instance per card). */
  private drawSpark(refs: CardRefs, score: number | null): void {
    const canvas = refs.spark;
    const points = (this.trends.get(refs.root.dataset.contractId ?? '') ?? [])
      .slice(-SPARK_POINTS)
      .filter((p): p is { x: number; y: number } => p.y != null);
    const dpr = window.devicePixelRatio || 1;
    const cssW = 120;
    const cssH = 36;
    if (canvas.width !== cssW * dpr) {
      canvas.width = cssW * dpr;
      canvas.height = cssH * dpr;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssW, cssH);
    if (points.length < 2) return;
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    const x0 = Math.min(...xs);
    const x1 = Math.max(...xs);
    const yLo = Math.max(0, Math.min(...ys) - 5);
    const yHi = Math.min(100, Math.max(...ys) + 5);
    const px = (x: number) => 2 + ((x - x0) / Math.max(1, x1 - x0)) * (cssW - 6);
    const py = (y: number) => cssH - 3 - ((y - yLo) / Math.max(1, yHi - yLo)) * (cssH - 6);
    const color = colorForScore(score ?? ys[ys.length - 1]);
    ctx.beginPath();
    points.forEach((p, i) => (i === 0 ? ctx.moveTo(px(p.x), py(p.y)) : ctx.lineTo(px(p.x), py(p.y))));
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.6;
    ctx.lineJoin = 'round';
    ctx.stroke();
    ctx.lineTo(px(x1), cssH);
    ctx.lineTo(px(x0), cssH);
    ctx.closePath();
    ctx.globalAlpha = 0.1;
    ctx.fillStyle = color;
    ctx.fill();
    ctx.globalAlpha = 1;
    const last = points[points.length - 1];
    ctx.beginPath();
    ctx.arc(px(last.x), py(last.y), 2.4, 0, Math.PI * 2);
    ctx.fillStyle = color;
    ctx.fill();
  }
}
