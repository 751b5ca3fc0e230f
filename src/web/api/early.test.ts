/** Early reads (boot.ts → the API client): used once, in the language asked for, while fresh. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appStarted, EARLY_MAX_AGE_MS, markAppStarted, startEarly, takeEarly } from './early.ts';

describe('early reads', () => {
  let now = 1_000;
  const fetched: { url: string; headers: Record<string, string> }[] = [];

  beforeEach(() => {
    now = 1_000;
    fetched.length = 0;
    vi.stubGlobal('window', {});
    vi.stubGlobal('performance', { now: () => now });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: { headers: Record<string, string> }) => {
        fetched.push({ url, headers: init.headers });
        return new Response(JSON.stringify({ url }));
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('hands a read to the first request for the same address and language, once', async () => {
    startEarly('/api/enterprises?page=1&pageSize=20', 'zh-CN');
    expect(fetched).toEqual([
      {
        url: '/api/enterprises?page=1&pageSize=20',
        headers: { accept: 'application/json', 'accept-language': 'zh-CN' },
      },
    ]);
    const early = takeEarly('/api/enterprises?page=1&pageSize=20', 'zh-CN');
    expect(await (await early)?.json()).toEqual({ url: '/api/enterprises?page=1&pageSize=20' });
    expect(takeEarly('/api/enterprises?page=1&pageSize=20', 'zh-CN')).toBeNull();
    expect(takeEarly('/api/enterprises?page=2&pageSize=20', 'zh-CN')).toBeNull();
  });

  it('does not hand over a read made in another language, nor one grown old', () => {
    startEarly('/api/industries', 'en');
    expect(takeEarly('/api/industries', 'zh-CN')).toBeNull();
    // Taken (and dropped) by the mismatch: not handed over later either.
    expect(takeEarly('/api/industries', 'en')).toBeNull();
    startEarly('/api/registry/stats', 'zh-CN');
    now += EARLY_MAX_AGE_MS + 1;
    expect(takeEarly('/api/registry/stats', 'zh-CN')).toBeNull();
  });

  it('tells boot.ts when the app has started (it then starts nothing)', () => {
    expect(appStarted()).toBe(false);
    markAppStarted();
    expect(appStarted()).toBe(true);
  });
});
