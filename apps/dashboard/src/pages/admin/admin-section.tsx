import { useState } from 'preact/hooks';
import { request } from '../../app/api-client';
import { useLoad } from '../../app/use-load';
import { DataTable, type Column } from '../../components/data-table';
import { Dialog } from '../../components/dialog';
import { ErrorBanner, Loading } from '../../components/page';
import { ResourceForm, type FieldSpec, type FormValues } from '../../components/resource-form';

export type Row = Record<string, unknown> & { id: string };

export interface RowAction {
  label: string;
  /** Confirmation asked before the call (destructive actions). */
  confirm?: (row: Row) => string;
  run: (row: Row) => Promise<unknown>;
  when?: (row: Row) => boolean;
}

export interface SectionSpec {
  title: string;
  noun: string;
  list: () => Promise<Row[]>;
  columns: Column<Row>[];
  create?: { fields: () => FieldSpec[]; body: (v: FormValues) => unknown; path: string };
  edit?: { fields: () => FieldSpec[]; initial: (row: Row) => FormValues; body: (v: FormValues) => unknown; path: (row: Row) => string };
  actions?: RowAction[];
  /** Names the field of a create answer shown once (a new token or secret). */
  revealField?: string;
}

/** One admin table with its create / edit dialogs and row actions, all through the REST API. */
export function AdminSection({ spec }: { spec: SectionSpec }) {
  const rows = useLoad(spec.list, [spec]);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Row | null>(null);
  const [revealed, setRevealed] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const act = async (a: RowAction, row: Row) => {
    if (a.confirm && !window.confirm(a.confirm(row))) return;
    setActionError(null);
    try {
      await a.run(row);
      rows.reload();
    } catch (err) {
      setActionError(err);
    }
  };
  const columns: Column<Row>[] = [
    ...spec.columns,
    ...(spec.edit || spec.actions?.length
      ? [
          {
            key: '_actions',
            label: 'Actions',
            value: () => null,
            render: (row: Row) => (
              <span class="row-actions">
                {spec.edit && (
                  <button type="button" class="btn btn-small" onClick={() => setEditing(row)}>
                    Edit
                  </button>
                )}
                {spec.actions
                  ?.filter((a) => !a.when || a.when(row))
                  .map((a) => (
                    <button key={a.label} type="button" class="btn btn-small" onClick={() => void act(a, row)}>
                      {a.label}
                    </button>
                  ))}
              </span>
            ),
          },
        ]
      : []),
  ];

  return (
    <section data-testid={`admin-${spec.noun.replace(/\s+/g, '-')}`}>
      <div class="panel-head">
        <h2>{spec.title}</h2>
        {spec.create && (
          <button type="button" class="btn btn-primary" onClick={() => setCreating(true)} data-testid="create">
            New {spec.noun}
          </button>
        )}
      </div>
      <ErrorBanner error={rows.error ?? actionError} />
      {!rows.data && !rows.error && <Loading what={spec.title.toLowerCase()} />}
      {rows.data && (
        <DataTable
          caption={spec.title}
          rows={rows.data}
          columns={columns}
          rowKey={(r) => String(r.id)}
          exportName={spec.title.toLowerCase().replace(/\s+/g, '-')}
        />
      )}
      {spec.create && (
        <Dialog title={`New ${spec.noun}`} open={creating} onClose={() => setCreating(false)}>
          <ResourceForm
            fields={spec.create.fields()}
            submitLabel="Create"
            onSubmit={async (v) => {
              const created = await request<Row>('POST', spec.create!.path, spec.create!.body(v));
              setCreating(false);
              if (spec.revealField && typeof created?.[spec.revealField] === 'string') setRevealed(created[spec.revealField] as string);
              rows.reload();
            }}
          />
        </Dialog>
      )}
      {spec.edit && (
        <Dialog title={`Edit ${spec.noun}`} open={editing !== null} onClose={() => setEditing(null)}>
          {editing && (
            <ResourceForm
              fields={spec.edit.fields()}
              initial={spec.edit.initial(editing)}
              submitLabel="Save"
              onSubmit={async (v) => {
                await request('PATCH', spec.edit!.path(editing), spec.edit!.body(v));
                setEditing(null);
                rows.reload();
              }}
            />
          )}
        </Dialog>
      )}
      <Dialog title="Copy it now" open={revealed !== null} onClose={() => setRevealed(null)}>
        <p>This value is shown once and never again. Store it where the tool or source can use it.</p>
        <input class="reveal" readOnly value={revealed ?? ''} aria-label="New secret value" data-testid="revealed" />
      </Dialog>
    </section>
  );
}
