/** Supervision in a browser: the province official reads the dashboard, opens a city, exports a table; disclosures. */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRig, signIn, startRig } from './browser.ts';

describe('supervision in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    await signIn(page, rig.server.url, 'official.province');
  });
  afterAll(() => rig?.close());

  it('shows the province official the totals, opens 苏州市 from the region table and exports it as CSV', async () => {
    await page.goto(`${rig.server.url}/app/supervision`);
    const received = page.getByTestId('supervision-kpi-received');
    await received.waitFor({ timeout: 15_000 });
    // The demo: three demands and one overdue-payment complaint in 昆山市, a demand in another county of 苏州市.
    expect((await received.locator('.ant-statistic-content').textContent())?.trim()).toBe('5');
    expect(await page.getByTestId('supervision-kpi-claimed').textContent()).toContain('186,000');

    await page.getByTestId('supervision-region-link-320500').click();
    await page.waitForURL((url) => url.searchParams.get('region') === '320500', { timeout: 10_000 });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="supervision-breadcrumb"]')?.textContent?.includes('苏州市') &&
        document.querySelector('[data-testid="supervision-region-table"]')?.textContent?.includes('昆山市'),
      undefined,
      { timeout: 15_000 },
    );
    expect(
      (
        await page.getByTestId('supervision-kpi-received').locator('.ant-statistic-content').textContent()
      )?.trim(),
    ).toBe('5');

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      page.getByTestId('supervision-export-region-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^supervision-region-.+\.csv$/);
    expect(readFileSync(await download.path(), 'utf8')).toContain('昆山市,4,4');
  });

  it('lists the public bodies of the region with their disclosure of last year', async () => {
    await page.goto(`${rig.server.url}/app/disclosures`);
    const table = page.getByTestId('disclosures-table');
    await table.waitFor({ timeout: 15_000 });
    await page.getByTestId('disclosures-due').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('disclosures-due').textContent()).toContain('3月31日');
    await table.getByText('11320583MB0000001H').waitFor({ timeout: 15_000 });
  });
});
