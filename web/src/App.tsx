import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { SessionProvider, useSession } from './auth';
import { HeaderSearch } from './pages/search/HeaderSearch';
import { HomePage } from './pages/home/HomePage';
import { CustomerPage } from './pages/customer/CustomerPage';
import { EngineerPage } from './pages/engineer/EngineerPage';
import { AttentionPage } from './pages/attention/AttentionPage';
import { HandoffNewPage } from './pages/handoff/HandoffNewPage';
import { HandoffPage } from './pages/handoff/HandoffPage';
import { HistoryPage } from './pages/history/HistoryPage';
import { SignInPage } from './pages/signin/SignInPage';
import { TIME_ZONES, getTimeZone } from './lib/format';

const GraphiQLPage = lazy(() => import('./pages/graphiql/GraphiQLPage'));

function Header() {
  const { t, i18n } = useTranslation();
  const { viewer, token } = useSession();
  return (
    <header className="top no-print">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <Link to="/" className="brand">
        {t('app.name')}
      </Link>
      <HeaderSearch />
      <nav aria-label="Main">
        <Link to="/attention">{t('nav.attention')}</Link>
        {viewer?.mayWrite && <Link to="/handoffs/new">{t('nav.handoff')}</Link>}
        <a href="/graphiql">{t('nav.graphiql')}</a>
        <Link to="/signin" data-testid="who">
          {viewer?.authenticated
            ? `${viewer.actor} · ${viewer.roles.join(', ')}`
            : token
              ? t('nav.signIn')
              : viewer
                ? 'local-dev'
                : t('nav.signIn')}
        </Link>
      </nav>
      <label className="lang">
        <span className="sr-only">{t('app.language')}</span>
        <select
          value={i18n.language}
          onChange={(e) => {
            localStorage.setItem('rapport.lang', e.target.value);
            void i18n.changeLanguage(e.target.value);
          }}
        >
          <option value="en">English</option>
          <option value="zh">中文</option>
        </select>
      </label>
      <label className="lang">
        <span className="sr-only">{t('app.timezone')}</span>
        <select
          value={getTimeZone()}
          onChange={(e) => {
            localStorage.setItem('rapport.tz', e.target.value);
            window.location.reload();
          }}
        >
          {[...new Set([getTimeZone(), ...TIME_ZONES])].map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}

/** The routes: their element is made once, so that a change of session (the viewer's answer arriving
 * after the page's) re-renders only what reads the session, not the page under it. */
function Pages() {
  const { needsSignIn } = useSession();
  const location = useLocation();
  const routes = useMemo(() => <AppRoutes />, []);
  if (needsSignIn && location.pathname !== '/signin' && location.pathname !== '/graphiql') {
    return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return routes;
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<HomePage />} />
      <Route path="/customers/:id" element={<CustomerPage />} />
      <Route path="/engineers/:id" element={<EngineerPage />} />
      <Route path="/attention" element={<AttentionPage />} />
      <Route path="/handoffs/new" element={<HandoffNewPage />} />
      <Route path="/handoffs/:id" element={<HandoffPage />} />
      <Route path="/handoffs/:id/print" element={<HandoffPage print />} />
      <Route path="/history/:id" element={<HistoryPage />} />
      <Route path="/signin" element={<SignInPage />} />
      <Route
        path="/graphiql"
        element={
          <Suspense fallback={<p>…</p>}>
            <GraphiQLPage />
          </Suspense>
        }
      />
      <Route path="*" element={<p>404</p>} />
    </Routes>
  );
}

export function App() {
  const location = useLocation();
  const bare = location.pathname === '/graphiql';
  return (
    <SessionProvider>
      {!bare && <Header />}
      <main id="main" className={bare ? 'bare' : undefined}>
        <Pages />
      </main>
    </SessionProvider>
  );
}
