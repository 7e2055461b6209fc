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
import { DIMENSION_LABELS, formatScore, formatWhen, SERVICE_TYPE_LABELS } from '../lib/format';
import { lateness } from '../lib/evidence';
import { DIMENSIONS, KPI_LABELS, LIVE_WINDOW, WINDOWS, type EvidenceRow, type KpiKey } from '../lib/types';
import { NotFoundPage } from './not-found-page';

const OUTCOME_LABEL: Record<string, string> = {
  breached: 'SLA breached',
  reopened: 'Reopened',
  late: 'Late',
  rejected: 'Rejected at first review',
  low_csat: 'Low rating',
  detractor: 'NPS detractor',
};

export function ContractPage({ id }: { id: string }) {
  const { window, at, set } = useQueryState();
  const sc = useLoad(
    () => Promise.all([data.scorecard(id, window, at), data.scorecard(id, window, data.weekBefore(at))]),
    [id, window, at],
  );
  const hist = useLoad(() => data.dimensionHistory(id, window, WINDOWS[window]), [id, window]);
  const ev = useLoad(() => data.evidence(id, window, at), [id, window, at, sc.data]);
  const contract = useLoad(() => data.contracts().then((l) => l.find((c) => c.id === id) ?? null), [id]);

  const tick = liveTick.value;
  useEffect(() => {
    if (at || tick === 0) return;
    const pushed = liveCards.value.get(id);
    if (!pushed) return;
    const t = setTimeout(sc.reload, window === LIVE_WINDOW ? 0 : 1000);
    return () => clearTimeout(t);
  }, [tick]);

  if (sc.error instanceof ApiError && (sc.error.status === 404 || sc.error.status === 400)) return <NotFoundPage what="contract" />;
  const card = sc.data?.[0];
  const before = sc.data?.[1];
  const c = contract.data;
  const evidence = ev.data ?? [];
  const evidenceColumns: Column<EvidenceRow>[] = [
    { key: 'at', label: 'When', value: (e) => e.at, render: (e) => formatWhen(e.at) },
    { key: 'id', label: 'Item', value: (e) => `${e.kind} ${e.id}` },
    { key: 'title', label: 'Title', value: (e) => e.title },
    { key: 'priority', label: 'Priority', value: (e) => e.priority },
    { key: 'outcome', label: 'Outcome', value: (e) => OUTCOME_LABEL[e.outcome] ?? e.outcome },
    { key: 'kpi', label: 'KPI', value: (e) => KPI_LABELS[e.kpi as KpiKey] ?? e.kpi },
    { key: 'late', label: 'Lateness / detail', value: (e) => lateness(e, c?.sla ?? null, Boolean(c?.calendar)) },
  ];
  // Hourly points, then the scorecard on screen as the newest point (unless an hourly point is newer).
  const hourly = hist.data ?? [];
  const points =
    card && !at && (!hourly.length || Date.parse(hourly[hourly.length - 1].at) < Date.parse(card.at))
      ? [
          ...hourly,
          { at: card.at, score: card.score, dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, card.dimensions[d]?.score ?? null])) },
        ]
      : hourly;
  const series = [
    { label: 'Score', points: points.map((p) => ({ x: Date.parse(p.at), y: p.score })) },
    ...DIMENSIONS.map((d) => ({
      label: DIMENSION_LABELS[d],
      points: points.map((p) => ({ x: Date.parse(p.at), y: p.dimensions[d] ?? null })),
    })),
  ].filter((s) => s.points.some((p) => p.y !== null));

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
        <TimeControls window={window} at={at} onChange={(n) => set({ window: n.window === LIVE_WINDOW ? null : n.window, at: n.at })} />
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
            <h2 id="hist-h">Score and dimensions over {WINDOWS[window]} days (hourly points)</h2>
            <ErrorBanner error={hist.error} />
            {hist.data &&
              (series.length ? (
                <TrendChart title="Score and dimension history" series={series} testId="history-chart" />
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
            <ErrorBanner error={ev.error} />
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
