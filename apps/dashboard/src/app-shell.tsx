import { useEffect } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { AdminPage } from './pages/admin/admin-page';
import { AlertsPage } from './pages/alerts-page';
import { ContractPage } from './pages/contract-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { PortfolioPage } from './pages/portfolio-page';
import { VendorPage } from './pages/vendor-page';
import { logout } from './app/api-client';
import { connection, liveAlerts, startLive, stopLive } from './app/live-store';
import { currentUser } from './app/session';

const CONNECTION_LABEL = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline' } as const;

function NavLink({ href, label, exact = false }: { href: string; label: string; exact?: boolean }) {
  const { path } = useLocation();
  const active = exact ? path === href : path === href || path.startsWith(`${href}/`);
  return (
    <a href={href} aria-current={active ? 'page' : undefined}>
      {label}
    </a>
  );
}

function Header() {
  const user = currentUser.value!;
  const role = user.claims.role;
  const unread = liveAlerts.value.length;
  return (
    <header class="app-header">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <a class="brand" href="/" aria-label="Rapport portfolio">
        <svg class="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
          <rect width="32" height="32" rx="8" fill="#1e1b4b" />
          <path d="M6 17h5l3-7 4 13 3-6h5" fill="none" stroke="#a5b4fc" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
        <span class="brand-name">Rapport</span>
      </a>
      <nav aria-label="Main" class="main-nav">
        <NavLink href="/" label="Portfolio" exact />
        {role === 'vendor' && user.claims.vendorId && <NavLink href={`/vendors/${user.claims.vendorId}`} label="My vendor" />}
        <NavLink href="/alerts" label={unread ? `Alerts (${unread} new)` : 'Alerts'} />
        {role === 'admin' && <NavLink href="/admin" label="Admin" />}
      </nav>
      <div class="session-bar">
        <span id="connection-status" class="conn" data-state={connection.value} title="Live updates">
          <span class="conn-dot" aria-hidden="true" />
          {CONNECTION_LABEL[connection.value]}
        </span>
        <span class="user" id="user-email">
          {user.email} <span class="role">({role})</span>
        </span>
        <button type="button" id="sign-out" class="btn btn-ghost" onClick={() => void logout()}>
          Sign out
        </button>
      </div>
    </header>
  );
}

function SignedIn() {
  useEffect(() => {
    startLive();
    document.body.dataset.view = 'app';
    return () => stopLive();
  }, []);
  return (
    <>
      <Header />
      <main id="main">
        <Router>
          <Route path="/" component={PortfolioPage} />
          <Route path="/vendors/:id" component={VendorPage} />
          <Route path="/contracts/:id" component={ContractPage} />
          <Route path="/alerts" component={AlertsPage} />
          <Route path="/admin" component={AdminPage} />
          <Route path="/admin/:section" component={AdminPage} />
          <Route default component={NotFoundPage} />
        </Router>
      </main>
    </>
  );
}

function Root() {
  const user = currentUser.value;
  useEffect(() => {
    if (!user) document.body.dataset.view = 'login';
  }, [user]);
  // Keyed by user: another sign-in (in this or another tab) starts from a clean slate.
  return user ? <SignedIn key={`${user.claims.sub}:${user.claims.role}`} /> : <LoginPage />;
}

export function App() {
  return (
    <LocationProvider>
      <Root />
    </LocationProvider>
  );
}
