/**
 * The financing paths the other browser tests leave out (issue 15), through the UI with the demo logins: the demo
 * enterprise posts a demand, the demo bank picks it up and declines it with a reason from the list and its words;
 * the enterprise reads the decline on the timeline, agrees to be referred in one step and the demand is open again
 * (its list names the bank with 未获批, not next to a bare 待受理); a notice in its inbox opens the demand's page; it
 * withdraws another demand (已撤回, the bank's answer 企业已撤回); a demand whose loan was paid out reads 已放款. The
 * debtor body's official disputes the demo's receivable awaiting it, with reasons, and the enterprise reads 有异议
 * with them — its request form offers no complaint whose receivable is already asked for. The county official
 * takes an enterprise off the recommended list with a reason. In English the enterprise's demands read in English.
 * Demand ids are read through the API, as the other financing tests do.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCookie,
  type BrowserRig,
  fieldError,
  getJson,
  pickOption as pick,
  signIn,
  startRig,
} from './browser.ts';

interface DemandRow {
  id: number;
  state: string;
  amount: string;
  responses: { state: string; institutionName: string }[];
}

describe('financing paths in a browser: decline and referral, withdrawal, dispute, removal, notices, English', () => {
  let rig: BrowserRig;
  let page: Page;
  let base = '';
  /** The demo bank's name (the one that declines here), and the bank that paid out the demo's granted demand. */
  let bankName = '';
  let disbursedBank = '';
  let declinedId = 0;
  /** The demo's demand a bank is working on (withdrawn here), and its granted and disbursed one. */
  let inProgressId = 0;
  let disbursedId = 0;
  const demoContract = 'KS-FW-2026-0107';
  const declineWords = `抵押物评估价值不足（浏览器测试${Date.now() % 10000}）`;
  const disputeReason = '合同约定的验收尚未完成，金额存在争议（浏览器测试）';
  const removeReason = '企业已通过其他渠道获得融资（浏览器测试）';

  const demandState = () => page.getByTestId('demand-state').first().getAttribute('data-state');

  beforeAll(async () => {
    rig = await startRig();
    base = rig.server.url;
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    const cookie = await apiCookie(base, 'enterprise');
    const mine = await getJson<{ items: DemandRow[] }>(
      base,
      '/api/my/financing/demands?pageSize=100',
      cookie,
    );
    inProgressId = mine.items.find((d) => d.state === 'in_progress')?.id ?? 0;
    const disbursed = mine.items.find(
      (d) => d.state === 'granted' && d.responses.some((r) => r.state === 'disbursed'),
    );
    disbursedId = disbursed?.id ?? 0;
    disbursedBank = disbursed?.responses.find((r) => r.state === 'disbursed')?.institutionName ?? '';
    expect(inProgressId).toBeGreaterThan(0);
    expect(disbursedId).toBeGreaterThan(0);
    expect(disbursedBank).not.toBe('');
  });
  afterAll(() => rig?.close());

  it('the enterprise posts a demand; the bank picks it up and declines it with a reason and its words', async () => {
    await signIn(page, base, 'enterprise');
    await page.goto(`${base}/app/my/financing/demands`);
    await page.getByTestId('demand-new').click();
    await page.getByTestId('demand-form').waitFor({ timeout: 10_000 });
    await page.getByTestId('demand-amount-input').fill('66');
    await page.getByTestId('demand-term-input').fill('12');
    await pick(page, 'demand-purposes', '设备购置');
    await page.keyboard.press('Escape');
    await page.getByTestId('demand-description').fill('购置一台激光切割机，以设备抵押，销售回款还款。');
    await page.getByTestId('demand-submit').click();
    const refusal = page.getByTestId('financing-form-error');
    await Promise.race([
      page.waitForURL((url) => /^\/app\/my\/financing\/demands\/\d+$/.test(url.pathname), {
        timeout: 15_000,
      }),
      refusal.waitFor({ timeout: 15_000 }).then(async () => {
        throw new Error(`the demand was refused: ${await refusal.textContent()}`);
      }),
    ]);
    declinedId = Number(new URL(page.url()).pathname.split('/').at(-1));
    expect(declinedId).toBeGreaterThan(0);

    await signIn(page, base, 'bank');
    await page.goto(`${base}/app/bank/financing/demands`);
    const row = page.locator(`[data-testid="board-row"][data-demand-id="${declinedId}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.getByTestId(`board-pickup-${declinedId}`).click();
    await page.waitForURL((url) => url.pathname.endsWith(`/${declinedId}`), { timeout: 15_000 });
    await page.getByTestId('own-response').waitFor({ timeout: 15_000 });
    const state = () =>
      page.getByTestId('own-response').getByTestId('response-state').getAttribute('data-state');
    expect(await state()).toBe('picked_up');

    await page.getByTestId('action-decline').click();
    await page.getByTestId('action-form-decline').waitFor({ timeout: 10_000 });
    // Neither a reason nor words: both asked for.
    await page.getByTestId('action-submit').click();
    expect(await fieldError(page, 'decline-reason')).not.toBe('');
    expect(await fieldError(page, 'decline-text')).not.toBe('');
    await pick(page, 'decline-reason', '抵押担保不足');
    await page.getByTestId('decline-text').fill(declineWords);
    await page.getByTestId('action-submit').click();
    await page.getByTestId('action-form-decline').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(state, { timeout: 15_000 }).toBe('declined');
    const decline = (await page.getByTestId('response-decline').textContent()) ?? '';
    expect(decline).toContain('抵押担保不足');
    expect(decline).toContain(declineWords);
  });

  it('a notice in the enterprise’s inbox opens the demand’s page', async () => {
    await signIn(page, base, 'enterprise');
    await page.locator('.ant-menu').getByText('消息').first().click();
    await page.waitForURL((url) => url.pathname === '/app/inbox', { timeout: 10_000 });
    const link = `/app/my/financing/demands/${declinedId}`;
    const notice = page.locator(`[data-testid="inbox-item"][data-link="${link}"]`).first();
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.getAttribute('data-kind')).toBe('financing');
    expect(await notice.getByTestId('inbox-item-open').textContent()).toContain('查看');
    expect(await notice.textContent()).toContain('融资');
    await notice.click();
    await page.waitForURL((url) => url.pathname === link, { timeout: 10_000 });
    await page.getByTestId('demand-summary').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('demand-amount').textContent()).toBe('66万元');
  });

  it('the enterprise reads the decline on the timeline and agrees to be referred in one step', async () => {
    await page.goto(`${base}/app/my/financing/demands/${declinedId}`);
    await page.getByTestId('demand-timeline').waitFor({ timeout: 15_000 });
    expect(await demandState()).toBe('declined');
    const event = page.locator('[data-testid="timeline-event"][data-kind="declined"]');
    await event.waitFor({ timeout: 15_000 });
    const card = page.getByTestId('bank-response').first();
    bankName = ((await card.locator('.ant-card-head-title').textContent()) ?? '').trim();
    expect(bankName).not.toBe('');
    expect(await event.getByTestId('timeline-signature').textContent()).toContain(bankName);
    expect(await card.getByTestId('response-state').getAttribute('data-state')).toBe('declined');
    expect(await card.getByTestId('response-decline').textContent()).toContain(declineWords);

    await page.getByTestId('demand-refer').click();
    await expect.poll(demandState, { timeout: 15_000 }).toBe('open');
    await page.getByTestId('demand-referred').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="timeline-event"][data-kind="referred"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('demand-refer').count()).toBe(0);

    // On the list: open (待受理) again, and the bank that declined says so.
    await page.goto(`${base}/app/my/financing/demands`);
    const row = page.locator(`[data-testid="my-demand-row"][data-demand-id="${declinedId}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('demand-state').textContent()).toBe('待受理');
    expect(await row.getByTestId('demand-referred').textContent()).toBe('已同意推荐');
    const bank = row.getByTestId('my-demand-bank');
    expect(await bank.getAttribute('data-state')).toBe('declined');
    expect(await bank.textContent()).toBe(`${bankName}（未获批）`);
  });

  it('the enterprise withdraws a demand a bank is working on; a paid-out one reads 已放款', async () => {
    await page.goto(`${base}/app/my/financing/demands/${inProgressId}`);
    await page.getByTestId('demand-withdraw').click();
    await page.getByTestId('demand-withdraw-ok').click();
    await expect.poll(demandState, { timeout: 15_000 }).toBe('withdrawn');
    expect(await page.getByTestId('demand-state').first().textContent()).toBe('已撤回');
    expect(await page.getByTestId('demand-withdraw').count()).toBe(0);

    await page.goto(`${base}/app/my/financing/demands`);
    const row = page.locator(`[data-testid="my-demand-row"][data-demand-id="${inProgressId}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('demand-state').textContent()).toBe('已撤回');
    expect(await row.getByTestId('my-demand-bank').first().textContent()).toContain('（企业已撤回）');

    // The demo's granted demand, its loan paid out: 已放款, as the bank's list says.
    const paid = page.locator(`[data-testid="my-demand-row"][data-demand-id="${disbursedId}"]`);
    const tag = paid.getByTestId('demand-state');
    expect(await tag.getAttribute('data-state')).toBe('granted');
    expect(await tag.getAttribute('data-disbursed')).toBe('true');
    expect(await tag.textContent()).toBe('已放款');
    expect(await paid.getByTestId('my-demand-bank').textContent()).toBe(`${disbursedBank}（已放款）`);
  });

  it('the payer disputes the receivable it was asked to confirm, with reasons', async () => {
    await signIn(page, base, 'payer');
    await page.goto(`${base}/app/payer/receivables`);
    const row = page.locator(`[data-testid="payer-receivable-row"][data-contract="${demoContract}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('receivable-state').getAttribute('data-state')).toBe('requested');
    await row.getByTestId('receivable-dispute').click();
    await page.getByTestId('receivable-dispute-form').waitFor({ timeout: 10_000 });
    // Reasons too short are refused before they are sent.
    await page.getByTestId('receivable-dispute-reason-input').fill('有争议');
    await page.getByTestId('receivable-answer-submit').click();
    expect(await fieldError(page, 'receivable-dispute-reason-input')).not.toBe('');
    await page.getByTestId('receivable-dispute-reason-input').fill(disputeReason);
    await page.getByTestId('receivable-answer-submit').click();
    await page.getByTestId('receivable-dispute-form').waitFor({ state: 'detached', timeout: 15_000 });
    await expect
      .poll(() => row.getByTestId('receivable-state').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('disputed');
  });

  it('the enterprise reads 有异议 with the reasons; its form offers no complaint already asked for', async () => {
    await signIn(page, base, 'enterprise');
    await page.goto(`${base}/app/my/financing/receivables`);
    const row = page.getByTestId('my-receivable-row').filter({ hasText: demoContract });
    await row.waitFor({ timeout: 15_000 });
    const state = row.getByTestId('receivable-state');
    expect(await state.getAttribute('data-state')).toBe('disputed');
    expect(await state.textContent()).toBe('有异议');
    expect(await row.getByTestId('receivable-dispute-reason').textContent()).toContain(disputeReason);

    // The demo's one overdue-payment complaint has its receivable financed: none is offered.
    await page.getByTestId('receivable-new').click();
    await page.getByTestId('receivable-form').waitFor({ timeout: 10_000 });
    await page.getByTestId('receivable-no-cases').waitFor({ timeout: 15_000 });
    await page.getByTestId('receivable-case').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-empty')
      .waitFor({ timeout: 10_000 });
    expect(
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .count(),
    ).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('the county official takes an enterprise off the recommended list with a reason', async () => {
    await signIn(page, base, 'official.county');
    await page.goto(`${base}/app/financing/recommendations`);
    await page.getByTestId('rec-row').first().waitFor({ timeout: 15_000 });
    // One pushed to a bank that has not contacted it yet: it may still be taken off.
    const removable = page.getByTestId('rec-row').filter({ has: page.getByTestId('rec-remove') });
    await removable.first().waitFor({ timeout: 15_000 });
    const uscc = (await removable.first().getAttribute('data-uscc')) ?? '';
    expect(uscc).toMatch(/^[0-9A-Z]{18}$/);
    const row = page.locator(`[data-testid="rec-row"][data-uscc="${uscc}"]`);
    await row.getByTestId('rec-remove').click();
    await page.getByTestId('rec-remove-reason').fill('无');
    await page.getByTestId('rec-remove-submit').click();
    expect(await fieldError(page, 'rec-remove-reason')).not.toBe('');
    await page.getByTestId('rec-remove-reason').fill(removeReason);
    await page.getByTestId('rec-remove-submit').click();
    await page
      .locator(`[data-testid="rec-row"][data-uscc="${uscc}"][data-state="removed"]`)
      .waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('rec-state-tag').first().textContent()).toBe('已移出');
    expect(await row.getByTestId('rec-removed-reason').textContent()).toBe(removeReason);
    expect(await row.getByTestId('rec-remove').count()).toBe(0);
  });

  it('applying to a product, an amount and a term outside its ranges are said on their fields', async () => {
    await signIn(page, base, 'enterprise');
    await page.goto(`${base}/app/my/financing/products`);
    const card = page.getByTestId('my-product').first();
    await card.waitFor({ timeout: 15_000 });
    const productId = await card.getAttribute('data-product-id');
    await card.getByTestId(`product-apply-${productId}`).click();
    await page.getByTestId('demand-form').waitFor({ timeout: 10_000 });
    await page.getByTestId('demand-amount-input').fill('0.01');
    await page.getByTestId('demand-term-input').fill('359');
    const warningOf = async (testId: string) => {
      const item = page.locator('.ant-form-item', { has: page.getByTestId(testId) }).last();
      const warning = item.locator('.ant-form-item-explain-warning');
      await warning.first().waitFor({ timeout: 10_000 });
      return (await warning.allTextContents()).join(' ');
    };
    expect(await warningOf('demand-amount-input')).toContain('不在该产品的额度范围');
    expect(await warningOf('demand-term-input')).toContain('不在该产品的期限范围');
    // Said, not refused: no error on either field.
    expect(
      await page
        .locator('.ant-form-item', { has: page.getByTestId('demand-amount-input') })
        .last()
        .locator('.ant-form-item-explain-error')
        .count(),
    ).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('in English the enterprise’s demands read in English', async () => {
    await signIn(page, base, 'enterprise');
    await page.goto(`${base}/app/my/financing/demands`);
    const row = page.locator(`[data-testid="my-demand-row"][data-demand-id="${declinedId}"]`);
    await row.waitFor({ timeout: 15_000 });
    await page.getByTestId('lang-switch').first().click();
    try {
      await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, {
        timeout: 10_000,
      });
      await expect
        .poll(() => page.getByTestId('page-title').textContent(), { timeout: 10_000 })
        .toBe('My financing demands');
      const head = (await page.getByTestId('my-demands-table').locator('thead').textContent()) ?? '';
      expect(head).toContain('Banks');
      expect(head).toContain('State');
      expect(await page.getByTestId('demand-new').textContent()).toMatch(/[A-Za-z]/);
      expect(await row.getByTestId('demand-state').textContent()).toBe('Awaiting pickup');
      expect(await row.getByTestId('demand-referred').textContent()).toBe('Referral agreed');
      expect(await row.getByTestId('my-demand-bank').textContent()).toBe(`${bankName} (Declined)`);
      const paid = page.locator(`[data-testid="my-demand-row"][data-demand-id="${disbursedId}"]`);
      expect(await paid.getByTestId('demand-state').textContent()).toBe('Disbursed');
    } finally {
      // Saved to the account: back to Chinese for whoever signs in next.
      if ((await page.evaluate(() => document.documentElement.lang)) === 'en') {
        await page.getByTestId('lang-switch').first().click();
        await page.waitForFunction(() => document.documentElement.lang === 'zh-CN', undefined, {
          timeout: 10_000,
        });
      }
    }
  });
});
