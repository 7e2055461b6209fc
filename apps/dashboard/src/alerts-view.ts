import { h, icon } from './dom';
import { formatDateTime, formatRelative } from './format';
import type { AlertView } from './types';

const MAX_ALERTS = 100;
const KIND_LABEL: Record<AlertView['kind'], string> = {
  band_change: 'Band change',
  sla_breach: 'SLA breach',
  sharp_drop: 'Sharp drop',
};

/** Live alert feed, newest on top. */
export class AlertsView {
  private readonly seen = new Set<string>();
  private readonly times = new Map<HTMLElement, string>();

  constructor(
    private readonly list: HTMLElement,
    private readonly empty: HTMLElement,
    private readonly counter: HTMLElement,
    private readonly describe: (alert: AlertView) => string,
    private readonly onOpen: (contractId: string) => void,
  ) {}

  get count(): number {
    return this.seen.size;
  }

  reset(alerts: AlertView[] = []): void {
    this.list.replaceChildren();
    this.seen.clear();
    this.times.clear();
    for (const a of alerts.slice(0, MAX_ALERTS).reverse()) this.prepend(a, false);
    this.refreshCount();
  }

  prepend(alert: AlertView, fresh = true): void {
    if (this.seen.has(alert.id)) return;
    this.seen.add(alert.id);
    const time = h('time', {
      class: 'alert-time',
      datetime: alert.raisedAt,
      title: formatDateTime(alert.raisedAt),
      text: formatRelative(alert.raisedAt),
    });
    const item = h(
      'li',
      {
        class: `alert-item sev-${alert.severity}${fresh ? ' is-new' : ''}`,
        'data-alert-id': alert.id,
        'data-contract-id': alert.contractId,
        'data-severity': alert.severity,
      },
      h('span', { class: 'alert-icon' }, icon(alert.severity === 'info' ? 'info' : 'alert', 16)),
      h(
        'button',
        { type: 'button', class: 'alert-body', onclick: () => this.onOpen(alert.contractId) },
        h('span', { class: 'alert-top' }, h('span', { class: 'alert-kind', text: KIND_LABEL[alert.kind] ?? alert.kind }), time),
        h('span', { class: 'alert-message', text: alert.message }),
        h('span', { class: 'alert-contract', text: this.describe(alert) }),
      ),
    );
    this.times.set(time, alert.raisedAt);
    this.list.prepend(item);
    while (this.list.children.length > MAX_ALERTS) {
      const last = this.list.lastElementChild as HTMLElement;
      this.seen.delete(last.dataset.alertId ?? '');
      last.querySelectorAll('time').forEach((t) => this.times.delete(t));
      last.remove();
    }
    this.refreshCount();
  }

  tick(): void {
    for (const [el, at] of this.times) el.textContent = formatRelative(at);
  }

  private refreshCount(): void {
    const n = this.list.children.length;
    this.empty.hidden = n > 0;
    this.counter.textContent = String(n);
    this.counter.hidden = n === 0;
  }
}
