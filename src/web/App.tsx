/**
 * Routes of the web app, built from the page table (routes.ts). Pages are loaded on demand; the signed-in area is
 * guarded by the role table (nav.ts).
 */

import { QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { matchRoute } from '../shared/route-pattern.ts';
import { SessionProvider } from './auth/SessionProvider.tsx';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import { AppLayout, RequireAuth, RoleGate } from './layouts/AppLayout.tsx';
import { PublicLayout } from './layouts/PublicLayout.tsx';
import { queryClient } from './lib/queryClient.ts';
import { NotFoundPage } from './pages/ErrorPages.tsx';
import { APP_ROUTES, allRoutes, type PageRoute, PUBLIC_ROUTES } from './routes.ts';

/** Every page module (…Page.tsx, and the landing page), loaded when first shown: each is its own chunk. */
const pageModules = import.meta.glob<Record<string, ComponentType>>([
  './pages/**/*Page.tsx',
  './pages/PublicHome.tsx',
]);

/** Page components already loaded, and loads under way, by module. */
const loadedPages = new Map<string, ComponentType>();
const loadingPages = new Map<string, Promise<ComponentType>>();

/** Loads a route's page module (once). */
function loadPage(route: PageRoute): Promise<ComponentType> {
  let loading = loadingPages.get(route.page);
  if (!loading) {
    const load = pageModules[`./pages/${route.page}.tsx`];
    if (!load) throw new Error(`routes.ts names a page that does not exist: pages/${route.page}.tsx`);
    const exportName = route.exportName ?? 'default';
    loading = load().then((module) => {
      const component = module[exportName];
      if (!component) throw new Error(`pages/${route.page}.tsx has no export ${exportName}`);
      loadedPages.set(route.page, component);
      return component;
    });
    // A failed load (a lost connection) is tried again the next time the page is shown.
    loading.catch(() => loadingPages.delete(route.page));
    loadingPages.set(route.page, loading);
  }
  return loading;
}

const pages = new Map<string, LazyExoticComponent<ComponentType>>();
/**
 * The page of a route, as a lazy component (one per module). A page already loaded is handed over at once (a
 * thenable that answers synchronously), so it renders without a pass through the spinner.
 */
function pageOf(route: PageRoute): LazyExoticComponent<ComponentType> {
  let page = pages.get(route.page);
  if (!page) {
    page = lazy(() => {
      const component = loadedPages.get(route.page);
      if (component)
        return {
          // biome-ignore lint/suspicious/noThenProperty: a thenable React.lazy reads synchronously
          then: (resolve: (module: { default: ComponentType }) => void) => resolve({ default: component }),
        } as unknown as Promise<{ default: ComponentType }>;
      return loadPage(route).then((loaded) => ({ default: loaded }));
    });
    pages.set(route.page, page);
  }
  return page;
}

/**
 * Loads the page at this address, if any, as the app starts (its chunks are already on their way, named in the
 * shell), not once the session probe has answered. main.tsx renders once it is loaded: a first render that suspended
 * on it would show the spinner, and React reveals a suspended boundary's content no sooner than 300 ms after its
 * fallback (ADR 0017). Settles when loaded, when the load failed (the page's own error shows then) or after
 * `waitAtMostMs`, whichever is first.
 */
export function loadFirstPage(waitAtMostMs: number): Promise<void> {
  const first = matchRoute(allRoutes(), window.location.pathname);
  if (!first) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, waitAtMostMs);
    loadPage(first.route)
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(timer);
        resolve();
      });
  });
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
    <QueryClientProvider client={queryClient}>
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
    </QueryClientProvider>
  );
}
