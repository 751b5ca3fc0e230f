/**
 * The web app's one query cache (TanStack Query, ADR 0023): what is retried, how long an answer counts as fresh,
 * and what a write or a sign-out does to the answers kept.
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiError, NETWORK_ERROR, setMutationListener } from '../api/client.ts';

/** Retries of a failed read at most (so at most three requests). */
export const MAX_RETRIES = 2;
/** How long an answer counts as fresh: a page opened again within it shows it without asking again. */
export const STALE_MS = 30_000;
/** The same for reference data that hardly changes (departments, the rule vocabulary, regions, …). */
export const REFERENCE_STALE_MS = 10 * 60_000;

/**
 * Whether a failed read is tried again after `failureCount` failures: only a lost connection (status 0, or an answer
 * that is not JSON) and a server error (5xx), at most MAX_RETRIES times. A refusal (4xx) would be refused again, and a
 * cancelled read (AbortError) or any other failure (a page's own check) is final.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  if (!(error instanceof ApiError)) return false;
  if (error.status >= 400 && error.status < 500) return false;
  return error.status === 0 || error.status >= 500 || error.code === NETWORK_ERROR;
}

/** A new cache with the app's defaults (one per app; tests make their own). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        staleTime: STALE_MS,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** The app's cache, provided at its root (App.tsx). */
export const queryClient = createQueryClient();

/**
 * What a successful write does to the answers kept: it may have changed any of them. An answer no page shows now is
 * forgotten, so a page opened next shows what is true rather than what was (a report version the write superseded
 * still reading 已发布 until asked again); reference data (fresh for REFERENCE_STALE_MS) is kept, marked stale. The
 * answers shown are marked stale and not asked again now: the page that wrote reloads what it shows, the others
 * when next shown.
 */
export function afterWrite(client: QueryClient): void {
  const cache = client.getQueryCache();
  for (const query of cache.findAll({ type: 'inactive' })) {
    const staleTime = (query.options as { staleTime?: unknown }).staleTime;
    if (staleTime !== REFERENCE_STALE_MS) cache.remove(query);
  }
  void client.invalidateQueries({ refetchType: 'none' });
}

setMutationListener(() => afterWrite(queryClient));

/** Forgets every answer (sign-out, a session gone): nothing one user saw is shown to the next. */
export function forgetAnswers(): void {
  queryClient.clear();
}
