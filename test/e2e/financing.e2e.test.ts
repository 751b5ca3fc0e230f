/**
 * Financing matchmaking (issue 15) in a browser, across its roles: the demo bank publishes a loan product through
 * its form (a rule that is not JSON is refused with its line and column, one the rule language refuses on the
 * field); the demo enterprise finds the product with its fit explained, and posts a demand through the form (at
 * most three purposes, the description's 250-character counter, the profile shown); the bank sees the demand on its
 * board, picks it up, records the first contact and grants through the modal; the enterprise reads the bank's
 * answer and the timeline and rates the bank; the county official opens the financing desk and the dated figures.
 * Everything the flow needs is made here (the demo's own financing rows are not relied on).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCookie, type BrowserRig, fillNumber, signIn, startRig } from './browser.ts';

/** Chooses the option `text` of the antd Select found by its test id (the dropdown left open for the next). */
async function pick(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  const option = page.locator(
    '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option',
    {
      hasText: text,
    },
  );
  await option.first().waitFor({ timeout: 10_000 });
  await option.first().dispatchEvent('click');
}

describe('financing matchmaking in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let base = '';
  let regionCode = '';
  let enterpriseName = '';
  let demandId = 0;
  const productName = `浏览器测试流动资金贷${Date.now() % 100000}`;

  beforeAll(async () => {
    rig = await startRig();
    base = rig.server.url;
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    const cookie = await apiCookie(base, 'enterprise');
    const mine = (await (await fetch(`${base}/api/my/enterprise`, { headers: { cookie } })).json()) as {
      regionCode: string;
      name: string;
    };
    regionCode = mine.regionCode;
    enterpriseName = mine.name;
    expect(regionCode).toMatch(/^\d{6}$/);
  });
  afterAll(() => rig?.close());

  it('the bank publishes a loan product through the form; a rule that is not JSON or does not check is refused', async () => {
    await signIn(page, base, 'bank');
    await page.locator('.ant-menu').getByText('贷款产品').first().click();
    await page.waitForURL((url) => url.pathname === '/app/bank/financing/products', { timeout: 10_000 });
    await page.getByTestId('products-table').waitFor({ timeout: 15_000 });

    await page.getByTestId('product-new').click();
    await page.getByTestId('product-form').waitFor({ timeout: 10_000 });
    await page.getByTestId('product-name').fill(productName);
    await page.getByTestId('product-amount-min').fill('10');
    await page.getByTestId('product-amount-max').fill('500.5');
    await fillNumber(page, 'product-term-min', '3');
    await fillNumber(page, 'product-term-max', '36');
    await page.getByTestId('product-rate-min').fill('3.45');
    await page.getByTestId('product-rate-max').fill('6');
    // A guarantee fee is asked for only of a guaranteed loan.
    expect(await page.getByTestId('product-fee').count()).toBe(0);
    // The region served typed as its code.
    await page.getByTestId('product-regions').click();
    await page.keyboard.type(regionCode);
    await page.keyboard.press('Enter');
    await page.getByTestId('product-rule').fill('{"all": [\n  {"size": ["small"]\n]}');
    await page.getByTestId('product-submit').click();
    await page
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: '第 3 行' })
      .waitFor({ timeout: 10_000 });
    // JSON, but not the rule language: the server's error on the field, with where.
    await page.getByTestId('product-rule').fill('{"compare": [{"fact": "profit"}, ">", 1]}');
    await page.getByTestId('product-submit').click();
    await page.locator('.ant-form-item-has-error [data-testid="product-rule"]').waitFor({ timeout: 15_000 });
    // No rule: every enterprise in the region qualifies.
    await page.getByTestId('product-rule').fill('');
    await page.getByTestId('product-submit').click();
    await page.getByTestId('product-form').waitFor({ state: 'detached', timeout: 15_000 });

    const row = page.getByTestId('product-row').filter({ hasText: productName });
    await row.waitFor({ timeout: 15_000 });
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('10–500.5万元');
    expect(text).toContain('3.45%–6%');
    expect(text).toContain('信用贷款');
  });

  it('the enterprise finds the product with its fit, and posts a demand through the form', async () => {
    await signIn(page, base, 'enterprise');
    await page.locator('.ant-menu').getByText('融资产品').first().click();
    await page.waitForURL((url) => url.pathname === '/app/my/financing/products', { timeout: 10_000 });
    const card = page.getByTestId('my-product').filter({ hasText: productName });
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getByTestId('product-fit').getAttribute('data-outcome')).toBe('eligible');
    expect(await card.textContent()).toContain('服务区域');

    await page.locator('.ant-menu').getByText('我的融资需求').first().click();
    await page.waitForURL((url) => url.pathname === '/app/my/financing/demands', { timeout: 10_000 });
    await page.getByTestId('demand-new').click();
    await page.getByTestId('demand-form').waitFor({ timeout: 10_000 });
    await page.getByTestId('demand-amount-input').fill('120.5');
    await page.getByTestId('demand-term-input').fill('12');
    // Three purposes at most: the fourth cannot be chosen.
    await pick(page, 'demand-purposes', '流动资金周转');
    await pick(page, 'demand-purposes', '原材料采购');
    await pick(page, 'demand-purposes', '设备购置');
    const fourth = page.locator(
      '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option',
      {
        hasText: '数字化转型',
      },
    );
    await fourth.first().waitFor({ timeout: 10_000 });
    expect(await fourth.first().getAttribute('class')).toContain('ant-select-item-option-disabled');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('demand-purposes-count').textContent()).toBe('已选 3 / 3 项');
    // The description stops at 250 characters, and its counter says so.
    await page.getByTestId('demand-description').fill('扩'.repeat(260));
    expect(await page.getByTestId('demand-description-count').textContent()).toBe('250 / 250');
    await page
      .getByTestId('demand-description')
      .fill('订单增长，需采购原材料和一台数控设备，以销售回款还款。');
    expect(await page.getByTestId('demand-description-count').textContent()).toMatch(/^\d+ \/ 250$/);
    // One bank at a time is the default; the profile is shown on purpose.
    expect(await page.getByTestId('demand-exclusive').getAttribute('aria-checked')).toBe('true');
    expect(await page.getByTestId('demand-form').textContent()).toContain(
      '允许受理的金融机构查看企业名称和统一社会信用代码',
    );
    await page.getByTestId('demand-show-profile').click();
    await page.getByTestId('demand-submit').click();
    // Posted: the demand's page; refused: the form says why (shown here rather than a bare timeout).
    const refusal = page.getByTestId('financing-form-error');
    await Promise.race([
      page.waitForURL((url) => /^\/app\/my\/financing\/demands\/\d+$/.test(url.pathname), {
        timeout: 15_000,
      }),
      refusal.waitFor({ timeout: 15_000 }).then(async () => {
        throw new Error(`the demand was refused: ${await refusal.textContent()}`);
      }),
    ]);
    demandId = Number(new URL(page.url()).pathname.split('/').at(-1));
    expect(demandId).toBeGreaterThan(0);
    await page.getByTestId('demand-summary').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('demand-amount').textContent()).toBe('120.5万元');
    expect(await page.getByTestId('demand-state').getAttribute('data-state')).toBe('open');
  });

  it('the bank sees the demand on its board, picks it up, contacts the enterprise and grants through the modal', async () => {
    await signIn(page, base, 'bank');
    await page.locator('.ant-menu').getByText('融资需求').first().click();
    await page.waitForURL((url) => url.pathname === '/app/bank/financing/demands', { timeout: 10_000 });
    const row = page.locator(`[data-testid="board-row"][data-demand-id="${demandId}"]`);
    await row.waitFor({ timeout: 15_000 });
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('120.5万元');
    expect(text).toContain('流动资金周转');
    await row.getByTestId(`board-pickup-${demandId}`).click();
    await page.waitForURL((url) => url.pathname.endsWith(`/${demandId}`), { timeout: 15_000 });
    await page.getByTestId('own-response').waitFor({ timeout: 15_000 });
    // The enterprise chose to show who it is.
    expect(await page.getByTestId('demand-identity').textContent()).toContain(enterpriseName);
    const state = () =>
      page.getByTestId('own-response').getByTestId('response-state').getAttribute('data-state');
    expect(await state()).toBe('picked_up');
    expect(await page.getByTestId('response-contact-due').getAttribute('data-late')).toBe('false');

    await page.getByTestId('action-contact').click();
    await expect.poll(state, { timeout: 15_000 }).toBe('contacted');

    await page.getByTestId('action-grant').click();
    await page.getByTestId('action-form-grant').waitFor({ timeout: 10_000 });
    await page.getByTestId('grant-amount').fill('100');
    await page.getByTestId('grant-rate').fill('3.8');
    await fillNumber(page, 'grant-term', '12');
    await page.getByTestId('grant-first-loan').getByText('是').click();
    await page.getByTestId('action-submit').click();
    await page.getByTestId('action-form-grant').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(state, { timeout: 15_000 }).toBe('granted');
    const granted = (await page.getByTestId('response-granted').textContent()) ?? '';
    expect(granted).toContain('100万元');
    expect(granted).toContain('3.8%');
    expect(granted).toContain('首贷');
    expect(await page.getByTestId('timeline-event').count()).toBeGreaterThanOrEqual(3);
  });

  it('the enterprise reads the answer and the timeline, and rates the bank', async () => {
    await signIn(page, base, 'enterprise');
    await page.goto(`${base}/app/my/financing/demands/${demandId}`);
    const card = page.getByTestId('bank-response').first();
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getByTestId('response-state').getAttribute('data-state')).toBe('granted');
    expect(await card.getByTestId('response-granted').textContent()).toContain('100万元');
    expect(await page.getByTestId('demand-state').first().getAttribute('data-state')).toBe('granted');
    const timeline = (await page.getByTestId('demand-timeline').textContent()) ?? '';
    expect(await page.getByTestId('timeline-event').count()).toBeGreaterThanOrEqual(3);
    expect(timeline).toMatch(/[\u4e00-\u9fff]/);

    const responseId = await card.getAttribute('data-response-id');
    await page.getByTestId(`response-rate-${responseId}`).click();
    await page.getByTestId('rate-stars').locator('li').nth(4).click();
    await page.getByTestId('rate-comment').fill('联系及时，放款快。');
    await page.getByTestId('rate-submit').click();
    await page.getByTestId('rate-submit').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(async () => (await card.textContent()) ?? '', { timeout: 15_000 }).toContain('★★★★★');
  });

  it('the county official opens the financing desk and the dated figures', async () => {
    await signIn(page, base, 'official.county');
    await page.locator('.ant-menu').getByText('融资服务台').first().click();
    await page.waitForURL((url) => url.pathname === '/app/financing/desk', { timeout: 10_000 });
    await page.getByTestId('desk-demands-table').waitFor({ timeout: 15_000 });
    await page.getByTestId('desk-tab-late').click();
    await page.getByTestId('desk-late-table').waitFor({ timeout: 15_000 });

    await page.locator('.ant-menu').getByText('融资规则参数').first().click();
    await page.waitForURL((url) => url.pathname === '/app/financing/settings', { timeout: 10_000 });
    const rows = page.getByTestId('financing-setting-row');
    await rows.first().waitFor({ timeout: 15_000 });
    const pickup = page
      .locator('[data-testid="financing-setting-row"][data-key="pickup_working_days"]')
      .first();
    expect(await pickup.textContent()).toContain('个工作日');
    // An unverified figure says so with its basis.
    for (const row of await rows.all())
      if ((await row.getByTestId('financing-setting-unverified').count()) > 0)
        expect(((await row.textContent()) ?? '').length).toBeGreaterThan(10);
  });
});
