import { get, query, request } from '../../app/api-client';
import type { ContractRow, VendorRow } from '../../app/data';
import type { FieldSpec, FormValues } from '../../components/resource-form';
import { formatWhen, SERVICE_TYPE_LABELS } from '../../lib/format';
import { DIMENSIONS, PRIORITIES, ROLES } from '../../lib/types';
import type { Row, SectionSpec } from './admin-section';

const TOOLS = ['github', 'jira', 'zendesk', 'servicenow'].map((t) => ({ value: t, label: t }));
const when = (key: string) => ({
  key,
  label: key === 'createdAt' ? 'Created' : key,
  value: (r: Row) => (r[key] as string | null) ?? null,
  render: (r: Row) => formatWhen(r[key] as string | null),
});
const text = (key: string, label: string) => ({ key, label, value: (r: Row) => (r[key] == null ? null : String(r[key])) });
const num = (v: string) => (v === '' ? undefined : Number(v));
const dateIso = (v: string) => (v ? new Date(`${v}T00:00:00Z`).toISOString() : null);
const list = (path: string) => () => get<Row[]>(path);

export function vendorSpec(): SectionSpec {
  const fields = (): FieldSpec[] => [{ name: 'name', label: 'Name', required: true, minLength: 1 }];
  return {
    title: 'Vendors',
    noun: 'vendor',
    list: list('/vendors'),
    columns: [text('name', 'Name'), text('id', 'Id'), when('createdAt')],
    create: { fields, body: (v) => ({ name: v.name.trim() }), path: '/vendors' },
    edit: { fields, initial: (r) => ({ name: String(r.name) }), body: (v) => ({ name: v.name.trim() }), path: (r) => `/vendors/${r.id}` },
    actions: [
      {
        label: 'Delete',
        confirm: (r) => `Delete vendor ${String(r.name)} and its contracts?`,
        run: (r) => request('DELETE', `/vendors/${r.id}`),
      },
    ],
  };
}

function contractFields(vendors: VendorRow[], withVendor: boolean): FieldSpec[] {
  const minutes = { type: 'number' as const, required: true, min: 1, step: 1 };
  return [
    ...(withVendor
      ? [
          {
            name: 'vendorId',
            label: 'Vendor',
            type: 'select' as const,
            required: true,
            options: vendors.map((v) => ({ value: v.id, label: v.name })),
          },
        ]
      : []),
    { name: 'name', label: 'Name', required: true },
    {
      name: 'serviceType',
      label: 'Service type',
      type: 'select',
      required: true,
      options: Object.entries(SERVICE_TYPE_LABELS).map(([value, label]) => ({ value, label })),
    },
    { name: 'startsAt', label: 'Starts on', type: 'date', required: true },
    { name: 'endsAt', label: 'Ends on (optional)', type: 'date' },
    { name: 'ownerEmail', label: 'Owner e-mail (critical alerts)', type: 'email' },
    ...PRIORITIES.flatMap((p) => [
      { name: `sla.${p}.firstResponseMinutes`, label: `${p} first response (minutes)`, ...minutes },
      { name: `sla.${p}.resolutionMinutes`, label: `${p} resolution (minutes)`, ...minutes },
    ]),
    ...DIMENSIONS.map((d) => ({
      name: `weights.${d}`,
      label: `Weight: ${d}`,
      type: 'number' as const,
      min: 0,
      max: 1000,
      step: 1,
      hint: 'empty: the default',
    })),
  ];
}

function contractBody(v: FormValues, withVendor: boolean): unknown {
  const weights = Object.fromEntries(DIMENSIONS.filter((d) => v[`weights.${d}`] !== '').map((d) => [d, Number(v[`weights.${d}`])]));
  return {
    ...(withVendor ? { vendorId: v.vendorId } : {}),
    name: v.name.trim(),
    serviceType: v.serviceType,
    startsAt: dateIso(v.startsAt),
    endsAt: dateIso(v.endsAt),
    ownerEmail: v.ownerEmail || null,
    sla: Object.fromEntries(
      PRIORITIES.map((p) => [
        p,
        { firstResponseMinutes: num(v[`sla.${p}.firstResponseMinutes`]), resolutionMinutes: num(v[`sla.${p}.resolutionMinutes`]) },
      ]),
    ),
    ...(Object.keys(weights).length ? { weights } : {}),
  };
}

export function contractSpec(vendors: VendorRow[]): SectionSpec {
  const vendorName = new Map(vendors.map((v) => [v.id, v.name]));
  return {
    title: 'Contracts',
    noun: 'contract',
    list: list('/contracts'),
    columns: [
      { key: 'name', label: 'Name', value: (r) => String(r.name), render: (r) => <a href={`/contracts/${r.id}`}>{String(r.name)}</a> },
      { key: 'vendor', label: 'Vendor', value: (r) => vendorName.get(String(r.vendorId)) ?? String(r.vendorId) },
      { key: 'serviceType', label: 'Service type', value: (r) => SERVICE_TYPE_LABELS[String(r.serviceType)] ?? String(r.serviceType) },
      {
        key: 'sla',
        label: 'P1 SLA (response / resolution min)',
        value: (r) => {
          const p1 = (r as unknown as ContractRow).sla?.P1;
          return p1 ? `${p1.firstResponseMinutes} / ${p1.resolutionMinutes}` : null;
        },
      },
      when('startsAt'),
    ],
    create: { fields: () => contractFields(vendors, true), body: (v) => contractBody(v, true), path: '/contracts' },
    edit: {
      fields: () => contractFields(vendors, false),
      initial: (r) => {
        const c = r as unknown as ContractRow;
        const out: FormValues = {
          name: c.name,
          serviceType: c.serviceType,
          startsAt: c.startsAt?.slice(0, 10) ?? '',
          endsAt: c.endsAt?.slice(0, 10) ?? '',
          ownerEmail: c.ownerEmail ?? '',
        };
        for (const p of PRIORITIES) {
          out[`sla.${p}.firstResponseMinutes`] = String(c.sla?.[p]?.firstResponseMinutes ?? '');
          out[`sla.${p}.resolutionMinutes`] = String(c.sla?.[p]?.resolutionMinutes ?? '');
        }
        for (const d of DIMENSIONS) out[`weights.${d}`] = c.weights?.[d] !== undefined ? String(c.weights[d]) : '';
        return out;
      },
      body: (v) => contractBody(v, false),
      path: (r) => `/contracts/${r.id}`,
    },
    actions: [
      { label: 'Delete', confirm: (r) => `Delete contract ${String(r.name)}?`, run: (r) => request('DELETE', `/contracts/${r.id}`) },
    ],
  };
}

export function userSpec(vendors: VendorRow[]): SectionSpec {
  const vendorName = new Map(vendors.map((v) => [v.id, v.name]));
  return {
    title: 'Users',
    noun: 'user',
    list: list('/users'),
    columns: [
      text('email', 'E-mail'),
      text('role', 'Role'),
      { key: 'vendor', label: 'Vendor', value: (r) => (r.vendorId ? (vendorName.get(String(r.vendorId)) ?? String(r.vendorId)) : null) },
      when('createdAt'),
    ],
    create: {
      fields: () => [
        { name: 'email', label: 'E-mail', type: 'email', required: true },
        { name: 'password', label: 'Password', type: 'password', required: true, minLength: 10, hint: 'at least 10 characters' },
        {
          name: 'role',
          label: 'Role',
          type: 'select',
          required: true,
          options: ROLES.map((r) => ({ value: r, label: r })),
        },
        {
          name: 'vendorId',
          label: 'Vendor (vendor users only)',
          type: 'select',
          options: vendors.map((v) => ({ value: v.id, label: v.name })),
        },
      ],
      body: (v) => ({ email: v.email.trim(), password: v.password, role: v.role, vendorId: v.vendorId || null }),
      path: '/users',
    },
    edit: {
      fields: () => [
        { name: 'email', label: 'E-mail', type: 'email', required: true },
        { name: 'password', label: 'New password (optional)', type: 'password', minLength: 10 },
      ],
      initial: (r) => ({ email: String(r.email) }),
      body: (v) => ({ email: v.email.trim(), ...(v.password ? { password: v.password } : {}) }),
      path: (r) => `/users/${r.id}`,
    },
    actions: [{ label: 'Delete', confirm: (r) => `Delete user ${String(r.email)}?`, run: (r) => request('DELETE', `/users/${r.id}`) }],
  };
}

export function tokenSpec(): SectionSpec {
  return {
    title: 'Ingest tokens',
    noun: 'ingest token',
    list: list('/ingest-tokens'),
    columns: [text('name', 'Name'), when('createdAt'), when('lastUsedAt'), when('revokedAt')],
    create: {
      fields: () => [{ name: 'name', label: 'Name (the source that uses it)', required: true }],
      body: (v) => ({ name: v.name.trim() }),
      path: '/ingest-tokens',
    },
    revealField: 'token',
    actions: [
      {
        label: 'Revoke',
        when: (r) => !r.revokedAt,
        confirm: (r) => `Revoke ingest token ${String(r.name)}?`,
        run: (r) => request('DELETE', `/ingest-tokens/${r.id}`),
      },
    ],
  };
}

export function secretSpec(): SectionSpec {
  return {
    title: 'Connector secrets',
    noun: 'connector secret',
    list: list('/connectors/secrets'),
    columns: [text('tool', 'Tool'), text('label', 'Label'), when('createdAt'), when('revokedAt')],
    create: {
      fields: () => [
        { name: 'tool', label: 'Tool', type: 'select', required: true, options: TOOLS },
        { name: 'label', label: 'Label', required: true },
        { name: 'secret', label: "The tool's secret (optional: one is generated)", type: 'password', minLength: 16 },
      ],
      body: (v) => ({ tool: v.tool, label: v.label.trim(), ...(v.secret ? { secret: v.secret } : {}) }),
      path: '/connectors/secrets',
    },
    revealField: 'secret',
    actions: [
      {
        label: 'Revoke',
        when: (r) => !r.revokedAt,
        confirm: (r) => `Revoke secret ${String(r.label)}?`,
        run: (r) => request('POST', `/connectors/secrets/${r.id}/revoke`),
      },
    ],
  };
}

export function sourceSpec(contracts: ContractRow[]): SectionSpec {
  const name = new Map(contracts.map((c) => [c.id, c.name]));
  return {
    title: 'Connector rules',
    noun: 'connector rule',
    list: list('/connectors/sources'),
    columns: [
      text('tool', 'Tool'),
      text('externalKey', 'Source (repository, project, group)'),
      { key: 'contract', label: 'Contract', value: (r) => name.get(String(r.contractId)) ?? String(r.contractId) },
      when('createdAt'),
    ],
    create: {
      fields: () => [
        { name: 'tool', label: 'Tool', type: 'select', required: true, options: TOOLS },
        { name: 'externalKey', label: 'Source key', required: true, hint: 'e.g. acme/portal, SUP, a group or assignment group' },
        {
          name: 'contractId',
          label: 'Contract',
          type: 'select',
          required: true,
          options: contracts.map((c) => ({ value: c.id, label: c.name })),
        },
      ],
      body: (v) => ({ tool: v.tool, externalKey: v.externalKey.trim(), contractId: v.contractId }),
      path: '/connectors/sources',
    },
    actions: [{ label: 'Delete', confirm: () => 'Delete this rule?', run: (r) => request('DELETE', `/connectors/sources/${r.id}`) }],
  };
}

export function quarantineSpec(): SectionSpec {
  return {
    title: 'Quarantine',
    noun: 'quarantined event',
    // The newest 500; the API pages further with `before` and filters by origin, tool and text.
    list: () => get<{ items: Row[] }>(`/quarantine${query({ limit: 500 })}`).then((page) => page.items),
    columns: [when('createdAt'), text('source', 'Source'), text('eventId', 'Event id'), text('reason', 'Reason'), when('replayedAt')],
    actions: [{ label: 'Replay', when: (r) => !r.replayedAt, run: (r) => request('POST', `/quarantine/${r.id}/replay`) }],
  };
}

export function auditSpec(): SectionSpec {
  return {
    title: 'Audit log',
    noun: 'audit entry',
    list: () => get<Row[]>(`/audit-log${query({ limit: 500 })}`),
    columns: [when('at'), text('actorEmail', 'Who'), text('action', 'Action'), text('target', 'Target'), text('ip', 'IP')],
  };
}
