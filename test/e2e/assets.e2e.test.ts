/**
 * How the web app reaches a browser (ADR 0017): the landing page loads without a console error (no 401 from the
 * session probe), its scripts come compressed and cached for good, and ECharts is loaded only by a page that draws
 * a chart, never with the landing page's or the registry's own code.
 */
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/index.ts';
import { type BrowserRig, signIn, startRig } from './browser.ts';

const ECHARTS_CHUNK = /\/assets\/echarts-[\w-]+\.js$/;

/** Starts a hard load: the browser's cache emptied first, so every file comes from the server. */
async function emptyCache(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
}

describe('the web app as the browser gets it', () => {
  let rig: BrowserRig;
  let page: Page;
  const consoleErrors: string[] = [];
  const requested: string[] = [];
  const scripts: Response[] = [];

  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('request', (request) => requested.push(request.url()));
    // Whether a layout's page spinner (the Suspense fallback while a page's code loads) was ever in the document.
    await page.addInitScript(() => {
      const seen = { spinner: false };
      (window as unknown as { __pageSpinner: typeof seen }).__pageSpinner = seen;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="page-loading"]')) seen.spinner = true;
      }).observe(document, { childList: true, subtree: true });
    });
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('.js')) scripts.push(response);
    });
  });
  afterAll(() => rig?.close());

  const reset = () => {
    consoleErrors.length = 0;
    requested.length = 0;
    scripts.length = 0;
  };

  it('loads the landing page signed out with no console error, its scripts compressed and immutable', async () => {
    await page.context().clearCookies();
    await emptyCache(page);
    reset();
    await page.goto(`${rig.server.url}/`);
    await page.getByTestId('public-home-title').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');

    expect(consoleErrors).toEqual([]);
    expect(scripts.length).toBeGreaterThan(2);
    for (const response of scripts) {
      const headers = await response.allHeaders();
      expect(response.status(), response.url()).toBe(200);
      // A few re-export chunks of under 100 bytes do not get smaller; the build sends those as they are.
      const length = Number(headers['content-length']);
      expect(length, response.url()).toBeGreaterThan(0);
      if (length >= 200) expect(`${response.url()} ${headers['content-encoding']}`).toMatch(/ (br|gzip)$/);
      expect(headers['cache-control'], response.url()).toBe('public, max-age=31536000, immutable');
      expect(headers.vary, response.url()).toMatch(/accept-encoding/i);
    }
    const shell = page.mainFrame().url();
    expect(new URL(shell).pathname).toBe('/');
  });

  it('keeps ECharts out of the landing page’s own code: it comes only once a chart is drawn', async () => {
    await page.context().clearCookies();
    await emptyCache(page);
    reset();
    // Hold the page's figures: until they come, no chart can be drawn, so whatever loads is the page itself.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const passedOn: Promise<void>[] = [];
    await page.route('**/api/public/overview', (route) => {
      passedOn.push(held.then(() => route.continue()));
    });
    try {
      await page.goto(`${rig.server.url}/`);
      // The title is part of the landing page's chunk: once it shows, that chunk and all it imports are loaded.
      await page.getByTestId('public-home-title').waitFor({ timeout: 15_000 });
      const pageChunks = requested.filter((url) => url.endsWith('.js'));
      expect(pageChunks.some((url) => /\/assets\/PublicHome-[\w-]+\.js$/.test(url))).toBe(true);
      expect(pageChunks.filter((url) => ECHARTS_CHUNK.test(url))).toEqual([]);
    } finally {
      release();
      await Promise.all(passedOn);
      await page.unroute('**/api/public/overview');
    }
    await page.waitForLoadState('networkidle');
    expect(consoleErrors).toEqual([]);
  });

  it('starts no signed-in page’s reads for a visitor or a role that may not open it: no 401/403 logged', async () => {
    const base = rig.server.url;
    await page.context().clearCookies();
    await page.goto(`${base}/`);
    await page.evaluate(() => window.localStorage.clear());
    reset();
    await page.goto(`${base}/app/supervision`);
    await page.getByTestId('login-username').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    expect(requested.filter((url) => url.includes('/api/supervision/'))).toEqual([]);
    expect(consoleErrors).toEqual([]);

    // Signed in as an enterprise on its own pages first (the app keeps the role), then at an official's address.
    await page.getByTestId('login-username').fill('enterprise');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('forbidden-title').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => window.localStorage.getItem('huiqi.role'))).toBe('enterprise');
    reset();
    await page.goto(`${base}/app/supervision`);
    await page.getByTestId('forbidden-title').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    expect(requested.filter((url) => url.includes('/api/supervision/'))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('loads the registry on a hard load as an official without ECharts', async () => {
    await signIn(page, rig.server.url, 'official.province');
    await emptyCache(page);
    reset();
    await page.goto(`${rig.server.url}/app/enterprises`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    expect(requested.filter((url) => ECHARTS_CHUNK.test(url))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  /**
   * A hard load of an address: the API reads asked for (with how many times each) and the scripts fetched that the
   * shell did not name (a chunk found only once the app's code ran).
   */
  async function hardLoad(url: string, ready: () => Promise<unknown>) {
    await emptyCache(page);
    reset();
    const shell = await (await page.request.get(url)).text();
    const named = new Set(
      [...shell.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1]),
    );
    await page.goto(url);
    await ready();
    await page.waitForLoadState('networkidle');
    const spinnerShown = await page.evaluate(
      () => (window as unknown as { __pageSpinner: { spinner: boolean } }).__pageSpinner.spinner,
    );
    const reads = new Map<string, number>();
    for (const address of requested) {
      const { pathname, search } = new URL(address);
      if (pathname.startsWith('/api/')) reads.set(pathname + search, (reads.get(pathname + search) ?? 0) + 1);
    }
    const unnamed = requested
      .map((address) => new URL(address).pathname)
      .filter((pathname) => pathname.endsWith('.js') && !named.has(pathname));
    return { reads, unnamed, shell, spinnerShown };
  }

  it('names every script a page needs in the shell sent for its address, asks the API for nothing twice and shows no page spinner', async () => {
    const base = rig.server.url;
    const landing = await hardLoad(`${base}/`, () =>
      page.getByTestId('public-home-title').waitFor({ timeout: 15_000 }),
    );
    expect(landing.shell).toMatch(/<script src="\/assets\/boot-[\w-]+\.js"><\/script>/);
    // ECharts comes only once a chart is drawn; everything else was named.
    expect(landing.unnamed.filter((file) => !/\/assets\/(echarts|EChart)-/.test(file))).toEqual([]);
    expect(landing.reads.get('/api/public/overview')).toBe(1);
    expect(landing.reads.get('/api/auth/me')).toBe(1);
    // The first render waits for the page's code, so no spinner shows before it (nor React's 300 ms reveal delay).
    expect(landing.spinnerShown).toBe(false);

    await signIn(page, base, 'official.province');
    const registry = await hardLoad(`${base}/app/enterprises`, () =>
      page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 }),
    );
    expect(registry.unnamed).toEqual([]);
    expect(registry.shell).toMatch(/<link rel="modulepreload" crossorigin href="\/assets\/EnterprisesPage-/);
    // The reads boot.ts starts early are the page's own: each is asked for once.
    for (const read of [
      '/api/auth/me',
      '/api/enterprises?page=1&pageSize=20',
      '/api/registry/stats',
      '/api/industries',
    ])
      expect(registry.reads.get(read), read).toBe(1);
    expect([...registry.reads].filter(([, times]) => times > 1)).toEqual([]);
    expect(registry.spinnerShown).toBe(false);

    const supervision = await hardLoad(`${base}/app/supervision`, () =>
      page.getByTestId('supervision-kpi-received').waitFor({ timeout: 15_000 }),
    );
    expect(supervision.unnamed.filter((file) => !/\/assets\/(echarts|EChart)-/.test(file))).toEqual([]);
    expect(supervision.reads.get('/api/supervision/dashboard')).toBe(1);
    expect([...supervision.reads].filter(([, times]) => times > 1)).toEqual([]);
    expect(supervision.spinnerShown).toBe(false);
    expect(consoleErrors).toEqual([]);
  });
});
