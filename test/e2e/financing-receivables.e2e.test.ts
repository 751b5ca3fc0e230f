/**
 * Receivables that finance (issue 15, 应收账款确权) in a browser, across roles: the demo enterprise opens the request
 * form from its overdue-payment complaint (already asked: the refusal lands on the field), is told on the kind when
 * a "large enterprise" is an SME in the registry, and asks the demo debtor body through the form; the debtor's
 * official (payer) confirms a part through the modal; the enterprise finances it (the demand form with the
 * receivable, the city bank's receivables product chosen); the city bank sees the debtor's confirmation, picks the
 * demand up, grants and disburses with the transfer notice; the payer sees the transfer notice with the bank; the
 * county official's dashboard shows figures and its CSV export downloads; the desk has the 确权逾期 tab.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCookie,
  type BrowserRig,
  fieldError,
  fillNumber,
  getJson,
  pickOption as pick,
  signIn,
  startRig,
} from './browser.ts';

describe('receivables that finance in a browser', () => {
  let rig: BrowserRig;
  let page: Page;
  let base = '';
  let enterpriseId = 0;
  let debtor = { uscc: '', name: '' };
  let sme = '';
  let complaintId = 0;
  let demandId = 0;
  const contract = `E2E-YS-${Date.now() % 1_000_000}`;

  beforeAll(async () => {
    rig = await startRig();
    base = rig.server.url;
    page = rig.browser.pages()[0] ?? (await rig.browser.newPage());
    const cookie = await apiCookie(base, 'enterprise');
    const mine = await getJson<{ id: number; uscc: string }>(base, '/api/my/enterprise', cookie);
    enterpriseId = mine.id;
    // The demo debtor body (the payer's organisation): the demo's own request names it.
    const asked = await getJson<{
      items: { debtorUscc: string; debtorName: string; caseId: number | null }[];
    }>(base, '/api/my/financing/receivables?pageSize=50', cookie);
    const demo = asked.items.find((r) => r.caseId !== null) ?? asked.items[0];
    expect(demo).toBeDefined();
    debtor = { uscc: demo?.debtorUscc ?? '', name: demo?.debtorName ?? '' };
    complaintId = asked.items.find((r) => r.caseId !== null)?.caseId ?? 0;
    // An SME in the registry, to be refused as a "large enterprise".
    const official = await apiCookie(base, 'official.province');
    const list = await getJson<{ items: { uscc: string; size: string | null }[] }>(
      base,
      '/api/enterprises?pageSize=100',
      official,
    );
    sme =
      list.items.find((e) => (e.size === 'small' || e.size === 'micro') && e.uscc !== mine.uscc)?.uscc ?? '';
    expect(sme).toMatch(/^[0-9A-Z]{18}$/);
  });
  afterAll(() => rig?.close());

  it('the enterprise asks the debtor through the form; refusals land on their fields', async () => {
    await signIn(page, base, 'enterprise');
    // From the complaint's page: the form opens with the complaint chosen; it is asked already.
    expect(complaintId).toBeGreaterThan(0);
    await page.goto(`${base}/app/my-cases/${complaintId}`);
    await page.getByTestId('case-request-confirmation').click();
    await page.waitForURL((url) => url.pathname === '/app/my/financing/receivables', { timeout: 10_000 });
    await page.getByTestId('receivable-form').waitFor({ timeout: 15_000 });
    await page.getByTestId('receivable-submit').click();
    expect(await fieldError(page, 'receivable-case')).toContain('该投诉的应收账款已有确权请求 #');

    // Entered: a "large enterprise" the registry classes as an SME is told on the kind, in full.
    await page.getByTestId('receivable-source').getByText('填写合同信息').click();
    await page.getByTestId('receivable-debtor-uscc').fill(sme);
    await pick(page, 'receivable-debtor-kind', '大型企业');
    await page.getByTestId('receivable-debtor-name').fill('某大型企业（测试）');
    await page.getByTestId('receivable-contract').fill(contract);
    await page.getByTestId('receivable-amount').fill('860000.5');
    await page.getByTestId('receivable-submit').click();
    const kindError = await fieldError(page, 'receivable-debtor-kind');
    expect(kindError).toContain('企业名录中该企业为');
    expect(kindError).toContain('确权义务适用于机关、事业单位和大型企业');

    await page.getByTestId('receivable-debtor-uscc').fill(debtor.uscc);
    await pick(page, 'receivable-debtor-kind', '机关');
    await page.getByTestId('receivable-debtor-name').fill(debtor.name);
    await page.getByTestId('receivable-submit').click();
    await page.getByTestId('receivable-form').waitFor({ state: 'detached', timeout: 15_000 });

    const row = page.getByTestId('my-receivable-row').filter({ hasText: contract });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('receivable-amount-text').textContent()).toBe('860,000.5元');
    expect(await row.getByTestId('receivable-state').getAttribute('data-state')).toBe('requested');
    expect(await row.getByTestId('receivable-confirm-due').getAttribute('data-late')).toBe('false');
    expect(await row.textContent()).toContain('还剩');
    expect(await row.getByTestId('receivable-finance').count()).toBe(0);
  });

  it('the payer confirms a part through the modal', async () => {
    await signIn(page, base, 'payer');
    await page.locator('.ant-menu').getByText('应收账款确权').first().click();
    await page.waitForURL((url) => url.pathname === '/app/payer/receivables', { timeout: 10_000 });
    const row = page.locator(`[data-testid="payer-receivable-row"][data-contract="${contract}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('860,000.5元');
    await row.getByTestId('receivable-confirm').click();
    await page.getByTestId('receivable-confirm-form').waitFor({ timeout: 10_000 });
    await page.getByTestId('receivable-confirm-scope').getByText('部分金额').click();
    // More than asked is refused before it is sent.
    await page.getByTestId('receivable-confirm-amount').fill('900000');
    await page.getByTestId('receivable-answer-submit').click();
    expect(await fieldError(page, 'receivable-confirm-amount')).toContain('不能超过');
    await page.getByTestId('receivable-confirm-amount').fill('600000');
    await page.getByTestId('receivable-answer-submit').click();
    await page.getByTestId('receivable-confirm-form').waitFor({ state: 'detached', timeout: 15_000 });
    await expect
      .poll(() => row.getByTestId('receivable-state').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('confirmed');
    expect(await row.getByTestId('receivable-confirmed-amount').textContent()).toBe('600,000元');
    expect(await row.textContent()).toContain('部分确认');
  });

  it('the enterprise finances the confirmed receivable with the receivables product', async () => {
    await signIn(page, base, 'enterprise');
    await page.locator('.ant-menu').getByText('应收账款确权').first().click();
    await page.waitForURL((url) => url.pathname === '/app/my/financing/receivables', { timeout: 10_000 });
    const row = page.getByTestId('my-receivable-row').filter({ hasText: contract });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('receivable-state').getAttribute('data-state')).toBe('confirmed');
    await row.getByTestId('receivable-finance').click();
    await page.getByTestId('demand-form').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('demand-receivable').textContent()).toContain('600,000元');
    // 600,000 yuan is 60万元; the collateral is the receivable.
    expect(await page.getByTestId('demand-amount-input').inputValue()).toBe('60');
    expect(await page.getByTestId('demand-collateral').textContent()).toContain('应收账款');
    await pick(page, 'demand-product', '（演示）应收账款融资');
    await page.getByTestId('demand-description').fill('以县直机关确认的应收账款融资，补充流动资金。');
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
    demandId = Number(new URL(page.url()).pathname.split('/').at(-1));
    expect(demandId).toBeGreaterThan(0);
  });

  it('the city bank sees the confirmation, picks up, grants and disburses with the transfer notice', async () => {
    await signIn(page, base, 'bank.city');
    await page.goto(`${base}/app/bank/financing/demands/${enterpriseId}/${demandId}`);
    const receivable = page.getByTestId('demand-receivable');
    await receivable.waitFor({ timeout: 15_000 });
    const text = (await receivable.textContent()) ?? '';
    expect(text).toContain('应收账款已由债务人确认');
    expect(text).toContain('机关');
    expect(await page.getByTestId('demand-receivable-confirmed').textContent()).toBe('600,000元');

    await page.getByTestId('demand-pickup').click();
    await page.getByTestId('own-response').waitFor({ timeout: 15_000 });
    const state = () =>
      page.getByTestId('own-response').getByTestId('response-state').getAttribute('data-state');
    await page.getByTestId('action-contact').click();
    await expect.poll(state, { timeout: 15_000 }).toBe('contacted');

    await page.getByTestId('action-grant').click();
    await page.getByTestId('action-form-grant').waitFor({ timeout: 10_000 });
    await page.getByTestId('grant-rate').fill('4.2');
    await fillNumber(page, 'grant-term', '6');
    await page.getByTestId('grant-security').getByText('抵质押或担保').click();
    await page.getByTestId('action-submit').click();
    await page.getByTestId('action-form-grant').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(state, { timeout: 15_000 }).toBe('granted');

    await page.getByTestId('action-disburse').click();
    await page.getByTestId('action-form-disburse').waitFor({ timeout: 10_000 });
    // Pledge is the default; the debtor is told of a transfer here.
    expect(
      await page.getByTestId('disburse-notice').locator('.ant-radio-wrapper-checked').textContent(),
    ).toBe('质押');
    await page.getByTestId('disburse-notice').getByText('转让').click();
    await page.getByTestId('action-submit').click();
    await page.getByTestId('action-form-disburse').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(state, { timeout: 15_000 }).toBe('disbursed');
    await expect
      .poll(() => page.getByTestId('demand-receivable').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('financed');
  });

  it('the payer sees the transfer notice with the bank', async () => {
    await signIn(page, base, 'payer');
    await page.goto(`${base}/app/payer/receivables`);
    const row = page.locator(`[data-testid="payer-receivable-row"][data-contract="${contract}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('receivable-state').getAttribute('data-state')).toBe('financed');
    const notice = row.getByTestId('receivable-notice');
    expect(await notice.getAttribute('data-kind')).toBe('transfer');
    expect(await notice.textContent()).toContain('转让通知');
    const words = row.getByTestId('receivable-notice-text');
    await words.waitFor({ timeout: 15_000 });
    expect(await words.textContent()).toContain(`转让给`);
    expect(await words.textContent()).toContain(contract);
  });

  it('the county official reads the dashboard, downloads a table as CSV, and opens the 确权逾期 tab', async () => {
    await signIn(page, base, 'official.county');
    await page.locator('.ant-menu').getByText('融资统计').first().click();
    await page.waitForURL((url) => url.pathname === '/app/financing/dashboard', { timeout: 10_000 });
    const demands = page.getByTestId('dashboard-total-demands');
    await demands.waitFor({ timeout: 15_000 });
    expect(Number(await demands.getAttribute('data-value'))).toBeGreaterThan(0);
    expect(await page.getByTestId('dashboard-total-grantRate').getAttribute('data-value')).toMatch(/%$/);
    await page.getByTestId('dashboard-months-chart').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('dashboard-banks-row').count()).toBeGreaterThan(0);
    const kinds = (await page.getByTestId('dashboard-kinds').textContent()) ?? '';
    expect(kinds).toContain('应收账款融资');

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      page.getByTestId('dashboard-regions-export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^financing-regions-.*\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('地区');
    expect(csv).toContain('受理率');

    await page.locator('.ant-menu').getByText('融资服务台').first().click();
    await page.waitForURL((url) => url.pathname === '/app/financing/desk', { timeout: 10_000 });
    await page.getByTestId('desk-tab-unconfirmed').click();
    await page.getByTestId('desk-unconfirmed-table').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('list')).toBe('unconfirmed');
  });
});
