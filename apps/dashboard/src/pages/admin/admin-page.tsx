import { useMemo } from 'preact/hooks';
import * as data from '../../app/data';
import { currentUser } from '../../app/session';
import { useLoad } from '../../app/use-load';
import { ErrorBanner, Loading, PageHead, ZoneNote } from '../../components/page';
import { NotFoundPage } from '../not-found-page';
import { AdminSection } from './admin-section';
import { auditSpec, contractSpec, quarantineSpec, secretSpec, sourceSpec, tokenSpec, userSpec, vendorSpec } from './admin-specs';

const SECTIONS = [
  ['vendors', 'Vendors'],
  ['contracts', 'Contracts'],
  ['users', 'Users'],
  ['tokens', 'Ingest tokens'],
  ['connectors', 'Connector rules'],
  ['secrets', 'Connector secrets'],
  ['quarantine', 'Quarantine'],
  ['audit', 'Audit log'],
] as const;
type Section = (typeof SECTIONS)[number][0];

/** The admin console: one page per resource under /admin/{section}. Admins only (the API checks too). */
export function AdminPage({ section = 'vendors' }: { section?: string }) {
  const ref = useLoad(() => Promise.all([data.vendors(), data.contracts()]), []);
  const current = SECTIONS.find(([s]) => s === section)?.[0] as Section | undefined;
  const spec = useMemo(() => {
    if (!ref.data || !current) return null;
    const [vendors, contracts] = ref.data;
    switch (current) {
      case 'vendors':
        return vendorSpec();
      case 'contracts':
        return contractSpec(vendors);
      case 'users':
        return userSpec(vendors);
      case 'tokens':
        return tokenSpec();
      case 'connectors':
        return sourceSpec(contracts);
      case 'secrets':
        return secretSpec();
      case 'quarantine':
        return quarantineSpec();
      case 'audit':
        return auditSpec();
    }
  }, [ref.data, current]);
  if (currentUser.value?.claims.role !== 'admin' || !current) return <NotFoundPage />;
  const label = SECTIONS.find(([s]) => s === current)![1];
  return (
    <section class="admin" data-testid="admin-page">
      <PageHead title={`Admin · ${label}`} sub={<ZoneNote />} />
      <nav class="tabs" aria-label="Admin sections">
        {SECTIONS.map(([s, l]) => (
          <a key={s} href={`/admin/${s}`} aria-current={s === current ? 'page' : undefined}>
            {l}
          </a>
        ))}
      </nav>
      <ErrorBanner error={ref.error} />
      {!spec && !ref.error && <Loading what="settings" />}
      {spec && <AdminSection key={current} spec={spec} />}
    </section>
  );
}
