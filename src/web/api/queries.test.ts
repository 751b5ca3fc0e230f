/** The web app's query cache: which failed reads are tried again, how reads are keyed, what stays fresh. */
import { hashKey } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client.ts';
import {
  createQueryClient,
  invalidateReads,
  LIVE_STALE_MS,
  MAX_RETRIES,
  queryKeyOf,
  readQuery,
  shouldRetry,
} from './queries.ts';

/** The addresses fetched, and the answers given in turn (an Error: the network failed). */
function stubFetch(...answers: (Error | { status: number; body?: unknown })[]): string[] {
  const fetched: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      fetched.push(url);
      const answer = answers[Math.min(fetched.length, answers.length) - 1];
      if (!answer || answer instanceof Error) throw answer ?? new Error('no answer');
      return new Response(JSON.stringify(answer.body ?? { code: 'X', message: 'refused' }), {
        status: answer.status,
      });
    }),
  );
  return fetched;
}

/**
 * Runs a fetch through the app's client, its retry delays (1 s, 2 s) passed at once: 10 s of fake time, short of
 * the time an unused entry is kept (its garbage collection would run too with all timers).
 */
async function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  const result = Promise.allSettled([promise]);
  await vi.advanceTimersByTimeAsync(10_000);
  return (await result)[0] as PromiseSettledResult<T>;
}

describe('which failed reads are tried again', () => {
  it.each([400, 401, 403, 404, 409, 422])('never a refusal: HTTP %i', (status) => {
    expect(shouldRetry(0, new ApiError(status, 'REFUSED', 'refused'))).toBe(false);
  });

  it.each([0, 500, 502, 503])('a network failure or a server error (HTTP %i)', (status) => {
    expect(shouldRetry(0, new ApiError(status, 'NETWORK_ERROR', 'failed'))).toBe(true);
  });

  it('no more than MAX_RETRIES times', () => {
    const failure = new ApiError(503, 'UNAVAILABLE', 'down');
    expect(shouldRetry(MAX_RETRIES - 1, failure)).toBe(true);
    expect(shouldRetry(MAX_RETRIES, failure)).toBe(false);
  });

  it('not an abort or a failure of the page itself', () => {
    expect(shouldRetry(0, new DOMException('aborted', 'AbortError'))).toBe(false);
    expect(shouldRetry(0, new TypeError('x is undefined'))).toBe(false);
  });
});

describe('the query client with its defaults', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', {});
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('answers a read that failed on the network once, from the second try', async () => {
    const fetched = stubFetch(new TypeError('Failed to fetch'), { status: 200, body: { id: 7 } });
    const client = createQueryClient();
    const result = await settle(client.fetchQuery(readQuery('/api/cases/:id', { params: { id: 7 } })));
    expect(result).toEqual({ status: 'fulfilled', value: { id: 7 } });
    expect(fetched).toEqual(['/api/cases/7', '/api/cases/7']);
  });

  it('gives up on a failing server after MAX_RETRIES more tries, with its error', async () => {
    const fetched = stubFetch({ status: 503, body: { code: 'UNAVAILABLE', message: 'down' } });
    const client = createQueryClient();
    const result = await settle(client.fetchQuery(readQuery('/api/cases/:id', { params: { id: 7 } })));
    expect(result.status).toBe('rejected');
    expect((result as PromiseRejectedResult).reason).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(fetched).toHaveLength(1 + MAX_RETRIES);
  });

  it.each([401, 404])('shows a refusal (HTTP %i) after one request', async (status) => {
    const fetched = stubFetch({ status, body: { code: 'REFUSED', message: 'no' } });
    const client = createQueryClient();
    const result = await settle(client.fetchQuery(readQuery('/api/cases/:id', { params: { id: 7 } })));
    expect((result as PromiseRejectedResult).reason).toMatchObject({ status });
    expect(fetched).toHaveLength(1);
  });

  it('keeps reference data: a region read twice is asked for once', async () => {
    const fetched = stubFetch({ status: 200, body: { code: '320000' } });
    const client = createQueryClient();
    const region = readQuery('/api/regions/:code', { params: { code: '320000' }, anonymousOk: true });
    await settle(client.fetchQuery(region));
    await settle(client.fetchQuery(region));
    expect(fetched).toEqual(['/api/regions/320000']);
  });

  it('asks for a list again each time it is read', async () => {
    expect(LIVE_STALE_MS).toBe(0);
    const fetched = stubFetch({ status: 200, body: { items: [], total: 0 } });
    const client = createQueryClient();
    const queue = readQuery('/api/cases', { query: { page: 1, pageSize: 20 } });
    await settle(client.fetchQuery(queue));
    await settle(client.fetchQuery(queue));
    expect(fetched).toEqual(['/api/cases?page=1&pageSize=20', '/api/cases?page=1&pageSize=20']);
  });

  it('does not read again when the window regains focus', () => {
    expect(createQueryClient().getDefaultOptions().queries?.refetchOnWindowFocus).toBe(false);
  });
});

describe('query keys', () => {
  it('are the route, its parameters and its query, as the address carries them', () => {
    expect(queryKeyOf('/api/cases/:id', { params: { id: 7 } })).toEqual(['/api/cases/:id', { id: '7' }, {}]);
    expect(
      queryKeyOf('/api/cases', { query: { page: 2, pageSize: 20, q: '', mine: undefined, overdue: true } }),
    ).toEqual(['/api/cases', {}, { page: '2', pageSize: '20', overdue: 'true' }]);
  });

  it('are one key for one address, whatever the order or the empty values', () => {
    const one = queryKeyOf('/api/enterprises', { query: { page: 1, q: 'x', region: undefined } });
    const same = queryKeyOf('/api/enterprises', { query: { q: 'x', page: 1 } });
    const other = queryKeyOf('/api/enterprises', { query: { q: 'x', page: 2 } });
    expect(hashKey(one)).toBe(hashKey(same));
    expect(hashKey(one)).not.toBe(hashKey(other));
  });

  it('leave out the options that do not change the address', () => {
    expect(queryKeyOf('/api/departments', { anonymousOk: true })).toEqual(['/api/departments', {}, {}]);
  });

  it("are the query's key in readQuery", () => {
    const read = readQuery('/api/policies/:id/preview', {
      params: { id: 3 },
      query: { page: 1, pageSize: 10 },
    });
    expect(read.queryKey).toEqual(['/api/policies/:id/preview', { id: '3' }, { page: '1', pageSize: '10' }]);
  });
});

describe('after an action', () => {
  it("drops the reads of a route's record that nobody shows, and only that record's", async () => {
    const client = createQueryClient();
    const seven = queryKeyOf('/api/cases/:id', { params: { id: 7 } });
    const eight = queryKeyOf('/api/cases/:id', { params: { id: 8 } });
    client.setQueryData(seven, { id: 7 });
    client.setQueryData(eight, { id: 8 });
    await invalidateReads(client, '/api/cases/:id', { id: 7 });
    expect(client.getQueryData(seven)).toBeUndefined();
    expect(client.getQueryData(eight)).toEqual({ id: 8 });
  });

  it('drops every read of a route when no parameter is named (each page of a list)', async () => {
    const client = createQueryClient();
    const first = queryKeyOf('/api/cases', { query: { page: 1 } });
    const second = queryKeyOf('/api/cases', { query: { page: 2 } });
    const other = queryKeyOf('/api/my/cases', { query: { page: 1 } });
    for (const key of [first, second, other]) client.setQueryData(key, { items: [] });
    await invalidateReads(client, '/api/cases');
    expect([first, second, other].map((key) => client.getQueryData(key) !== undefined)).toEqual([
      false,
      false,
      true,
    ]);
  });
});
