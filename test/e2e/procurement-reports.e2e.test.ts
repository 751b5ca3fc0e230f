/**
 * The annual public report of SME procurement in a browser (issue 17): the demo's buyer makes this year's report of
 * its body, previews the draft with the rules' document numbers and the chart, publishes it, then corrects it with a
 * note; the public finds it from the home page's tools, reads the latest version and what the correction changed;
 * the county's official sees it published in the region's list and is told of it in the inbox.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/shared/today.ts';
import { type BrowserRig, signIn, startRig } from './browser.ts';

/** The demo's plan and awards are this year's. */
const YEAR = Number(todayInChina().slice(0, 4));

describe('annual SME procurement reports in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let base = '';
  let bodyName = '';
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    base = rig.server.url;
  });
  afterAll(() => rig?.close());

  it('lets the buyer make the year’s report, preview it with its rules and chart, publish it and correct it with a note', async () => {
    await signIn(page, base, 'buyer');
    // The home says the year at a glance: the shares against the rules' lines, shortfalls, flags, the report.
    await page.getByTestId('buyer-checks').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('buyer-smallMicro-line').getAttribute('data-value'), { timeout: 15_000 })
      .toBe('60');
    expect(await page.getByTestId('buyer-sme-line').getAttribute('data-value')).toBe('30');
    await page.getByTestId('buyer-report-state').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('buyer-report-state').getAttribute('data-state')).toBe('none');
    expect(await page.getByTestId('buyer-check-short').textContent()).toContain('1');
    expect(await page.getByTestId('buyer-flagged-link').getAttribute('href')).toContain('flagged=true');
    await page.getByTestId('home-link-procurement-reports').click();
    await page.waitForURL(`${base}/app/procurement/reports`, { timeout: 10_000 });
    await page.getByTestId('reports-year').click();
    await page
      .locator('.ant-select-item-option', { hasText: String(YEAR) })
      .first()
      .click();
    const row = page.getByTestId('reports-row');
    await row.waitFor({ timeout: 15_000 });
    // Last year's report of the demo is published; this year's is not made yet.
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('none');
    bodyName = (await row.locator('strong').first().textContent()) ?? '';
    await page.getByTestId('reports-generate').click();
    await page.waitForURL(/\/app\/procurement\/reports\/\d+$/, { timeout: 15_000 });
    const report = page.getByTestId('report-page');
    await report.waitFor({ timeout: 15_000 });
    expect(await report.getAttribute('data-state')).toBe('draft');
    // The preview: the rules' documents as the reference data gives them, the chart, a project not suited and why.
    const documents = await page
      .locator('[data-testid="report-document"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-number')));
    expect(documents).toEqual(['财库〔2020〕46号', '财库〔2022〕19号']);
    await page.getByTestId('report-chart').waitFor({ timeout: 15_000 });
    // The chart holds the small/micro part against its line beside the SME share against its own.
    const chartLabel = (await page.getByTestId('report-chart').getAttribute('aria-label')) ?? '';
    expect(chartLabel).toContain('30');
    expect(chartLabel).toContain('60');
    expect(chartLabel).toContain('小微');
    expect(await page.getByTestId('report-flagged-note').textContent()).toContain('仍按中标人声明的规模计入');
    expect(await page.getByTestId('report-judged-on').textContent()).not.toContain('annualShares');
    expect(await page.getByTestId('report-not-suited').textContent()).toContain('专用检测设备');

    // Published without a Chinese commentary: refused on the field.
    await page.getByTestId('report-publish').click();
    await page.getByTestId('report-publish-ok').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.ant-form-item-explain-error').first().textContent()).toContain('中文说明');

    // Typed and published without 保存 first: what is typed is saved and published, not lost.
    await page.getByTestId('report-commentary-zh').fill('本单位适宜中小企业的项目均已按规定预留。');
    await page.getByTestId('report-publish').click();
    // The year is still running: the dialog warns from when a year's report is normally published.
    const running = page.getByTestId('report-publish-year-running');
    await running.waitFor({ timeout: 15_000 });
    expect(await running.textContent()).toContain(`${YEAR + 1}-01-01`);
    await page.getByTestId('report-publish-ok').click();
    await expect.poll(() => report.getAttribute('data-state'), { timeout: 15_000 }).toBe('published');
    await expect
      .poll(() => page.getByTestId('report-commentary').textContent(), { timeout: 15_000 })
      .toContain('均已按规定预留');

    // A correction: its note is required, then a draft of version 2 is made and published.
    await page.getByTestId('report-correct').click();
    await page.getByTestId('report-correct-ok').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor({ timeout: 10_000 });
    await page.getByTestId('report-correct-note').fill('更正说明文字');
    await page.getByTestId('report-correct-ok').click();
    await expect.poll(() => report.getAttribute('data-version'), { timeout: 15_000 }).toBe('2');
    expect(await report.getAttribute('data-state')).toBe('draft');
    await page.getByTestId('report-publish').click();
    await page.getByTestId('report-publish-ok').click();
    await expect.poll(() => report.getAttribute('data-state'), { timeout: 15_000 }).toBe('published');
    expect(await page.locator('[data-testid="report-version-row"]').count()).toBe(2);
    // Version 1 is no longer 已发布: it reads 已更正, with a link to version 2.
    const first = page.locator('[data-testid="report-version-row"][data-version="1"]');
    expect(await first.getByTestId('report-state').getAttribute('data-state')).toBe('superseded');
    await first.locator('a').first().click();
    await expect.poll(() => report.getAttribute('data-version'), { timeout: 15_000 }).toBe('1');
    const heading = page.getByTestId('report-page').getByTestId('report-state').first();
    expect(await heading.getAttribute('data-state')).toBe('superseded');
    expect(await heading.textContent()).toContain('已更正');
    await page.getByTestId('report-current-version').first().click();
    await expect.poll(() => report.getAttribute('data-version'), { timeout: 15_000 }).toBe('2');
  });

  it('shows the public the latest version from the home page, that it was corrected and why, and offers the download', async () => {
    await page.context().clearCookies();
    await page.goto(`${base}/`);
    await page.getByTestId('public-tool-procurementReports').click();
    await page.waitForURL(`${base}/procurement/reports`, { timeout: 10_000 });
    const row = page.getByTestId('public-reports-row').first();
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain(bodyName);
    expect(await page.getByTestId('public-report-corrected').count()).toBe(1);
    await page.getByTestId('public-report-link').first().click();
    await page.getByTestId('public-report-page').waitFor({ timeout: 15_000 });
    await page.getByTestId('public-report-version').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('public-report-version').getAttribute('data-version')).toBe('2');
    expect(await page.getByTestId('public-report-corrected-note').textContent()).toContain('更正说明文字');
    expect(await page.locator('[data-testid="report-document"]').count()).toBe(2);
    await page.getByTestId('report-chart').waitFor({ timeout: 15_000 });
    await page.getByTestId('public-report-export-csv').waitFor({ timeout: 10_000 });
  });

  it('lists the body as published for the county’s official, who was told of it', async () => {
    await signIn(page, base, 'official.county');
    await page.goto(`${base}/app/procurement/reports?year=${YEAR}`);
    const row = page.locator('[data-testid="reports-row"][data-state="published"]');
    await row.first().waitFor({ timeout: 15_000 });
    expect(await row.first().textContent()).toContain(bodyName);
    await page.goto(`${base}/app/inbox`);
    const notice = page.locator('[data-kind="procurement"]').first();
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toContain('更正');
  });

  it('reaches the calculators from the top bar; the calculator speaks one language, keeps its ids apart and drops a result its inputs no longer match', async () => {
    await page.context().clearCookies();
    await page.goto(`${base}/`);
    const wide = await page.getByTestId('header-procurement').isVisible();
    await page.getByTestId(wide ? 'header-procurement' : 'header-menu').click();
    await page.getByTestId('header-procurement-calculator').click();
    await page.waitForURL(`${base}/procurement-calculator`, { timeout: 10_000 });
    await page.getByTestId('req-form').waitFor({ timeout: 15_000 });

    // A negative budget is refused as such.
    await page.getByTestId('req-budget').fill('-5');
    await page.getByTestId('req-submit').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('.ant-form-item-explain-error').first().textContent()).toContain('正数');

    // A result, then the project switched to 不适宜: the result goes.
    await page.getByTestId('req-budget').fill('3000000');
    await page.getByTestId('req-submit').click();
    await page.getByTestId('req-result').waitFor({ timeout: 15_000 });
    await page.getByTestId('req-suited').locator('input[type="radio"]').nth(1).check();
    await expect.poll(() => page.getByTestId('req-result').count(), { timeout: 10_000 }).toBe(0);

    // Both tabs shown: no id twice on the page.
    await page.getByTestId('proc-tab-evaluate').click();
    await page.getByTestId('proc-tab-requirement').click();
    const ids = await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id).filter(Boolean));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);

    // The rules' bases read in Chinese.
    const uncertain = page.getByTestId('proc-rules-uncertain');
    await uncertain.waitFor({ timeout: 15_000 });
    expect(await uncertain.textContent()).not.toMatch(/unknown|unchanged|Opinions/);
  });
});
