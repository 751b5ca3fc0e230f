/** The web app's query keys and cache policy (ADR 0023): what is retried, what a key is, what a write does. */
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, NETWORK_ERROR, post } from '../api/client.ts';
import { apiKey, apiQuery, composedQuery, referenceQuery } from './queries.ts';
import { MAX_RETRIES, queryClient, REFERENCE_STALE_MS, shouldRetry } from './queryClient.ts';

describe('retry policy', () => {
  it.each([
    ['a lost connection', new ApiError(0, NETWORK_ERROR, 'offline')],
    ['a server error', new ApiError(503, 'UNAVAILABLE', 'down')],
    ['an answer that is not JSON', new ApiError(200, NETWORK_ERROR, 'not JSON')],
  ])('tries %s again, at most twice', (_, error) => {
    expect(shouldRetry(0, error)).toBe(true);
    expect(shouldRetry(MAX_RETRIES - 1, error)).toBe(true);
    expect(shouldRetry(MAX_RETRIES, error)).toBe(false);
  });

  it.each([
    ['a refusal (403)', new ApiError(403, 'FORBIDDEN', 'no')],
    ['a missing record (404)', new ApiError(404, 'NOT_FOUND', 'gone')],
    ['a signed-out session (401)', new ApiError(401, 'UNAUTHORIZED', 'signed out')],
    ['a 4xx that is not JSON', new ApiError(404, NETWORK_ERROR, 'proxy page')],
    ['a cancelled read', new DOMException('aborted', 'AbortError')],
    ["a page's own failure", new Error('invalid id')],
  ])('does not try %s again', (_, error) => {
    expect(shouldRetry(0, error)).toBe(false);
  });
});

describe('query keys', () => {
  it('names a read by its route path, its parameters and its query as sent', () => {
    expect(apiKey('/api/departments')).toEqual(['/api/departments']);
    expect(apiKey('/api/cases/:id', { id: 7 })).toEqual(['/api/cases/:id', { id: '7' }]);
    expect(apiKey('/api/enterprises', undefined, { page: 1, q: '', region: undefined, size: null })).toEqual([
      '/api/enterprises',
      { page: '1' },
    ]);
    // A query of empty values is the path alone, as its address is.
    expect(apiKey('/api/registry/stats', undefined, { region: undefined })).toEqual(['/api/registry/stats']);
  });

  it("makes a read's key and fetch from the same arguments", () => {
    const options = apiQuery('/api/policies/:id/benefits', {
      params: { id: 3 },
      query: { page: 2, pageSize: 20, status: undefined },
    });
    expect(options.queryKey).toEqual([
      '/api/policies/:id/benefits',
      { id: '3' },
      { page: '2', pageSize: '20' },
    ]);
    expect(referenceQuery('/api/departments', { anonymousOk: true })).toMatchObject({
      queryKey: ['/api/departments'],
      staleTime: REFERENCE_STALE_MS,
    });
    expect(composedQuery('stats-trail', ['', '3205', 'en'], async () => []).queryKey).toEqual([
      'stats-trail',
      '',
      '3205',
      'en',
    ]);
  });
});

describe('reads through the cache', () => {
  const fetches: string[] = [];
  beforeEach(() => {
    fetches.length = 0;
    vi.stubGlobal('window', {});
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        fetches.push(url);
        return new Response(JSON.stringify({ items: [], total: 0, page: 1, pageSize: 20 }), { status: 200 });
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    queryClient.clear();
  });

  it('asks for the address the client builds, once for two readers of the same request', async () => {
    const client = new QueryClient();
    const query = { page: 1, pageSize: 20, sort: undefined };
    const [first, second] = await Promise.all([
      client.fetchQuery(apiQuery('/api/enterprises', { query })),
      client.fetchQuery(apiQuery('/api/enterprises', { query: { pageSize: 20, page: 1 } })),
    ]);
    expect(first).toEqual(second);
    expect(fetches).toEqual([buildUrl('/api/enterprises', query)]);
    expect(fetches).toEqual(['/api/enterprises?page=1&pageSize=20']);
  });

  it('after a write forgets the answers no page shows and marks the rest stale, without asking again', async () => {
    const shown = apiQuery('/api/enterprises', { query: { page: 1 } });
    const observer = new QueryObserver(queryClient, shown);
    const unsubscribe = observer.subscribe(() => undefined);
    await queryClient.fetchQuery(shown);
    await queryClient.fetchQuery(referenceQuery('/api/departments'));
    await queryClient.fetchQuery(apiQuery('/api/policies'));
    const reference = referenceQuery('/api/departments').queryKey;
    expect(queryClient.getQueryState(reference)?.isInvalidated).toBe(false);
    const before = fetches.length;
    await post('/api/auth/password', { body: { currentPassword: 'a', newPassword: 'b' } });
    // Shown: kept, stale. Reference data: kept, stale. Another answer no page shows: gone (a page opened next asks).
    expect(queryClient.getQueryState(shown.queryKey)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(reference)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(apiQuery('/api/policies').queryKey)).toBeUndefined();
    expect(fetches.slice(before)).toEqual(['/api/auth/password']);
    unsubscribe();
  });
});
