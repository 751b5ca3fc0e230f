/**
 * The registry's monthly statistics (issue 16, measure 3) in a browser: the demo publishes last month's statistics of
 * the city (320500), so the public list shows them, their page draws the count across the months and downloads it
 * as CSV and XLSX; the city official finds this month (not yet ended) not offered by the month picker, counts the
 * month two months back, looks at its counts by group and drafts a release of it; the province official finds it among the
 * releases (named 登记企业月度统计, its headline a count), reviews it and schedules it for now; the public page then
 * has that month too. The page's address without a region lands a reader on one that publishes: the county official
 * on the city above the county, anyone else on the one region that publishes.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/shared/today.ts';
import { type BrowserRig, signIn, startRig } from './browser.ts';

const SHOTS = process.env.HUIQI_E2E_SHOTS;
const CITY = '320500';

/** The month `n` months before today's (China), as 'YYYY-MM'. */
function monthsBack(n: number): string {
  const [year, month] = todayInChina().split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** '2026-03' as the Chinese page writes it: 2026年3月. */
function zhMonth(period: string): string {
  return `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
}

/** Types a month into the antd month picker found by its test id, and leaves it (Enter would submit the form). */
async function typeMonth(page: Page, testId: string, period: string): Promise<void> {
  const target = page.getByTestId(testId).first();
  const input =
    (await target.evaluate((el) => el.tagName)) === 'INPUT' ? target : target.locator('input').first();
  await input.click();
  await input.fill(period);
  await input.press('Tab');
  expect(await input.inputValue()).toBe(period);
}

describe('the registry’s monthly statistics in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let base = '';
  let releaseId = 0;
  const counted = monthsBack(2);
  const commentary = `浏览器测试：${counted}登记企业月度统计。`;

  beforeAll(async () => {
    rig = await startRig();
    base = rig.server.url;
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
  });
  afterAll(() => rig?.close());

  it('the public list shows the city’s statistics; their page draws the count and downloads it', async () => {
    await page.context().clearCookies();
    await page.goto(`${base}/monitoring`);
    const card = page.locator(`[data-testid="public-registry"][data-region="${CITY}"]`);
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getAttribute('href')).toBe(`/monitoring/registry?region=${CITY}`);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/monitoring-registry-list.png`, fullPage: true });
    expect(await card.textContent()).toContain('登记企业月度统计');
    expect(Number(await card.getByTestId('count-value').getAttribute('data-value'))).toBeGreaterThan(0);
    await card.click();
    await page.waitForURL((url) => url.pathname === '/monitoring/registry', { timeout: 10_000 });
    expect(new URL(page.url()).searchParams.get('region')).toBe(CITY);
    await page.getByTestId('registry-chart').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('page-title').textContent()).toContain('登记企业月度统计');
    expect(await page.getByTestId('registry-commentary').textContent()).toContain(zhMonth(monthsBack(1)));
    const figures = page.getByTestId('registry-figures');
    const active = figures.locator('[data-testid="count-row"][data-measure="enterprises"]');
    await active.waitFor({ timeout: 10_000 });
    expect(await active.textContent()).toContain('存续企业数');
    expect(await figures.locator('[data-testid="count-row"]').count()).toBe(4);
    // A count is not an index: no line of 100, nothing to trace.
    expect(await page.getByTestId('figure-open').count()).toBe(0);
    expect(await page.getByTestId('index-value').count()).toBe(0);

    const [csv] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      page.getByTestId('registry-export-csv').click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text).toContain('存续企业数');
    expect(text).toContain(monthsBack(1));
    const [xlsx] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      page.getByTestId('registry-export-xlsx').click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);

    // Another count, in the address: entries, drawn as bars.
    await page.getByTestId('registry-measure').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: '新设企业数',
      })
      .first()
      .dispatchEvent('click');
    await page.waitForURL((url) => url.searchParams.get('measure') === 'entries', { timeout: 10_000 });
    await page
      .locator('[data-testid="registry-chart-title"]', { hasText: '新设企业数' })
      .waitFor({ timeout: 10_000 });
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/monitoring-registry-public.png`, fullPage: true });
  });

  it('the city official counts a month: one not yet ended is not offered', async () => {
    await signIn(page, base, 'official.city');
    // The monitoring pages share one submenu, 运行监测.
    await page.locator('.ant-menu').getByText('运行监测').first().click();
    await page.locator('.ant-menu').getByText('登记统计').first().click();
    await page.waitForURL((url) => url.pathname === '/app/monitoring/registry', { timeout: 10_000 });
    await page.getByTestId('registry-count').waitFor({ timeout: 15_000 });
    const thisMonth = todayInChina().slice(0, 7);
    await page.getByTestId('registry-count-period').first().click();
    const panel = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
    await panel.waitFor({ timeout: 10_000 });
    // The picker opens on last month's year; in January this month is on the next year's panel.
    if ((await panel.locator(`td[title="${thisMonth}"]`).count()) === 0)
      await panel.locator('.ant-picker-header-super-next-btn').click();
    const cell = panel.locator(`td[title="${thisMonth}"]`);
    await cell.waitFor({ timeout: 10_000 });
    expect(await cell.getAttribute('class')).toContain('ant-picker-cell-disabled');
    await page.keyboard.press('Escape');
  });

  it('counts the month two months back, looks at its counts by group and drafts a release', async () => {
    await typeMonth(page, 'registry-count-period', counted);
    await page.getByTestId('registry-count-submit').click();
    await page.waitForURL((url) => url.searchParams.has('run'), { timeout: 15_000 });
    const run = page.getByTestId('registry-run');
    await run.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('registry-run-title').textContent()).toContain(zhMonth(counted));
    const active = run.locator('[data-testid="count-row"][data-measure="enterprises"]');
    await active.waitFor({ timeout: 15_000 });
    const all = Number(await active.getAttribute('data-value'));
    expect(all).toBeGreaterThan(0);
    expect(await run.locator('[data-testid="count-row"]').count()).toBe(4);
    // The list has the month, not yet released.
    await page
      .locator(`[data-testid="registry-run-row"][data-period="${counted}"][data-released="false"]`)
      .first()
      .waitFor({ timeout: 15_000 });
    expect(await page.locator(`[data-testid="registry-run-row"][data-period="${counted}"]`).count()).toBe(1);

    // One of the city's districts: its counts, at most the city's.
    await page.getByTestId('registry-run-region').click();
    const district = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .nth(1);
    await district.waitFor({ timeout: 10_000 });
    const answer = page.waitForResponse(
      (r) =>
        /^\/api\/monitoring\/runs\/\d+$/.test(new URL(r.url()).pathname) &&
        new URL(r.url()).searchParams.has('regionCode'),
    );
    await district.dispatchEvent('click');
    const group = (await (await answer).json()) as {
      figures: { measure: string; regionCode: string; value: string }[];
    };
    const own = group.figures.find((f) => f.measure === 'enterprises');
    expect(own?.regionCode).toMatch(/^3205\d\d$/);
    await run
      .locator(`[data-testid="count-row"][data-measure="enterprises"][data-value="${own?.value}"]`)
      .waitFor({ timeout: 10_000 });
    expect(Number(own?.value)).toBeLessThanOrEqual(all);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/monitoring-registry-run.png`, fullPage: true });

    await page.getByTestId('registry-release').click();
    await page.getByTestId('release-form').waitFor({ timeout: 10_000 });
    await page.getByTestId('release-commentary-zh').fill(commentary);
    await page.getByTestId('release-create-submit').click();
    await page.waitForURL((url) => /^\/app\/monitoring\/releases\/\d+$/.test(url.pathname), {
      timeout: 15_000,
    });
    releaseId = Number(new URL(page.url()).pathname.split('/').at(-1));
    await page.locator('[data-testid="release-state"][data-state="draft"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('release-needs-reviewer').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('release-review').count()).toBe(0);
  });

  it('the province official finds it among the releases, reviews it and schedules it for now', async () => {
    await signIn(page, base, 'official.province');
    await page.goto(`${base}/app/monitoring/releases?kind=registry`);
    const row = page.locator(`[data-testid="release-row"][data-id="${releaseId}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('data-period')).toBe(counted);
    expect(await row.getByTestId('release-open').textContent()).toContain('登记企业月度统计');
    expect(await row.getByTestId('count-value').count()).toBe(1);
    expect(await row.getByTestId('index-value').count()).toBe(0);
    await row.getByTestId('release-open').click();
    await page.waitForURL((url) => url.pathname === `/app/monitoring/releases/${releaseId}`, {
      timeout: 10_000,
    });
    await page.getByTestId('release-headline').getByTestId('count-value').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('page-title').textContent()).toContain('登记企业月度统计');
    await page
      .locator('[data-testid="release-figures"] [data-testid="count-row"]')
      .first()
      .waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('release-page').textContent()).not.toContain('指数结果');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/monitoring-registry-release.png`, fullPage: true });

    await page.getByTestId('release-review').click();
    await page.getByTestId('release-review-ok').click();
    await page.locator('[data-testid="release-state"][data-state="reviewed"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('release-schedule').click();
    await page.getByTestId('schedule-form').waitFor({ timeout: 10_000 });
    await page.getByTestId('schedule-now').click();
    await page.getByTestId('schedule-submit').click();
    await page
      .locator(
        '[data-testid="release-state"][data-state="published"], [data-testid="release-state"][data-state="scheduled"]',
      )
      .first()
      .waitFor({ timeout: 15_000 });
  });

  it('the public page now has that month too, and its release opens', async () => {
    await page.context().clearCookies();
    await page.goto(`${base}/monitoring/registry?region=${CITY}`);
    await page.getByTestId('registry-chart').waitFor({ timeout: 15_000 });
    await page.getByText(/数据表（\d+ 期）/).click();
    const points = page.getByTestId('registry-points');
    await points.waitFor({ timeout: 10_000 });
    await points.getByText(zhMonth(counted)).waitFor({ timeout: 10_000 });
    await page.goto(`${base}/monitoring/releases/${releaseId}`);
    await page.getByTestId('release-commentary').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('release-commentary').textContent()).toContain(commentary);
    expect(
      await page.locator('[data-testid="public-release-figures"] [data-testid="count-row"]').count(),
    ).toBe(4);
    expect(await page.getByTestId('public-release-back').getAttribute('href')).toBe(
      `/monitoring/registry?region=${CITY}`,
    );
  });

  it('without a region, lands the county official on the city that publishes, and anyone else on it too', async () => {
    await signIn(page, base, 'official.county');
    await page.goto(`${base}/monitoring/registry`);
    await page.waitForURL((url) => url.searchParams.get('region') === CITY, { timeout: 15_000 });
    await page.getByTestId('registry-chart').waitFor({ timeout: 15_000 });
    await page.context().clearCookies();
    await page.goto(`${base}/monitoring/registry`);
    await page.waitForURL((url) => url.searchParams.get('region') === CITY, { timeout: 15_000 });
    await page.getByTestId('registry-chart').waitFor({ timeout: 15_000 });
  });
});
