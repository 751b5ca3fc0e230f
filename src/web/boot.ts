/**
 * The first script the shell runs (the server names it first in every shell it sends, ADR 0017): it starts the
 * session probe and the first reads of the page at this address (routes.ts, `early`) while the app's code is still
 * loading; the API client then takes those answers instead of asking again (api/early.ts). The build makes it one
 * small classic script of its own (vite.config.ts), so it runs the moment it arrives.
 */

import { matchRoute } from '../shared/route-pattern.ts';
import { appStarted, startEarly } from './api/early.ts';
import { storedLocale } from './i18n/storedLocale.ts';
import { allRoutes, SESSION_PROBE } from './routes.ts';

// Arriving after the app's code has started (a slow fetch of this file), it leaves the app's requests to the app.
if (!appStarted()) {
  const language = storedLocale();
  startEarly(SESSION_PROBE, language);
  const page = matchRoute(allRoutes(), window.location.pathname);
  for (const url of page?.route.early?.(new URLSearchParams(window.location.search)) ?? [])
    startEarly(url, language);
}
