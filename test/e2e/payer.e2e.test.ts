/**
 * The debtor's side of an overdue-payment complaint in a browser: the debtor body's official finds the demo
 * complaint (accepted by the county) on the home page and in the list, opens it, records a partial payment (what
 * is owed falls), is refused a payment above what is owed (the server's field error on the amount) and a dispute
 * without reasons, publishes last year's disclosure; the public reads it without signing in.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, type BrowserRig, fillNumber, signIn, startRig } from './browser.ts';

/** A number kept in an element's data-value attribute. */
async function dataValue(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).first().getAttribute('data-value'));
}

describe('the debtor’s side of a complaint in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let claimId = 0;
  beforeAll(async () => {
    rig = await startRig();
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
  });
  afterAll(() => rig?.close());

  it('shows the debtor the demo complaint the county official accepted, on the home page', async () => {
    const base = rig.server.url;
    const official = await apiSession(base, 'official.county');
    const queue = (await (
      await fetch(`${base}/api/cases?type=arrears`, { headers: { cookie: official.cookie } })
    ).json()) as { items: { id: number; state: string; contractNumber: string | null }[] };
    const complaint = queue.items.find((c) => c.contractNumber === 'KS-CG-2025-0418');
    // The demo has the county accept it, so that the payer has a complaint to answer.
    expect(complaint?.state).toBe('accepted');
    if (!complaint) return;
    claimId = complaint.id;

    await signIn(page, base, 'payer');
    await page.getByTestId('payer-home').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('payer-organization-name').textContent()).toContain('某县直机关');
    expect(await dataValue(page, 'payer-unanswered')).toBe(1);
    expect(await dataValue(page, 'payer-open')).toBe(1);
    // 186,000 claimed, 50,000 paid before the complaint: 4,464 of it to the interest then due, 45,536 to the principal.
    expect(await dataValue(page, 'payer-outstanding')).toBe(140_464);
  });

  it('opens the complaint from the notice in the inbox', async () => {
    await page.goto(`${rig.server.url}/app/inbox`);
    // The complaint's own notice: the financing demo also notifies this body (a receivable on the same contract).
    const item = page
      .getByTestId('inbox-item')
      .filter({ hasText: 'KS-CG-2025-0418', hasNotText: '应收账款' })
      .first();
    await item.waitFor({ timeout: 15_000 });
    expect(await item.textContent()).toContain('KS-CG-2025-0418');
    await item.click();
    await page.waitForURL((url) => url.pathname === `/app/claims/${claimId}`, { timeout: 10_000 });
    await page.getByTestId('claim').waitFor({ timeout: 15_000 });
    await page.goto(`${rig.server.url}/app`);
    await page.getByTestId('payer-home').waitFor({ timeout: 15_000 });
  });

  it('lists the complaint, opens it and records a partial payment: what is owed falls', async () => {
    await page.getByTestId('home-link-claims').click();
    await page.getByTestId('claims-table').waitFor({ timeout: 15_000 });
    const link = page.getByTestId(`claim-link-${claimId}`);
    await link.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('claims-table').textContent()).toContain('KS-CG-2025-0418');
    expect(await dataValue(page, 'claims-open')).toBe(1);
    await link.click();

    await page.getByTestId('claim').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('claim-confidential').textContent()).toContain('保密');
    expect(await page.getByTestId('claim-position').getAttribute('data-position')).toBe('none');
    const owedBefore = await dataValue(page, 'claim-total-owed');
    const repaidBefore = await dataValue(page, 'claim-repaid');
    expect(owedBefore).toBeGreaterThan(140_464);
    expect(repaidBefore).toBe(50_000);

    await page.getByTestId('claim-act-pay').click();
    await page.getByTestId('claim-answer-note').waitFor({ timeout: 10_000 });
    await fillNumber(page, 'claim-answer-amount', '10000');
    await page.getByTestId('claim-answer-submit').click();
    await page.getByTestId('claim-payments').waitFor({ timeout: 15_000 });
    await page.waitForFunction(
      (before) =>
        Number(document.querySelector('[data-testid="claim-total-owed"]')?.getAttribute('data-value')) <
        before,
      owedBefore,
      { timeout: 15_000 },
    );
    expect(await dataValue(page, 'claim-total-owed')).toBeCloseTo(owedBefore - 10_000, 2);
    expect(await dataValue(page, 'claim-repaid')).toBe(60_000);
    // Interest first: the interest run since May 2025 exceeds 10,000, so the unpaid principal stays.
    expect(await dataValue(page, 'claim-unpaid')).toBe(140_464);
    await page.locator('[data-testid="claim-event"][data-action="debtor_pay"]').waitFor({ timeout: 10_000 });
  });

  it('shows the server’s field error for a payment above what is owed, and asks for the reasons of a dispute', async () => {
    await page.getByTestId('claim-act-pay').click();
    await page.getByTestId('claim-answer-note').waitFor({ timeout: 10_000 });
    await fillNumber(page, 'claim-answer-amount', '99999999');
    await page.getByTestId('claim-answer-submit').click();
    const amountError = page.locator('.ant-form-item-explain-error').filter({ hasText: '尚欠的金额' });
    await amountError.waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await page.getByTestId('claim-answer-note').waitFor({ state: 'detached', timeout: 10_000 });

    await page.getByTestId('claim-act-dispute').click();
    await page.getByTestId('claim-answer-note').waitFor({ timeout: 10_000 });
    await page.getByTestId('claim-answer-submit').click();
    await page
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: '请说明有异议的理由' })
      .waitFor({ timeout: 10_000 });
    // Nothing was sent: the complaint still awaits our answer.
    expect(await page.getByTestId('claim-position').getAttribute('data-position')).toBe('none');

    await page.getByTestId('claim-answer-note').fill('部分货物未通过验收，金额应扣减。');
    await page.getByTestId('claim-answer-submit').click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="claim-position"]')?.getAttribute('data-position') ===
        'disputed',
      undefined,
      { timeout: 15_000 },
    );
    expect(await page.getByTestId('claim-timeline').textContent()).toContain('部分货物未通过验收');
  });

  it('publishes last year’s disclosure after a confirmation, shown with its time and lateness', async () => {
    await page.goto(`${rig.server.url}/app/disclosure`);
    await page.getByTestId('disclosure-generated').waitFor({ timeout: 15_000 });
    expect(await dataValue(page, 'disclosure-contracts')).toBe(1);
    expect(await page.getByTestId('disclosure-details').textContent()).toContain('KS-CG-2025-0418');
    await page.getByTestId('disclosure-note').fill('已制定清偿计划。');
    await page.getByTestId('disclosure-publish').click();
    await page.getByTestId('disclosure-confirm').click({ timeout: 10_000 });
    const published = page.getByTestId('disclosure-published');
    await published.waitFor({ timeout: 15_000 });
    const late = (await published.getAttribute('data-late')) === 'true';
    expect(await page.getByTestId('disclosure-late').textContent()).toBe(late ? '逾期公开' : '按时公开');
    await page.getByTestId('logout').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/app'), { timeout: 10_000 });
  });

  it('lets the public read the published disclosures without signing in', async () => {
    await page.goto(`${rig.server.url}/`);
    await page.getByTestId('header-arrears-disclosures').click();
    await page.waitForURL((url) => url.pathname === '/arrears-disclosures', { timeout: 10_000 });
    await page.getByTestId('public-disclosures-table').waitFor({ timeout: 15_000 });
    const name = page.getByTestId('public-disclosure-name').filter({ hasText: '某县直机关' });
    await name.waitFor({ timeout: 15_000 });
    await page.locator('.ant-table-row-expand-icon').first().click();
    const details = page.getByTestId('public-disclosure-details');
    await details.waitFor({ timeout: 10_000 });
    // Count and amount only: the contracts are not public.
    expect(await details.textContent()).not.toContain('KS-CG-2025-0418');
    expect(await details.textContent()).toContain('已制定清偿计划');
    expect(await page.getByTestId('header-login').isVisible()).toBe(true);
  });

  it('lets the admin see the payer’s organisation and shows the server’s error on a wrong credit code', async () => {
    await signIn(page, rig.server.url, 'admin');
    await page.goto(`${rig.server.url}/app/admin/users`);
    await page.getByTestId('users-table').waitFor({ timeout: 15_000 });
    const organization = page.getByTestId('user-organization-payer');
    await organization.waitFor({ timeout: 15_000 });
    expect(await organization.textContent()).toContain('某县直机关');
    await page.getByTestId('edit-user-payer').click();
    const uscc = page.getByTestId('user-form-organization-uscc');
    await uscc.waitFor({ timeout: 15_000 });
    expect(await uscc.inputValue()).toBe('11320583MB0000001H');
    // The right characters with a wrong check character: only the server knows.
    await uscc.fill('11320583MB0000001A');
    await page.getByTestId('user-form-submit').click();
    await page
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: '统一社会信用代码' })
      .waitFor({ timeout: 15_000 });
  });
});
