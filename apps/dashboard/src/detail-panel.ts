import { clear, h, icon } from './dom';
import {
  bandLabel,
  DIMENSION_LABELS,
  effectiveBand,
  formatDateTime,
  formatKpiValue,
  formatScore,
  formatTarget,
  isFiniteNumber,
  KPI_LABELS,
} from './format';
import { bandClass } from './portfolio-view';
import { colorForScore, ScoreTrendChart } from './trend-chart';
import { DIMENSIONS, KPI_KEYS, type EventRef, type KpiExplanation, type KpiKey, type ScorecardView, type TrendPoint } from './types';

const EVIDENCE_PER_KPI = 12;
const KIND_ICON: Record<EventRef['kind'], string> = { ticket: 'ticket', deliverable: 'box', feedback: 'chat' };

/** Slide-over panel with one contract's KPIs, explanation, evidence and score history. */
export class DetailPanel {
  private chart: ScoreTrendChart | null = null;
  private current: string | null = null;
  private readonly title: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly score: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly meta: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly chartNote: HTMLElement;
  private readonly body: HTMLElement;
  private lastFocus: Element | null = null;

  constructor(
    private readonly panel: HTMLElement,
    private readonly overlay: HTMLElement,
  ) {
    this.title = h('h2', { class: 'detail-title', id: 'detail-title' });
    this.subtitle = h('div', { class: 'detail-vendor' });
    this.score = h('span', { class: 'detail-score', 'data-testid': 'detail-score' });
    this.badge = h('span', { class: 'badge' });
    this.meta = h('div', { class: 'detail-meta' });
    this.canvas = h('canvas', { id: 'detail-chart', 'aria-label': 'Score history chart', role: 'img' });
    this.chartNote = h('p', { class: 'chart-note muted' });
    this.body = h('div', { class: 'detail-body' });
    const closeBtn = h(
      'button',
      { type: 'button', class: 'icon-button', id: 'detail-close', 'aria-label': 'Close details', onclick: () => this.close() },
      icon('close', 18),
    );
    panel.append(
      h(
        'header',
        { class: 'detail-head' },
        h('div', { class: 'detail-heading' }, this.subtitle, this.title, this.meta),
        h('div', { class: 'detail-scorebox' }, this.score, this.badge),
        closeBtn,
      ),
      h(
        'div',
        { class: 'detail-scroll' },
        h(
          'section',
          { class: 'detail-section' },
          h('h3', { text: 'Score history' }),
          h('div', { class: 'chart-box chart-box-detail' }, this.canvas),
          this.chartNote,
        ),
        this.body,
      ),
    );
    overlay.addEventListener('click', () => this.close());
    document.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && this.isOpen) this.close();
    });
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  get contractId(): string | null {
    return this.isOpen ? this.current : null;
  }

  open(sc: ScorecardView, history: TrendPoint[] | null): void {
    this.lastFocus = document.activeElement;
    this.current = sc.contractId;
    this.panel.dataset.contractId = sc.contractId;
    this.panel.hidden = false;
    this.overlay.hidden = false;
    document.body.classList.add('has-drawer');
    this.render(sc);
    this.setHistory(history);
    this.panel.querySelector<HTMLElement>('.detail-scroll')?.scrollTo({ top: 0 });
    (this.panel.querySelector('#detail-close') as HTMLElement | null)?.focus({ preventScroll: true });
  }

  /** History arrives after the panel opened (null = still loading). */
  setHistory(history: TrendPoint[] | null): void {
    this.chart?.destroy();
    this.chart = null;
    if (history === null) {
      this.chartNote.textContent = 'Loading history…';
      return;
    }
    this.chart = new ScoreTrendChart(this.canvas, history);
    this.chartNote.textContent = history.length
      ? `${history.length} points · dashed lines mark the band thresholds (50 and 75)`
      : 'No history recorded yet; new scores appear here live.';
  }

  showHistoryError(message: string): void {
    this.chartNote.textContent = `History unavailable: ${message}`;
  }

  /** A live update for the open contract: refresh the numbers and append to the chart. */
  update(sc: ScorecardView, point: TrendPoint): void {
    if (sc.contractId !== this.contractId) return;
    this.render(sc);
    this.chart?.append(point);
  }

  close(): void {
    if (!this.isOpen) return;
    this.panel.hidden = true;
    this.overlay.hidden = true;
    document.body.classList.remove('has-drawer');
    this.chart?.destroy();
    this.chart = null;
    this.current = null;
    delete this.panel.dataset.contractId;
    if (this.lastFocus instanceof HTMLElement) this.lastFocus.focus({ preventScroll: true });
  }

  private render(sc: ScorecardView): void {
    const band = effectiveBand(sc.band, sc.score);
    this.subtitle.textContent = sc.vendorName;
    this.title.textContent = sc.contractName;
    this.score.textContent = formatScore(sc.score);
    this.score.style.color = colorForScore(sc.score);
    this.badge.textContent = bandLabel(band);
    this.badge.className = `badge badge-lg ${bandClass(band)}`;
    this.meta.textContent = `Window ${sc.window} · as of ${formatDateTime(sc.at)}`;

    const scroll = this.panel.querySelector('.detail-scroll');
    const keep = scroll?.scrollTop ?? 0;
    clear(this.body);
    this.body.append(this.summarySection(sc), this.dimensionSection(sc), this.kpiSection(sc), this.evidenceSection(sc));
    if (scroll) scroll.scrollTop = keep;
  }

  private summarySection(sc: ScorecardView): HTMLElement {
    return h(
      'section',
      { class: 'detail-section' },
      h('h3', { text: 'Why this score' }),
      h('p', { class: 'summary-text', 'data-testid': 'explanation-summary', text: sc.explanation?.summary || 'No explanation available.' }),
    );
  }

  private dimensionSection(sc: ScorecardView): HTMLElement {
    const grid = h('div', { class: 'dim-tiles' });
    for (const d of DIMENSIONS) {
      const dim = sc.dimensions?.[d];
      const v = dim?.score ?? null;
      const fill = h('span', { class: 'dim-fill' });
      if (isFiniteNumber(v)) {
        fill.style.transform = `scaleX(${Math.max(0, Math.min(100, v)) / 100})`;
        fill.style.backgroundColor = colorForScore(v);
      }
      grid.append(
        h(
          'div',
          { class: 'dim-tile', 'data-dimension': d },
          h('div', { class: 'dim-tile-head', text: DIMENSION_LABELS[d] }),
          h(
            'div',
            { class: 'dim-tile-row' },
            h('span', { class: 'dim-tile-value', text: formatScore(v) }),
            h('span', { class: 'dim-tile-weight', text: `weight ${dim?.weight ?? '—'}` }),
          ),
          h('span', { class: 'dim-track' }, fill),
        ),
      );
    }
    return h('section', { class: 'detail-section' }, h('h3', { text: 'Dimensions' }), grid);
  }

  private kpiSection(sc: ScorecardView): HTMLElement {
    const explained = new Map<KpiKey, KpiExplanation>((sc.explanation?.kpis ?? []).map((k) => [k.key, k]));
    const rows = KPI_KEYS.filter((k) => sc.kpis?.[k]).map((key) => {
      const kpi = sc.kpis[key];
      const ex = explained.get(key);
      const hasValue = isFiniteNumber(kpi.value);
      const measure = kpi.measure;
      let meter: HTMLElement | null = null;
      if (isFiniteNumber(measure)) {
        const fill = h('span', { class: 'dim-fill' });
        fill.style.transform = `scaleX(${Math.max(0, Math.min(100, measure)) / 100})`;
        fill.style.backgroundColor = colorForScore(measure);
        meter = h('span', { class: 'dim-track kpi-meter' }, fill);
      }
      return h(
        'tr',
        { 'data-kpi': key, class: hasValue ? '' : 'is-empty' },
        h(
          'th',
          { scope: 'row' },
          h('div', { text: KPI_LABELS[key] }),
          ex?.dimension ? h('div', { class: 'kpi-dim', text: DIMENSION_LABELS[ex.dimension] }) : null,
        ),
        h('td', { class: hasValue ? 'num kpi-value' : 'kpi-value insufficient', text: formatKpiValue(key, kpi.value) }),
        h('td', { class: 'num', text: formatTarget(key, kpi.target, kpi.floor) }),
        h(
          'td',
          null,
          h(
            'div',
            { class: 'kpi-measure' },
            isFiniteNumber(measure)
              ? h('span', { class: 'num', text: measure.toFixed(0) })
              : h('span', { class: 'muted', text: kpi.target == null ? 'not scored' : '—' }),
            meter,
          ),
        ),
        h('td', { class: 'num', text: String(kpi.samples ?? 0) }),
        h('td', { class: 'num', text: isFiniteNumber(ex?.contribution) ? `${ex!.contribution!.toFixed(1)}` : '—' }),
      );
    });
    return h(
      'section',
      { class: 'detail-section' },
      h('h3', { text: 'KPIs' }),
      h(
        'table',
        { class: 'kpi-table', id: 'kpi-table' },
        h(
          'thead',
          null,
          h('tr', null, ...['KPI', 'Value', 'Target', 'Measure', 'Samples', 'Points'].map((t) => h('th', { scope: 'col', text: t }))),
        ),
        h('tbody', null, ...rows),
      ),
      h('p', {
        class: 'table-note muted',
        text: 'Measure: 0–100 between floor and target. Points: what the KPI adds to the score. Fewer than 3 samples = insufficient data.',
      }),
    );
  }

  private evidenceSection(sc: ScorecardView): HTMLElement {
    const groups = (sc.explanation?.kpis ?? []).filter((k) => (k.evidence?.length ?? 0) > 0);
    const section = h('section', { class: 'detail-section' }, h('h3', { text: 'Evidence' }));
    if (!groups.length) {
      section.append(h('p', { class: 'muted', text: 'No breaches, late or rejected deliverables or low ratings in this window.' }));
      return section;
    }
    const list = h('div', { class: 'evidence', id: 'evidence-list' });
    for (const g of groups) {
      const items = g.evidence.slice().sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
      const ul = h('ul', { class: 'evidence-items' });
      for (const ev of items.slice(0, EVIDENCE_PER_KPI)) {
        ul.append(
          h(
            'li',
            { class: 'evidence-item', 'data-kind': ev.kind },
            h('span', { class: `evidence-kind kind-${ev.kind}`, title: ev.kind }, icon(KIND_ICON[ev.kind] ?? 'info', 14)),
            h('span', { class: 'evidence-id', text: ev.id }),
            h('span', { class: `outcome outcome-${outcomeTone(ev.outcome)}`, text: ev.outcome.replace(/_/g, ' ') }),
            h('time', { class: 'evidence-at', datetime: ev.at, text: formatDateTime(ev.at) }),
          ),
        );
      }
      if (items.length > EVIDENCE_PER_KPI) {
        ul.append(h('li', { class: 'evidence-more muted', text: `+ ${items.length - EVIDENCE_PER_KPI} more` }));
      }
      list.append(
        h(
          'div',
          { class: 'evidence-group', 'data-kpi': g.key },
          h(
            'div',
            { class: 'evidence-head' },
            h('span', { text: KPI_LABELS[g.key] ?? g.key }),
            h('span', { class: 'count', text: String(g.evidence.length) }),
          ),
          ul,
        ),
      );
    }
    section.append(list);
    return section;
  }
}

function outcomeTone(outcome: string): 'bad' | 'warn' | 'neutral' {
  if (/breach|late|reject|reopen|detractor|low/i.test(outcome)) return 'bad';
  if (/passive|pending|open/i.test(outcome)) return 'warn';
  return 'neutral';
}
