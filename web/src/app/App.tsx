// The workbench put together: session → language and theme → router. Signed out, every path leads to the
// login page (and back after login); signed in, the pages of app/pages.ts inside the layout.
import { lazy, Suspense, useEffect, useMemo, type ComponentType } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { I18nProvider, useI18n } from '../i18n';
import { SessionProvider, useSession } from './session';
import { themeFor } from './theme';
import { PAGES } from './pages';
import type { PageEntry } from './page-entry';
import { AppLayout } from './AppLayout';
import { Loading, PageError } from '../components/PageState';
import { ErrorBoundary } from '../components/ErrorBoundary';
import LoginPage from '../pages/LoginPage';
import NotFoundPage from '../pages/NotFoundPage';

export function App() {
  return (
    <SessionProvider>
      <Themed />
    </SessionProvider>
  );
}

function Themed() {
  const { locale, elderlyMode } = useSession();
  const theme = useMemo(() => themeFor(elderlyMode), [elderlyMode]);
  useEffect(() => {
    dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
    document.documentElement.lang = locale;
    document.documentElement.classList.toggle('sn-elderly', elderlyMode);
  }, [locale, elderlyMode]);
  return (
    <I18nProvider locale={locale}>
      <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
        <AntApp className="sn-app">
          <ErrorBoundary>
            <BrowserRouter>
              <Gate />
            </BrowserRouter>
          </ErrorBoundary>
        </AntApp>
      </ConfigProvider>
    </I18nProvider>
  );
}

const LAZY = new Map<PageEntry, ComponentType>(PAGES.map((p) => [p, lazy(p.load)]));
const PUBLIC_PAGES = PAGES.filter((p) => p.public);

function Gate() {
  const session = useSession();
  const { t } = useI18n();
  const location = useLocation();
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  // A public page (a citizen's) needs no session and shows without the workbench around it.
  const publicPage = PUBLIC_PAGES.find((p) => `/${p.path}` === location.pathname);
  if (publicPage) return <Guarded entry={publicPage} />;
  if (session.state.status === 'loading') return <Loading />;
  if (session.state.status === 'failed') {
    return <PageError error={session.state.error} onRetry={session.retry} title={t('state.startFailed')} />;
  }
  if (session.state.status === 'anonymous') {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage expired={session.state.expired} />} />
        <Route path="*" element={<Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />} />
      </Routes>
    );
  }
  const from = (location.state as { from?: string } | null)?.from;
  return (
    <Routes>
      <Route path="/login" element={<Navigate to={from && from !== '/login' ? from : '/'} replace />} />
      <Route element={<AppLayout pages={PAGES} />}>
        {PAGES.map((p) => (
          <Route key={p.path} path={`/${p.path}`} element={<Guarded entry={p} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function Guarded({ entry }: { entry: PageEntry }) {
  const { can } = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  if (entry.permission && !can(entry.permission)) {
    return <Result status="403" title={t('state.forbidden')} subTitle={t('state.forbiddenDetail')} extra={<Button onClick={() => navigate('/')}>{t('action.home')}</Button>} />;
  }
  const Page = LAZY.get(entry)!;
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}
