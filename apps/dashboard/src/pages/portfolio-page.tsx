import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { rollUp } from '../lib/what-if';
import * as data from '../app/data';
import { liveCards, liveTick } from '../app/live-store';
import { timeQuery, useQueryState } from '../app/url-state';
import { useLoad } from '../app/use-load';
import { Delta, Score } from '../components/band-badge';
import { BarCompare } from '../components/charts';
import { ErrorBanner, Loading, PageHead, ZoneNote } from '../components/page';
import { TimeControls } from '../components/time-controls';
import { download, toCsv } from '../lib/csv';
import { formatWhen, SERVICE_TYPE_LABELS } from '../lib/format';
import { buildRows, compareRows, keepOrder, matches, orderDiffers, vendorsOf, type BandFilter, type SortKey } from '../lib/portfolio-model';
import { LIVE_WINDOW, type ScorecardView } from '../lib/types';

const LAST_VISIT_KEY = (w: string) => `rapport.lastVisit.${w}`;

function readLastVisit(window: string): Record<string, number | null> {
  try {
    return JSON.parse(localStorage.getItem(LAST_VISIT_KEY(window)) ?? '{}') as Record<string, number | null>;
  } catch {
    return {};
  }
}

export function PortfolioPage() {
  const { query, window, at, set } = useQueryState();
  const sort = (['score', 'change', 'name'].includes(query.sort) ? query.sort : 'score') as SortKey;
  const filter = {
    band: (query.band ?? 'all') as BandFilter,
    serviceType: query.type ?? '',
    vendorId: query.vendor ?? '',
    search: query.q ?? '',
  };

  const loaded = useLoad(
    () => Promise.all([data.scorecards(window, at), data.scorecards(window, data.weekBefore(at)), data.contracts()]),
    [window, at],
  );
  const lastVisit = useMemo(() => readLastVisit(window), [window]);
  const [cards, setCards] = useState<ScorecardView[]>([]);
  useEffect(() => setCards(loaded.data?.[0] ?? []), [loaded.data]);

  // Live: the pushed 30-day scorecards apply directly; other windows are refetched quietly.
  const tick = liveTick.value;
  const pushed = liveCards.value;
  useEffect(() => {
    if (at || tick === 0) return;
    if (window !== LIVE_WINDOW) {
      const t = setTimeout(loaded.reload, 1000);
      return () => clearTimeout(t);
    }
    setCards((list) => {
      const next = list.map((c) => pushed.get(c.contractId) ?? c);
      for (const [id, c] of pushed) if (!list.some((x) => x.contractId === id)) next.push(c);
      return next;
    });
  }, [tick]);

  // Remember what the viewer saw, for "changed since your last visit" next time.
  const latest = useRef(cards);
  latest.current = cards;
  useEffect(() => {
    if (at) return;
    const save = () =>
      latest.current.length &&
      localStorage.setItem(LAST_VISIT_KEY(window), JSON.stringify(Object.fromEntries(latest.current.map((c) => [c.contractId, c.score]))));
    addEventListener('pagehide', save);
    return () => {
      save();
      removeEventListener('pagehide', save);
    };
  }, [window, at]);

  const serviceTypes = useMemo(() => new Map((loaded.data?.[2] ?? []).map((c) => [c.id, c.serviceType])), [loaded.data]);
  const rows = useMemo(
    () => buildRows(cards, loaded.data?.[1] ?? [], serviceTypes, lastVisit).filter((r) => matches(r, filter)),
    [cards, loaded.data, serviceTypes, lastVisit, JSON.stringify(filter)],
  );
  const sorted = useMemo(() => [...rows].sort(compareRows(sort)), [rows, sort]);

  // Calm reordering: the order is fixed when the view is set up; live changes wait for the viewer.
  const [order, setOrder] = useState<string[]>([]);
  useEffect(() => setOrder(sorted.map((r) => r.card.contractId)), [loaded.data, sort, JSON.stringify(filter)]);
  const shown = keepOrder(rows, order);
  const moved = orderDiffers(shown, sorted);

  const allRows = useMemo(() => buildRows(cards, [], serviceTypes, {}), [cards, serviceTypes]);
  const vendors = vendorsOf(allRows, rollUp);
  const counts = { healthy: 0, at_risk: 0, critical: 0, none: 0 };
  for (const r of allRows) counts[r.card.band ?? 'none']++;
  const link = (path: string) => `${path}${timeQuery(window, at)}`;

  const exportCsv = () =>
    download(
      `portfolio-${window}.csv`,
      toCsv(
        ['Vendor', 'Contract', 'Service type', 'Score', 'Band', 'Change over 7 days', 'Evaluated at'],
        shown.map((r) => [r.card.vendorName, r.card.contractName, r.serviceType, r.card.score, r.card.band, r.change, r.card.at]),
      ),
    );

  return (
    <section class="portfolio" data-testid="portfolio">
      <PageHead
        title="Portfolio health"
        sub={
          <>
            {allRows.length} contracts · {vendors.length} vendors · {at ? `as of ${formatWhen(at)}` : 'live'} · <ZoneNote />
          </>
        }
      >
        <TimeControls window={window} at={at} onChange={(n) => set({ window: n.window === LIVE_WINDOW ? null : n.window, at: n.at })} />
      </PageHead>
      <ErrorBanner error={loaded.error} />
      {!loaded.data && !loaded.error && <Loading what="scorecards" />}

      <section class="summary" aria-label="Portfolio summary">
        {(['critical', 'at_risk', 'healthy', 'none'] as const).map((b) => (
          <div key={b} class={`tile tile-${b}`}>
            <div class="tile-label">{{ critical: 'Critical', at_risk: 'At risk', healthy: 'Healthy', none: 'No data' }[b]}</div>
            <div class="tile-value" data-testid={`count-${b}`}>
              {counts[b]}
            </div>
          </div>
        ))}
      </section>

      <section class="panel" aria-labelledby="vendors-h">
        <h2 id="vendors-h">Vendors</h2>
        <ul class="vendor-strip">
          {vendors.map((v) => (
            <li key={v.vendorId}>
              <a href={link(`/vendors/${v.vendorId}`)} class="vendor-chip" data-vendor-id={v.vendorId}>
                <span class="vendor-name">{v.vendorName}</span>
                <Score score={v.score} band={v.band} />
                <span class="muted">
                  {v.contracts} contract{v.contracts === 1 ? '' : 's'}
                </span>
              </a>
            </li>
          ))}
        </ul>
        {vendors.length > 0 && (
          <BarCompare
            canvasId="portfolio-chart"
            title="Vendors compared"
            items={vendors.map((v) => ({ label: v.vendorName, score: v.score, band: v.band }))}
            testId="vendor-compare"
          />
        )}
      </section>

      <section class="contracts" aria-labelledby="contracts-h">
        <div class="panel-head">
          <h2 id="contracts-h">Contracts</h2>
          <button type="button" class="btn btn-small" onClick={exportCsv} data-testid="export-csv">
            Export CSV
          </button>
        </div>
        <div class="filters">
          <label>
            <span>Search</span>
            <input
              type="search"
              value={filter.search}
              placeholder="Vendor or contract"
              onInput={(e) => set({ q: (e.target as HTMLInputElement).value })}
              data-testid="search"
            />
          </label>
          <label>
            <span>Band</span>
            <select
              value={filter.band}
              onChange={(e) =>
                set({ band: (e.target as HTMLSelectElement).value === 'all' ? null : (e.target as HTMLSelectElement).value })
              }
              data-testid="filter-band"
            >
              <option value="all">All bands</option>
              <option value="critical">Critical</option>
              <option value="at_risk">At risk</option>
              <option value="healthy">Healthy</option>
              <option value="none">No data</option>
            </select>
          </label>
          <label>
            <span>Service type</span>
            <select
              value={filter.serviceType}
              onChange={(e) => set({ type: (e.target as HTMLSelectElement).value })}
              data-testid="filter-type"
            >
              <option value="">All types</option>
              {Object.entries(SERVICE_TYPE_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Vendor</span>
            <select
              value={filter.vendorId}
              onChange={(e) => set({ vendor: (e.target as HTMLSelectElement).value })}
              data-testid="filter-vendor"
            >
              <option value="">All vendors</option>
              {vendors.map((v) => (
                <option key={v.vendorId} value={v.vendorId}>
                  {v.vendorName}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Sort by</span>
            <select value={sort} onChange={(e) => set({ sort: (e.target as HTMLSelectElement).value })} data-testid="sort">
              <option value="score">Score (worst first)</option>
              <option value="change">Change (biggest drop first)</option>
              <option value="name">Name</option>
            </select>
          </label>
        </div>
        <div class="reorder" aria-live="polite">
          {moved && (
            <button type="button" class="btn btn-small" onClick={() => setOrder(sorted.map((r) => r.card.contractId))} data-testid="resort">
              Scores changed: re-sort
            </button>
          )}
        </div>
        <ul class="grid" data-testid="contract-grid">
          {shown.map((r) => (
            <li key={r.card.contractId} class="scorecard-card" data-contract-id={r.card.contractId} data-band={r.card.band ?? 'none'}>
              <a href={link(`/contracts/${r.card.contractId}`)} class="card-link">
                <span class="card-vendor">{r.card.vendorName}</span>
                <span class="card-title">{r.card.contractName}</span>
              </a>
              <Score score={r.card.score} band={r.card.band} />
              <span class="card-meta">
                {r.serviceType ? SERVICE_TYPE_LABELS[r.serviceType] : ''} <Delta value={r.change} label="change over 7 days" />
              </span>
              {r.sinceVisit !== null && (
                <span class="since-visit" data-testid="since-visit">
                  Since your last visit: {r.sinceVisit > 0 ? '+' : '−'}
                  {Math.abs(r.sinceVisit).toFixed(1)}
                </span>
              )}
            </li>
          ))}
        </ul>
        {loaded.data && shown.length === 0 && <p class="empty">No contract matches these filters.</p>}
      </section>
    </section>
  );
}
