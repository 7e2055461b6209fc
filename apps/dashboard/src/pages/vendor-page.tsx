import { rollUp } from '../lib/what-if';
import { ApiError } from '../app/api-client';
import * as data from '../app/data';
import { liveTick } from '../app/live-store';
import { timeQuery, useQueryState } from '../app/url-state';
import { useLoad } from '../app/use-load';
import { Score } from '../components/band-badge';
import { BarCompare, TrendChart } from '../components/charts';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBanner, Loading, PageHead, ZoneNote } from '../components/page';
import { TimeControls } from '../components/time-controls';
import { DIMENSION_LABELS, formatScore, formatWhen } from '../lib/format';
import { buildRows, vendorsOf } from '../lib/portfolio-model';
import { DIMENSIONS, LIVE_WINDOW, WINDOWS, type ScorecardView } from '../lib/types';
import { NotFoundPage } from './not-found-page';
import { useEffect } from 'preact/hooks';

export function VendorPage({ id }: { id: string }) {
  const { window, at, set } = useQueryState();
  const roll = useLoad(() => data.vendorScorecard(id, window, at), [id, window, at]);
  const all = useLoad(() => data.scorecards(window, at), [window, at]);
  const histories = useLoad(async () => {
    const list = roll.data?.contracts ?? [];
    return Promise.all(list.map(async (c) => ({ c, points: await data.history(c.contractId, window, WINDOWS[window]) })));
  }, [roll.data]);
  const tick = liveTick.value;
  useEffect(() => {
    if (at || tick === 0) return;
    const t = setTimeout(roll.reload, 1000);
    return () => clearTimeout(t);
  }, [tick]);

  if (roll.error instanceof ApiError && (roll.error.status === 404 || roll.error.status === 400)) return <NotFoundPage what="vendor" />;
  const v = roll.data;
  const vendors = vendorsOf(buildRows(all.data ?? [], [], new Map(), {}), rollUp);
  const columns: Column<ScorecardView>[] = [
    {
      key: 'name',
      label: 'Contract',
      value: (c) => c.contractName,
      render: (c) => <a href={`/contracts/${c.contractId}${timeQuery(window, at)}`}>{c.contractName}</a>,
    },
    { key: 'score', label: 'Score', value: (c) => c.score, render: (c) => <Score score={c.score} band={c.band} />, numeric: true },
    ...DIMENSIONS.map<Column<ScorecardView>>((d) => ({
      key: d,
      label: DIMENSION_LABELS[d],
      value: (c) => c.dimensions[d]?.score ?? null,
      render: (c) => formatScore(c.dimensions[d]?.score ?? null),
      numeric: true,
    })),
  ];

  return (
    <section data-testid="vendor-page" data-vendor-id={id}>
      <PageHead
        title={v ? v.vendorName : 'Vendor'}
        sub={
          <>
            Roll-up of active contracts · {at ? `as of ${formatWhen(at)}` : 'live'} · <ZoneNote />
          </>
        }
      >
        <TimeControls window={window} at={at} onChange={(n) => set({ window: n.window === LIVE_WINDOW ? null : n.window, at: n.at })} />
      </PageHead>
      <ErrorBanner error={roll.error} />
      {!v && !roll.error && <Loading what="the vendor" />}
      {v && (
        <>
          <div class="rollup panel">
            <span class="muted">Vendor score</span>
            <Score score={v.score} band={v.band} />
            <span class="muted">
              mean of {v.contracts.length} contract{v.contracts.length === 1 ? '' : 's'}
            </span>
          </div>
          <section class="panel" aria-labelledby="side-h">
            <h2 id="side-h">Contracts side by side</h2>
            <DataTable
              caption={`Contracts of ${v.vendorName}`}
              rows={v.contracts}
              columns={columns}
              rowKey={(c) => c.contractId}
              exportName={`vendor-${v.vendorName}-${window}`}
            />
            {histories.data && (
              <TrendChart
                title="Contract scores over time"
                testId="vendor-trend"
                series={histories.data.map(({ c, points }) => ({
                  label: c.contractName,
                  points: points.map((p) => ({ x: Date.parse(p.at), y: p.score })),
                }))}
              />
            )}
          </section>
          <section class="panel" aria-labelledby="cmp-h">
            <h2 id="cmp-h">Vendors compared</h2>
            <BarCompare
              title="Vendor scores compared"
              items={vendors.map((x) => ({ label: x.vendorName, score: x.score, band: x.band }))}
              testId="vendors-compared"
            />
          </section>
        </>
      )}
    </section>
  );
}
