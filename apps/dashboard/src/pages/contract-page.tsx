import { useEffect } from 'preact/hooks';
import { ApiError } from '../app/api-client';
import * as data from '../app/data';
import { liveCards, liveTick } from '../app/live-store';
import { timeQuery, useQueryState } from '../app/url-state';
import { useLoad } from '../app/use-load';
import { Score } from '../components/band-badge';
import { TrendChart } from '../components/charts';
import { DataTable, type Column } from '../components/data-table';
import { KpiCards } from '../components/kpi-cards';
import { ErrorBanner, Loading, PageHead, ZoneNote } from '../components/page';
import { TimeControls } from '../components/time-controls';
import { WhatIf } from '../components/what-if';
import { explainInWords } from '../lib/explain';
import { DIMENSION_LABELS, formatScore, formatWhen, KPI_LABELS, SERVICE_TYPE_LABELS } from '../lib/format';
import { DIMENSIONS, type EventRef, type KpiKey } from '../lib/types';
import { NotFoundPage } from './not-found-page';

const DAYS = { '7d': 7, '30d': 30, '90d': 90 } as const;
const OUTCOME_LABEL: Record<string, string> = {
  breached: 'SLA breached',
  reopened: 'Reopened',
  late: 'Late',
  rejected: 'Rejected at first review',
  low_csat: 'Low rating',
  detractor: 'NPS detractor',
};

type EvidenceRow = EventRef & { kpi: KpiKey };

export function ContractPage({ id }: { id: string }) {
  const { window, at, set } = useQueryState();
  const sc = useLoad(
    () => Promise.all([data.scorecard(id, window, at), data.scorecard(id, window, data.weekBefore(at))]),
    [id, window, at],
  );
  const hist = useLoad(() => data.history(id, window, DAYS[window]), [id, window]);
  const contract = useLoad(() => data.contracts().then((l) => l.find((c) => c.id === id) ?? null), [id]);

  const tick = liveTick.value;
  useEffect(() => {
    if (at || tick === 0) return;
    const pushed = liveCards.value.get(id);
    if (!pushed) return;
    const t = setTimeout(sc.reload, window === '30d' ? 0 : 1000);
    return () => clearTimeout(t);
  }, [tick]);

  if (sc.error instanceof ApiError && (sc.error.status === 404 || sc.error.status === 400)) return <NotFoundPage what="contract" />;
  const card = sc.data?.[0];
  const before = sc.data?.[1];
  const evidence: EvidenceRow[] = card ? card.explanation.kpis.flatMap((k) => k.evidence.map((e) => ({ ...e, kpi: k.key }))) : [];
  const evidenceColumns: Column<EvidenceRow>[] = [
    { key: 'at', label: 'When', value: (e) => e.at, render: (e) => formatWhen(e.at) },
    { key: 'kind', label: 'Kind', value: (e) => e.kind },
    { key: 'id', label: 'Id', value: (e) => e.id },
    { key: 'outcome', label: 'Outcome', value: (e) => OUTCOME_LABEL[e.outcome] ?? e.outcome },
    { key: 'kpi', label: 'KPI', value: (e) => KPI_LABELS[e.kpi] },
  ];
  const points = (hist.data ?? []).map((p) => ({ x: Date.parse(p.at), y: p.score }));
  const c = contract.data;

  return (
    <section class="contract-page" data-testid="contract-page" data-contract-id={id}>
      <PageHead
        title={card ? card.contractName : 'Contract'}
        sub={
          card && (
            <>
              <a href={`/vendors/${card.vendorId}${timeQuery(window, at)}`}>{card.vendorName}</a>
              {c && <> · {SERVICE_TYPE_LABELS[c.serviceType] ?? c.serviceType}</>} · evaluated {formatWhen(card.at)} · <ZoneNote />
            </>
          )
        }
      >
        <TimeControls window={window} at={at} onChange={(n) => set({ window: n.window === '30d' ? null : n.window, at: n.at })} />
        <button type="button" class="btn btn-small no-print" onClick={() => print()} data-testid="print">
          Print / PDF
        </button>
      </PageHead>
      <ErrorBanner error={sc.error} />
      {!card && !sc.error && <Loading what="the scorecard" />}
      {card && (
        <>
          <div class="contract-top">
            <div class="panel rollup">
              <span class="muted">Health score over {window.replace('d', ' days')}</span>
              <Score score={card.score} band={card.band} />
              <ul class="dims">
                {DIMENSIONS.map((d) => (
                  <li key={d} data-dimension={d}>
                    <span>{DIMENSION_LABELS[d]}</span> <strong>{formatScore(card.dimensions[d]?.score ?? null)}</strong>{' '}
                    <span class="muted">weight {card.dimensions[d]?.weight ?? 0}</span>
                  </li>
                ))}
              </ul>
            </div>
            <section class="panel explanation" aria-labelledby="why-h">
              <h2 id="why-h">Why this score</h2>
              <ul data-testid="explanation">
                {explainInWords(card, before).map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </section>
          </div>
          <section class="panel" aria-labelledby="hist-h">
            <h2 id="hist-h">Score history ({DAYS[window]} days of hourly points)</h2>
            <ErrorBanner error={hist.error} />
            {hist.data &&
              (points.length ? (
                <TrendChart title="Score history" series={[{ label: card.contractName, points }]} testId="history-chart" />
              ) : (
                <p class="empty">No history yet.</p>
              ))}
          </section>
          <section class="panel" aria-labelledby="kpi-h">
            <h2 id="kpi-h">KPIs against target and floor</h2>
            <KpiCards card={card} />
          </section>
          <section class="panel" aria-labelledby="ev-h">
            <h2 id="ev-h">Evidence</h2>
            <DataTable
              caption="Events behind the score"
              rows={evidence}
              columns={evidenceColumns}
              rowKey={(e) => `${e.kpi}:${e.kind}:${e.id}:${e.outcome}`}
              exportName={`evidence-${card.contractName}-${window}`}
              pageSize={10}
              empty="No breaches, late deliverables, reopens or low ratings in this window."
              testId="evidence"
            />
          </section>
          <WhatIf key={`${card.contractId}:${window}`} card={card} />
        </>
      )}
    </section>
  );
}
