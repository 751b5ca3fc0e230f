/**
 * How the web app reaches a browser (ADR 0017): the landing page loads without a console error (no 401 from the
 * session probe), its scripts come compressed and cached for good, and ECharts is loaded only by a page that draws
 * a chart, never with the landing page's or the registry's own code.
 */
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
