/**
 * Issue 12 on cases, in a browser at 1440 × 900 on a fresh start with demo data: the demo has overdue and
 * supervised cases; the queue names enterprises, marks 督办 with its deadline and keeps its URL filters; each level
 * sees its cases and only the actions it may take (no 签收 for who issued the 督办); the enterprise amends its
 * complaint's claim and both sides see old → new; a missing case says so without a retry.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRig, fillNumber, signIn, startRig } from './browser.ts';

/** The ids of the rows the queue shows. */
async function rowIds(page: Page): Promise<number[]> {
  await page.getByTestId('case-queue-table').waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => !document.querySelector('.ant-table .ant-spin-spinning'), undefined, {
    timeout: 15_000,
  });
  const ids = await page
    .locator('[data-testid^="case-link-"]')
    .evaluateAll((links) =>
      links.map((a) => Number(a.getAttribute('data-testid')?.replace('case-link-', ''))),
    );
  return ids;
}

async function count(page: Page, key: string): Promise<number> {
  const card = page.getByTestId(`case-count-${key}`);
  await page.waitForFunction(
    (k) =>
      /\d/.test(
        document.querySelector(`[data-testid="case-count-${k}"] .ant-statistic-content`)?.textContent ?? '',
      ),
    key,
    { timeout: 15_000 },
  );
  return Number((await card.locator('.ant-statistic-content').textContent())?.replace(/[^\d]/g, ''));
}

describe('cases usability (issue 12)', () => {
  let rig: BrowserRig;
  let page: Page;
  let base: string;
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    await page.setViewportSize({ width: 1440, height: 900 });
    base = rig.server.url;
  });
  afterAll(() => rig?.close());

  it('starts with overdue and supervised cases; the queue names enterprises, marks 督办 and fits 1440 px', async () => {
    await signIn(page, base, 'official.county');
    await page.goto(`${base}/app/cases`);
    expect(await count(page, 'overdue')).toBeGreaterThan(0);
    const ids = await rowIds(page);
    expect(ids.length).toBeGreaterThan(0);
    // Enterprise names, never "企业 #n".
    const names = await page.locator('[data-testid^="case-enterprise-"]').allTextContents();
    expect(names.length).toBe(ids.length);
    for (const name of names) expect(name).not.toMatch(/企业 #\d+/);
    expect(names.some((n) => n.includes('有限公司'))).toBe(true);
    // 督办 tags carry the notice's own deadline.
    const tags = page.locator('[data-testid^="case-supervised-"]');
    expect(await tags.count()).toBeGreaterThan(0);
    const deadline = await tags.first().getAttribute('data-deadline');
    expect(deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await tags.first().textContent()).toContain('督办');
    // The table fits: no horizontal scroll, dates on one line.
    const fits = await page
      .locator(
        '[data-testid="case-queue-table"] .ant-table-content, [data-testid="case-queue-table"] .ant-table-body',
      )
      .first()
      .evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    expect(fits).toBe(true);
    const deadlineCell = page.locator('[data-testid^="case-deadline-"] span').first();
    const lines = await deadlineCell.evaluate((el) => el.getClientRects().length);
    expect(lines).toBe(1);

    // supervised=true: only cases under 督办; the dashboard's links keep working.
    await page.goto(`${base}/app/cases?supervised=true`);
    const supervised = await rowIds(page);
    expect(supervised.length).toBeGreaterThan(0);
    for (const id of supervised) await page.getByTestId(`case-supervised-${id}`).waitFor({ timeout: 5_000 });
    expect(
      await page
        .getByTestId('case-queue-supervised')
        .evaluate((el) =>
          el instanceof HTMLInputElement
            ? el.checked
            : (el.querySelector('input') as HTMLInputElement).checked,
        ),
    ).toBe(true);
    await page.goto(`${base}/app/cases?region=320583&overdue=true`);
    const overdue = await rowIds(page);
    expect(overdue.length).toBeGreaterThan(0);
    const statuses = await page
      .locator('[data-testid^="case-deadline-"][data-status]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses.every((s) => s === 'overdue')).toBe(true);
    await page.goto(`${base}/app/cases?region=320583&state=submitted,accepted,in_progress,info_requested`);
    expect((await rowIds(page)).sort()).toEqual([...ids].sort());
    await page.goto(`${base}/app/cases?region=320583&open=true`);
    expect((await rowIds(page)).sort()).toEqual([...ids].sort());
  }, 180_000);

  it('shows the city its counties’ cases, and each level only the actions it may take', async () => {
    await signIn(page, base, 'official.city');
    await page.goto(`${base}/app/cases`);
    expect(await count(page, 'open')).toBeGreaterThan(0);
    await page.goto(`${base}/app/cases?region=320583&supervised=true`);
    const ids = await rowIds(page);
    // The demand the city supervised by hand: the city follows it, does not handle or acknowledge it.
    let supervisedByCity: number | null = null;
    for (const id of ids) {
      await page.goto(`${base}/app/cases/${id}`);
      await page.getByTestId('case-detail').waitFor({ timeout: 15_000 });
      const panel = (await page.getByTestId('case-supervision').textContent()) ?? '';
      if (panel.includes('苏州市')) {
        supervisedByCity = id;
        break;
      }
    }
    expect(supervisedByCity).not.toBeNull();
    expect(await page.getByTestId('case-supervision-acknowledge').count()).toBe(0);
    await page.getByTestId('case-supervision-pending').first().waitFor({ timeout: 5_000 });
    expect(await page.locator('[data-testid^="case-act-"]').count()).toBe(0);
    expect(await page.getByTestId('case-enterprise').textContent()).not.toMatch(/#\d+/);

    // The province: no handling buttons on the county's case, but 督办.
    await signIn(page, base, 'official.province');
    await page.goto(`${base}/app/cases/${supervisedByCity}`);
    await page.getByTestId('case-detail').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid^="case-act-"]').count()).toBe(0);
    await page.getByTestId('case-supervise').waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('case-supervision-acknowledge').count()).toBe(0);

    // The county handles it: accept and 签收 are offered and work; 督办 of its own case is not offered.
    await signIn(page, base, 'official.county');
    await page.goto(`${base}/app/cases/${supervisedByCity}`);
    await page.getByTestId('case-detail').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('case-supervise').count()).toBe(0);
    await page.getByTestId('case-supervision-acknowledge').first().click();
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="case-supervision-acknowledge"]'),
      undefined,
      { timeout: 15_000 },
    );
    await page.getByTestId('case-act-accept').click();
    await page.getByTestId('case-action-submit').click({ timeout: 10_000 });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="case-state"]')?.textContent?.includes('已受理'),
      undefined,
      { timeout: 15_000 },
    );
    // Assigning offers the county's own officials only.
    await page.getByTestId('case-act-assign').click();
    await page.getByTestId('case-action-assignee').click();
    const options = await page.locator('.ant-select-item-option').allTextContents();
    expect(options.length).toBeGreaterThan(0);
    for (const option of options) expect(option).not.toContain('江苏省');
    await page.keyboard.press('Escape');
  }, 180_000);

  it('lets the enterprise amend its complaint’s figures, re-assessed, with old → new on both timelines', async () => {
    await signIn(page, base, 'enterprise');
    await page.goto(`${base}/app/my-cases`);
    await page.getByTestId('my-cases-table').waitFor({ timeout: 15_000 });
    await page
      .getByRole('link', { name: /拖欠账款/ })
      .first()
      .click();
    await page.getByTestId('my-case').waitFor({ timeout: 15_000 });
    const caseId = await page.getByTestId('my-case').getAttribute('data-case-id');
    const totalBefore = await page.getByTestId('case-figures').textContent();
    await page.getByTestId('case-action-amend_claim').click();
    await page.getByTestId('amend-claim-form').waitFor({ timeout: 10_000 });
    // Pre-filled with the figures as filed.
    const amount = page.getByTestId('amend-amount');
    const amountInput =
      (await amount.evaluate((el) => el.tagName)) === 'INPUT' ? amount : amount.locator('input');
    expect(await amountInput.inputValue()).toMatch(/^186,000(\.00)?$/);
    expect(await page.locator('[data-testid="amend-payment"]').count()).toBe(1);
    await fillNumber(page, 'amend-amount', '226000');
    await page.getByTestId('amend-note').fill('合同金额更正为 22.6 万元');
    await page.getByTestId('amend-submit').click();
    await page.getByTestId('claim-change-amount').waitFor({ timeout: 15_000 });
    const change = (await page.getByTestId('claim-change-amount').textContent()) ?? '';
    expect(change).toContain('186,000.00');
    expect(change).toContain('226,000.00');
    await page.getByTestId('claim-change-totalOutstanding').waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('case-figures').textContent()).not.toBe(totalBefore);
    expect(await page.getByTestId('case-details').textContent()).toContain('226,000');

    // The handler sees the amendment on the case page's timeline.
    await signIn(page, base, 'official.county');
    await page.goto(`${base}/app/cases/${caseId}`);
    await page.getByTestId('case-event-amend_claim').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('case-event-amend_claim').textContent()).toContain('226,000.00');
    expect(await page.getByTestId('case-title').textContent()).toContain('拖欠账款');
  }, 180_000);

  it('says what is missing for a case that does not exist, without a retry button', async () => {
    await signIn(page, base, 'official.county');
    await page.goto(`${base}/app/cases/999999`);
    await page.getByTestId('case-missing').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('case-missing').textContent()).toContain('未找到该案件');
    expect(await page.getByRole('button', { name: /重试/ }).count()).toBe(0);
    await page.goto(`${base}/app/cases/abc`);
    await page.getByTestId('case-missing').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('case-missing').textContent()).toContain('abc');
  }, 180_000);
});
