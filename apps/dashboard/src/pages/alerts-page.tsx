import { useMemo, useState } from 'preact/hooks';
import { request } from '../app/api-client';
import * as data from '../app/data';
import { liveAlerts } from '../app/live-store';
import { currentUser } from '../app/session';
import { useLoad } from '../app/use-load';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBanner, Loading, PageHead, ZoneNote } from '../components/page';
import { formatWhen } from '../lib/format';
import { LIVE_WINDOW } from '../lib/types';
import type { AlertRecord } from '../app/data';

const KIND_LABEL: Record<string, string> = { band_change: 'Band change', sla_breach: 'SLA breach', sharp_drop: 'Sharp drop' };

/** Alert history with filters; managers and admins acknowledge (who and when go to the audit log). */
export function AlertsPage() {
  const history = useLoad(() => Promise.all([data.alertHistory(), data.scorecards(LIVE_WINDOW, null)]), []);
  const [severity, setSeverity] = useState('');
  const [kind, setKind] = useState('');
  const [state, setState] = useState<'open' | 'acknowledged' | ''>('');
  const [error, setError] = useState<unknown>(null);
  const [acked, setAcked] = useState<Record<string, AlertRecord>>({});
  const canAck = currentUser.value?.claims.role !== 'vendor';

  const names = useMemo(
    () => new Map((history.data?.[1] ?? []).map((c) => [c.contractId, `${c.vendorName} · ${c.contractName}`])),
    [history.data],
  );
  const rows = useMemo(() => {
    const seen = new Set<string>();
    const merged: AlertRecord[] = [];
    for (const a of [
      ...liveAlerts.value.map((a) => ({ ...a, acknowledgedAt: null, acknowledgedBy: null })),
      ...(history.data?.[0] ?? []),
    ]) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      merged.push(acked[a.id] ?? a);
    }
    return merged.filter(
      (a) => (!severity || a.severity === severity) && (!kind || a.kind === kind) && (!state || (state === 'open') === !a.acknowledgedAt),
    );
  }, [history.data, liveAlerts.value, severity, kind, state, acked]);

  const acknowledge = async (a: AlertRecord) => {
    setError(null);
    try {
      const done = await request<AlertRecord>('POST', `/alerts/${a.id}/acknowledge`, {});
      setAcked({ ...acked, [a.id]: done });
    } catch (err) {
      setError(err);
    }
  };

  const columns: Column<AlertRecord>[] = [
    { key: 'raisedAt', label: 'Raised', value: (a) => a.raisedAt, render: (a) => formatWhen(a.raisedAt) },
    {
      key: 'severity',
      label: 'Severity',
      value: (a) => a.severity,
      render: (a) => <span class={`sev sev-${a.severity}`}>{a.severity}</span>,
    },
    { key: 'kind', label: 'Kind', value: (a) => KIND_LABEL[a.kind] ?? a.kind },
    {
      key: 'contract',
      label: 'Contract',
      value: (a) => names.get(a.contractId) ?? a.contractId,
      render: (a) => <a href={`/contracts/${a.contractId}`}>{names.get(a.contractId) ?? 'Contract'}</a>,
    },
    { key: 'message', label: 'What happened', value: (a) => a.message },
    {
      key: 'ack',
      label: 'Acknowledged',
      value: (a) => (a.acknowledgedAt ? `${a.acknowledgedBy ?? ''} ${a.acknowledgedAt}` : null),
      render: (a) =>
        a.acknowledgedAt ? (
          <span data-testid="acked">
            {a.acknowledgedBy ?? 'someone'}, {formatWhen(a.acknowledgedAt)}
          </span>
        ) : canAck ? (
          <button type="button" class="btn btn-small" onClick={() => void acknowledge(a)} data-testid="ack">
            Acknowledge
          </button>
        ) : (
          'open'
        ),
    },
  ];

  return (
    <section data-testid="alerts-page">
      <PageHead
        title="Alerts"
        sub={
          <>
            Band changes, SLA breaches and sharp drops, newest first · <ZoneNote />
          </>
        }
      />
      <ErrorBanner error={history.error ?? error} />
      <div class="filters">
        <label>
          <span>Severity</span>
          <select value={severity} onChange={(e) => setSeverity((e.target as HTMLSelectElement).value)} data-testid="filter-severity">
            <option value="">All</option>
            <option value="critical">Critical</option>
            <option value="warning">Warning</option>
            <option value="info">Info</option>
          </select>
        </label>
        <label>
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
            <option value="">All</option>
            {Object.entries(KIND_LABEL).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>State</span>
          <select
            value={state}
            onChange={(e) => setState((e.target as HTMLSelectElement).value as typeof state)}
            data-testid="filter-state"
          >
            <option value="">All</option>
            <option value="open">Open</option>
            <option value="acknowledged">Acknowledged</option>
          </select>
        </label>
      </div>
      {!history.data && !history.error && <Loading what="alerts" />}
      {history.data && (
        <DataTable
          caption="Alerts"
          rows={rows}
          columns={columns}
          rowKey={(a) => a.id}
          exportName="alerts"
          pageSize={25}
          testId="alerts-table"
          empty="No alerts match."
        />
      )}
    </section>
  );
}
