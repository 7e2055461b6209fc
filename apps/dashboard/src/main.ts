import { AlertsView } from './alerts-view';
import { ApiClient, ApiError, session } from './api-client';
import { DetailPanel } from './detail-panel';
import { byId } from './dom';
import { toMillis } from './format';
import { connectLive, type ConnectionState, type LiveConnection } from './live';
import { PortfolioView, type BandFilter } from './portfolio-view';
import { SummaryView } from './summary-view';
import { addPoint, PortfolioChart } from './trend-chart';
import type { AlertView, ScorecardView, ScorePoint, TrendPoint } from './types';

/** Points per contract on the portfolio chart. */
const PORTFOLIO_POINTS = 30;
/** Parallel history requests while loading the portfolio. */
const HISTORY_CONCURRENCY = 6;

const body = document.body;
const loginView = byId('login-view');
const dashboardView = byId('dashboard-view');
const sessionBar = byId('session-bar');
const loginForm = byId<HTMLFormElement>('login-form');
const loginEmail = byId<HTMLInputElement>('login-email');
const loginPassword = byId<HTMLInputElement>('login-password');
const loginSubmit = byId<HTMLButtonElement>('login-submit');
const loginError = byId('login-error');
const userEmail = byId('user-email');
const connStatus = byId('connection-status');
const connLabel = byId('connection-label');
const loadError = byId('load-error');
const lastUpdate = byId('last-update');
const subtitle = byId('portfolio-subtitle');

const api = new ApiClient(() => signOut('Your session has expired. Please sign in again.'));
const portfolio = new PortfolioView(byId('portfolio-grid'), byId('portfolio-empty'), (id) => void openDetail(id));
const detail = new DetailPanel(byId('detail-panel'), byId('drawer-overlay'));
const summary = new SummaryView();
const alerts = new AlertsView(
  byId('alerts-list'),
  byId('alerts-empty'),
  byId('alerts-count'),
  (a) => describeContract(a.contractId),
  (id) => void openDetail(id),
);
let portfolioChart: PortfolioChart | null = null;

/** Full known history per contract (fetched, then extended live). */
const history = new Map<string, TrendPoint[]>();
const historyLoaded = new Set<string>();
let live: LiveConnection | null = null;
let loaded = false;
let pending: ScorecardView[] = [];
let pendingAlerts: AlertView[] | null = null;
let updates = 0;
/** Bumped on every sign-in/sign-out so late responses of an old session are ignored. */
let generation = 0;

// ---------------------------------------------------------------- helpers

function describeContract(contractId: string): string {
  const sc = portfolio.get(contractId);
  return sc ? `${sc.vendorName} · ${sc.contractName}` : `Contract ${contractId}`;
}

function toPoints(list: ScorePoint[]): TrendPoint[] {
  return list
    .map((p) => ({ x: toMillis(p.at), y: typeof p.score === 'number' ? p.score : null }))
    .filter((p): p is TrendPoint => p.x != null)
    .sort((a, b) => a.x - b.x);
}

function pointOf(sc: ScorecardView): TrendPoint {
  return { x: toMillis(sc.at) ?? toMillis(sc.updatedAt) ?? Date.now(), y: sc.score };
}

function setConnection(state: ConnectionState): void {
  connStatus.dataset.state = state;
  connLabel.textContent = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline' }[state];
  connStatus.title =
    state === 'live' ? 'Receiving live updates' : state === 'offline' ? 'Live updates stopped' : 'Trying to reach the live feed';
}

function refreshSummary(): void {
  summary.render(portfolio.scorecards, alerts.count);
}

function showBanner(message: string | null): void {
  loadError.hidden = !message;
  loadError.textContent = message ?? '';
}

// ---------------------------------------------------------------- views

function showLogin(message?: string): void {
  body.dataset.view = 'login';
  loginView.hidden = false;
  dashboardView.hidden = true;
  sessionBar.hidden = true;
  loginError.hidden = !message;
  loginError.textContent = message ?? '';
  loginSubmit.disabled = false;
  loginSubmit.textContent = 'Sign in';
  loginPassword.value = '';
  if (!loginEmail.value && session.email) loginEmail.value = session.email;
  (loginEmail.value ? loginPassword : loginEmail).focus();
}

/** The access token, renewed first when it has less than a minute left. */
async function freshToken(): Promise<string | null> {
  const left = session.expiresIn();
  if (left !== null && left < 60_000) await api.refresh();
  return session.token;
}

function signOut(message?: string): void {
  generation++;
  void api.logout();
  live?.close();
  live = null;
  if (!loginEmail.value && session.email) loginEmail.value = session.email;
  session.clear();
  detail.close();
  resetDashboard();
  showLogin(message);
}

function resetDashboard(): void {
  loaded = false;
  pending = [];
  history.clear();
  historyLoaded.clear();
  portfolio.setAll([]);
  alerts.reset();
  portfolioChart?.destroy();
  portfolioChart = null;
  updates = 0;
  body.dataset.updates = '0';
  showBanner(null);
}

async function startDashboard(): Promise<void> {
  const gen = ++generation;
  const token = session.token;
  if (!token) return showLogin();
  live?.close();
  live = null;
  detail.close();
  resetDashboard();
  body.dataset.view = 'loading';
  loginView.hidden = true;
  dashboardView.hidden = false;
  sessionBar.hidden = false;
  const role = session.claims()?.role;
  userEmail.textContent = session.email ?? '';
  userEmail.dataset.role = typeof role === 'string' ? role : '';
  portfolioChart = new PortfolioChart(byId<HTMLCanvasElement>('portfolio-chart'), PORTFOLIO_POINTS, (id) => void openDetail(id));

  // Connect first and buffer, so no update is lost between the REST snapshot and the socket.
  live = connectLive(freshToken, {
    onState: (s) => gen === generation && setConnection(s),
    onScorecard: (sc) => gen === generation && receiveScorecard(sc),
    onAlert: (a) => gen === generation && receiveAlert(a),
    onAuthError: () => gen === generation && signOut('Your session has expired. Please sign in again.'),
    onResync: () => gen === generation && void loadSnapshot(gen, !loaded),
  });
  await loadSnapshot(gen, true);
}

/** GET /scorecards (+ histories on first load); then applies buffered live updates. */
async function loadSnapshot(gen: number, withHistory: boolean): Promise<void> {
  let list: ScorecardView[];
  try {
    const [cards, recent] = await Promise.all([api.scorecards(), withHistory ? api.recentAlerts() : Promise.resolve(null)]);
    list = cards;
    if (gen !== generation) return;
    if (recent) pendingAlerts = recent;
  } catch (err) {
    if (gen !== generation || (err instanceof ApiError && err.status === 401)) return;
    showBanner(`Could not load scorecards: ${(err as Error).message}`);
    body.dataset.view = 'dashboard';
    return;
  }
  showBanner(null);
  if (withHistory) {
    portfolio.setAll(list);
  } else {
    // Resync after a reconnect: apply what changed while the socket was down.
    for (const sc of list) {
      const current = portfolio.get(sc.contractId);
      if (!current || (toMillis(sc.at) ?? 0) > (toMillis(current.at) ?? 0)) applyScorecard(sc);
    }
  }
  if (pendingAlerts) alerts.reset(pendingAlerts); // after the cards, so alerts can name their contract
  pendingAlerts = null;
  loaded = true;
  const buffered = pending;
  pending = [];
  for (const sc of buffered) applyScorecard(sc);
  subtitle.textContent = `${list.length} contract${list.length === 1 ? '' : 's'} · rolling ${list[0]?.window ?? '30d'} window · worst first`;
  refreshSummary();
  body.dataset.view = 'dashboard';
  if (withHistory)
    await loadHistories(
      gen,
      list.map((s) => s.contractId),
    );
}

async function loadHistories(gen: number, ids: string[]): Promise<void> {
  const queue = ids.slice();
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        const fetched = toPoints(await api.history(id));
        if (gen !== generation) return;
        mergeHistory(id, fetched);
      } catch (err) {
        if (gen !== generation || (err instanceof ApiError && err.status === 401)) return;
        mergeHistory(id, []);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(HISTORY_CONCURRENCY, ids.length) }, worker));
  if (gen !== generation || !portfolioChart) return;
  portfolioChart.setSeries(
    portfolio.scorecards.map((sc) => ({
      contractId: sc.contractId,
      label: `${sc.vendorName} · ${sc.contractName}`,
      short: sc.contractName,
      points: history.get(sc.contractId) ?? [],
    })),
  );
  body.dataset.historyLoaded = 'true';
}

/** Fetched history plus whatever arrived live while it was loading. */
function mergeHistory(contractId: string, fetched: TrendPoint[]): TrendPoint[] {
  const liveSoFar = history.get(contractId) ?? [];
  const merged = fetched.slice();
  for (const p of liveSoFar) addPoint(merged, p, Infinity);
  history.set(contractId, merged);
  historyLoaded.add(contractId);
  portfolio.setTrend(contractId, merged);
  return merged;
}

// ---------------------------------------------------------------- live events

function receiveScorecard(sc: ScorecardView): void {
  if (!sc || typeof sc.contractId !== 'string') return;
  updates++;
  body.dataset.updates = String(updates);
  lastUpdate.textContent = `Last update ${new Date().toLocaleTimeString()}`;
  if (!loaded) {
    pending.push(sc);
    return;
  }
  applyScorecard(sc);
}

function applyScorecard(sc: ScorecardView): void {
  try {
    applyScorecardUnsafe(sc);
  } catch (err) {
    // One malformed update must not stop the live view.
    console.error('Could not apply scorecard.updated', sc?.contractId, err);
  }
}

function applyScorecardUnsafe(sc: ScorecardView): void {
  const current = portfolio.get(sc.contractId);
  // Ignore an update older than what is shown (e.g. buffered before the snapshot).
  if (current && (toMillis(sc.at) ?? 0) < (toMillis(current.at) ?? 0)) return;
  portfolio.upsert(sc, true);
  const point = pointOf(sc);
  let points = history.get(sc.contractId);
  if (!points) history.set(sc.contractId, (points = []));
  addPoint(points, point, Infinity);
  portfolio.setTrend(sc.contractId, points);
  portfolioChart?.append(sc.contractId, `${sc.vendorName} · ${sc.contractName}`, sc.contractName, point);
  detail.update(sc, point);
  refreshSummary();
}

function receiveAlert(alert: AlertView): void {
  if (!alert || typeof alert.id !== 'string') return;
  try {
    alerts.prepend(alert);
    refreshSummary();
  } catch (err) {
    console.error('Could not show alert.raised', alert.id, err);
  }
}

// ---------------------------------------------------------------- detail

async function openDetail(contractId: string): Promise<void> {
  const sc = portfolio.get(contractId);
  if (!sc) return;
  const gen = generation;
  detail.open(sc, historyLoaded.has(contractId) ? (history.get(contractId) ?? []) : null);
  if (historyLoaded.has(contractId)) return;
  try {
    const merged = mergeHistory(contractId, toPoints(await api.history(contractId)));
    if (gen === generation && detail.contractId === contractId) detail.setHistory(merged);
  } catch (err) {
    if (gen === generation && detail.contractId === contractId) detail.showHistoryError((err as Error).message);
  }
}

// ---------------------------------------------------------------- wiring

async function submitLogin(ev: SubmitEvent): Promise<void> {
  ev.preventDefault();
  const email = loginEmail.value.trim();
  const password = loginPassword.value;
  if (!email || !password) {
    loginError.textContent = 'Enter your email and password.';
    loginError.hidden = false;
    return;
  }
  loginSubmit.disabled = true;
  loginSubmit.textContent = 'Signing in…';
  loginError.hidden = true;
  try {
    session.save(await api.login(email, password), email);
    loginPassword.value = '';
    await startDashboard();
  } catch (err) {
    loginError.textContent = err instanceof Error ? err.message : 'Sign-in failed.';
    loginError.hidden = false;
    loginPassword.select();
  } finally {
    loginSubmit.disabled = false;
    loginSubmit.textContent = 'Sign in';
  }
}

loginForm.addEventListener('submit', (ev) => void submitLogin(ev));

byId('sign-out').addEventListener('click', () => signOut());
byId('refresh').addEventListener('click', () => void startDashboard());

const filters = byId('band-filters');
filters.addEventListener('click', (ev) => {
  const btn = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-filter]');
  if (!btn) return;
  for (const b of filters.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === btn));
  portfolio.setFilter(btn.dataset.filter as BandFilter);
});

window.setInterval(() => {
  portfolio.tick();
  alerts.tick();
}, 10_000);
window.matchMedia?.(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener?.('change', () => portfolio.redrawSparklines());

body.dataset.updates = '0';
if (session.token && (!session.isExpired() || session.refreshToken)) void startDashboard();
else {
  if (session.token) session.clear();
  showLogin();
}
