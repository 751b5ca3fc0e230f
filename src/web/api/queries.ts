/**
 * Reading the API in components, with TanStack Query (ADR 0023). A read is named by its route and what fills it:
 * `useApiQuery('/api/cases/:id', { params: { id } })` makes the same typed call as `get('/api/cases/:id', …)` and
 * keys its cache entry by that path and those options (`queryKeyOf`), so a key cannot drift from the call it stands
 * for. After an action, `useInvalidate()` marks the reads the action changed, by route or by route and parameters:
 * those on screen load again at once, the others when they are next shown.
 */
import {
  keepPreviousData,
  QueryClient,
  type QueryKey,
  queryOptions,
  type UseQueryResult,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { isRetryable } from '../lib/errors.ts';
import { ApiError, type CallArgs, pathOf, type ReadOptions, request } from './client.ts';
import type { GetRoutes } from './endpoints.ts';

/** A route read with GET (endpoints.ts). */
export type ReadPath = keyof GetRoutes & string;
/** What a read of a route answers. */
export type ReadResult<P extends ReadPath> = GetRoutes[P]['response'];
/** A read in a component: `data` (the last answer kept while the next loads), `error`, `isFetching`, `refetch`. */
export type ApiQuery<T> = UseQueryResult<T, Error>;

/**
 * Reference data: regions (GB/T 2260), industries (GB/T 4754), departments, the rule vocabulary and the payment
 * rules change with a release or a reference import, not while someone works: read once, kept for an hour.
 */
export const REFERENCE_PATHS = [
  '/api/regions',
  '/api/regions/:code',
  '/api/industries',
  '/api/departments',
  '/api/public/policy-vocabulary',
  '/api/public/payments/rules',
] as const satisfies readonly ReadPath[];
export const REFERENCE_STALE_MS = 60 * 60_000;
/**
 * Lists and records change through other people's work (a queue, a policy, an enterprise): stale at once, so a page
 * asks again whenever it is shown, as it always did; what it showed last appears meanwhile, and components that ask
 * for the same address at the same time share one request.
 */
export const LIVE_STALE_MS = 0;
/** A read that failed for want of the server (no answer, or a 5xx) is tried this many more times. */
export const MAX_RETRIES = 2;

/**
 * Whether a failed read is tried again: only when the server could not be reached (status 0) or failed (5xx), at
 * most MAX_RETRIES times. A refusal (4xx: not signed in, not allowed, not found, invalid) answers the same again,
 * so it shows at once; 401 also hands over to the sign-in (client.ts).
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_RETRIES && error instanceof ApiError && isRetryable(error);
}

/**
 * The app's query cache with its defaults: retries as `shouldRetry` says; fresh for LIVE_STALE_MS, reference data for
 * REFERENCE_STALE_MS; no read again when the window regains focus (forms are filled from loaded records: an answer
 * arriving under the user's hands would change what they edit; each page has its reload button, and an action
 * invalidates what it changed).
 */
export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        staleTime: LIVE_STALE_MS,
        refetchOnWindowFocus: false,
      },
    },
  });
  for (const path of REFERENCE_PATHS)
    client.setQueryDefaults([path], { staleTime: REFERENCE_STALE_MS, gcTime: REFERENCE_STALE_MS });
  return client;
}

/** The app's query cache (App.tsx provides it; loaders outside components, such as loadIndustries, use it too). */
export const queryClient = createQueryClient();

/** Values as the address carries them: strings, empty ones left out (as `buildUrl` leaves them out). */
function asInAddress(values: Record<string, unknown> | undefined): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(values ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    kept[name] = String(value);
  }
  return kept;
}

/**
 * The cache key of a read: its route's path, its path parameters, its query, as the address carries them, so two
 * reads share an entry exactly when they ask for the same address:
 * `queryKeyOf('/api/cases/:id', { params: { id: 7 } })` → `['/api/cases/:id', { id: '7' }, {}]`.
 */
export function queryKeyOf<P extends ReadPath>(path: P, ...[options]: CallArgs<ReadOptions<P>>): QueryKey {
  const { params, query } = (options ?? {}) as {
    params?: Record<string, unknown>;
    query?: Record<string, unknown>;
  };
  return [path, asInAddress(params), asInAddress(query)];
}

/**
 * The start of the keys of a route's reads, narrowed by some of its path parameters: what an invalidation matches.
 * `routeKey('/api/cases/:id', { id: 7 })` matches that case's read; `routeKey('/api/cases')` every queue page.
 */
export function routeKey(path: ReadPath, params?: Record<string, string | number>): QueryKey {
  return params ? [path, asInAddress(params)] : [path];
}

/** A read as query options (key and call), for `useQuery`, `fetchQuery` and `ensureQueryData`. */
export function readQuery<P extends ReadPath>(path: P, ...[options]: CallArgs<ReadOptions<P>>) {
  const { params, ...rest } = (options ?? {}) as ReadOptions<P> & {
    params?: Record<string, string | number>;
  };
  return queryOptions({
    queryKey: queryKeyOf(path, ...([options] as CallArgs<ReadOptions<P>>)),
    queryFn: ({ signal }) => request<ReadResult<P>>('GET', pathOf(path, params), { ...rest, signal }),
  });
}

/** What a component may change in a read beyond its address. */
export interface ReadTuning {
  /** False: do not read (yet), e.g. while an id is not known or not valid. */
  enabled?: boolean;
}

/** A read's options (left out when nothing in them is required), then its tuning. */
type QueryArgs<P extends ReadPath> = [...CallArgs<ReadOptions<P>>, tuning?: ReadTuning];

/**
 * Reads a route in a component: loaded on mount and whenever the path's parameters or query change, the last answer
 * kept while the next one loads, the request aborted when nobody needs it any more.
 */
export function useApiQuery<P extends ReadPath>(
  path: P,
  ...[options, tuning]: QueryArgs<P>
): ApiQuery<ReadResult<P>> {
  return useQuery({
    ...readQuery(path, ...([options] as CallArgs<ReadOptions<P>>)),
    placeholderData: keepPreviousData,
    ...tuning,
  }) as ApiQuery<ReadResult<P>>;
}

/**
 * Asks a read again when `version` changes after the first render: for a read that follows a record shown beside it
 * (a case's attachments follow the case's version, a policy's preview its saved draft).
 */
export function useRefetchOn(query: Pick<ApiQuery<unknown>, 'refetch'>, version: unknown): void {
  const { refetch } = query;
  const shownFor = useRef(version);
  useEffect(() => {
    if (Object.is(shownFor.current, version)) return;
    shownFor.current = version;
    void refetch();
  }, [version, refetch]);
}

/**
 * After an action, the reads of a route (or of a route with these parameters) that it changed: those on screen load
 * again (showing what they had meanwhile), the others are dropped, so a page opened later never shows the state
 * from before the action.
 */
export function invalidateReads(
  client: QueryClient,
  path: ReadPath,
  params?: Record<string, string | number>,
): Promise<void> {
  const queryKey = routeKey(path, params);
  client.removeQueries({ queryKey, type: 'inactive' });
  return client.invalidateQueries({ queryKey });
}

/** `invalidateReads` with the app's query cache, for a component's actions. */
export function useInvalidate(): (path: ReadPath, params?: Record<string, string | number>) => Promise<void> {
  const client = useQueryClient();
  return useCallback((path, params) => invalidateReads(client, path, params), [client]);
}
