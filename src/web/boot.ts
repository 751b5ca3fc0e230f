/**
 * The first script the shell runs (the server names it first in every shell it sends, ADR 0017): it starts the
 * session probe and the first reads of the page at this address (routes.ts, `early`) while the app's code is still
 * loading; the API client then takes those answers instead of asking again (api/early.ts). The build makes it one
 * small classic script of its own (vite.config.ts), so it runs the moment it arrives.
 */

import { matchRoute } from '../shared/route-pattern.ts';
import { appStarted, startEarly } from './api/early.ts';
import { storedRole } from './auth/storedRole.ts';
import { storedLocale } from './i18n/storedLocale.ts';
import { canOpen } from './roleAccess.ts';
import { allRoutes, SESSION_PROBE } from './routes.ts';

// Arriving after the app's code has started (a slow fetch of this file), it leaves the app's requests to the app.
if (!appStarted()) {
  const language = storedLocale();
  startEarly(SESSION_PROBE, language);
  const page = matchRoute(allRoutes(), window.location.pathname);
  // A signed-in page's reads only for the role this browser last signed in as, when it may open the page: a visitor
  // or another role would only be refused (the app shows the login or 'no access' instead).
  const role = storedRole();
  const signedInArea = page?.path === '/app' || page?.path.startsWith('/app/');
  const mayRead = !signedInArea || (role !== null && (!page?.route.gate || canOpen(role, page.route.gate)));
  if (mayRead)
    for (const url of page?.route.early?.(new URLSearchParams(window.location.search)) ?? [])
      startEarly(url, language);
}
