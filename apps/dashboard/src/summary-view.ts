import { byId } from './dom';
import { bandLabel, bandForScore, formatScore, isFiniteNumber } from './format';
import { bandClass } from './portfolio-view';
import type { ScorecardView } from './types';

/** The headline tiles above the grid. */
export class SummaryView {
  private readonly score = byId('summary-score');
  private readonly scoreBand = byId('summary-score-band');
  private readonly scoreNote = byId('summary-score-note');
  private readonly healthy = byId('summary-healthy');
  private readonly atRisk = byId('summary-at-risk');
  private readonly critical = byId('summary-critical');
  private readonly total = byId('summary-total');
  private readonly alerts = byId('summary-alerts');

  render(cards: ScorecardView[], alertCount: number): void {
    const scored = cards.map((c) => c.score).filter(isFiniteNumber);
    const mean = scored.length ? scored.reduce((a, b) => a + b, 0) / scored.length : null;
    const band = bandForScore(mean);
    this.score.textContent = formatScore(mean);
    this.scoreBand.textContent = bandLabel(band);
    this.scoreBand.className = `badge ${bandClass(band)}`;
    this.scoreNote.textContent = scored.length
      ? `Mean of ${scored.length} scored contract${scored.length === 1 ? '' : 's'}`
      : 'No scored contracts yet';
    const count = (b: string) => cards.filter((c) => (c.band ?? bandForScore(c.score)) === b).length;
    this.healthy.textContent = String(count('healthy'));
    this.atRisk.textContent = String(count('at_risk'));
    this.critical.textContent = String(count('critical'));
    this.total.textContent = `of ${cards.length} contract${cards.length === 1 ? '' : 's'}`;
    this.alerts.textContent = String(alertCount);
  }
}
