/**
 * The policy library in a browser: the public finds a policy and checks eligibility with its figures; an
 * enterprise sees what it qualifies for and why; an official opens a policy and previews who qualifies.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber, holidayCalendarYears } from '../../src/reference/calendar.ts';
import { type BrowserRig, fillNumber, signIn, startRig } from './browser.ts';

describe('the policy library in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
  });
  afterAll(() => rig?.close());

  it('lets the public search the library, open a policy and check eligibility with figures', async () => {
    await page.goto(`${rig.server.url}/policies`);
    const search = page.getByTestId('library-search');
    await search.waitFor({ timeout: 15_000 });
    const box =
      (await search.evaluate((el) => el.tagName)) === 'INPUT' ? search : search.locator('input').first();
    await box.fill('小型微利');
    await box.press('Enter');
    // The search narrows the list to the one policy.
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="library-item"]').length === 1,
      undefined,
      { timeout: 15_000 },
    );
    const item = page.getByTestId('library-item-title').filter({ hasText: '小型微利企业所得税优惠' });
    await item.first().click();
    await page.getByTestId('check-form').waitFor({ timeout: 15_000 });
    await fillNumber(page, 'check-taxableIncome', '280');
    await fillNumber(page, 'check-employees', '120');
    await fillNumber(page, 'check-totalAssets', '3000');
    await page.getByTestId('check-submit').click();
    const outcome = page.getByTestId('check-outcome');
    await outcome.waitFor({ timeout: 15_000 });
    expect(await outcome.textContent()).toContain('符合');
    expect(await page.getByTestId('check-explanation').textContent()).toContain('280 万元 ≤ 300 万元');
  });

  it('shows an enterprise the policies it qualifies for, with the reasons', async () => {
    await signIn(page, rig.server.url, 'enterprise');
    await page.goto(`${rig.server.url}/app/my-policies`);
    await page.getByTestId('my-policies-tabs').waitFor({ timeout: 15_000 });
    const cards = page.getByTestId('my-policy-card');
    await cards.first().waitFor({ timeout: 15_000 });
    expect(await cards.count()).toBeGreaterThan(0);
    expect(await cards.first().textContent()).toMatch(/✓|✗|万元|人/);
    await page.getByTestId('logout').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/app'), { timeout: 10_000 });
  });

  it('lets an official open a policy and preview how many enterprises of the county qualify', async () => {
    await signIn(page, rig.server.url, 'official.county');
    await page.goto(`${rig.server.url}/app/policies`);
    await page.getByTestId('policies-table').waitFor({ timeout: 15_000 });
    const link = page.locator('[data-testid^="policy-link-"]').filter({ hasText: '专精特新' }).first();
    await link.waitFor({ timeout: 15_000 });
    await link.click();
    await page.getByTestId('policy-tabs').waitFor({ timeout: 15_000 });
    await page.getByRole('tab', { name: /匹配预览/ }).click();
    const eligible = page.getByTestId('policy-preview-eligible');
    await eligible.waitFor({ timeout: 15_000 });
    expect(await eligible.textContent()).toMatch(/\d/);
  });
});

describe('the overdue-payment calculator in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
  });
  afterAll(() => rig?.close());

  it('gives the public the due date, days overdue and interest of a worked case, with the provisions', async () => {
    // The county-bureau case of the reference: accepted 2025-03-03, contract silent, 1,000,000 yuan, 20 days late.
    const query = new URLSearchParams({
      debtorKind: 'government',
      signedOn: '2025-02-10',
      basis: 'acceptance',
      deliveredOn: '2025-02-28',
      acceptedOn: '2025-03-03',
      amount: '1000000',
      asOf: '2025-04-22',
    });
    await page.goto(`${rig.server.url}/payment-calculator?${query}`);
    const result = page.getByTestId('pay-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('pay-days').textContent()).toContain('20');
    expect(await page.getByTestId('pay-interest').textContent()).toContain('10,000');
    expect(await page.getByTestId('pay-explanation').textContent()).toContain('第十五条');
  });

  it('moves a due date inside the National Day holiday to the next working day, citing the article', async () => {
    // 30 days from delivery on 2025-09-03 end on 10-03 (10-01 … 10-08 off): due 10-09, 10 days late on 10-19.
    const query = new URLSearchParams({
      debtorKind: 'government',
      signedOn: '2025-08-01',
      basis: 'delivery',
      deliveredOn: '2025-09-03',
      amount: '1000000',
      asOf: '2025-10-19',
    });
    await page.goto(`${rig.server.url}/payment-calculator?${query}`);
    await page.getByTestId('pay-due-moved').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('pay-due-moved').textContent()).toContain('第二百零三条');
    expect(await page.getByTestId('pay-days').textContent()).toContain('10');
    expect(await page.getByTestId('pay-explanation').textContent()).toContain('顺延至 2025-10-09');
    expect(await page.getByTestId('pay-calendar-warning').count()).toBe(0);
  });

  it('warns when the due date lies in a year whose holiday calendar is not published', async () => {
    const gap = (holidayCalendarYears()?.last ?? 0) + 1;
    const query = new URLSearchParams({
      debtorKind: 'large_enterprise',
      signedOn: '2026-06-01',
      basis: 'delivery',
      deliveredOn: '2026-06-10',
      agreedTermDays: String(dayNumber(`${gap}-03-01`) - dayNumber('2026-06-10')),
      amount: '100000',
      asOf: '2026-06-30',
    });
    await page.goto(`${rig.server.url}/payment-calculator?${query}`);
    await page.getByTestId('pay-calendar-warning').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('pay-calendar-warning').textContent()).toContain(
      `${gap} 年的法定节假日安排尚未公布`,
    );
  });

  it('shows the server’s objection on the field it concerns', async () => {
    const query = new URLSearchParams({
      debtorKind: 'government',
      signedOn: '2025-02-10',
      basis: 'acceptance',
      deliveredOn: '2025-02-28',
      acceptedOn: '2025-01-05',
      amount: '1000000',
      asOf: '2025-04-22',
    });
    await page.goto(`${rig.server.url}/payment-calculator?${query}`);
    await page.getByText('验收日期早于合同签订日期').first().waitFor({ timeout: 15_000 });
  });
});
