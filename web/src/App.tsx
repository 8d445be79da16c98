import { Suspense, useEffect } from 'react';
import { useT } from './i18n';
import { Login } from './pages/Login';
import { matchPath, navigate, useLocation } from './router';
import { PortalApp, STAFF_ROUTES } from './routes';
import { useSession } from './session';
import { Layout } from './shell/Layout';
import { Notice } from './ui/forms';
import { workspacesFor } from './workspaces';

function Loading() {
  const t = useT();
  return (
    <p className="muted page-loading" role="status">
      {t('app.loading')}
    </p>
  );
}

function StaffApp() {
  const t = useT();
  const { user } = useSession();
  const { path } = useLocation();
  const home = user ? (workspacesFor(user.roles)[0]?.path ?? null) : null;

  useEffect(() => {
    if (user && (path === '/' || path === '/login') && home) navigate(home, { replace: true });
  }, [user, path, home]);

  if (user === undefined) return <Loading />;
  if (user === null) return <Login />;

  for (const route of STAFF_ROUTES) {
    const params = matchPath(route.pattern, path);
    if (!params) continue;
    const allowed = route.roles.some((role) => user.roles.includes(role));
    const Page = route.page;
    return (
      <Layout>
        {allowed ? (
          <Suspense fallback={<Loading />}>
            <Page params={params} />
          </Suspense>
        ) : (
          <Notice kind="error">{t('app.forbidden')}</Notice>
        )}
      </Layout>
    );
  }
  return (
    <Layout>
      {path === '/' && !home ? null : <Notice kind="error">{t('app.notFound')}</Notice>}
    </Layout>
  );
}

export function App() {
  const { path } = useLocation();
  if (path === '/portal' || path.startsWith('/portal/'))
    return (
      <Suspense fallback={<Loading />}>
        <PortalApp />
      </Suspense>
    );
  return <StaffApp />;
}
