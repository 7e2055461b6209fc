import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { download, toCsv } from '../lib/csv';

export interface Column<T> {
  key: string;
  label: string;
  /** The cell's value: what sorting and the CSV export use. */
  value: (row: T) => string | number | null;
  /** How the cell shows, when it is more than its value (a link, a badge). */
  render?: (row: T) => ComponentChildren;
  numeric?: boolean;
}

interface Props<T> {
  caption: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  /** File name (without .csv) of the export; no export button when absent. */
  exportName?: string;
  pageSize?: number;
  empty?: string;
  testId?: string;
}

/** A sortable, paged table whose whole content (every page) exports as CSV in the browser. */
export function DataTable<T>({ caption, rows, columns, rowKey, exportName, pageSize = 20, empty = 'Nothing to show.', testId }: Props<T>) {
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 } | null>(null);
  const [page, setPage] = useState(0);
  const sorted = useMemo(() => {
    const col = sort && columns.find((c) => c.key === sort.key);
    if (!col || !sort) return rows;
    return [...rows].sort((a, b) => {
      const va = col.value(a);
      const vb = col.value(b);
      if (va === vb) return 0;
      if (va === null) return 1;
      if (vb === null) return -1;
      return (typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb))) * sort.dir;
    });
  }, [rows, columns, sort]);
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const current = Math.min(page, pages - 1);
  const shown = sorted.slice(current * pageSize, (current + 1) * pageSize);

  const exportCsv = () =>
    download(
      `${exportName}.csv`,
      toCsv(
        columns.map((c) => c.label),
        sorted.map((r) => columns.map((c) => c.value(r))),
      ),
    );

  return (
    <div class="table-block" data-testid={testId}>
      <div class="table-tools">
        <span class="table-count">
          {rows.length} row{rows.length === 1 ? '' : 's'}
        </span>
        {exportName && (
          <button type="button" class="btn btn-small" onClick={exportCsv} data-testid="export-csv">
            Export CSV
          </button>
        )}
      </div>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table class="data-table">
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => {
                const dir = sort?.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none';
                return (
                  <th key={c.key} scope="col" aria-sort={dir} class={c.numeric ? 'num' : undefined}>
                    <button
                      type="button"
                      class="th-sort"
                      onClick={() => setSort(sort?.key === c.key ? { key: c.key, dir: sort.dir === 1 ? -1 : 1 } : { key: c.key, dir: 1 })}
                    >
                      {c.label}
                      <span aria-hidden="true">{dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={rowKey(r)} data-row-id={rowKey(r)}>
                {columns.map((c) => (
                  <td key={c.key} class={c.numeric ? 'num' : undefined}>
                    {c.render ? c.render(r) : (c.value(r) ?? '—')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p class="empty">{empty}</p>}
      </div>
      {pages > 1 && (
        <nav class="pager" aria-label={`${caption}: pages`}>
          <button type="button" class="btn btn-small" disabled={current === 0} onClick={() => setPage(current - 1)}>
            Previous
          </button>
          <span aria-live="polite">
            Page {current + 1} of {pages}
          </span>
          <button type="button" class="btn btn-small" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            Next
          </button>
        </nav>
      )}
    </div>
  );
}
