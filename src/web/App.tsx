/**
 * Routes of the web app, built from the page table (routes.ts). Pages are loaded on demand; the signed-in area is
 * guarded by the role table (nav.ts).
 */
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { SessionProvider } from './auth/SessionProvider.tsx';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import { AppLayout, RequireAuth, RoleGate } from './layouts/AppLayout.tsx';
import { PublicLayout } from './layouts/PublicLayout.tsx';
import { NotFoundPage } from './pages/ErrorPages.tsx';
import { APP_ROUTES, type PageRoute, PUBLIC_ROUTES } from './routes.ts';

/** Every page module (…Page.tsx, and the landing page), loaded when first shown: each is its own chunk. */
const pageModules = import.meta.glob<Record<string, ComponentType>>([
  './pages/**/*Page.tsx',
  './pages/PublicHome.tsx',
]);

const pages = new Map<string, LazyExoticComponent<ComponentType>>();
/** The page of a route, as a lazy component (one per module). */
function pageOf(route: PageRoute): LazyExoticComponent<ComponentType> {
  let page = pages.get(route.page);
  if (!page) {
    const load = pageModules[`./pages/${route.page}.tsx`];
    if (!load) throw new Error(`routes.ts names a page that does not exist: pages/${route.page}.tsx`);
    const exportName = route.exportName ?? 'default';
    page = lazy(() =>
      load().then((module) => {
        const component = module[exportName];
        if (!component) throw new Error(`pages/${route.page}.tsx has no export ${exportName}`);
        return { default: component };
      }),
    );
    pages.set(route.page, page);
  }
  return page;
}

function routeElement(route: PageRoute) {
  const Page = pageOf(route);
  return route.gate ? (
    <RoleGate page={route.gate}>
      <Page />
    </RoleGate>
  ) : (
    <Page />
  );
}

export function App() {
  return (
    <BrowserRouter>
      <I18nProvider>
        <SessionProvider>
          <Routes>
            <Route element={<PublicLayout />}>
              {PUBLIC_ROUTES.map((route) =>
                route.path ? (
                  <Route key={route.path} path={route.path} element={routeElement(route)} />
                ) : (
                  <Route key="index" index element={routeElement(route)} />
                ),
              )}
              <Route path="*" element={<NotFoundPage />} />
            </Route>
            <Route
              path="app"
              element={
                <RequireAuth>
                  <AppLayout />
                </RequireAuth>
              }
            >
              {APP_ROUTES.map((route) =>
                route.path ? (
                  <Route key={route.path} path={route.path} element={routeElement(route)} />
                ) : (
                  <Route key="index" index element={routeElement(route)} />
                ),
              )}
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </SessionProvider>
      </I18nProvider>
    </BrowserRouter>
  );
}
