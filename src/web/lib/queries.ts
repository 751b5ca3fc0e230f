/**
 * Reads of the API as TanStack queries (ADR 0023). A read's key names the request: its route path as in
 * endpoints.ts, then its path parameters and its query as sent (empty values left out, values as text), so the same
 * request from two components is one fetch and one cache entry. `apiQuery` makes the key and the fetch from the same
 * arguments, so they cannot drift apart; `composedQuery` does the same for a fetch made of several calls.
 */
import {
  keepPreviousData,
  type QueryKey,
  queryOptions,
  type UseQueryOptions,
  useQuery,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import { type CallArgs, type CallOptions, get, type RequestOptions, type RouteOf } from '../api/client.ts';
import type { ApiRoutes } from '../api/endpoints.ts';
import { REFERENCE_STALE_MS } from './queryClient.ts';

/** The paths of the API's reads. */
export type ReadPath = keyof ApiRoutes['GET'] & string;

/** Values as text, empty ones (undefined, null, '') left out as buildUrl leaves them out; undefined when none is left. */
function asSent(values: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (!values) return undefined;
  const kept = Object.entries(values).filter(
    ([, value]) => value !== undefined && value !== null && value !== '',
  );
  return kept.length ? Object.fromEntries(kept.map(([name, value]) => [name, String(value)])) : undefined;
}

/** The key of a read: `[path, params?, query?]`, each present only when it has a value. */
export function apiKey(
  path: string,
  params?: Record<string, string | number>,
  query?: RequestOptions['query'],
): QueryKey {
  const key: unknown[] = [path];
  const sentParams = asSent(params);
  if (sentParams) key.push(sentParams);
  const sentQuery = asSent(query);
  if (sentQuery) key.push(sentQuery);
  return key;
}

/**
 * A read of a route as query options: `apiQuery('/api/enterprises', { query })` — the key (apiKey) and the fetch
 * (`get`, cancelled with the query) from the same arguments.
 */
export function apiQuery<P extends ReadPath>(
  path: P,
  ...[options]: CallArgs<CallOptions<P, RouteOf<'GET', P>>>
) {
  const { params, query } = (options ?? {}) as {
    params?: Record<string, string | number>;
    query?: RequestOptions['query'];
  };
  const call = get as (path: P, options: object) => Promise<RouteOf<'GET', P>['response']>;
  return queryOptions({
    queryKey: apiKey(path, params, query),
    queryFn: ({ signal }) => call(path, { ...options, signal }),
  });
}

/** A read of reference data (departments, regions, the rule vocabulary, …): fresh for 10 minutes. */
export function referenceQuery<P extends ReadPath>(
  path: P,
  ...args: CallArgs<CallOptions<P, RouteOf<'GET', P>>>
) {
  return queryOptions({ ...apiQuery(path, ...args), staleTime: REFERENCE_STALE_MS });
}

/**
 * A fetch of several calls (a page's counters, a breadcrumb's regions) as query options: its key is `name` followed
 * by every input the fetch reads — pass all of them.
 */
export function composedQuery<T>(
  name: string,
  inputs: readonly unknown[],
  fetch: (signal: AbortSignal) => Promise<T>,
) {
  const queryKey: QueryKey = [name, ...inputs];
  return queryOptions({ queryKey, queryFn: ({ signal }) => fetch(signal) });
}

/** What a page reads of a query. */
export interface ApiState<T> {
  data: T | undefined;
  error: Error | undefined;
  /** True while there is no answer for the current key (data, if any, is the previous key's). */
  loading: boolean;
  /** Asks again (after the page changed something). */
  reload: () => void;
}

/**
 * A query as pages read it. `keepPrevious`: while a new key (another page of a list, another filter) loads, the
 * previous key's data stays shown (with `loading` true).
 */
export function useApiQuery<T>(
  options: UseQueryOptions<T, Error, T, QueryKey>,
  { keepPrevious = false }: { keepPrevious?: boolean } = {},
): ApiState<T> {
  const result = useQuery(keepPrevious ? { ...options, placeholderData: keepPreviousData } : options);
  const { refetch } = result;
  const reload = useCallback(() => void refetch(), [refetch]);
  return {
    data: result.data,
    error: result.error ?? undefined,
    loading: result.isLoading || (result.isPlaceholderData && result.isFetching),
    reload,
  };
}

/** A read that cannot be made (an address without a valid id): it fails at once with `error`, and is not retried. */
export function refusedQuery<T>(inputs: readonly unknown[], error: Error) {
  const queryKey: QueryKey = ['refused', ...inputs];
  return queryOptions<T>({ queryKey, queryFn: () => Promise.reject(error) });
}
